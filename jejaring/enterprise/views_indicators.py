"""The entrepreneurship indicators per graduation cohort, their definitions and the
businesses behind a figure (office staff of the region only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.params import query_int
from jejaring.enterprise import indicators
from jejaring.regions.models import Region


def summary_for(
    *, actor: Any, region_ids: frozenset[int], year_from: int, year_to: int
) -> indicators.CohortTable:
    """The cohort table as this actor may see it: exact for office staff of every region
    counted, small counts withheld for everyone else. The outcomes dashboard shows it."""
    table = indicators.cohort_table(region_ids=region_ids, year_from=year_from, year_to=year_to)
    scope = scope_of(actor)
    if scope.is_superuser or region_ids <= scope.office_region_ids:
        return table
    return indicators.protected(table)


@login_required
def indicator_page(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.VIEWER)
    this_year = timezone.localdate().year
    year_to: int = query_int(  # type: ignore[assignment]
        request.GET, "sampai", default=this_year, minimum=2000, maximum=this_year + 1
    )
    year_from: int = query_int(  # type: ignore[assignment]
        request.GET, "dari", default=year_to - 4, minimum=2000, maximum=year_to
    )
    scope = scope_of(request.user)
    if scope.is_superuser:
        region_ids = frozenset(Region.objects.values_list("pk", flat=True))
    else:
        region_ids = scope.office_region_ids | scope.viewer_region_ids
    table = summary_for(
        actor=request.user, region_ids=region_ids, year_from=year_from, year_to=year_to
    )
    return render(
        request,
        "enterprise/indicators.html",
        {
            "table": table,
            "definitions": indicators.DEFINITIONS,
            "year_from": year_from,
            "year_to": year_to,
            "can_drill": not table.protected,
        },
    )


@login_required
def indicator_drill_down(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    scope = scope_of(request.user)
    year: int = query_int(  # type: ignore[assignment]
        request.GET, "tahun", default=timezone.localdate().year, minimum=2000, maximum=2100
    )
    measure = request.GET.get("ukuran", "started")
    if measure not in indicators.COUNTS:
        raise Http404
    region_ids = scope.office_region_ids
    return render(
        request,
        "enterprise/indicator_drill_down.html",
        {
            "businesses": indicators.drill_down(region_ids=region_ids, year=year, measure=measure)[
                :500
            ],
            "year": year,
            "measure": measure,
        },
    )
