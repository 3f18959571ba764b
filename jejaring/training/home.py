"""What training shows on the home pages (found by jejaring.core.home)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from jejaring.core import versions
from jejaring.core.home import HomeCard, HomePanel
from jejaring.core.scope import Role
from jejaring.core.suppression import Relation, suppress
from jejaring.regions.selectors import aggregate_regions_for
from jejaring.training.models import Batch, Enrolment, TrainingInstitution


def office_cards(*, actor: Any, today: date) -> list[tuple[int, Any]]:
    enrolments = Enrolment.objects.for_actor(actor)
    graduates = enrolments.filter(status=Enrolment.Status.GRADUATED)
    return [
        (
            enrolments.filter(status=Enrolment.Status.TRAINING).count(),
            _("sedang mengikuti pelatihan"),
        ),
        (graduates.filter(graduated_on__year=today.year).count(), _("lulusan tahun ini")),
    ]


def office_batches(*, actor: Any, today: date) -> dict[str, Any]:
    batches = Batch.objects.for_actor(actor)
    by_status = dict(batches.values_list("status").annotate(n=Count("id")).order_by())
    return {
        "batches_by_status": [
            (status.label, status.value, by_status.get(status.value, 0)) for status in Batch.Status
        ]
    }


def operator_batches(*, actor: Any, today: date) -> dict[str, Any]:
    batches = (
        Batch.objects.for_actor(actor)
        .select_related("program", "institution")
        .annotate(
            applicants=Count("enrolments"),
            graduates=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.GRADUATED)),
        )
        .order_by("-start_date")[:12]
    )
    return {
        "institutions": list(TrainingInstitution.objects.for_actor(actor)),
        "batches": list(batches),
    }


def trainee_enrolments(*, actor: Any, today: date) -> dict[str, Any]:
    return {
        "enrolments": list(
            Enrolment.objects.for_actor(actor)
            .select_related("batch", "batch__program", "institution")
            .order_by("-applied_at")
        )
    }


def viewer_graduates(*, actor: Any, today: date) -> dict[str, Any]:
    return viewer_home_figures(
        regions=aggregate_regions_for(actor=actor), years=range(today.year - 6, today.year + 1)
    )


def viewer_home_figures(*, regions: QuerySet[Any], years: range) -> dict[str, Any]:
    """Graduates per region and year: aggregates only, never individual records, with the
    counts from 1 to 4 withheld (None), and whatever would reveal them (`suppression`).

    The outcomes dashboard publishes, for the same seven years, each region's graduates
    per year and their total, and the years' totals over all the viewer's regions: this
    table is protected as a 2-D table with those margins, and withholds at least what the
    dashboard withholds in each region's row, so that the two pages never complete each
    other."""
    rows = (
        Enrolment.objects.filter(
            region__in=regions,
            status=Enrolment.Status.GRADUATED,
            graduated_on__year__gte=years.start,
            graduated_on__year__lt=years.stop,
        )
        .annotate(year=ExtractYear("graduated_on"))
        .values("region_id", "year")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(row["region_id"], row["year"]): row["n"] for row in rows}
    listed = list(regions)
    hidden = _withheld_graduates(counts, [region.pk for region in listed], years)
    table = [
        (
            region,
            [
                None if (region.pk, year) in hidden else counts.get((region.pk, year), 0)
                for year in years
            ],
        )
        for region in listed
    ]
    return {"years": list(years), "table": table, "protected": True}


def _withheld_graduates(
    counts: dict[tuple[int, int], int], region_ids: list[int], years: range
) -> frozenset[Any]:
    values: dict[Any, int] = {
        (region, year): counts.get((region, year), 0) for region in region_ids for year in years
    }
    rows = {region: [(region, year) for year in years] for region in region_ids}
    columns = {year: [(region, year) for region in region_ids] for year in years}
    relations: list[Relation[Any]] = []
    row_patterns: set[Any] = set()
    for region, cells in rows.items():
        values[("region", region)] = sum(values[cell] for cell in cells)
        relation = Relation(("region", region), tuple(cells))
        relations.append(relation)
        # What the dashboard withholds for this region alone (one 1-D breakdown by year).
        row_patterns |= suppress(
            {cell: values[cell] for cell in (*cells, relation.whole)}, [relation]
        )
    for year, cells in columns.items():
        values[("year", year)] = sum(values[cell] for cell in cells)
        relations.append(Relation(("year", year), tuple(cells)))
    values["total"] = sum(values[("region", region)] for region in region_ids)
    relations.append(Relation("total", tuple(("region", region) for region in region_ids)))
    relations.append(Relation("total", tuple(("year", year) for year in years)))
    return suppress(values, relations, withheld=row_patterns)


CARDS = [HomeCard(Role.OFFICE_STAFF, office_cards, 20, (versions.TRAINING,))]
PANELS = [
    HomePanel(
        Role.OFFICE_STAFF,
        "training/home/office_batches.html",
        office_batches,
        10,
        (versions.TRAINING,),
    ),
    HomePanel(Role.OPERATOR, "training/home/operator_batches.html", operator_batches, 10),
    HomePanel(Role.TRAINEE, "training/home/trainee_enrolments.html", trainee_enrolments, 10),
    HomePanel(
        Role.VIEWER,
        "training/home/viewer_graduates.html",
        viewer_graduates,
        10,
        (versions.TRAINING,),
    ),
]
