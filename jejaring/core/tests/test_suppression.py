"""Cell suppression: no withheld count can be worked out from what a table shows.

The property tests publish random tables — a breakdown and its total, a 2-D table with
its margins, two breakdowns of one population sharing their total, a rate's numerator
and denominator — and then act as the attacker: an exhaustive search over non-negative
integer tables agreeing with every shown number must find, for each withheld cell, a
table in which that cell has another value."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jejaring.core.suppression import THRESHOLD, Relation, determined, is_small, suppress
from jejaring.core.tests.disclosure import recoverable

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

counts = st.integers(min_value=0, max_value=12)


def one_way(parts: list[int]) -> tuple[dict[object, int], list[Relation[object]]]:
    values: dict[object, int] = {("row", i): n for i, n in enumerate(parts)}
    values["total"] = sum(parts)
    return values, [Relation("total", tuple(("row", i) for i in range(len(parts))))]


def two_way(grid: list[list[int]]) -> tuple[dict[object, int], list[Relation[object]]]:
    """A table with row totals, column totals and the grand total."""
    rows, columns = len(grid), len(grid[0])
    values: dict[object, int] = {}
    for i in range(rows):
        for j in range(columns):
            values[("cell", i, j)] = grid[i][j]
    for i in range(rows):
        values[("row", i)] = sum(grid[i])
    for j in range(columns):
        values[("column", j)] = sum(grid[i][j] for i in range(rows))
    values["total"] = sum(map(sum, grid))
    relations: list[Relation[object]] = [
        Relation(("row", i), tuple(("cell", i, j) for j in range(columns))) for i in range(rows)
    ]
    relations += [
        Relation(("column", j), tuple(("cell", i, j) for i in range(rows))) for j in range(columns)
    ]
    relations.append(Relation("total", tuple(("row", i) for i in range(rows))))
    relations.append(Relation("total", tuple(("column", j) for j in range(columns))))
    return values, relations


def assert_nothing_recoverable(
    values: dict[object, int],
    relations: list[Relation[object]],
    unpublished: frozenset[object] = frozenset(),
) -> frozenset[object]:
    withheld = suppress(values, relations, unpublished=unpublished)
    assert not withheld & unpublished
    for key, count in values.items():
        if is_small(count) and key not in unpublished:
            assert key in withheld, f"{key} = {count} is shown"
    exposed = [
        key
        for key in recoverable(values, relations, withheld | unpublished)
        if key not in unpublished or is_small(values[key])
    ]
    assert not exposed, f"recoverable: {exposed} of {values}, withheld {sorted(map(str, withheld))}"
    return withheld


@PROPERTY
@given(st.lists(counts, min_size=1, max_size=6))
def test_no_withheld_row_of_a_breakdown_follows_from_its_total(parts):
    assert_nothing_recoverable(*one_way(parts))


@PROPERTY
@given(
    st.integers(min_value=2, max_value=3).flatmap(
        lambda rows: st.integers(min_value=2, max_value=3).flatmap(
            lambda columns: st.lists(
                st.lists(st.integers(min_value=0, max_value=7), min_size=columns, max_size=columns),
                min_size=rows,
                max_size=rows,
            )
        )
    )
)
def test_no_withheld_cell_of_a_two_way_table_follows_from_its_rows_and_columns(grid):
    assert_nothing_recoverable(*two_way(grid))


@PROPERTY
@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=6), min_size=2, max_size=3), min_size=2)
    .filter(lambda grid: len({len(row) for row in grid}) == 1)
    .map(lambda grid: grid[:3])
)
def test_two_breakdowns_of_one_population_do_not_unlock_each_other(grid):
    """By vocation and by kind of institution: only the margins are published, and the
    grand total is one cell shared by both."""
    values: dict[object, int] = {("vocation", i): sum(row) for i, row in enumerate(grid)}
    values.update({("kind", j): sum(row[j] for row in grid) for j in range(len(grid[0]))})
    values["total"] = sum(map(sum, grid))
    relations: list[Relation[object]] = [
        Relation("total", tuple(("vocation", i) for i in range(len(grid)))),
        Relation("total", tuple(("kind", j) for j in range(len(grid[0])))),
    ]
    assert_nothing_recoverable(values, relations)


@PROPERTY
@given(st.lists(st.tuples(counts, counts), min_size=1, max_size=4))
def test_a_rate_s_parts_are_protected_with_those_left_out_of_it(pairs):
    """Graduates ÷ (graduates + drop-outs) per year: the drop-outs are never published,
    but a small number of them must not follow from the two published counts."""
    values: dict[object, int] = {}
    relations: list[Relation[object]] = []
    for year, (hit, miss) in enumerate(pairs):
        values[("hit", year)], values[("miss", year)] = hit, miss
        values[("all", year)] = hit + miss
        relations.append(Relation(("all", year), (("hit", year), ("miss", year))))
    unpublished = frozenset(("miss", year) for year in range(len(pairs)))
    assert_nothing_recoverable(values, relations, unpublished)


def test_total_minus_the_shown_rows_no_longer_gives_the_hidden_one():
    values, relations = one_way([7, 3, 12])
    withheld = suppress(values, relations)
    assert withheld == {("row", 0), ("row", 1)}  # 3, and the next smallest: 7
    assert recoverable(values, relations, withheld) == []


def test_a_small_total_is_withheld_with_its_rows():
    values, relations = one_way([2, 1, 0])
    assert suppress(values, relations) == {("row", 0), ("row", 1), "total"}


def test_nothing_is_withheld_when_nothing_is_small():
    values, relations = one_way([5, 0, 9])
    assert suppress(values, relations) == frozenset()


def test_a_cell_linked_row_to_column_to_row_is_found_by_elimination():
    """Rows and columns each with two withheld cells can still pin one down when the
    pattern has a bridge; the elimination sees what the one-per-row rule cannot."""
    relations: list[Relation[str]] = [
        Relation("r1", ("a", "b")),
        Relation("r2", ("c", "d")),
        Relation("c1", ("a", "c")),
    ]
    assert determined(relations, {"a", "b", "c", "d"}) == frozenset()
    assert determined(relations, {"a", "c"}) == frozenset({"a", "c"})
    assert determined(relations, {"a", "b", "c"}) == frozenset({"a", "b", "c"})


def test_companions_follow_a_withheld_cell():
    values: dict[str, int] = {"graduates": 3, "absorbed": 0, "total": 3}
    withheld = suppress(values, [], follows={"graduates": ["absorbed"]})
    assert withheld == {"graduates", "absorbed", "total"}


def test_the_threshold_is_five():
    assert THRESHOLD == 5
    assert [is_small(n) for n in (0, 1, 4, 5)] == [False, True, True, False]
