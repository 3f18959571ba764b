"""Planning pages: needs intake and mapping, coordination meetings, the gap analysis,
training plans with their workflow and exports, and the instructor gap."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.core.params import query_id
from jejaring.core.pdf import pdf_response, render_pdf
from jejaring.core.policies import policy_for
from jejaring.planning import selectors, services
from jejaring.planning.forms import (
    BatchesForm,
    DecisionForm,
    EnvelopeForm,
    LineForm,
    MapForm,
    MeetingForm,
    NeedForm,
    PlanForm,
    SourcingForm,
)
from jejaring.planning.models import IndustryNeed, TrainingPlan
from jejaring.regions.selectors import home_region_for

_STAFF = (Role.OFFICE_STAFF,)


def _is_staff(request: HttpRequest) -> bool:
    return scope_of(request.user).is_office


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year + 1
    return year if 2000 <= year <= 2100 else timezone.localdate().year + 1


# ---------------------------------------------------------------- needs


@login_required
def need_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    mapping = request.GET.get("pemetaan", "")
    needs = selectors.need_list_for(actor=request.user, mapping=mapping)
    return render(
        request,
        "planning/need_list.html",
        {
            "page_obj": Paginator(needs, 50).get_page(request.GET.get("page")),
            "mapping": mapping,
            "mappings": IndustryNeed.Mapping.choices,
            "is_staff": _is_staff(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    is_staff = _is_staff(request)
    companies = selectors.company_options_for(actor=request.user)
    if not is_staff:
        companies = companies.filter(pk__in=scope_of(request.user).company_ids)
    form = NeedForm(
        request.POST or None,
        companies=companies,
        partners=selectors.partner_options_for(actor=request.user) if is_staff else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            need = services.need_submit(
                actor=request.user,
                company=data.get("company"),
                partner=data.get("partner"),
                region=home_region_for(actor=request.user),
                data=services.NeedData(
                    description=data["description"],
                    quantity=data["quantity"],
                    kind=data["kind"],
                    needed_by=data["needed_by"],
                    location=data["location"],
                    notes=data["notes"],
                ),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Kebutuhan tercatat. Terima kasih."))
            return redirect("planning:need_detail", industry_need_id=need.pk)
    return render(request, "planning/need_form.html", {"form": form})


@login_required
def need_detail(request: HttpRequest, industry_need_id: int) -> HttpResponse:
    need = selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)
    return render(request, "planning/need_detail.html", _need_context(request, need))


def _need_context(request: HttpRequest, need: IndustryNeed, form: Any = None) -> dict[str, Any]:
    can_map = policy_for(IndustryNeed).can(request.user, "map", need)
    suggestions = selectors.vocation_suggestions(text=need.description) if can_map else []
    if can_map and form is None:
        initial_vocation = need.vocation or (suggestions[0].vocation if suggestions else None)
        form = MapForm(
            initial={"vocation": initial_vocation, "units": list(need.units.all())},
            vocations=selectors.vocation_options(),
            units=selectors.unit_options(vocation=initial_vocation),
        )
    if form is not None:
        # Choosing another vocation reloads its competency units in place.
        form.fields["vocation"].widget.attrs.update(
            {
                "hx-get": reverse("planning:need_units", kwargs={"industry_need_id": need.pk}),
                "hx-target": "#id_units",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
            }
        )
    return {
        "need": need,
        "units": need.units.all(),
        "can_map": can_map,
        "suggestions": suggestions,
        "form": form,
        "plan_lines": need.plan_lines.select_related("plan") if _is_staff(request) else [],
    }


@login_required
def need_units(request: HttpRequest, industry_need_id: int) -> HttpResponse:
    """The competency-unit checkboxes of the vocation chosen on the mapping form."""
    need = selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)
    if not policy_for(IndustryNeed).can(request.user, "map", need):
        raise Http404
    vocation_id = request.GET.get("vocation", "")
    vocation = (
        selectors.vocation_options().filter(pk=vocation_id).first()
        if vocation_id.isdigit()
        else None
    )
    form = MapForm(
        initial={"vocation": vocation},
        vocations=selectors.vocation_options(),
        units=selectors.unit_options(vocation=vocation),
    )
    return render(request, "planning/partials/units.html", {"form": form})


@login_required
@require_POST
def need_map(request: HttpRequest, industry_need_id: int) -> HttpResponse:
    need = selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)
    if not policy_for(IndustryNeed).can(request.user, "map", need):
        raise Http404
    vocation_id = request.POST.get("vocation") or None
    vocation = selectors.vocation_options().filter(pk=vocation_id).first() if vocation_id else None
    form = MapForm(
        request.POST,
        vocations=selectors.vocation_options(),
        units=selectors.unit_options(vocation=vocation),
    )
    if form.is_valid():
        try:
            services.need_map(
                actor=request.user,
                need=need,
                vocation=form.cleaned_data["vocation"],
                unit_ids=[unit.pk for unit in form.cleaned_data["units"]],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pemetaan kebutuhan tersimpan."))
            return redirect("planning:need_detail", industry_need_id=need.pk)
    return render(
        request, "planning/need_detail.html", _need_context(request, need, form), status=422
    )


# ---------------------------------------------------------------- meetings


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    return render(
        request,
        "planning/meeting_list.html",
        {"meetings": selectors.meeting_list_for(actor=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    form = MeetingForm(
        request.POST or None,
        companies=selectors.company_options_for(actor=request.user),
        partners=selectors.partner_options_for(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                actor=request.user,
                region=region,
                data=services.MeetingData(
                    held_on=data["held_on"],
                    title=data["title"],
                    location=data["location"],
                    attendees=data["attendees"],
                    aspirations=data["aspirations"],
                ),
                companies=list(data["companies"]),
                partners=list(data["partners"]),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Rapat koordinasi tercatat."))
            return redirect("planning:meeting_detail", coordination_meeting_id=meeting.pk)
    return render(request, "planning/meeting_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, coordination_meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for(
        actor=request.user, coordination_meeting_id=coordination_meeting_id
    )
    form = NeedForm(
        request.POST or None,
        companies=selectors.company_options_for(actor=request.user),
        partners=selectors.partner_options_for(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.need_submit(
                actor=request.user,
                company=data.get("company"),
                partner=data.get("partner"),
                meeting=meeting,
                data=services.NeedData(
                    description=data["description"],
                    quantity=data["quantity"],
                    kind=data["kind"],
                    needed_by=data["needed_by"],
                    location=data["location"],
                    notes=data["notes"],
                ),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Kebutuhan dari rapat tercatat."))
            return redirect("planning:meeting_detail", coordination_meeting_id=meeting.pk)
    return render(
        request,
        "planning/meeting_detail.html",
        {
            "meeting": meeting,
            "companies": meeting.companies.all(),
            "partners": meeting.partners.all(),
            "needs": meeting.needs.select_related("company", "partner", "vocation"),
            "form": form,
        },
    )


# ---------------------------------------------------------------- gap analysis


@login_required
def gap(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    year = _year(request)
    analysis = selectors.gap_analysis_for(actor=request.user, year=year)
    vocation = request.GET.get("kejuruan", "").strip()
    drill = None
    if vocation:
        chosen = None if vocation == "none" else query_id(request.GET, "kejuruan")
        drill = {
            "row": next((r for r in analysis.rows if r.vocation_id == chosen), None),
            "detail": selectors.gap_drill_for(actor=request.user, year=year, vocation_id=chosen),
            "unmapped": chosen is None,
        }
    return render(
        request,
        "planning/gap.html",
        {"analysis": analysis, "year": year, "drill": drill, "chart": analysis.chart_data()},
    )


# ---------------------------------------------------------------- plans


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region = home_region_for(actor=request.user)
        if region is None:
            raise Http404
        try:
            plan = services.plan_create(
                actor=request.user,
                region=region,
                year=form.cleaned_data["year"],
                title=form.cleaned_data["title"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect("planning:plan_detail", training_plan_id=plan.pk)
    return render(
        request,
        "planning/plan_list.html",
        {
            "plans": selectors.plan_list_for(actor=request.user),
            "envelopes": selectors.envelope_list_for(actor=request.user),
            "form": form,
            "envelope_form": EnvelopeForm(initial={"year": timezone.localdate().year + 1}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def envelope_set(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    form = EnvelopeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.envelope_set(
                actor=request.user,
                region=region,
                year=data["year"],
                funding_source=data["funding_source"],
                amount=data["amount"],
                note=data["note"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pagu anggaran tersimpan."))
            return redirect("planning:plan_list")
    return render(request, "planning/envelope_form.html", {"form": form})


def _plan_context(request: HttpRequest, plan: TrainingPlan, **extra: Any) -> dict[str, Any]:
    year_needs = selectors.need_list_for(actor=request.user).filter(region_id=plan.region_id)
    editable = plan.status in (TrainingPlan.Status.DRAFT, TrainingPlan.Status.RETURNED)
    gap_rows = {
        row.vocation_id: row
        for row in selectors.gap_analysis_for(actor=request.user, year=plan.year).rows
    }
    lines = list(selectors.plan_lines(plan=plan))
    for line in lines:
        # The gap figures a line cites, beside its evidence needs.
        line.gap = gap_rows.get(line.vocation_id)  # type: ignore[attr-defined]
    context = {
        "plan": plan,
        "lines": lines,
        "totals": selectors.plan_totals(plan=plan),
        "channel_totals": selectors.plan_channel_totals(plan=plan),
        "checks": services.plan_envelope_checks(plan=plan),
        "editable": editable,
        # Whoever submitted the plan may return it but not approve it (separation of duties).
        "own_submission": plan.submitted_by_id == request.user.pk,
        "decision_form": DecisionForm(),
        "batches_form": BatchesForm(),
    }
    if editable and "line_form" not in extra:
        context["line_form"] = LineForm(
            institutions=selectors.institution_options_for(actor=request.user),
            programs=selectors.program_options_for(actor=request.user),
            vocations=selectors.vocation_options(),
            needs=year_needs,
        )
    context.update(extra)
    return context


@login_required
def plan_detail(request: HttpRequest, training_plan_id: int) -> HttpResponse:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    return render(request, "planning/plan_detail.html", _plan_context(request, plan))


@login_required
@require_POST
def line_add(request: HttpRequest, training_plan_id: int) -> HttpResponse:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    form = LineForm(
        request.POST,
        institutions=selectors.institution_options_for(actor=request.user),
        programs=selectors.program_options_for(actor=request.user),
        vocations=selectors.vocation_options(),
        needs=selectors.need_list_for(actor=request.user).filter(region_id=plan.region_id),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_line_add(
                actor=request.user,
                plan=plan,
                data=services.LineData(
                    channel=data["channel"],
                    title=data["title"],
                    packages=data["packages"],
                    people_per_package=data["people_per_package"],
                    days_per_package=data["days_per_package"] or 1,
                    cost_per_package=data["cost_per_package"],
                    funding_source=data["funding_source"],
                    institution=data["institution"],
                    program=data["program"],
                    vocation=data["vocation"],
                    note=data["note"],
                ),
                evidence=list(data["evidence"]),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Baris rencana ditambahkan."))
            return redirect("planning:plan_detail", training_plan_id=plan.pk)
    return render(
        request,
        "planning/plan_detail.html",
        _plan_context(request, plan, line_form=form),
        status=422,
    )


def _plan_action(request: HttpRequest, training_plan_id: int, action: str) -> HttpResponse:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    comments = request.POST.get("comments", "")[:2000]
    try:
        if action == "submit":
            services.plan_submit(actor=request.user, plan=plan)
            messages.success(request, _("Rencana diajukan."))
        elif action == "approve":
            services.plan_approve(actor=request.user, plan=plan, comments=comments)
            messages.success(request, _("Rencana disetujui."))
        else:
            services.plan_return(actor=request.user, plan=plan, comments=comments)
            messages.success(request, _("Rencana dikembalikan untuk diperbaiki."))
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("planning:plan_detail", training_plan_id=plan.pk)


@login_required
@require_POST
def plan_submit(request: HttpRequest, training_plan_id: int) -> HttpResponse:
    return _plan_action(request, training_plan_id, "submit")


@login_required
@require_POST
def plan_approve(request: HttpRequest, training_plan_id: int) -> HttpResponse:
    return _plan_action(request, training_plan_id, "approve")


@login_required
@require_POST
def plan_return(request: HttpRequest, training_plan_id: int) -> HttpResponse:
    return _plan_action(request, training_plan_id, "return")


@login_required
def plan_export_xlsx(request: HttpRequest, training_plan_id: int) -> HttpResponse:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    from jejaring.planning import exports

    return exports.plan_xlsx_response(plan)


@login_required
def plan_export_pdf(request: HttpRequest, training_plan_id: int) -> HttpResponse:
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    pdf = render_pdf(
        "planning/plan_pdf.html",
        {
            "plan": plan,
            "lines": selectors.plan_lines(plan=plan),
            "totals": selectors.plan_totals(plan=plan),
            "channel_totals": selectors.plan_channel_totals(plan=plan),
            "checks": services.plan_envelope_checks(plan=plan),
        },
    )
    return pdf_response(pdf, f"rencana-pelatihan-{plan.year}-{plan.pk}.pdf")


@login_required
@require_POST
def line_remove(request: HttpRequest, plan_line_id: int) -> HttpResponse:
    line = selectors.plan_line_get_for(actor=request.user, plan_line_id=plan_line_id)
    try:
        services.plan_line_remove(actor=request.user, line=line)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    return redirect("planning:plan_detail", training_plan_id=line.plan_id)


@login_required
@require_POST
def line_batches(request: HttpRequest, plan_line_id: int) -> HttpResponse:
    line = selectors.plan_line_get_for(actor=request.user, plan_line_id=plan_line_id)
    form = BatchesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi tanggal mulai paket pertama."))
    else:
        try:
            batches = services.plan_line_create_batches(
                actor=request.user, line=line, start_date=form.cleaned_data["start_date"]
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d paket pelatihan dibuat.",
                    "%(count)d paket pelatihan dibuat.",
                    len(batches),
                )
                % {"count": len(batches)},
            )
    return redirect("planning:plan_detail", training_plan_id=line.plan_id)


@login_required
@require_POST
def line_instructor_need(request: HttpRequest, plan_line_id: int) -> HttpResponse:
    line = selectors.plan_line_get_for(actor=request.user, plan_line_id=plan_line_id)
    try:
        need = services.instructor_need_open(actor=request.user, line=line)
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("planning:instructor_gap")
    return redirect("planning:instructor_need_detail", instructor_need_id=need.pk)


# ---------------------------------------------------------------- instructor gap


@login_required
def instructor_gap(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    return render(
        request,
        "planning/instructor_gap.html",
        {"rows": selectors.instructor_gap_for(actor=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def instructor_need_detail(request: HttpRequest, instructor_need_id: int) -> HttpResponse:
    need = selectors.instructor_need_get_for(
        actor=request.user, instructor_need_id=instructor_need_id
    )
    form = SourcingForm(
        request.POST or None,
        initial={"status": need.status, "candidate": need.candidate_id},
        instructors=selectors.instructor_options_for(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.instructor_need_set_status(
                actor=request.user,
                need=need,
                status=form.cleaned_data["status"],
                candidate=form.cleaned_data["candidate"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Status pencarian instruktur tersimpan."))
            return redirect("planning:instructor_need_detail", instructor_need_id=need.pk)
    return render(request, "planning/instructor_need_detail.html", {"need": need, "form": form})
