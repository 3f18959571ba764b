"""Placement pages: office staff open, close, allocate, review and publish rounds and see
seats and outcomes per formation; company HR see the candidates referred to them, record
outcomes and upload their ranking of applicants; trainees apply with ranked choices and
read their result with its explanation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core import confirm
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.core.pagination import CURSOR_PARAM, DEFAULT_COUNT_CAP, seek_page
from jejaring.core.params import query_id
from jejaring.core.pdf import pdf_response
from jejaring.core.policies import policy_for
from jejaring.placement import (
    apply_ranking,
    referrals,
    round_confirmations,
    selectors,
    services,
)
from jejaring.placement.forms import ApplyForm, OutcomeForm, RankingForm, RoundForm
from jejaring.placement.letters import referral_letter_pdf
from jejaring.placement.models import AllocationRound, Referral
from jejaring.placement.seats import seats_held
from jejaring.regions.selectors import home_region_for

PAGE_SIZE = 50


# --- office staff: rounds -------------------------------------------------------------


@login_required
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    page = Paginator(selectors.round_list_for(actor=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "placement/round_list.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    if region is None or not scope_of(request.user).is_office_of(region.pk):
        raise Http404
    choices = [
        (f.pk, f"{f.company.name} · {f.title} ({f.get_kind_display()}, {f.quota})")
        for f in selectors.formations_for_round_form(actor=request.user).filter(region=region)
    ]
    form = RoundForm(request.POST or None, formations=choices)
    if request.method == "POST" and form.is_valid():
        try:
            rnd = services.round_create(
                actor=request.user,
                region=region,
                name=form.cleaned_data["name"],
                formation_ids=form.cleaned_data["formations"],
                max_choices=form.cleaned_data["max_choices"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Putaran dibuka; lulusan dapat melamar."))
            return redirect("placement:round_detail", round_id=rnd.pk)
    return render(request, "placement/round_form.html", {"form": form})


@login_required
@require_GET
def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd = selectors.round_get_for(actor=request.user, round_id=round_id)
    rfs = selectors.round_formations(rnd=rnd)
    fill = services.fill_by_formation(rnd)
    outcomes = selectors.round_outcomes(rnd=rnd)
    held = seats_held([rf.formation_id for rf in rfs])
    rows = [
        {
            "rf": rf,
            "fill": fill.get(rf.formation_id, {}),
            "held": held.get(rf.formation_id, 0),
            "outcomes": [
                (Referral.Status(status).label, n)
                for status, n in sorted(outcomes.get(rf.formation_id, {}).items())
            ],
        }
        for rf in rfs
    ]
    return render(
        request,
        "placement/round_detail.html",
        {
            "round": rnd,
            "rows": rows,
            "Status": AllocationRound.Status,
            "ranking_form": RankingForm(
                formations=[(rf.formation_id, str(rf.formation)) for rf in rfs]
            ),
        },
    )


def _round_step(
    request: HttpRequest, round_id: int, step: Any, done: str, name: str
) -> HttpResponse:
    """Run one step of the round once the office has confirmed what it will do (a post
    without ``confirm=1`` only shows the confirmation, with the people it concerns)."""
    rnd = selectors.round_get_for(actor=request.user, round_id=round_id)
    if not confirm.confirmed(request) and round_confirmations.needs_confirmation(rnd, name):
        if not scope_of(request.user).is_office_of(rnd.region_id):
            raise Http404
        return confirm.ask(request, round_confirmations.confirmation_for(rnd, name))
    try:
        step(actor=request.user, rnd=rnd)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect("placement:round_detail", round_id=rnd.pk)


@login_required
@require_POST
def round_close(request: HttpRequest, round_id: int) -> HttpResponse:
    return _round_step(
        request, round_id, services.round_close, _("Putaran ditutup; lamaran dinilai."), "close"
    )


@login_required
@require_POST
def round_allocate(request: HttpRequest, round_id: int) -> HttpResponse:
    return _round_step(
        request,
        round_id,
        services.round_allocate,
        _("Hasil dihitung; periksa sebelum diumumkan."),
        "allocate",
    )


@login_required
@require_POST
def round_publish(request: HttpRequest, round_id: int) -> HttpResponse:
    return _round_step(
        request,
        round_id,
        services.round_publish,
        _("Hasil diumumkan; surat pengantar dibuat."),
        "publish",
    )


@login_required
@require_POST
def round_cancel(request: HttpRequest, round_id: int) -> HttpResponse:
    return _round_step(request, round_id, services.round_cancel, _("Putaran dibatalkan."), "cancel")


@login_required
@require_GET
def round_review(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd = selectors.round_get_for(actor=request.user, round_id=round_id)
    formation = request.GET.get("formasi", "")
    unassigned = request.GET.get("tanpa") == "1"
    results = selectors.round_results(
        rnd=rnd, formation_id=query_id(request.GET, "formasi"), unassigned=unassigned
    )
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "placement/round_review.html",
        {
            "round": rnd,
            "page_obj": page,
            "formations": selectors.round_formations(rnd=rnd),
            "formation": formation,
            "unassigned": unassigned,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ranking_upload(request: HttpRequest, round_id: int) -> HttpResponse:
    """Office staff, or company HR for their own formation, upload a company ranking."""
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    scope = scope_of(request.user)
    options = [
        (rf.formation_id, str(rf.formation))
        for rf in selectors.company_rounds_for(actor=request.user).filter(round_id=round_id)
    ]
    if not options:
        rnd = selectors.round_get_for(actor=request.user, round_id=round_id)
        options = [
            (rf.formation_id, str(rf.formation)) for rf in selectors.round_formations(rnd=rnd)
        ]
    form = RankingForm(request.POST or None, request.FILES or None, formations=options)
    if request.method == "POST" and form.is_valid():
        rf = selectors.company_round_formation_get_for(
            actor=request.user, round_id=round_id, formation_id=form.cleaned_data["formation"]
        )
        try:
            n = services.ranking_upload(
                actor=request.user, round_formation=rf, file=form.cleaned_data["file"]
            )
        except ApplicationError as error:
            add_service_error(form, error)
            for row in error.detail.get("errors", []):
                form.add_error(
                    None,
                    _("Baris %(row)s, kolom %(column)s: %(message)s") % row,
                )
        else:
            messages.success(request, _("Peringkat %(n)d pelamar disimpan.") % {"n": n})
            if round_id and scope.is_office_of(rf.round.region_id):
                return redirect("placement:round_detail", round_id=round_id)
            return redirect("placement:company_rankings")
    return render(request, "placement/ranking_form.html", {"form": form, "round_id": round_id})


@login_required
@require_GET
def company_rankings(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.COMPANY_HR)
    return render(
        request,
        "placement/company_rankings.html",
        {"entries": selectors.company_rounds_for(actor=request.user)},
    )


# --- referrals ------------------------------------------------------------------------


@login_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    status = request.GET.get("status", "")
    if status not in Referral.Status.values:
        status = ""
    page = seek_page(
        selectors.referral_list_for(actor=request.user, status=status),
        ordering=selectors.REFERRAL_LIST_ORDER,
        size=PAGE_SIZE,
        cursor=request.GET.get(CURSOR_PARAM),
        count_cap=DEFAULT_COUNT_CAP,
    )
    return render(
        request,
        "placement/referral_list.html",
        {"page_obj": page, "status": status, "statuses": Referral.Status.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_get_for(actor=request.user, referral_id=referral_id)
    may_record = policy_for(Referral).can(request.user, "record_outcome", referral)
    form = OutcomeForm(request.POST or None)
    blocked: list[dict[str, str]] = []
    if request.method == "POST":
        if not may_record:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                referrals.referral_record_outcome(
                    actor=request.user,
                    referral=referral,
                    status=data["status"],
                    reason=data["reason"],
                    on=data["on"],
                    override_reason=data["override_reason"],
                )
            except ApplicationError as error:
                # A refused start is listed with what clears it (agreement, BPJS cover).
                blocked = error.detail.get("blocked", [])
                if not blocked:
                    add_service_error(form, error)
            else:
                messages.success(request, _("Hasil penyaluran tersimpan."))
                return redirect("placement:referral_detail", referral_id=referral.pk)
    return render(
        request,
        "placement/referral_detail.html",
        {
            "referral": referral,
            "form": form if may_record else None,
            "may_see_contact": referrals.may_see_contact(request.user, referral),
            "blocked": blocked,
        },
        status=409 if blocked else 200,
    )


@login_required
@require_GET
def referral_letter(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The referral letter (surat pengantar), rendered from the stored referral."""
    referral = selectors.referral_get_for(actor=request.user, referral_id=referral_id)
    pdf = referral_letter_pdf(referral, request=request)
    filename = "surat-pengantar-" + (referral.letter_number or str(referral.pk)).replace("/", "-")
    return pdf_response(pdf, f"{filename}.pdf")


