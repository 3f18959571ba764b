"""An attacker's check, independent of the suppression code: given what a table shows,
which withheld cells can be worked out? By exhaustive search over non-negative integer
tables, on tables small enough to enumerate."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

from jejaring.core.suppression import Relation


def recoverable(
    values: Mapping[Hashable, int],
    relations: Sequence[Relation[Any]],
    withheld: Iterable[Hashable],
    *,
    cap: int | None = None,
) -> list[Hashable]:
    """The withheld non-zero cells that take one value only in every non-negative integer
    table agreeing with the shown cells (searched up to `cap`, by default twice the largest
    count plus two: a smaller search space can only make a cell look *more* determined).
    A withheld zero is not a target: the rule lets a 0 be shown."""
    hidden = [key for key in values if key in set(withheld)]
    shown = {key: count for key, count in values.items() if key not in set(hidden)}
    limit = cap if cap is not None else 2 * max(values.values(), default=0) + 2
    return [
        key
        for key in hidden
        if values[key] != 0
        and any(relation_has(relation, key) for relation in relations)
        and not _another_table(shown, hidden, relations, key, values[key], limit)
    ]


def relation_has(relation: Relation[Any], key: Hashable) -> bool:
    return key in relation.cells


def _another_table(
    shown: Mapping[Hashable, int],
    hidden: list[Hashable],
    relations: Sequence[Relation[Any]],
    target: Hashable,
    true_value: int,
    limit: int,
) -> bool:
    """Whether some table agreeing with `shown` gives `target` another value: a
    depth-first search that fills in whatever a relation forces before branching."""

    def propagate(assigned: dict[Hashable, int]) -> bool:
        changed = True
        while changed:
            changed = False
            for relation in relations:
                unknown = [key for key in relation.cells if key not in assigned]
                parts = sum(assigned.get(key, 0) for key in relation.parts)
                if not unknown:
                    if parts != assigned[relation.whole]:
                        return False
                elif len(unknown) == 1:
                    key = unknown[0]
                    value = parts if key == relation.whole else assigned[relation.whole] - parts
                    if not 0 <= value <= limit or (key == target and value == true_value):
                        return False
                    assigned[key] = value
                    changed = True
                elif relation.whole not in unknown and parts > assigned[relation.whole]:
                    return False
        return True

    def search(assigned: dict[Hashable, int]) -> bool:
        if not propagate(assigned):
            return False
        free = [key for key in hidden if key not in assigned]
        if not free:
            return True
        key = target if target in free else free[0]
        for value in range(limit + 1):
            if key == target and value == true_value:
                continue
            if search({**assigned, key: value}):
                return True
        return False

    return search(dict(shown))
