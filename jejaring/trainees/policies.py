"""Who may see and change a person's record.

A person belongs to their home office (`region`). Others see the record only through a
dealing the other side accepted: an enrolment whose identity was confirmed (a KTP seen,
and for another region's person their home office or the person agreeing), an
assessment, a referral. A registration or import that merely names a NIK gives nothing.
Changing the record and reading the full NIK stay with the home office and the person
(docs/security.md)."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q

from jejaring.accounts.scope import ActorScope, Role, scope_of
from jejaring.core.policies import Policy, register
from jejaring.trainees.dealings import dealings_q
from jejaring.trainees.models import Person, TransferRequest

#: Actions only the home office and the person may take.
_HOME_ONLY = frozenset({"change", "reveal_nik", "export", "transfer"})


@register(Person)
class PersonPolicy(Policy):
    actions = {
        "view": frozenset(
            {Role.OFFICE_STAFF, Role.OPERATOR, Role.ASSESSOR, Role.COMPANY_HR, Role.TRAINEE}
        ),
        "change": frozenset({Role.OFFICE_STAFF, Role.TRAINEE}),
        # Reading the full NIK: the home office, and the person.
        "reveal_nik": frozenset({Role.OFFICE_STAFF, Role.TRAINEE}),
        "export": frozenset({Role.OFFICE_STAFF, Role.TRAINEE}),
        # Deciding a request to move the person to another region.
        "transfer": frozenset({Role.OFFICE_STAFF}),
    }

    # Beyond the home office, each role sees a person only through a dealing an app
    # registered (jejaring.trainees.dealings): a confirmed enrolment, an assessment, a
    # referral.
    def office_q(self, scope: ActorScope) -> Q:
        # One alternative per region, so that each is an equality an index on (region,
        # name) serves in name order (Policy.visible_parts).
        home = Q(pk__in=[])
        for region_id in sorted(scope.office_region_ids):
            home |= Q(region_id=region_id)
        return home | dealings_q(Role.OFFICE_STAFF, scope)

    def operator_q(self, scope: ActorScope) -> Q:
        return dealings_q(Role.OPERATOR, scope)

    def assessor_q(self, scope: ActorScope) -> Q:
        return dealings_q(Role.ASSESSOR, scope)

    def company_q(self, scope: ActorScope) -> Q:
        return dealings_q(Role.COMPANY_HR, scope)

    def person_q(self, scope: ActorScope) -> Q:
        return Q(pk=scope.person_id)

    def can(self, actor: Any, action: str, obj: Any) -> bool:
        if action not in _HOME_ONLY:
            return super().can(actor, action, obj)
        scope = scope_of(actor)
        if scope.is_superuser:
            return True
        if action not in self.actions:
            raise ImproperlyConfigured(f"PersonPolicy does not know action {action!r}")
        allowed = self.actions[action] & scope.roles
        home = Q(pk__in=[])
        if Role.OFFICE_STAFF in allowed:
            home |= Q(region_id__in=scope.office_region_ids)
        if Role.TRAINEE in allowed:
            home |= Q(pk=scope.person_id)
        return Person.objects.filter(pk=obj.pk).filter(home).exists()


@register(TransferRequest)
class TransferRequestPolicy(Policy):
    """The home office (`region`) decides; the asking office sees its own requests."""

    actions = {
        "view": frozenset({Role.OFFICE_STAFF}),
        "decide": frozenset({Role.OFFICE_STAFF}),
    }

    def office_q(self, scope: ActorScope) -> Q:
        return Q(region_id__in=scope.office_region_ids) | Q(
            to_region_id__in=scope.office_region_ids
        )

    def can(self, actor: Any, action: str, obj: Any) -> bool:
        if action != "decide":
            return super().can(actor, action, obj)
        return scope_of(actor).is_office_of(obj.region_id)