# --- trainees ---------------------------------------------------------------------------


@login_required
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    person = selectors.person_of(request.user)
    return render(
        request,
        "placement/my_applications.html",
        {
            "rounds": selectors.open_rounds_for_person(actor=request.user),
            "applications": selectors.my_applications(actor=request.user),
            "problem": services.applicant_problem(person) if person else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd = selectors.open_round_get_for_applicant(actor=request.user, round_id=round_id)
    person = selectors.person_of(request.user)
    assert person is not None
    rfs = selectors.round_formations(rnd=rnd)
    verdicts = services.verdicts_for(person, [rf.formation_id for rf in rfs])
    held = seats_held([rf.formation_id for rf in rfs])
    from jejaring.placement.eligibility import reason_message

    options: list[dict[str, Any]] = [
        {
            "formation": rf.formation,
            "seats_left": max(rf.formation.quota - held.get(rf.formation_id, 0), 0),
            "eligible": not verdicts[rf.formation_id].reason,
            "reason": reason_message(verdicts[rf.formation_id].reason, rf.formation)
            if verdicts[rf.formation_id].reason
            else "",
        }
        for rf in rfs
    ]
    choices = [
        (o["formation"].pk, f"{o['formation'].company.name} · {o['formation'].title}")
        for o in options
        if o["eligible"]
    ]
    existing = selectors.my_applications(actor=request.user).filter(round=rnd).first()
    initial = {}
    if existing is not None and existing.status == existing.Status.SUBMITTED:
        for choice in existing.choices.all():
            initial[f"choice_{choice.rank}"] = choice.formation_id
    eligible = [pk for pk, _label in choices]
    tap = apply_ranking.tapped(request.POST.get(apply_ranking.TAP, ""), rnd.max_choices, eligible)
    ranked = apply_ranking.choices_in(request.POST or initial, rnd.max_choices, eligible)
    tapping = apply_ranking.TAP in request.POST  # a ranking tap: show the order, send nothing
    if tap is not None:
        ranked = apply_ranking.place(ranked, *tap)
    if tapping:
        initial = apply_ranking.as_initial(ranked)
    data = request.POST if request.method == "POST" and not tapping else None
    form = ApplyForm(data, initial=initial, formations=choices, max_choices=rnd.max_choices)
    for option in options:
        option["rank"] = apply_ranking.ranks(ranked).get(option["formation"].pk)
    if data is not None and form.is_valid():
        try:
            services.application_submit(actor=request.user, rnd=rnd, formation_ids=form.ranked())
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Lamaran Anda tersimpan."))
            return redirect("placement:my_applications")
    return render(
        request,
        "placement/apply.html",
        {
            "round": rnd,
            "options": options,
            "form": form,
            "problem": services.applicant_problem(person),
            "existing": existing,
            "rank_numbers": range(1, rnd.max_choices + 1),
        },
    )


@login_required
@require_GET
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = selectors.application_get_for(actor=request.user, application_id=application_id)
    explanation = None
    if selectors.may_see_result(actor=request.user, application=application):
        explanation = selectors.explanation_for(application=application)
    referral = selectors.referral_of(application=application)
    return render(
        request,
        "placement/application_detail.html",
        {"application": application, "explanation": explanation, "referral": referral},
    )


@login_required
@require_POST
def referral_decline(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The candidate withdraws from a referral; the seat goes back to the formation."""
    referral = selectors.referral_get_for(actor=request.user, referral_id=referral_id)
    try:
        referrals.referral_decline(
            actor=request.user, referral=referral, reason=request.POST.get("reason", "")[:2000]
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Anda mundur dari penyaluran ini; kursinya dikembalikan."))
    if referral.application_id:
        return redirect("placement:application_detail", application_id=referral.application_id)
    return redirect("placement:my_applications")
