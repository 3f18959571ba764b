"""The gap analysis, funding envelopes and training plans with their workflow and exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from jejaring.accounts.scope import require_any_role
from jejaring.core import confirm
from jejaring.core.documents import render_document
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.core.params import query_id
from jejaring.core.pdf import pdf_response
from jejaring.core.policies import policy_for
from jejaring.core.templatetags.jejaring import rupiah
from jejaring.enterprise.views_indicators import summary_for as enterprise_summary_for
from jejaring.planning import selectors, services
from jejaring.planning.forms import BatchesForm, DecisionForm, EnvelopeForm, LineForm, PlanForm
from jejaring.planning.models import PlanLine, TrainingPlan
from jejaring.planning.views.base import _STAFF, _year
from jejaring.regions.calendar import today_in
from jejaring.regions.letterhead import letterhead_of, signatory_of
from jejaring.regions.selectors import home_region_for


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
    enterprise = _enterprise_evidence(request, plan, lines)
    for line in lines:
        # The gap figures a line cites, beside its evidence needs.
        line.gap = gap_rows.get(line.vocation_id)  # type: ignore[attr-defined]
        # A kelurahan entrepreneurship line cites how the alumni's businesses fared.
        line.enterprise = (  # type: ignore[attr-defined]
            enterprise if line.channel == PlanLine.Channel.KELURAHAN else None
        )
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


def _enterprise_evidence(
    request: HttpRequest, plan: TrainingPlan, lines: list[PlanLine]
) -> dict[str, Any] | None:
    """The entrepreneurship outcomes of the five graduation years before the plan's year
    (businesses started, survival at 12 and 24 months), withheld for readers outside the
    region's office as on the dashboard; None when the plan has no kelurahan line."""
    if not any(line.channel == PlanLine.Channel.KELURAHAN for line in lines):
        return None
    year_from, year_to = plan.year - 5, plan.year - 1
    table = enterprise_summary_for(
        actor=request.user,
        region_ids=frozenset({plan.region_id}),
        year_from=year_from,
        year_to=year_to,
    )
    return {"row": table.total, "year_from": year_from, "year_to": year_to}


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
    """Approve once the approver has confirmed what the plan commits to (packages,
    people, money); a post without ``confirm=1`` only shows that summary."""
    if confirm.confirmed(request):
        return _plan_action(request, training_plan_id, "approve")
    plan = selectors.plan_get_for(actor=request.user, training_plan_id=training_plan_id)
    if (
        plan.status != TrainingPlan.Status.SUBMITTED
        or plan.submitted_by_id == request.user.pk
        or not policy_for(TrainingPlan).can(request.user, "decide", plan)
    ):
        # Not approvable by this user now: the service refuses it with its own message.
        return _plan_action(request, training_plan_id, "approve")
    totals = selectors.plan_totals(plan=plan)
    return confirm.ask(
        request,
        confirm.Confirmation(
            title=_("Setujui rencana %(name)s?") % {"name": plan.title},
            summary=ngettext(
                "Rencana disetujui untuk %(count)d peserta dalam %(packages)d paket; "
                "paket pelatihan dapat dibuat darinya dan rencana tidak dapat diubah lagi.",
                "Rencana disetujui untuk %(count)d peserta dalam %(packages)d paket; "
                "paket pelatihan dapat dibuat darinya dan rencana tidak dapat diubah lagi.",
                totals.people,
            )
            % {"count": totals.people, "packages": totals.packages},
            details=[_("Biaya: %(cost)s.") % {"cost": rupiah(totals.cost)}],
            action=_("Setujui rencana"),
            back_url=reverse("planning:plan_detail", kwargs={"training_plan_id": plan.pk}),
            people=totals.people,
        ),
    )


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
    pdf = render_document(
        "planning/pdf/plan.html",
        {
            "plan": plan,
            "lines": selectors.plan_lines(plan=plan),
            "totals": selectors.plan_totals(plan=plan),
            "channel_totals": selectors.plan_channel_totals(plan=plan),
            "checks": services.plan_envelope_checks(plan=plan),
        },
        letterhead=letterhead_of(plan.region),
        signatory=signatory_of(plan.region),
        place_date=today_in(plan.region),
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
