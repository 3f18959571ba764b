"""Who may see and do what: the base of every app's policies.

A policy answers two questions for one model, as in Wagtail's permission policies:
`visible_to(actor)` — the records the actor may read, as a queryset — and
`can(actor, action, obj)` — whether they may perform an action on one record.

Visibility is a union over the actor's roles. Each role contributes a filter on plain
columns of the model (`region_id IN …`, `institution_id IN …`), so the union never joins
multi-valued relations and never needs DISTINCT. A role a policy does not mention sees
nothing. Provincial and national viewers see aggregates only, so no policy gives them
records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

from jejaring.core.scope import ActorScope, Role, scope_of

if TYPE_CHECKING:
    from django.db.models import QuerySet

_NOTHING = Q(pk__in=[])

#: The action every policy knows: the actor is office staff of the record's region.
OFFICE = "office"

M = TypeVar("M", bound=models.Model)


class Policy:
    """Base policy for a region-owned model with a `region` foreign key.

    Subclasses override the `*_q` hooks for the roles that may see the model and list,
    per action, the roles allowed to perform it.
    """

    model: ClassVar[type[models.Model]]
    #: action -> roles that may perform it (still limited to records they can see).
    actions: ClassVar[dict[str, frozenset[Role]]] = {
        "view": frozenset({Role.OFFICE_STAFF}),
        "change": frozenset({Role.OFFICE_STAFF}),
    }

    #: The column naming the region whose office decides about a record.
    region_field: ClassVar[str] = "region_id"

    # Role hooks: the filter that role's scope allows. Default: office staff see their
    # region's records, nobody else sees anything.
    def office_q(self, scope: ActorScope) -> Q:
        return Q(region_id__in=scope.office_region_ids)

    def operator_q(self, scope: ActorScope) -> Q:
        return _NOTHING

    def assessor_q(self, scope: ActorScope) -> Q:
        return _NOTHING

    def company_q(self, scope: ActorScope) -> Q:
        return _NOTHING

    def person_q(self, scope: ActorScope) -> Q:
        return _NOTHING

    def _role_q(self, scope: ActorScope, roles: Iterable[Role]) -> Q:
        hooks: dict[Role, Callable[[ActorScope], Q]] = {
            Role.OFFICE_STAFF: self.office_q,
            Role.OPERATOR: self.operator_q,
            Role.ASSESSOR: self.assessor_q,
            Role.COMPANY_HR: self.company_q,
            Role.TRAINEE: self.person_q,
        }
        combined = _NOTHING
        for role in roles:
            if role in scope.roles and role in hooks:
                combined |= hooks[role](scope)
        return combined

    def visible_to(self, actor: Any, queryset: QuerySet[Any] | None = None) -> QuerySet[Any]:
        """Records of this model the actor may read."""
        qs = queryset if queryset is not None else self.model._default_manager.all()
        scope = scope_of(actor)
        if scope.is_superuser:
            return qs
        if not scope.roles:
            return qs.none()
        return qs.filter(self._role_q(scope, scope.roles))

    def visible_parts(
        self, actor: Any, queryset: QuerySet[Any] | None = None
    ) -> list[QuerySet[Any]]:
        """`visible_to` as a few querysets whose union it is: one per branch of the roles'
        filters (`a OR b OR c` gives three). Each branch alone may be served by an index
        in a list's order (e.g. "region = X" by an index on the region and the name) where
        their OR is served by none; a list reads each branch's page and merges them
        (core.pagination.seek_page's `parts`). The same filters as `visible_to`, split."""
        qs = queryset if queryset is not None else self.model._default_manager.all()
        scope = scope_of(actor)
        if scope.is_superuser:
            return [qs]
        branches: list[Q] = []
        for role in scope.roles:
            branches.extend(_or_branches(self._role_q(scope, [role])))
        return [qs.filter(branch) for branch in branches]

    def permitted(
        self, actor: Any, action: str, queryset: QuerySet[Any] | None = None
    ) -> QuerySet[Any]:
        """Records of this model on which the actor may perform `action`, as a queryset.

        Each role allowed the action contributes only what that role reaches, so a role held
        elsewhere never widens it: office staff of one region who are an operator or company
        HR in another may change only their own region's records as staff. Writes that act
        on a set of records (bulk status changes, imports) select from this, never from
        `visible_to`."""
        qs = queryset if queryset is not None else self.model._default_manager.all()
        scope = scope_of(actor)
        if scope.is_superuser:
            return qs
        if action == OFFICE:
            return qs.filter(**{f"{self.region_field}__in": scope.office_region_ids})
        allowed = self.actions.get(action)
        if allowed is None:
            raise ImproperlyConfigured(f"{type(self).__name__} does not know action {action!r}")
        roles = allowed & scope.roles
        if not roles:
            return qs.none()
        return qs.filter(self._role_q(scope, roles))

    def can(self, actor: Any, action: str, obj: models.Model) -> bool:
        """Whether the actor may perform `action` on `obj` (one indexed query, none for a
        superuser or an actor without an allowed role).

        The action "office" — office staff of the record's own region — is known to every
        policy and needs no query: it is the check for the office's own decisions
        (approvals, overrides, transfers) that no other role may take."""
        scope = scope_of(actor)
        if scope.is_superuser:
            return True
        if action == OFFICE:
            return scope.is_office_of(self.region_id_of(obj))
        allowed = self.actions.get(action)
        if allowed is None:
            raise ImproperlyConfigured(f"{type(self).__name__} does not know action {action!r}")
        if not allowed & scope.roles:
            return False
        queryset = type(obj)._default_manager.filter(pk=obj.pk)
        return self.permitted(actor, action, queryset).exists()

    def can_any(self, actor: Any, action: str) -> bool:
        """Whether the actor holds a role allowed to perform `action` at all (for menus and
        for creation, where there is no object yet)."""
        scope = scope_of(actor)
        if action == OFFICE:
            return scope.is_office
        return scope.is_superuser or bool(self.actions.get(action, frozenset()) & scope.roles)

    def region_id_of(self, obj: models.Model) -> int | None:
        """The region whose office decides about `obj` (its `region` column by default)."""
        return getattr(obj, self.region_field, None)


_registry: dict[type[models.Model], Policy] = {}


def register(model: type[M]) -> Callable[[type[Policy]], type[Policy]]:
    """Class decorator: `@register(Batch) class BatchPolicy(Policy): ...`."""

    def decorate(policy_class: type[Policy]) -> type[Policy]:
        if model in _registry:
            raise ImproperlyConfigured(f"{model.__name__} already has a policy")
        policy_class.model = model
        _registry[model] = policy_class()
        return policy_class

    return decorate


def policy_for(model: type[models.Model]) -> Policy:
    try:
        return _registry[model]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model.__name__} is region-owned but has no registered policy"
        ) from None


