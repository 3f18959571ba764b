"""The monthly IPK report: the office's and viewers' page with its XLSX and PDF, the
definitions page, and the public monthly summary."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jejaring.accounts.scope import Role, require_any_role
from jejaring.core.documents import Letterhead, render_document
from jejaring.core.params import query_text
from jejaring.core.pdf import pdf_response
from jejaring.core.spreadsheets import xlsx_response
from jejaring.outcomes.labour_market import exports, report
from jejaring.outcomes.labour_market.terms import Month
from jejaring.regions.calendar import today_in
from jejaring.regions.letterhead import DEFAULT_LOGO, letterhead_of, signatory_of
from jejaring.regions.selectors import home_region_for


def _month(request: HttpRequest, latest: Month) -> Month:
    """The month asked for (`bulan=2025-05`), never after `latest`; the latest by default.
    A month that cannot be one is a 404, like a record that does not exist."""
    text = query_text(request.GET, "bulan", max_length=7)
    if not text:
        return latest
    try:
        month = Month.parse(text)
    except ValueError:
        raise Http404 from None
    if (month.year, month.month) > (latest.year, latest.month):
        raise Http404
    return month


def _months(latest: Month, count: int = 24) -> list[Month]:
    months = [latest]
    while len(months) < count:
        months.append(months[-1].previous())
    return months


def _roll_up_letterhead(area: report.Area) -> Letterhead:
    return Letterhead(
        government=_("Rekapitulasi %(area)s") % {"area": area.label},
        office=_("Informasi Pasar Kerja — Jejaring"),
        address="",
        contact="",
        logo=DEFAULT_LOGO,
        place="",
    )


@login_required
@require_GET
def ipk_report(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.VIEWER)
    area = report.area_for(actor=request.user, value=query_text(request.GET, "wilayah"))
    today = today_in(area.region or home_region_for(actor=request.user))
    latest = Month.of(today)
    month = _month(request, latest)
    if "bulan" not in request.GET:
        month = latest.previous()
    result = report.ipk_report_for(actor=request.user, month=month, area=area)
    tables = result.tables.office_tables()
    name = f"ipk-{area.region.slug if area.region else area.value}-{month}"
    output = request.GET.get("format")
    if output == "xlsx":
        return xlsx_response(f"{name}.xlsx", exports.sheets(result, tables))
    context: dict[str, Any] = {"report": result, "tables": tables}
    if output == "pdf":
        region = area.region
        pdf = render_document(
            "outcomes/pdf/ipk_report.html",
            context,
            letterhead=letterhead_of(region) if region else _roll_up_letterhead(area),
            signatory=signatory_of(region) if region and not result.protected else None,
            place_date=today if region else None,
        )
        return pdf_response(pdf, f"{name}.pdf")
    return render(
        request,
        "outcomes/ipk_report.html",
        {
            **context,
            "areas": report.areas_for(actor=request.user),
            "months": _months(latest),
        },
    )


@require_GET
def ipk_definitions(request: HttpRequest) -> HttpResponse:
    return render(request, "outcomes/ipk_definitions.html")


@require_GET
def public_ipk(request: HttpRequest, public_region_slug: str) -> HttpResponse:
    region = report.public_region_get(slug=public_region_slug)
    # Only completed months: a month still running would be revised under the reader.
    latest = Month.of(today_in(region)).previous()
    month = _month(request, latest)
    result = report.public_ipk_report(region=region, month=month)
    return render(
        request,
        "outcomes/public_ipk.html",
        {
            "region": region,
            "report": result,
            "tables": result.tables.public_tables(),
            "months": _months(latest, 12),
        },
    )
