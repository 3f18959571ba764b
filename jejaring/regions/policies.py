"""A region is visible to everyone who works in it."""

from django.db.models import Q

from jejaring.core.policies import Policy, register
from jejaring.core.scope import ActorScope, Role
from jejaring.regions.models import Region


@register(Region)
class RegionPolicy(Policy):
    actions = {
        "view": frozenset(Role),
        "change": frozenset({Role.OFFICE_STAFF}),
        "view_audit": frozenset({Role.OFFICE_STAFF}),
        "view_aggregates": frozenset({Role.OFFICE_STAFF, Role.VIEWER}),
    }
    region_field = "pk"

    def office_q(self, scope: ActorScope) -> Q:
        return Q(pk__in=scope.office_region_ids)

    def operator_q(self, scope: ActorScope) -> Q:
        return Q(pk__in=scope.operator_region_ids)

    def assessor_q(self, scope: ActorScope) -> Q:
        return Q(pk__in=scope.assessor_region_ids)

    def company_q(self, scope: ActorScope) -> Q:
        return Q(pk__in=scope.company_region_ids)
