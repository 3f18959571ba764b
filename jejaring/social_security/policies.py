"""Cover is administered by the office; a host company sees its interns' cover and
incidents; a person sees their own cover and card number."""

from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role
from jejaring.core.policies import Policy, register
from jejaring.social_security.models import Coverage, CoverageOverride, Incident


@register(Coverage)
class CoveragePolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR, Role.TRAINEE}),
        "change": frozenset({Role.OFFICE_STAFF}),
    }

    def company_q(self, scope: ActorScope) -> Q:
        return Q(referral__company_id__in=scope.company_ids)

    def person_q(self, scope: ActorScope) -> Q:
        return Q(person_id=scope.person_id)


@register(CoverageOverride)
class OverridePolicy(Policy):
    pass


@register(Incident)
class IncidentPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR, Role.TRAINEE}),
        "create": frozenset({Role.OFFICE_STAFF, Role.COMPANY_HR}),
        "change": frozenset({Role.OFFICE_STAFF}),
    }

    def company_q(self, scope: ActorScope) -> Q:
        return Q(coverage__referral__company_id__in=scope.company_ids)

    def person_q(self, scope: ActorScope) -> Q:
        return Q(coverage__person_id=scope.person_id)
