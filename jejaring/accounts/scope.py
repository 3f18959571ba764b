"""An actor's scope: which roles they hold and over which regions, institutions,
companies, assessor profiles and person record. Computed once per request."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICE_STAFF = "office", _("Staf Dinas")
    OPERATOR = "operator", _("Operator lembaga pelatihan")
    ASSESSOR = "assessor", _("Asesor")
    COMPANY_HR = "company_hr", _("HRD perusahaan")
    TRAINEE = "trainee", _("Peserta / alumni")
    VIEWER = "viewer", _("Pemantau provinsi / nasional")


@dataclass(frozen=True)
class ActorScope:
    roles: frozenset[Role] = frozenset()
    office_region_ids: frozenset[int] = frozenset()
    operator_region_ids: frozenset[int] = frozenset()
    institution_ids: frozenset[int] = frozenset()
    assessor_ids: frozenset[int] = frozenset()
    assessor_region_ids: frozenset[int] = frozenset()
    company_ids: frozenset[int] = frozenset()
    company_region_ids: frozenset[int] = frozenset()
    person_id: int | None = None
    viewer_region_ids: frozenset[int] = frozenset()
    is_superuser: bool = False
    user_id: int | None = None
    #: Every region the actor works in with record-level access.
    region_ids: frozenset[int] = field(default=frozenset())

    @property
    def is_office(self) -> bool:
        """Office staff of any region (or a superuser): for menus and pages that list only
        the actor's own regions' records anyway."""
        return self.is_superuser or Role.OFFICE_STAFF in self.roles

    def is_office_of(self, region_id: int | None) -> bool:
        """Office staff of that region (or a superuser). A role held in another region,
        or another role in this one, never counts."""
        return self.is_superuser or region_id in self.office_region_ids


ANONYMOUS = ActorScope()
_CACHE_ATTR = "_jejaring_scope"


def scope_of(actor: Any) -> ActorScope:
    """The actor's scope, cached on the user object for the rest of the request.

    Inactive memberships and inactive users give nothing.
    """
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return ANONYMOUS
    cached = getattr(actor, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from jejaring.accounts.models import Membership
    from jejaring.trainees.models import Person

    roles: set[Role] = set()
    buckets: dict[str, set[int]] = {
        "office": set(),
        "operator_region": set(),
        "institution": set(),
        "assessor": set(),
        "assessor_region": set(),
        "company": set(),
        "company_region": set(),
        "viewer": set(),
    }
    rows = Membership.objects.filter(user=actor, is_active=True).values_list(
        "role", "region_id", "target_id"
    )
    for role, region_id, target_id in rows:
        roles.add(Role(role))
        if role == Role.OFFICE_STAFF:
            buckets["office"].add(region_id)
        elif role == Role.OPERATOR:
            buckets["institution"].add(target_id)
            buckets["operator_region"].add(region_id)
        elif role == Role.ASSESSOR:
            buckets["assessor"].add(target_id)
            buckets["assessor_region"].add(region_id)
        elif role == Role.COMPANY_HR:
            buckets["company"].add(target_id)
            buckets["company_region"].add(region_id)
        elif role == Role.VIEWER:
            buckets["viewer"].add(region_id)
    person_id = Person.objects.filter(user=actor).values_list("pk", flat=True).first()
    # A verified person's account, or an account that submitted a registration itself
    # (it sees only those submissions until the identity is verified).
    if person_id is not None or actor.submitted_enrolments.exists():
        roles.add(Role.TRAINEE)
    scope = ActorScope(
        roles=frozenset(roles),
        office_region_ids=frozenset(buckets["office"]),
        operator_region_ids=frozenset(buckets["operator_region"]),
        institution_ids=frozenset(buckets["institution"]),
        assessor_ids=frozenset(buckets["assessor"]),
        assessor_region_ids=frozenset(buckets["assessor_region"]),
        company_ids=frozenset(buckets["company"]),
        company_region_ids=frozenset(buckets["company_region"]),
        person_id=person_id,
        viewer_region_ids=frozenset(buckets["viewer"]),
        is_superuser=bool(actor.is_superuser),
        user_id=actor.pk,
        region_ids=frozenset(
            buckets["office"]
            | buckets["operator_region"]
            | buckets["assessor_region"]
            | buckets["company_region"]
        ),
    )
    setattr(actor, _CACHE_ATTR, scope)
    return scope


def require_any_role(actor: Any, *roles: Role) -> None:
    """Raise Http404 unless the actor holds one of `roles` (superusers pass): a page a role
    may not open looks like a page that does not exist."""
    from django.http import Http404

    scope = scope_of(actor)
    if not scope.is_superuser and not scope.roles & set(roles):
        raise Http404


def forget_scope(actor: Any) -> None:
    """Drop the cached scope after memberships change within the same request."""
    if hasattr(actor, _CACHE_ATTR):
        delattr(actor, _CACHE_ATTR)
