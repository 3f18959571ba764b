"""Entrepreneurship indicators, computed by set-based queries per graduation cohort, each
with its definition (numerator and denominator) written beside it:

- **businesses started**: graduates of the year whose graduation is linked to a business
  that started (has a start date) ÷ graduates of the year;
- **survival at 12 / 24 months**: businesses of the cohort whose current answer at the
  12- (24-) month follow-up says "still operating" ÷ businesses of the cohort with a
  current answer at that point (unanswered points are counted apart, never as closed);
- **jobs created**: workers employed, by the latest figures, in the cohort's businesses
  that operate;
- **grants disbursed and accounted for**: grants disbursed in the year (number and
  Rupiah) and, of those, the ones whose report the office accepted.

For readers outside the region's office the counts go through the same small-cell
suppression as the absorption tables (`jejaring.core.suppression`): every count from 1 to
4 is withheld, with whatever would let it be worked out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from jejaring.core.suppression import Relation, suppress
from jejaring.enterprise.models import (
    Business,
    BusinessFollowUpAnswer,
    GrantProposal,
)
from jejaring.training.models import Enrolment

#: The measures of one cohort row, in the order tables show them.
COUNTS = (
    "graduates",
    "started",
    "answered_12",
    "operating_12",
    "answered_24",
    "operating_24",
    "jobs",
    "grants_disbursed",
    "grants_accounted",
)

DEFINITIONS = {
    "started": (
        _("Usaha dimulai"),
        _("lulusan yang pelatihannya tertaut pada usaha yang sudah mulai"),
        _("lulusan tahun itu"),
    ),
    "survival_12": (
        _("Bertahan 12 bulan"),
        _("usaha yang pada penelusuran 12 bulan masih berjalan"),
        _("usaha yang menjawab penelusuran 12 bulan"),
    ),
    "survival_24": (
        _("Bertahan 24 bulan"),
        _("usaha yang pada penelusuran 24 bulan masih berjalan"),
        _("usaha yang menjawab penelusuran 24 bulan"),
    ),
    "jobs": (
        _("Lapangan kerja tercipta"),
        _("pekerja yang dipekerjakan usaha alumni yang masih berjalan"),
        _("—"),
    ),
    "grants": (
        _("Bantuan dipertanggungjawabkan"),
        _("bantuan yang laporannya diterima dinas"),
        _("bantuan yang dananya sudah disalurkan pada tahun itu"),
    ),
}


def percent(numerator: int | None, denominator: int | None) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))


@dataclass
class CohortRow:
    year: int
    counts: dict[str, int | None] = field(default_factory=dict)
    grants_amount: int | None = 0

    @property
    def started_percent(self) -> Decimal | None:
        return percent(self.counts["started"], self.counts["graduates"])

    @property
    def survival_12_percent(self) -> Decimal | None:
        return percent(self.counts["operating_12"], self.counts["answered_12"])

    @property
    def survival_24_percent(self) -> Decimal | None:
        return percent(self.counts["operating_24"], self.counts["answered_24"])

    @property
    def accounted_percent(self) -> Decimal | None:
        return percent(self.counts["grants_accounted"], self.counts["grants_disbursed"])


@dataclass
class CohortTable:
    rows: list[CohortRow]
    total: CohortRow
    protected: bool


def _cohort_businesses(region_ids: Iterable[int], year_from: int, year_to: int) -> Any:
    return Business.objects.filter(
        region_id__in=list(region_ids),
        enrolment__status=Enrolment.Status.GRADUATED,
        enrolment__graduated_on__year__gte=year_from,
        enrolment__graduated_on__year__lte=year_to,
    )


def _follow_up_counts(businesses: Any, months: int) -> dict[int, tuple[int, int]]:
    rows = (
        BusinessFollowUpAnswer.objects.filter(
            is_current=True,
            follow_up__months_after=months,
            follow_up__business__in=businesses.values("pk"),
        )
        .annotate(year=ExtractYear("follow_up__business__enrolment__graduated_on"))
        .values("year")
        .annotate(answered=Count("pk"), operating=Count("pk", filter=Q(operating=True)))
    )
    return {row["year"]: (row["answered"], row["operating"]) for row in rows}


def cohort_table(*, region_ids: Iterable[int], year_from: int, year_to: int) -> CohortTable:
    """Exact counts per graduation year (a handful of grouped queries, whatever the size)."""
    region_ids = list(region_ids)
    graduates = dict(
        Enrolment.objects.filter(
            region_id__in=region_ids,
            status=Enrolment.Status.GRADUATED,
            graduated_on__year__gte=year_from,
            graduated_on__year__lte=year_to,
        )
        .annotate(year=ExtractYear("graduated_on"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    businesses = _cohort_businesses(region_ids, year_from, year_to)
    by_year = {
        row["year"]: row
        for row in businesses.annotate(year=ExtractYear("enrolment__graduated_on"))
        .values("year")
        .annotate(
            started=Count("enrolment", filter=Q(started_on__isnull=False), distinct=True),
            jobs=Sum("workers", filter=Q(stage=Business.Stage.OPERATING)),
        )
    }
    twelve = _follow_up_counts(businesses, 12)
    twenty_four = _follow_up_counts(businesses, 24)
    grants = {
        row["year"]: row
        for row in GrantProposal.objects.filter(
            region_id__in=region_ids,
            disbursed_on__year__gte=year_from,
            disbursed_on__year__lte=year_to,
        )
        .annotate(year=ExtractYear("disbursed_on"))
        .values("year")
        .annotate(
            disbursed=Count("pk"),
            amount=Sum("disbursed_amount"),
            accounted=Count("pk", filter=Q(status=GrantProposal.Status.ACCOUNTED)),
        )
    }
    rows = []
    for year in range(year_from, year_to + 1):
        found = by_year.get(year, {})
        grant = grants.get(year, {})
        rows.append(
            CohortRow(
                year=year,
                counts={
                    "graduates": graduates.get(year, 0),
                    "started": found.get("started") or 0,
                    "answered_12": twelve.get(year, (0, 0))[0],
                    "operating_12": twelve.get(year, (0, 0))[1],
                    "answered_24": twenty_four.get(year, (0, 0))[0],
                    "operating_24": twenty_four.get(year, (0, 0))[1],
                    "jobs": found.get("jobs") or 0,
                    "grants_disbursed": grant.get("disbursed") or 0,
                    "grants_accounted": grant.get("accounted") or 0,
                },
                grants_amount=grant.get("amount") or 0,
            )
        )
    total = CohortRow(
        year=0,
        counts={name: sum(row.counts[name] or 0 for row in rows) for name in COUNTS},
        grants_amount=sum(row.grants_amount or 0 for row in rows),
    )
    return CohortTable(rows=rows, total=total, protected=False)


def protected(table: CohortTable) -> CohortTable:
    """The table with small counts withheld (None), as outsiders may see it. Each column
    adds up to its total; within a row, a numerator and the rest of its denominator (never
    shown) add up to the denominator; when a denominator is withheld, so is its numerator.
    Jobs are a sum of workers, not a count of people: withheld with the row's businesses."""
    values: dict[tuple[str, int, str], int] = {}
    relations: list[Relation[tuple[str, int, str]]] = []
    unpublished: list[tuple[str, int, str]] = []
    follows: dict[tuple[str, int, str], list[tuple[str, int, str]]] = {}
    pairs = (
        ("graduates", "started"),
        ("answered_12", "operating_12"),
        ("answered_24", "operating_24"),
        ("grants_disbursed", "grants_accounted"),
    )
    keys = [row.year for row in table.rows]
    for year, row in zip(keys, table.rows, strict=True):
        for whole, part in pairs:
            rest = ("rest", year, part)
            values[("c", year, whole)] = row.counts[whole] or 0
            values[("c", year, part)] = row.counts[part] or 0
            values[rest] = (row.counts[whole] or 0) - (row.counts[part] or 0)
            unpublished.append(rest)
            relations.append(Relation(("c", year, whole), (("c", year, part), rest)))
            follows.setdefault(("c", year, whole), []).append(("c", year, part))
        follows.setdefault(("c", year, "started"), []).append(("c", year, "jobs"))
        values[("c", year, "jobs")] = row.counts["jobs"] or 0
    for name in COUNTS:
        if name == "jobs":
            continue
        values[("c", 0, name)] = table.total.counts[name] or 0
        relations.append(Relation(("c", 0, name), tuple(("c", year, name) for year in keys)))
    # The jobs figure counts workers, not the people the rule protects: it is published
    # as is, unless the businesses behind it are withheld.
    hidden = suppress(
        {k: v for k, v in values.items() if k[2] != "jobs"},
        relations,
        unpublished=unpublished,
        follows={k: [c for c in v if c[2] != "jobs"] for k, v in follows.items()},
    )

    def shown(year: int, row: CohortRow) -> CohortRow:
        counts: dict[str, int | None] = {}
        for name in COUNTS:
            key = ("c", year, name)
            if name == "jobs":
                counts[name] = None if ("c", year, "started") in hidden else row.counts[name]
            else:
                counts[name] = None if key in hidden else row.counts[name]
        amount = None if ("c", year, "grants_disbursed") in hidden else row.grants_amount
        return CohortRow(year=row.year, counts=counts, grants_amount=amount)

    return CohortTable(
        rows=[shown(row.year, row) for row in table.rows],
        total=shown(0, table.total),
        protected=True,
    )


def drill_down(*, region_ids: Iterable[int], year: int, measure: str) -> Any:
    """The businesses behind a cohort figure (for the office, who may open them)."""
    businesses = _cohort_businesses(region_ids, year, year).select_related("person")
    if measure == "started":
        return businesses.filter(started_on__isnull=False)
    if measure in ("operating_12", "operating_24", "answered_12", "answered_24"):
        months = 12 if measure.endswith("12") else 24
        answers = BusinessFollowUpAnswer.objects.filter(
            is_current=True, follow_up__months_after=months
        )
        if measure.startswith("operating"):
            answers = answers.filter(operating=True)
        return businesses.filter(pk__in=answers.values("follow_up__business_id"))
    if measure == "jobs":
        return businesses.filter(stage=Business.Stage.OPERATING, workers__gt=0)
    return businesses.none()
