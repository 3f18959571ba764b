"""The indicator tables as a reader outside the region's office may see them: every count
from 1 to 4 withheld, and whatever else would let it be worked out (`core.suppression`).

Used for the public statistics and for provincial and national viewers; office staff
reading only their own regions get the exact tables (they may open the records anyway),
through the same types, so that one template and one export serve both.

What is tied together, and so protected together (a table's *cells* and *relations*):

- the tables shown on one page or in one payload describe one population (the graduates
  the filters select), so their totals are **one shared cell**: each breakdown (by year,
  by vocation, by kind of institution …) adds up to it, and a count withheld in one cannot
  be unlocked by another — only the grand total links two breakdowns of one population,
  and it is a cell of both;
- per row, the waiting-time bands add up to those with a first job (never published, but
  protected when small), and when the window is 3, 6 or 12 months the first one, two or
  three bands add up to the absorbed count;
- a group whose size is withheld has every other figure withheld too (0 absorbed among
  a withheld handful would tell something about each of them);
- a rate is shown only when its numerator and its denominator are both shown: it then
  tells nothing new, and a rate over a shown total never reveals a withheld numerator;
- a step of the funnel and a pipeline rate are protected with those left out of them
  (registered − graduated, assessed − competent), which are never shown but must not be
  a handful worked out by subtraction.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jejaring.core.suppression import THRESHOLD, Relation, is_small, suppress
from jejaring.outcomes import maths
from jejaring.outcomes.indicators import (
    Definition,
    Dimension,
    FunnelStep,
    PipelineYear,
    Row,
    Table,
)

#: How a withheld figure is written on pages and in spreadsheets.
SYMBOL = "*"

_COUNTS = ("graduates", "answered", "absorbed", "self_employed")
_BANDS = tuple(label for label, _low, _high in maths.WAITING_BANDS)
#: The absorbed count is the sum of the first bands when the window ends where they do.
_BANDS_WITHIN = {3: 1, 6: 2, 12: 3}


@dataclass(frozen=True)
class ShownFraction:
    """A rate with its parts; None where a part is withheld (and then no rate either)."""

    numerator: int | None
    denominator: int | None

    @property
    def withheld(self) -> bool:
        return self.numerator is None or self.denominator is None

    @property
    def percent(self) -> Decimal | None:
        if self.numerator is None or self.denominator is None:
            return None
        return maths.Fraction(self.numerator, self.denominator).percent


@dataclass
class ShownRow:
    key: Any
    label: str
    graduates: int | None
    answered: int | None
    absorbed: int | None
    self_employed: int | None
    waiting: dict[str, int | None] = field(default_factory=dict)
    median_days_to_first_job: float | None = None

    @property
    def waiting_bands(self) -> list[int | None]:
        return [self.waiting.get(label) for label in _BANDS]

    @property
    def absorption(self) -> ShownFraction:
        return ShownFraction(self.absorbed, self.graduates)

    @property
    def absorption_of_answered(self) -> ShownFraction:
        return ShownFraction(self.absorbed, self.answered)

    @property
    def entrepreneurship(self) -> ShownFraction:
        return ShownFraction(self.self_employed, self.graduates)

    @property
    def response(self) -> ShownFraction:
        return ShownFraction(self.answered, self.graduates)


@dataclass
class ShownTable:
    definition: Definition
    dimension: Dimension
    rows: list[ShownRow]
    total: ShownRow
    #: Whether anything may have been withheld (the legend is shown then).
    protected: bool


@dataclass(frozen=True)
class ShownPipelineYear:
    year: int
    completion: ShownFraction
    competency_pass: ShownFraction
    referral_placement: ShownFraction
    internship_to_hire: ShownFraction


@dataclass(frozen=True)
class ShownStep:
    key: str
    label: str
    count: int | None


def _row_cells(row: Row, with_waiting: bool) -> dict[str, int]:
    cells = {name: int(getattr(row, name)) for name in _COUNTS}
    if with_waiting:
        cells.update({band: int(row.waiting.get(band, 0)) for band in _BANDS})
        cells["with_job"] = int(row.with_job)
    return cells


def shown_tables(
    tables: Sequence[Table], *, protect: bool, with_waiting: bool = True
) -> list[ShownTable]:
    """The tables of one population (same filters, any dimensions), with the counts to
    withhold withheld when `protect`; `with_waiting` when the waiting-time bands and the
    median are shown too."""
    values: dict[Hashable, int] = {}
    relations: list[Relation[Hashable]] = []
    unpublished: set[Hashable] = set()
    follows: dict[Hashable, list[Hashable]] = {}
    totals: list[Hashable] = []
    for index, table in enumerate(tables):
        # Tables over one population share their total, and so protect one another.
        total_cells = _row_cells(table.total, with_waiting)
        shared = next(
            (
                tag
                for tag, other in zip(totals, tables, strict=False)
                if _row_cells(other.total, with_waiting) == total_cells
            ),
            None,
        )
        total_tag = shared if shared is not None else ("total", index)
        totals.append(total_tag)
        rows = [((index, number), row) for number, row in enumerate(table.rows)]
        for tag, row in [*rows, (total_tag, table.total)]:
            cells = _row_cells(row, with_waiting)
            for name, count in cells.items():
                values[(tag, name)] = count
            follows[(tag, "graduates")] = [(tag, name) for name in cells if name != "graduates"]
            if with_waiting:
                unpublished.add((tag, "with_job"))
                relations.append(Relation((tag, "with_job"), tuple((tag, b) for b in _BANDS)))
                within = _BANDS_WITHIN.get(table.definition.window_months)
                if within:
                    relations.append(
                        Relation((tag, "absorbed"), tuple((tag, b) for b in _BANDS[:within]))
                    )
        for name in _row_cells(table.total, with_waiting):
            relations.append(Relation((total_tag, name), tuple((tag, name) for tag, _ in rows)))
    withheld = (
        suppress(values, relations, unpublished=unpublished, follows=follows)
        if protect
        else frozenset()
    )

    def shown(tag: Hashable, row: Row) -> ShownRow:
        def count(name: str) -> int | None:
            return None if (tag, name) in withheld else int(getattr(row, name))

        median = row.median_days_to_first_job
        if protect and (
            (tag, "graduates") in withheld or is_small(row.with_job, threshold=THRESHOLD)
        ):
            median = None
        return ShownRow(
            key=row.key,
            label=row.label,
            graduates=count("graduates"),
            answered=count("answered"),
            absorbed=count("absorbed"),
            self_employed=count("self_employed"),
            waiting={
                band: None if (tag, band) in withheld else int(row.waiting.get(band, 0))
                for band in _BANDS
            }
            if with_waiting
            else {},
            median_days_to_first_job=median if with_waiting else None,
        )

    return [
        ShownTable(
            definition=table.definition,
            dimension=table.dimension,
            rows=[shown((index, number), row) for number, row in enumerate(table.rows)],
            total=shown(totals[index], table.total),
            protected=protect,
        )
        for index, table in enumerate(tables)
    ]


_RATES = ("completion", "competency_pass", "referral_placement", "internship_to_hire")


def shown_pipeline(pipeline: Sequence[PipelineYear], *, protect: bool) -> list[ShownPipelineYear]:
    """Each rate's numerator and denominator, protected with those left out of it."""
    values: dict[Hashable, int] = {}
    relations: list[Relation[Hashable]] = []
    unpublished: set[Hashable] = set()
    for item in pipeline:
        for name in _RATES:
            fraction = getattr(item, name)
            tag = (item.year, name)
            values[(tag, "hit")] = fraction.numerator
            values[(tag, "all")] = fraction.denominator
            values[(tag, "rest")] = fraction.denominator - fraction.numerator
            unpublished.add((tag, "rest"))
            relations.append(Relation((tag, "all"), ((tag, "hit"), (tag, "rest"))))
    withheld = suppress(values, relations, unpublished=unpublished) if protect else frozenset()

    def part(tag: Hashable, which: str) -> int | None:
        return None if (tag, which) in withheld else values[(tag, which)]

    return [
        ShownPipelineYear(
            item.year,
            *(
                ShownFraction(part((item.year, name), "hit"), part((item.year, name), "all"))
                for name in _RATES
            ),
        )
        for item in pipeline
    ]


def shown_funnel(steps: Sequence[FunnelStep], *, protect: bool) -> list[ShownStep]:
    """The funnel's steps; each later step is a subset of the graduates, and the
    graduates of those registered, so that what drops out between them is protected."""
    values: dict[Hashable, int] = {step.key: step.count for step in steps}
    relations: list[Relation[Hashable]] = []
    unpublished: set[Hashable] = set()
    if "registered" in values and "graduated" in values:
        values["not_graduated"] = max(values["registered"] - values["graduated"], 0)
        unpublished.add("not_graduated")
        relations.append(Relation("registered", ("graduated", "not_graduated")))
    for key in ("competent", "referred", "absorbed"):
        if key in values and "graduated" in values and values[key] <= values["graduated"]:
            rest = f"not_{key}"
            values[rest] = values["graduated"] - values[key]
            unpublished.add(rest)
            relations.append(Relation("graduated", (key, rest)))
    withheld = suppress(values, relations, unpublished=unpublished) if protect else frozenset()
    return [
        ShownStep(step.key, step.label, None if step.key in withheld else step.count)
        for step in steps
    ]
