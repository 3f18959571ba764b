"""How the apps above the person registry deal with a person, registered with it.

trainees sits below training, assessment and placement and must not import them. Each
of those apps tells the registry, from its AppConfig.ready():

- who sees a person through it (`register_dealing`): for a role, the ids of the people it
  lets that role see, as a one-column queryset (`....values("person_id")`) — e.g. an
  operator sees a person with a confirmed enrolment at their institution;
- its part of the person's own data export (`register_export_section`);
- its section of the person page (`register_detail_section`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


def register_dealing(role: Role, dealing: DealingFilter) -> None:
    if dealing not in _dealings.setdefault(role, []):
        _dealings[role].append(dealing)


def register_export_section(key: str, reader: ExportReader) -> None:
    _exports[key] = reader


def register_detail_section(section: DetailSection) -> None:
    if section not in _details:
        _details.append(section)
        _details.sort(key=lambda s: s.order)


def dealings_q(role: Role, scope: ActorScope, *, beyond_regions: Iterable[int] = ()) -> Q:
    """The people `role` sees through every registered dealing (nothing if none), as a
    filter on Person that an index serves (see `IdIn`).

    `beyond_regions`: regions whose people the caller already sees by their home region.
    Their ids are left out of the dealings' lists, which then hold only the few people
    from elsewhere instead of every enrolment of the office's own people."""
    from jejaring.trainees.models import Person

    regions = list(beyond_regions)
    combined = Q(pk__in=[])
    for dealing in _dealings.get(role, ()):
        ids = dealing(scope).order_by()
        if regions:
            ids = ids.exclude(
                person_id__in=Person.objects.filter(region_id__in=regions).values("pk")
            )
        combined |= Q(IdIn(F("pk"), ids))
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
