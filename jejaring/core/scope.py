"""An actor's scope: which roles they hold and over which regions, institutions,
companies, assessor profiles and person record. Computed once per request.

The vocabulary (roles, the scope) lives on the ground floor so that every layer can speak
it; how a scope is computed from memberships and person records is the business of the
apps that own those tables (`jejaring.accounts.scope` installs the resolver)."""

from __future__ import annotations

from collections.abc import Callable
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

ScopeResolver = Callable[[Any], ActorScope]
_resolver: list[ScopeResolver] = []


def set_scope_resolver(resolver: ScopeResolver) -> None:
    """Install the function that computes an authenticated, active user's scope (done
    once, by the accounts app when it is ready)."""
    _resolver[:] = [resolver]


def scope_of(actor: Any) -> ActorScope:
    """The actor's scope, cached on the user object for the rest of the request.

    Inactive memberships and inactive users give nothing.
    """
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return ANONYMOUS
    cached = getattr(actor, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not _resolver:
        raise RuntimeError("No scope resolver is installed (is jejaring.accounts installed?)")
    scope = _resolver[0](actor)
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
