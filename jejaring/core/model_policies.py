"""Policies for the core tables: audit events and import jobs."""

from django.db.models import Q

from jejaring.core.models import AuditEvent, ImportJob
from jejaring.core.policies import Policy, register
from jejaring.core.scope import ActorScope, Role


@register(AuditEvent)
class AuditEventPolicy(Policy):
    actions = {"view": frozenset({Role.OFFICE_STAFF})}


@register(ImportJob)
class ImportJobPolicy(Policy):
    actions = {
        "view": frozenset({Role.OFFICE_STAFF, Role.OPERATOR, Role.COMPANY_HR}),
        "change": frozenset({Role.OFFICE_STAFF, Role.OPERATOR, Role.COMPANY_HR}),
    }

    def operator_q(self, scope: ActorScope) -> Q:
        # Operators and company HR see the imports they started themselves.
        return Q(region_id__in=scope.operator_region_ids, created_by_id=scope.user_id)

    def company_q(self, scope: ActorScope) -> Q:
        return Q(region_id__in=scope.company_region_ids, created_by_id=scope.user_id)
