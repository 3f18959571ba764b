"""Ranking on the apply page by tapping: each formation's card has one button per rank
("Pilihan ke-1", "Pilihan ke-2", ...) and a remove button. A tap posts the form with the
choices so far and `place=<formation id>:<rank>` (rank 0 removes); the page comes back
with the new order in the choice fields, not yet sent. Works without JavaScript."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

TAP = "place"


def choices_in(
    data: Mapping[str, Any], max_choices: int, allowed: Iterable[int]
) -> list[int | None]:
    """The formation chosen at each rank in posted (or initial) data; None where empty,
    unknown or repeated."""
    known = set(allowed)
    choices: list[int | None] = []
    for n in range(1, max_choices + 1):
        try:
            value = int(data.get(f"choice_{n}") or 0)
        except (TypeError, ValueError):
            value = 0
        choices.append(value if value in known and value not in choices else None)
    return choices


def tapped(value: str, max_choices: int, allowed: Iterable[int]) -> tuple[int, int] | None:
    """(formation id, rank) of a tap, rank 0 to remove; None for anything malformed."""
    formation, _, rank = value.partition(":")
    try:
        formation_id, position = int(formation), int(rank)
    except ValueError:
        return None
    if formation_id not in set(allowed) or not 0 <= position <= max_choices:
        return None
    return formation_id, position


def place(choices: list[int | None], formation_id: int, rank: int) -> list[int | None]:
    """The choices after putting a formation at a rank (1-based; 0 removes it). A formation
    already ranked trades places with the one it displaces; a new one pushes the displaced
    formation to the first free rank, if any. Empty ranks move to the end."""
    result = list(choices)
    old = result.index(formation_id) if formation_id in result else None
    if rank == 0:
        if old is not None:
            result[old] = None
    else:
        displaced = result[rank - 1]
        result[rank - 1] = formation_id
        if old is not None and old != rank - 1:
            result[old] = displaced
        elif old is None and displaced is not None and None in result:
            result[result.index(None)] = displaced
    ranked = [value for value in result if value is not None]
    return ranked + [None] * (len(result) - len(ranked))


def as_initial(choices: list[int | None]) -> dict[str, int]:
    return {f"choice_{n}": value for n, value in enumerate(choices, 1) if value is not None}


def ranks(choices: list[int | None]) -> dict[int, int]:
    """Formation id -> its rank (1-based)."""
    return {value: n for n, value in enumerate(choices, 1) if value is not None}
