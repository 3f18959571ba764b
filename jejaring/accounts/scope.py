"""How an actor's scope is computed: from their active memberships, and from the person
record and registrations the apps above register (`register_person_part`).

The vocabulary — Role, ActorScope, scope_of — lives in `jejaring.core.scope` and is
re-exported here for the apps that speak it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jejaring.core.scope import ANONYMOUS as ANONYMOUS
from jejaring.core.scope import ActorScope as ActorScope
from jejaring.core.scope import Role as Role
from jejaring.core.scope import forget_scope as forget_scope
from jejaring.core.scope import require_any_role as require_any_role
from jejaring.core.scope import scope_of as scope_of

#: (actor, person id found so far) -> (person id or None, whether the account acts as a
#: trainee). Registered, in app order, by trainees (the account's own person record) and
#: training (an account that submitted a registration sees only those submissions until
#: its identity is verified).
PersonPart = Callable[[Any, "int | None"], tuple["int | None", bool]]
_person_parts: list[PersonPart] = []


def register_person_part(part: PersonPart) -> None:
    if part not in _person_parts:
        _person_parts.append(part)


def compute_scope(actor: Any) -> ActorScope:
    """An authenticated, active user's scope (uncached; `scope_of` caches it)."""
    from jejaring.accounts.models import Membership

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
    person_id: int | None = None
    for part in _person_parts:
        found_id, is_trainee = part(actor, person_id)
        person_id = person_id if found_id is None else found_id
        if is_trainee:
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
    return scope
