"""Planning is the office's; company HR sees and submits its own company's needs."""

from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.planning.models import (
    CoordinationMeeting,
    FundingEnvelope,
    IndustryNeed,
    InstructorNeed,
    TrainingPlan,
)


@register(IndustryNeed)
class IndustryNeedPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR}),
        "create": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR}),
        "change": frozenset({Role.OFFICE_STAFF}),
        "map": frozenset({Role.OFFICE_STAFF}),
    }

    def company_q(self, scope: ActorScope) -> Q:
        return Q(company_id__in=scope.company_ids)


@register(CoordinationMeeting)
class MeetingPolicy(Policy):
    pass


@register(FundingEnvelope)
class EnvelopePolicy(Policy):
    pass


@register(TrainingPlan)
class PlanPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF}),
        "change": frozenset({Role.OFFICE_STAFF}),
        "decide": frozenset({Role.OFFICE_STAFF}),
    }


@register(InstructorNeed)
class InstructorNeedPolicy(Policy):
    pass
