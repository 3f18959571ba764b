"""Follow-ups are the office's and the institution's work; a graduate sees their own."""

from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.outcomes.models import (
    FollowUp,
    GraduateOutcome,
    IndicatorDefinition,
    PublishedStatistics,
    TracerSettings,
)


@register(FollowUp)
class FollowUpPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF, Role.OPERATOR, Role.TRAINEE}),
        "record_answer": frozenset({Role.OFFICE_STAFF, Role.OPERATOR, Role.TRAINEE}),
    }

    def operator_q(self, scope: ActorScope) -> Q:
        return Q(institution_id__in=scope.institution_ids)

    def person_q(self, scope: ActorScope) -> Q:
        return Q(person_id=scope.person_id)


@register(IndicatorDefinition)
class IndicatorDefinitionPolicy(Policy):
    pass


@register(PublishedStatistics)
class PublishedStatisticsPolicy(Policy):
    pass


@register(TracerSettings)
class TracerSettingsPolicy(Policy):
    pass


@register(GraduateOutcome)
class GraduateOutcomePolicy(Policy):
    pass
