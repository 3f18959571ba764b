"""How the apps above the person registry deal with a person, registered with it.

trainees sits below training, assessment and placement and must not import them. Each
of those apps tells the registry, from its AppConfig.ready():

- who sees a person through it (`register_dealing`): for a role, the ids of the people it
  lets that role see, as a one-column queryset (`....values("person_id")`) — e.g. an
  operator sees a person with a confirmed enrolment at their institution;
- its part of the person's own data export (`register_export_section`);
- its section of the person page (`register_detail_section`);
- what it keeps in step when a person moves to another home region
  (`register_move_listener`; called by `Person.save`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.lookups import In

from jejaring.core.scope import ActorScope, Role

#: (scope) -> the ids of the people this dealing lets the role see: one column, named
#: `person_id` (`Enrolment.objects.filter(...).values("person_id")`).
DealingFilter = Callable[[ActorScope], QuerySet[Any]]
#: (person) -> JSON-able rows of the person's data held by the app.
ExportReader = Callable[[Any], list[dict[str, Any]]]
#: (actor, person) -> the context of the app's section template.
DetailReader = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class DetailSection:
    template: str
    read: DetailReader
    order: int = 500


_dealings: dict[Role, list[DealingFilter]] = {}
_exports: dict[str, ExportReader] = {}
_details: list[DetailSection] = []
_move_listeners: list[Callable[..., None]] = []


def register_dealing(role: Role, dealing: DealingFilter) -> None:
    if dealing not in _dealings.setdefault(role, []):
        _dealings[role].append(dealing)


def register_export_section(key: str, reader: ExportReader) -> None:
    _exports[key] = reader


def register_detail_section(section: DetailSection) -> None:
    if section not in _details:
        _details.append(section)
        _details.sort(key=lambda s: s.order)


def register_move_listener(listener: Callable[..., None]) -> None:
    """`listener(person_id=...)` runs, inside the saving transaction, after a person's
    home region changed (a decided transfer, or an administrator's edit)."""
    if listener not in _move_listeners:
        _move_listeners.append(listener)


def person_moved(person_id: int) -> None:
    for listener in _move_listeners:
        listener(person_id=person_id)


def dealings_q(role: Role, scope: ActorScope) -> Q:
    """The people `role` sees through every registered dealing (nothing if none), as a
    filter on Person that an index serves (see `IdIn`). A dealing of the office lists
    only people from other regions (the office sees its own by their home region), so
    its list stays small."""
    combined = Q(pk__in=[])
    for dealing in _dealings.get(role, ()):
        combined |= Q(IdIn(F("pk"), dealing(scope).order_by()))
    return combined


class IdIn(In):
    """`id IN (subquery)`, written on PostgreSQL as `id = ANY(ARRAY(subquery))`.

    The subquery runs once (an InitPlan) and its array is an index condition: ORed with
    the home office's `region_id IN (...)`, the planner combines the two indexes (a
    BitmapOr over the region index and the primary key) instead of scanning every person
    to test `region_id IN (...) OR EXISTS(...)` row by row, which no index serves. An
    ordered page still walks the ordering's index and stops at its LIMIT."""

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} = ANY(ARRAY{rhs_sql})", [*lhs_params, *rhs_params]


def export_sections() -> dict[str, ExportReader]:
    return dict(_exports)


def detail_sections() -> list[DetailSection]:
    return list(_details)