def registered_models() -> list[type[models.Model]]:
    return list(_registry)


def _or_branches(q: Q) -> list[Q]:
    """The alternatives of `q` (its children if it is a plain OR, else `q` itself), nested
    ORs flattened and the empty alternative (`_NOTHING`) left out."""
    if q.connector != Q.OR or q.negated:
        return [] if q == _NOTHING else [q]
    branches: list[Q] = []
    for child in q.children:
        if isinstance(child, Q):
            branches.extend(_or_branches(child))
        elif isinstance(child, tuple):
            branches.extend(_or_branches(Q(child)))
        else:  # an expression (a lookup object)
            branches.append(Q(child))
    return branches


class RegionScopedQuerySet(models.QuerySet):
    """The tenancy choke point: `Model.objects.for_actor(user)` is every read of
    region-owned data. It applies the model's registered policy, which fails loudly when
    a region-owned model has none."""

    def for_actor(self, actor: Any) -> RegionScopedQuerySet:
        scoped = policy_for(self.model).visible_to(actor, self)
        assert isinstance(scoped, RegionScopedQuerySet)
        return scoped

    def for_actor_parts(self, actor: Any) -> list[RegionScopedQuerySet]:
        """`for_actor` as the union of a few querysets (`Policy.visible_parts`)."""
        return [
            part
            for part in policy_for(self.model).visible_parts(actor, self)
            if isinstance(part, RegionScopedQuerySet)
        ]


RegionScopedManager = models.Manager.from_queryset(RegionScopedQuerySet)
