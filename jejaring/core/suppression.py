"""Cell suppression for published counts, with no Django in it: which figures of a set of
tables to withhold so that no count between 1 and `threshold` − 1 can be read, or worked
out, from what is shown.

A table is given as *cells* (a key and a non-negative count) and *relations* between them:
a relation says that the count of its `whole` is the sum of the counts of its `parts` (the
rows of a breakdown add up to its total; the groups of a year add up to the year; a
denominator is its numerator plus those not counted in it). The same cell may appear in
several relations — a grand total shared by a breakdown by vocation and one by sex is one
cell — and that is how one table is protected against another.

The rule, in three steps:

1. **Primary suppression.** Every count from 1 to `threshold` − 1 is withheld (0 may be
   shown: it names nobody).
2. **Complementary suppression.** Whenever a withheld cell can be recovered from what is
   shown — in the simplest case a relation with exactly one withheld cell (total − shown
   rows), in general any sum or difference of relations (a 2-D table's cells linked row to
   column to row) — the smallest shown non-zero cell of a relation through that cell is
   withheld too, and the check runs again, until no withheld cell is determined by the
   shown ones. "Determined" is decided exactly, by rational Gaussian elimination over the
   withheld cells: a cell is recoverable by sums and differences of published numbers iff
   its unit vector lies in the row space of the relations restricted to withheld cells.
3. **Companions.** `follows` withholds a cell whenever another one is (the absorbed count
   of a group whose size is withheld); rates are the caller's: show a rate only when its
   numerator and denominator are both shown, and it adds nothing to what is known.

Why a real-valued check is enough for integer, non-negative tables: the complements chosen
are never zero, so every withheld cell is at least 1. For breakdowns with totals, 2-D tables
with margins and several breakdowns sharing one total (the relations' matrix is then a
network matrix), a cell that is not determined lies on a cycle of withheld cells along
which +1/−1 can be moved in either direction without making any cell negative: at least
two integer tables fit what is published, with different values in that cell. The property
tests in `core/tests/test_suppression.py` check this by enumeration on random small tables.

A withheld zero (a companion, or a complement when nothing else was left) is not protected:
0 may be shown, so working it out tells no more than the rule allows.

*Unpublished* cells are never shown (the people who did not graduate, when only graduates
and a denominator are published). They start withheld; they need protection only when
small (1 to `threshold` − 1): a large unpublished count may be derivable.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar

#: Counts below this (and above zero) are never published where a group is named or small.
THRESHOLD = 5

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Relation(Generic[K]):
    """`whole` = the sum of `parts`."""

    whole: K
    parts: tuple[K, ...]

    @property
    def cells(self) -> tuple[K, ...]:
        return (*self.parts, self.whole)


def is_small(count: int, *, threshold: int = THRESHOLD) -> bool:
    """Whether a count names a handful of people (1 to threshold − 1)."""
    return 0 < count < threshold


def suppress(
    values: Mapping[K, int],
    relations: Iterable[Relation[K]],
    *,
    threshold: int = THRESHOLD,
    unpublished: Iterable[K] = (),
    follows: Mapping[K, Iterable[K]] | None = None,
    withheld: Iterable[K] = (),
) -> frozenset[K]:
    """The published cells to withhold (never the unpublished ones, which are withheld
    anyway). `withheld` are published cells to withhold from the start — those another
    page withholds, so that what this one shows never fills the other's gaps.
    Deterministic: ties are broken by the order of `values`."""
    relations = [r for r in relations if r.parts]
    order = {key: index for index, key in enumerate(values)}
    for relation in relations:
        for key in relation.cells:
            if key not in order:
                raise KeyError(f"cell {key!r} of a relation has no value")
    unpublished_set = frozenset(unpublished)
    companions = {key: tuple(keys) for key, keys in (follows or {}).items()}
    hidden: set[K] = set(unpublished_set) | set(withheld)
    hidden.update(key for key, count in values.items() if is_small(count, threshold=threshold))
    by_cell: dict[K, list[Relation[K]]] = {}
    for relation in relations:
        for key in relation.cells:
            by_cell.setdefault(key, []).append(relation)

    def protected(key: K) -> bool:
        # A zero names nobody and may be shown; a large unpublished count may be derived.
        if values[key] == 0:
            return False
        return key not in unpublished_set or is_small(values[key], threshold=threshold)

    def add_companions() -> None:
        pending = [key for key in hidden if key in companions]
        while pending:
            for companion in companions.get(pending.pop(), ()):
                if companion not in hidden:
                    hidden.add(companion)
                    pending.append(companion)

    def opened(key: K) -> int:
        """How many relations through `key` withholding withheld nothing yet would leave
        with a lone withheld cell (each would need a complement of its own)."""
        return sum(1 for relation in by_cell[key] if not any(c in hidden for c in relation.cells))

    def complement(around: Iterable[Relation[K]]) -> K | None:
        """The shown cell to withhold next: a non-zero one (a zero only when nothing else
        is left), then the one that starts the fewest new chains of complements (in a 2-D
        table, one whose column already has a withheld cell), then the smallest, a part
        before a whole, the first in `values`."""
        candidates = {
            key: relation.whole == key
            for relation in around
            for key in relation.cells
            if key not in hidden
        }
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda key: (
                values[key] == 0,
                opened(key),
                values[key],
                candidates[key],
                order[key],
            ),
        )

    add_companions()
    while True:
        # The common case, cheaply: a relation with one protected withheld cell.
        progress = True
        while progress:
            progress = False
            for relation in relations:
                withheld = [key for key in relation.cells if key in hidden]
                if len(withheld) == 1 and protected(withheld[0]):
                    chosen = complement([relation])
                    if chosen is not None:
                        hidden.add(chosen)
                        add_companions()
                        progress = True
        exposed = [
            key for key in determined(relations, hidden) if protected(key) and key in by_cell
        ]
        if not exposed:
            break
        key = min(exposed, key=order.__getitem__)
        chosen = complement(by_cell[key])
        if chosen is None:
            # Every relation through it is withheld already; widen to any relation that
            # shares a withheld cell, which always exists while something is determined.
            chosen = complement(r for r in relations if any(c in hidden for c in r.cells))
        if chosen is None:
            break
        hidden.add(chosen)
        add_companions()
    return frozenset(hidden - unpublished_set)


def determined(relations: Sequence[Relation[K]], hidden: Iterable[K]) -> frozenset[K]:
    """The withheld cells whose count follows from the shown ones by sums and differences
    of the relations (exact rational elimination over the withheld cells)."""
    hidden = set(hidden)
    pivots: dict[K, dict[K, Fraction]] = {}
    order: dict[K, int] = {}
    for relation in relations:
        row: dict[K, Fraction] = {}
        for key in relation.parts:
            if key in hidden:
                row[key] = row.get(key, Fraction(0)) + 1
        if relation.whole in hidden:
            row[relation.whole] = row.get(relation.whole, Fraction(0)) - 1
        for key in row:
            order.setdefault(key, len(order))
        row = {key: c for key, c in row.items() if c}
        # Reduce by the pivots found so far, then make the new pivot the only one in its column.
        for pivot in [key for key in row if key in pivots]:
            factor = row.get(pivot)
            if factor:
                _subtract(row, pivots[pivot], factor)
        if not row:
            continue
        pivot = min(row, key=order.__getitem__)
        scale = row[pivot]
        row = {key: c / scale for key, c in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                _subtract(other, row, factor)
        pivots[pivot] = row
    return frozenset(key for key, row in pivots.items() if len(row) == 1)


def _subtract(row: dict[K, Fraction], pivot_row: Mapping[K, Fraction], factor: Fraction) -> None:
    for key, c in pivot_row.items():
        value = row.get(key, Fraction(0)) - factor * c
        if value:
            row[key] = value
        else:
            row.pop(key, None)
