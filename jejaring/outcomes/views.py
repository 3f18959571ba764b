"""Outcome pages: the tracer (who is due, answers, personal links), the dashboard with
drill-down and exports, the annual report, definitions and settings, and the public
statistics page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core import audit
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.forms import add_service_error
from jejaring.core.params import YEAR_MAX, YEAR_MIN, query_id, query_int, query_text
from jejaring.core.pdf import pdf_response, render_pdf
from jejaring.core.policies import policy_for
from jejaring.outcomes import audit_actions, disclosure, exports, indicators, selectors, services
from jejaring.outcomes.forms import (
    AnswerForm,
    CompanyConfirmForm,
    DashboardForm,
    DefinitionForm,
    StaffAnswerForm,
    TracerSettingsForm,
)
from jejaring.outcomes.indicators import Dimension, Filters, Measure
from jejaring.outcomes.models import FollowUp
from jejaring.outcomes.publication import public_payload
from jejaring.regions.selectors import home_region_for

PAGE_SIZE = 50


# --- tracer -------------------------------------------------------------------------


@login_required
@require_GET
def follow_up_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.OPERATOR)
    today = timezone.localdate()
    show = request.GET.get("tampil", "due")
    point = request.GET.get("titik", "")
    query = query_text(request.GET, "q")
    follow_ups = selectors.follow_up_list_for(
        actor=request.user,
        due_by=today if show in ("due", "unanswered") else None,
        unanswered_only=show == "unanswered",
        months_after=int(point) if point.isdigit() else None,
        query=query,
    )
    page = Paginator(follow_ups, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/follow_up_list.html",
        {
            "page_obj": page,
            "show": show,
            "point": point,
            "query": query,
            "response": selectors.response_rate_for(actor=request.user, today=today),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_detail(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = selectors.follow_up_get_for(actor=request.user, follow_up_id=follow_up_id)
    own = scope_of(request.user).person_id == follow_up.person_id
    form: AnswerForm
    if own:
        form = AnswerForm(request.POST or None)
    else:
        form = StaffAnswerForm(
            request.POST or None, companies=selectors.company_choices(follow_up=follow_up)
        )
    can_answer = policy_for(FollowUp).can(request.user, "record_answer", follow_up)
    if request.method == "POST":
        if not can_answer:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.follow_up_answer_record(
                    actor=request.user,
                    follow_up=follow_up,
                    data=services.AnswerData(
                        status=data["status"],
                        company_id=data.get("company"),
                        employer_name=data.get("employer_name", ""),
                        via_referral=bool(data.get("via_referral")),
                        business_kind=data.get("business_kind", ""),
                        business_registration=data.get("business_registration", ""),
                        started_on=data.get("started_on"),
                        monthly_income=data.get("monthly_income"),
                    ),
                )
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Jawaban penelusuran tersimpan."))
                return redirect("outcomes:follow_up_detail", follow_up_id=follow_up.pk)
    return render(
        request,
        "outcomes/follow_up_detail.html",
        {
            "follow_up": follow_up,
            "answers": selectors.follow_up_answers(follow_up=follow_up),
            "form": form,
            "can_answer": can_answer,
            "own": own,
        },
    )


@login_required
@require_POST
def follow_up_link(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    """Issue a new personal link and show the message to paste into WhatsApp; with
    `kirim=email`, email it as well."""
    follow_up = selectors.follow_up_get_for(actor=request.user, follow_up_id=follow_up_id)
    if scope_of(request.user).person_id == follow_up.person_id:
        raise Http404
    base_url = request.build_absolute_uri("/")
    try:
        if request.POST.get("kirim") == "email":
            email = services.follow_up_link_email(
                actor=request.user, follow_up=follow_up, base_url=base_url
            )
            messages.success(request, _("Tautan dikirim ke %(email)s.") % {"email": email})
            return redirect("outcomes:follow_up_detail", follow_up_id=follow_up.pk)
        url, message = services.follow_up_link_issue(
            actor=request.user, follow_up=follow_up, base_url=base_url
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("outcomes:follow_up_detail", follow_up_id=follow_up.pk)
    return render(
        request,
        "outcomes/follow_up_link.html",
        {
            "follow_up": follow_up,
            "url": url,
            "message": message,
            "whatsapp": "https://wa.me/?" + urlencode({"text": message}),
        },
    )


@require_http_methods(["GET", "POST"])
def answer_link(request: HttpRequest, answer_token: str) -> HttpResponse:
    """The alumnus's personal page: no login, one short form."""
    try:
        follow_up = services.follow_up_from_token(answer_token)
    except NotFound:
        return render(request, "outcomes/answer_link_invalid.html", status=404)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_answer_by_link(
                token=answer_token,
                data=services.AnswerData(
                    status=data["status"],
                    employer_name=data["employer_name"],
                    business_kind=data["business_kind"],
                    business_registration=data["business_registration"],
                    started_on=data["started_on"],
                    monthly_income=data["monthly_income"],
                ),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return render(request, "outcomes/answer_link_thanks.html", {"follow_up": follow_up})
    first_name = follow_up.person.full_name.split()[0] if follow_up.person.full_name else ""
    return render(
        request,
        "outcomes/answer_link.html",
        {"follow_up": follow_up, "form": form, "first_name": first_name},
    )


@login_required
@require_GET
def my_follow_ups(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    return render(
        request,
        "outcomes/my_follow_ups.html",
        {"follow_ups": selectors.own_follow_ups(actor=request.user)},
    )


@login_required
@require_GET
def company_confirmations(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.COMPANY_HR)
    referrals = selectors.referrals_to_confirm_for(actor=request.user)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/company_confirmations.html",
        {"page_obj": page, "form": CompanyConfirmForm(), "today": timezone.localdate()},
    )


@login_required
@require_POST
def company_confirm(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_to_confirm_get(actor=request.user, referral_id=referral_id)
    form = CompanyConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi tanggal mulai bekerja yang benar."))
        return redirect("outcomes:company_confirmations")
    try:
        count = services.employment_confirm_by_company(
            actor=request.user, referral=referral, started_on=form.cleaned_data["started_on"]
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        if count:
            messages.success(
                request,
                _("Terima kasih: %(name)s tercatat bekerja di perusahaan Anda.")
                % {"name": referral.person.full_name},
            )
        else:
            messages.info(
                request,
                _(
                    "Belum ada penelusuran yang jatuh tempo untuk %(name)s, atau alumni "
                    "sudah menjawab sendiri."
                )
                % {"name": referral.person.full_name},
            )
    return redirect("outcomes:company_confirmations")


# --- dashboard -----------------------------------------------------------------------


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
    computed = [
        indicators.graduate_table(filters=filters, definition=definition, dimension=Dimension.YEAR)
    ]
    if dimension != Dimension.YEAR:
        computed.append(
            indicators.graduate_table(filters=filters, definition=definition, dimension=dimension)
        )
    # Both tables count the same graduates: they are protected together.
    shown = disclosure.shown_tables(computed, protect=protect)
    by_year, table = shown[0], shown[-1]
    pipeline = disclosure.shown_pipeline(
        indicators.pipeline_rates(filters=filters), protect=protect
    )
    if request.GET.get("format") == "xlsx":
        sheets = [exports.graduate_sheet(by_year, _("Per tahun"))]
        if dimension != Dimension.YEAR:
            sheets.append(exports.graduate_sheet(table, str(dimension.label)))
        sheets.append(exports.pipeline_sheet(pipeline, protected=protect))
        return exports.xlsx_response(
            f"keterserapan-{filters.year_from}-{filters.year_to}.xlsx", sheets
        )
    funnel_year = filters.year_to - 1 if filters.year_to > filters.year_from else filters.year_to
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
            "funnel": disclosure.shown_funnel(
                indicators.funnel(filters=filters, definition=definition, year=funnel_year),
                protect=protect,
            ),
            "protected": protect,
            "funnel_year": funnel_year,
            "response": (
                selectors.response_rate_for(actor=request.user, today=timezone.localdate())
                if office
                else None
            ),
            "can_drill": office,
            "chart": chart,
            "query": query.urlencode(),
            "xlsx_query": urlencode({**query.dict(), "format": "xlsx"}),
        },
    )


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
    pdf = render_pdf("outcomes/annual_report_pdf.html", context)
    return pdf_response(pdf, f"laporan-keterserapan-{region.slug}-{report_year}.pdf")


# --- definitions, settings, publication -------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def definition_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    form = DefinitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_definition_save(
                actor=request.user, region=region, **form.cleaned_data
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Definisi tersimpan."))
            return redirect("outcomes:definition_list")
    return render(
        request,
        "outcomes/definition_list.html",
        {"definitions": selectors.definition_list_for(actor=request.user), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def definition_edit(request: HttpRequest, indicator_definition_id: int) -> HttpResponse:
    definition = selectors.definition_get_for(
        actor=request.user, definition_id=indicator_definition_id
    )
    require_any_role(request.user, Role.OFFICE_STAFF)
    initial = {
        "name": definition.name,
        "window_months": definition.window_months,
        "internship_counts_as_absorbed": definition.internship_counts_as_absorbed,
        "self_employment_counts_as_absorbed": definition.self_employment_counts_as_absorbed,
        "make_default": definition.is_default,
    }
    form = DefinitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_definition_save(
                actor=request.user,
                region=definition.region,
                definition=definition,
                **form.cleaned_data,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Definisi tersimpan."))
            return redirect("outcomes:definition_list")
    return render(
        request, "outcomes/definition_form.html", {"form": form, "definition": definition}
    )


@login_required
@require_http_methods(["GET", "POST"])
def tracer_settings(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    current = services.tracer_settings_for(region=region)
    form = TracerSettingsForm(
        request.POST or None,
        initial={
            "points": ", ".join(str(p) for p in current.points),
            "link_valid_days": current.link_valid_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.tracer_settings_update(actor=request.user, region=region, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pengaturan penelusuran tersimpan."))
            return redirect("outcomes:tracer_settings")
    return render(request, "outcomes/tracer_settings.html", {"form": form, "region": region})


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    year = request.POST.get("tahun", "")
    if region is None or not year.isdigit() or not 2000 <= int(year) <= timezone.localdate().year:
        raise Http404
    definitions = selectors.definition_list_for(actor=request.user).filter(region=region)
    chosen = definitions.filter(is_default=True).first()
    if chosen is None:
        messages.error(request, _("Tetapkan dahulu definisi utama keterserapan."))
        return redirect("outcomes:definition_list")
    payload = public_payload(region=region, year=int(year), definition=chosen)
    services.statistics_publish(
        actor=request.user, region=region, year=int(year), definition=chosen, payload=payload
    )
    messages.success(request, _("Statistik %(year)s diterbitkan.") % {"year": year})
    return redirect("outcomes:public_region", public_region_slug=region.slug)


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    return render(request, "outcomes/public_index.html", {"regions": selectors.public_regions()})


@require_GET
def public_region(request: HttpRequest, public_region_slug: str) -> HttpResponse:
    region = selectors.public_regions().filter(slug=public_region_slug).first()
    if region is None:
        raise Http404
    latest: dict[int, Any] = {}
    for published in selectors.published_for_region(region=region):
        latest.setdefault(published.year, published)
    return render(
        request,
        "outcomes/public_region.html",
        {"region": region, "published": [latest[year] for year in sorted(latest, reverse=True)]},
    )
