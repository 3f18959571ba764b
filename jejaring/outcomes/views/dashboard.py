"""The indicator dashboard, its drill-down to the graduates behind a number (with
export) and the annual report."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core import audit, versions
from jejaring.core.documents import render_document
from jejaring.core.params import YEAR_MAX, YEAR_MIN, query_id, query_int
from jejaring.core.pdf import pdf_response
from jejaring.enterprise import indicators as enterprise_indicators
from jejaring.outcomes import audit_actions, disclosure, exports, indicators, maths, selectors
from jejaring.outcomes.forms import DashboardForm
from jejaring.outcomes.indicators import Dimension, Filters, Measure
from jejaring.outcomes.views.tracer import PAGE_SIZE
from jejaring.regions.calendar import today_in
from jejaring.regions.letterhead import letterhead_of, signatory_of
from jejaring.regions.selectors import home_region_for

#: Whatever changes a dashboard figure: graduates, follow-up answers, referrals, people.
DASHBOARD_TOPICS = (
    versions.TRAINING,
    versions.OUTCOMES,
    versions.PLACEMENT,
    versions.PEOPLE,
    versions.ENTERPRISE,
)


def _dashboard_form(request: HttpRequest) -> DashboardForm:
    choices = selectors.dashboard_choices_for(
        actor=request.user, home=home_region_for(actor=request.user)
    )
    return DashboardForm(
        request.GET or QueryDict(""),
        regions=choices.regions,
        institutions=choices.institutions,
        vocations=choices.vocations,
        definitions=choices.definitions,
    )


def _filters_and_definition(
    request: HttpRequest, form: DashboardForm
) -> tuple[Filters, indicators.Definition]:
    data = form.cleaned_data
    region_id = data.get("region")
    filters = selectors.filters_for(
        actor=request.user,
        region_ids={region_id} if region_id else None,
        year_from=data["year_from"],
        year_to=data["year_to"],
        institution_id=data.get("institution"),
        institution_kind=data.get("institution_kind") or "",
        vocation_id=data.get("vocation"),
        funding_source=data.get("funding_source") or "",
        sex=data.get("sex") or "",
    )
    region = None
    if len(filters.region_ids) == 1:
        region = selectors.indicator_regions_for(actor=request.user).get(
            pk=next(iter(filters.region_ids))
        )
    definition = selectors.definition_for(region=region, definition_id=data.get("definition"))
    return filters, definition


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.VIEWER)
    form = _dashboard_form(request)
    if not form.is_valid():
        return render(request, "outcomes/dashboard.html", {"form": form}, status=400)
    filters, definition = _filters_and_definition(request, form)
    dimension = Dimension(form.cleaned_data["dimension"])
    protect = not selectors.exact_figures_for(actor=request.user, filters=filters)
    funnel_year = filters.year_to - 1 if filters.year_to > filters.year_from else filters.year_to
    # Computed once per version of the regions' data and read from the cache after that.
    # The key holds all the figures depend on (the regions, filters, window, definition,
    # breakdown and whether they are protected), and what is cached is what is shown:
    # suppressed already when `protect`.
    figures = versions.cached(
        ("outcomes.dashboard", filters, definition, dimension.value, protect, funnel_year),
        lambda: _shown_figures(filters, definition, dimension, protect, funnel_year),
        region_ids=filters.region_ids,
        topics=DASHBOARD_TOPICS,
    )
    by_year, table = figures.value["by_year"], figures.value["table"]
    pipeline = figures.value["pipeline"]
    if request.GET.get("format") == "xlsx":
        sheets = [exports.graduate_sheet(by_year, _("Per tahun"))]
        if dimension != Dimension.YEAR:
            sheets.append(exports.graduate_sheet(table, str(dimension.label)))
        sheets.append(exports.pipeline_sheet(pipeline, protected=protect))
        return exports.xlsx_response(
            f"keterserapan-{filters.year_from}-{filters.year_to}.xlsx", sheets
        )
    office = scope_of(request.user).is_office and not protect
    chart = {
        "labels": [str(row.key) for row in by_year.rows],
        "absorption": [_float(row.absorption.percent) for row in by_year.rows],
        "answered": [_float(row.absorption_of_answered.percent) for row in by_year.rows],
        "self_employed": [_float(row.entrepreneurship.percent) for row in by_year.rows],
        "series": [
            _("Terserap (% semua lulusan)"),
            _("Terserap (% yang menjawab)"),
            _("Wirausaha (%)"),
        ],
    }
    query = request.GET.copy()
    query.pop("format", None)
    funnel = figures.value["funnel"]
    return render(
        request,
        "outcomes/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "definition": definition,
            "by_year": by_year,
            "table": table,
            "dimension": dimension,
            "pipeline": pipeline,
            "funnel": funnel,
            # The bars of the funnel are drawn against its largest shown step.
            "funnel_max": max((step.count for step in funnel if step.count), default=0),
            "young_years": maths.young_cohorts(
                (row.key for row in by_year.rows), definition.window_months, timezone.localdate()
            ),
            "as_of": figures.as_of,
            "protected": protect,
            "funnel_year": funnel_year,
            "response": _response_rate(request.user) if office else None,
            "can_drill": office,
            "chart": chart,
            "query": query.urlencode(),
            "xlsx_query": urlencode({**query.dict(), "format": "xlsx"}),
            "publish": _publish_control(request.user, filters),
            "enterprise": figures.value["enterprise"],
            "enterprise_definitions": enterprise_indicators.DEFINITIONS,
        },
    )


def _publish_control(actor: Any, filters: Filters) -> dict[str, Any] | None:
    """What the dashboard's "publish public statistics" form needs, for office staff of
    one home region: the year shown (not after this year) and the last publication."""
    if not scope_of(actor).is_office:
        return None
    region = home_region_for(actor=actor)
    if region is None:
        return None
    return {
        "region": region,
        "year": min(filters.year_to, timezone.localdate().year),
        "last": selectors.published_for_region(region=region).first(),
    }


def _shown_figures(
    filters: Filters,
    definition: indicators.Definition,
    dimension: Dimension,
    protect: bool,
    funnel_year: int,
) -> dict[str, Any]:
    """The dashboard's tables, pipeline and funnel as shown (withheld where `protect`), and
    beside absorption the entrepreneurship path of the same graduation years and regions
    (withheld exactly when the absorption figures are)."""
    computed = [
        indicators.graduate_table(filters=filters, definition=definition, dimension=Dimension.YEAR)
    ]
    if dimension != Dimension.YEAR:
        computed.append(
            indicators.graduate_table(filters=filters, definition=definition, dimension=dimension)
        )
    # Both tables count the same graduates: they are protected together.
    shown = disclosure.shown_tables(computed, protect=protect)
    return {
        "by_year": shown[0],
        "table": shown[-1],
        "pipeline": disclosure.shown_pipeline(
            indicators.pipeline_rates(filters=filters), protect=protect
        ),
        "funnel": disclosure.shown_funnel(
            indicators.funnel(filters=filters, definition=definition, year=funnel_year),
            protect=protect,
        ),
        "enterprise": _shown_enterprise(filters, protect),
    }


def _shown_enterprise(filters: Filters, protect: bool) -> enterprise_indicators.CohortTable:
    table = enterprise_indicators.cohort_table(
        region_ids=filters.region_ids, year_from=filters.year_from, year_to=filters.year_to
    )
    return enterprise_indicators.protected(table) if protect else table


def _response_rate(actor: Any) -> selectors.ResponseRate:
    today = timezone.localdate()
    return versions.cached(
        ("outcomes.response_rate", versions.seen_by(actor), today),
        lambda: selectors.response_rate_for(actor=actor, today=today),
        region_ids=versions.regions_of(actor),
        topics=(versions.OUTCOMES,),
    ).value


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None


@login_required
@require_GET
def drill_down(request: HttpRequest) -> HttpResponse:
    """The people behind a number of the dashboard: office staff of the region only."""
    require_any_role(request.user, Role.OFFICE_STAFF)
    form = _dashboard_form(request)
    if not form.is_valid():
        raise Http404
    try:
        measure = Measure(request.GET.get("ukuran", Measure.GRADUATES))
    except ValueError:
        raise Http404 from None
    filters, definition = _filters_and_definition(request, form)
    # Drill-down names people: only regions whose records the actor may read.
    filters = Filters(
        **{
            **filters.__dict__,
            "region_ids": filters.region_ids & selectors.record_regions_for(actor=request.user),
        }
    )
    if not filters.region_ids:
        raise Http404
    dimension = Dimension(form.cleaned_data["dimension"])
    raw_key = request.GET.get("kunci")
    key: Any = raw_key
    if (
        raw_key is not None
        and raw_key != indicators.EMPTY_KEY
        and dimension
        in (
            Dimension.YEAR,
            Dimension.REGION,
            Dimension.INSTITUTION,
            Dimension.VOCATION,
            Dimension.PROGRAM,
            Dimension.COMPANY,
        )
    ):
        if dimension == Dimension.YEAR:
            key = query_int(request.GET, "kunci", minimum=YEAR_MIN, maximum=YEAR_MAX)
        else:
            key = query_id(request.GET, "kunci")
        if key is None:
            raise Http404
    page_number = query_int(request.GET, "page", default=1, minimum=1) or 1
    export = request.GET.get("format") == "xlsx"
    limit = 100_000 if export else PAGE_SIZE
    count, ids = indicators.graduate_ids(
        filters=filters,
        definition=definition,
        measure=measure,
        dimension=dimension,
        key=key,
        limit=limit,
        offset=0 if export else (page_number - 1) * PAGE_SIZE,
    )
    people = selectors.graduates_by_ids(actor=request.user, ids=ids)
    if export:
        from django.db import transaction

        with transaction.atomic():
            audit.record(
                actor=request.user,
                action=audit_actions.DRILL_DOWN_EXPORT,
                region=home_region_for(actor=request.user),
                changes={"measure": measure.value, "rows": len(people)},
            )
        return exports.xlsx_response(
            f"rincian-{measure.value}.xlsx",
            [
                exports.Sheet(
                    str(measure.label),
                    [_("NIK"), _("Nama"), _("Lembaga"), _("Program"), _("Tanggal lulus")],
                    [
                        [
                            e.person.masked_nik,
                            e.person.full_name,
                            str(e.institution),
                            e.batch.program.name,
                            e.graduated_on,
                        ]
                        for e in people
                    ],
                )
            ],
        )
    pages = max(1, (count + PAGE_SIZE - 1) // PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "outcomes/drill_down.html",
        {
            "people": people,
            "count": count,
            "measure": measure,
            "definition": definition,
            "key_label": raw_key,
            "dimension": dimension,
            "page_number": page_number,
            "pages": pages,
            "query": query.urlencode(),
        },
    )


@login_required
@require_GET
def annual_report(request: HttpRequest, report_year: int) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    if region is None or not 2000 <= report_year <= timezone.localdate().year:
        raise Http404
    filters = selectors.filters_for(
        actor=request.user, region_ids={region.pk}, year_from=report_year - 4, year_to=report_year
    )
    definition = selectors.definition_for(region=region)
    context = {
        "region": region,
        "year": report_year,
        "definition": definition,
        "by_year": indicators.graduate_table(filters=filters, definition=definition),
        "by_vocation": indicators.graduate_table(
            filters=Filters(
                region_ids=filters.region_ids, year_from=report_year, year_to=report_year
            ),
            definition=definition,
            dimension=Dimension.VOCATION,
        ),
        "by_institution": indicators.graduate_table(
            filters=Filters(
                region_ids=filters.region_ids, year_from=report_year, year_to=report_year
            ),
            definition=definition,
            dimension=Dimension.INSTITUTION,
        ),
        "pipeline": indicators.pipeline_rates(filters=filters),
        "generated": timezone.localtime(),
    }
    pdf = render_document(
        "outcomes/pdf/annual_report.html",
        context,
        letterhead=letterhead_of(region),
        signatory=signatory_of(region),
        place_date=today_in(region),
    )
    return pdf_response(pdf, f"laporan-keterserapan-{region.slug}-{report_year}.pdf")
