"""Seats left in formations, for employers' public pages. Placement counts who holds a
seat (`jejaring.placement.seats`) and tells this module how in its AppConfig.ready(), so
that employers never imports it; until then every formation reads as having all its
seats."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from jejaring.employers.models import Formation

Counter = Callable[[Sequence[int]], dict[int, int]]

_counter: list[Counter] = []


def set_counter(counter: Counter) -> None:
    """Install `counter(formation_ids) -> {formation_id: seats held}` (one query)."""
    _counter[:] = [counter]


def annotate_seats_left(formations: Iterable[Formation]) -> list[Formation]:
    """Set `seats_left` (quota less the seats held, never below 0) on each formation, in
    one query for all of them; returns them as a list."""
    rows = list(formations)
    held = _counter[0]([f.pk for f in rows]) if _counter and rows else {}
    for formation in rows:
        formation.seats_left = max(formation.quota - held.get(formation.pk, 0), 0)  # type: ignore[attr-defined]
    return rows
