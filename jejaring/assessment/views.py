"""Competency testing pages: sessions and candidates for office staff, operators and
assigned assessors; certificates for staff and operators; a trainee's own results and
certificates. Each view parses, checks, calls one service or selector and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.assessment import selectors, services
from jejaring.assessment.certificates import certificate_pdf, competency_record_pdf
from jejaring.assessment.forms import (
    CompetencyCertificateForm,
    IssueForm,
    RetakeForm,
    RevokeForm,
    SchemeForm,
    SelfAssessmentForm,
    SessionForm,
    UnitResultsForm,
)
from jejaring.assessment.models import AssessmentSession, Candidate, TrainingCertificate
from jejaring.core import confirm
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.core.params import parse_id, query_text
from jejaring.core.pdf import pdf_response
from jejaring.core.policies import policy_for

_MANAGERS = (Role.OFFICE_STAFF, Role.OPERATOR)


# --- schemes -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def scheme_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_MANAGERS)
    form = SchemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scheme = services.scheme_create(
                actor=request.user,
                code=data["code"],
                name=data["name"],
                kind=data["kind"],
                kkni_level=data["kkni_level"],
                vocation=data["vocation"],
                lsp=data["lsp"],
                units=data["units"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Skema %(name)s tersimpan.") % {"name": scheme.name})
            return redirect("assessment:scheme_list")
    schemes = selectors.scheme_list().prefetch_related("scheme_units__unit")
    return render(request, "assessment/scheme_list.html", {"schemes": schemes, "form": form})


# --- sessions ------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_MANAGERS, Role.ASSESSOR)
    sessions = selectors.session_list_for(actor=request.user)
    page = Paginator(sessions, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/session_list.html",
        {
            "page_obj": page,
            "can_create": policy_for(AssessmentSession).can_any(request.user, "change"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_MANAGERS)
    form = SessionForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(
                actor=request.user,
                scheme=data["scheme"],
                lsp=data["lsp"],
                test_site=data["test_site"],
                day=data["date"],
                assessors=data["assessors"],
                batch=data["batch"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Sesi uji kompetensi dijadwalkan."))
            return redirect("assessment:session_detail", assessment_session_id=session.pk)
    return render(request, "assessment/session_form.html", {"form": form})


@login_required
def session_detail(request: HttpRequest, assessment_session_id: int) -> HttpResponse:
    session = selectors.session_get_for(actor=request.user, session_id=assessment_session_id)
    candidates = selectors.candidate_list_for_session(actor=request.user, session=session)
    return render(
        request,
        "assessment/session_detail.html",
        {
            "session": session,
            "candidates": candidates,
            "assessors": selectors.session_assessors(session=session),
            "can_change": policy_for(AssessmentSession).can(request.user, "change", session),
            "next_statuses": services.next_session_statuses(session),
        },
    )


@login_required
@require_POST
def session_status(request: HttpRequest, assessment_session_id: int) -> HttpResponse:
    session = selectors.session_get_for(actor=request.user, session_id=assessment_session_id)
    try:
        services.session_set_status(
            actor=request.user, session=session, status=request.POST.get("status", "")
        )
    except ApplicationError as error:
        if error.status == 404:
            raise Http404 from None
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Status sesi diperbarui."))
    return redirect("assessment:session_detail", assessment_session_id=session.pk)


# --- candidates ----------------------------------------------------------------------


def _candidate_context(request: HttpRequest, candidate: Candidate, **extra: Any) -> dict:
    rows = selectors.candidate_unit_rows(candidate=candidate)
    scope = scope_of(request.user)
    can_record = services.may_record_results(request.user, candidate)
    can_change = policy_for(Candidate).can(request.user, "change", candidate)
    context: dict[str, Any] = {
        "candidate": candidate,
        "session": candidate.session,
        "rows": rows,
        "can_record": can_record,
        "can_change": can_change,
        "is_own": Role.TRAINEE in scope.roles and candidate.person_id == scope.person_id,
        "results_form": UnitResultsForm(rows=rows) if can_record else None,
        "test_not_held": can_record and services.session_in_future(candidate.session),
        "retake_form": None,
        "competency_form": None,
    }
    if can_change and candidate.result == Candidate.Result.NOT_YET_COMPETENT:
        context["retake_form"] = RetakeForm(
            sessions=selectors.retake_sessions_for(actor=request.user, candidate=candidate)
        )
    if can_change and candidate.result == Candidate.Result.COMPETENT:
        context["competency_form"] = CompetencyCertificateForm()
    context.update(extra)
    return context


@login_required
def candidate_detail(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    return render(
        request, "assessment/candidate_detail.html", _candidate_context(request, candidate)
    )


@login_required
@require_POST
def candidate_results(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    if not services.may_record_results(request.user, candidate):
        raise Http404
    rows = selectors.candidate_unit_rows(candidate=candidate)
    form = UnitResultsForm(request.POST, rows=rows)
    if form.is_valid():
        try:
            services.unit_results_record(
                actor=request.user, candidate=candidate, results=form.results()
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Hasil uji tersimpan."))
            return redirect("assessment:candidate_detail", candidate_id=candidate.pk)
    context = _candidate_context(request, candidate, results_form=form)
    return render(request, "assessment/candidate_detail.html", context, status=422)


@login_required
@require_POST
def candidate_absent(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    if not services.may_record_results(request.user, candidate):
        raise Http404
    try:
        services.candidate_mark_absent(actor=request.user, candidate=candidate)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Asesi dicatat tidak hadir."))
    return redirect("assessment:session_detail", assessment_session_id=candidate.session_id)


@login_required
@require_http_methods(["GET", "POST"])
def candidate_application(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    rows = selectors.candidate_unit_rows(candidate=candidate)
    form = SelfAssessmentForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_submit_application(
                actor=request.user, candidate=candidate, claims=form.claims()
            )
        except ApplicationError as error:
            if error.status == 404:
                raise Http404 from None
            add_service_error(form, error)
        else:
            messages.success(request, _("Permohonan dan asesmen mandiri terkirim."))
            return redirect("assessment:candidate_detail", candidate_id=candidate.pk)
    return render(
        request, "assessment/candidate_application.html", {"candidate": candidate, "form": form}
    )


@login_required
@require_POST
def candidate_retake(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    if not policy_for(Candidate).can(request.user, "change", candidate):
        raise Http404
    form = RetakeForm(
        request.POST,
        sessions=selectors.retake_sessions_for(actor=request.user, candidate=candidate),
    )
    if form.is_valid():
        try:
            retake = services.candidate_retake(
                actor=request.user, candidate=candidate, session=form.cleaned_data["session"]
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Asesi didaftarkan untuk uji ulang unit BK."))
            return redirect("assessment:candidate_detail", candidate_id=retake.pk)
    context = _candidate_context(request, candidate, retake_form=form)
    return render(request, "assessment/candidate_detail.html", context, status=422)


@login_required
@require_POST
def competency_record(request: HttpRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.candidate_get_for(actor=request.user, candidate_id=candidate_id)
    if not policy_for(Candidate).can(request.user, "change", candidate):
        raise Http404
    form = CompetencyCertificateForm(request.POST)
    if form.is_valid():
        try:
            services.competency_certificate_record(
                actor=request.user,
                candidate=candidate,
                registration_number=form.cleaned_data["registration_number"],
                issued_on=form.cleaned_data["issued_on"],
                valid_until=form.cleaned_data["valid_until"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Sertifikat kompetensi tercatat."))
            return redirect("assessment:candidate_detail", candidate_id=candidate.pk)
    context = _candidate_context(request, candidate, competency_form=form)
    return render(request, "assessment/candidate_detail.html", context, status=422)


# --- certificates --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def certificate_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_MANAGERS)
    # ?paket= (the home inbox's link) preselects the batch whose graduates wait.
    batch_id = parse_id(request.GET.get("paket", ""))
    initial = {"batch": batch_id} if batch_id is not None else {}
    form = IssueForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.training_certificates_issue(
                actor=request.user, batch=form.cleaned_data["batch"]
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("%(count)s sertifikat diterbitkan.") % {"count": len(issued)}
            )
            return redirect("assessment:certificate_list")
    query = query_text(request.GET, "q").strip()
    certificates = selectors.training_certificate_list_for(actor=request.user)
    if query:
        certificates = certificates.filter(number__icontains=query)
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/certificate_list.html",
        {"page_obj": page, "form": form, "query": query},
    )


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request: HttpRequest, training_certificate_id: int) -> HttpResponse:
    certificate = selectors.training_certificate_get_for(
        actor=request.user, certificate_id=training_certificate_id
    )
    if not policy_for(TrainingCertificate).can(request.user, "revoke", certificate):
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not confirm.confirmed(request):
        return confirm.ask(
            request,
            confirm.Confirmation(
                title=_("Cabut sertifikat %(number)s?") % {"number": certificate.number},
                summary=_(
                    "Sertifikat %(number)s milik %(name)s dicabut; halaman verifikasi "
                    "publik menampilkannya sebagai dicabut. Ini mengenai 1 orang."
                )
                % {"number": certificate.number, "name": certificate.enrolment.person.full_name},
                details=[_("Alasan: %(reason)s") % {"reason": form.cleaned_data["reason"]}],
                action=_("Cabut sertifikat"),
                back_url=reverse("assessment:certificate_list"),
                people=1,
            ),
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.training_certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Sertifikat dicabut."))
            return redirect("assessment:certificate_list")
    return render(
        request, "assessment/certificate_revoke.html", {"certificate": certificate, "form": form}
    )


@login_required
def certificate_download(request: HttpRequest, training_certificate_id: int) -> HttpResponse:
    certificate = selectors.training_certificate_get_for(
        actor=request.user, certificate_id=training_certificate_id
    )
    pdf = certificate_pdf(certificate, request=request)
    filename = "sertifikat-" + certificate.number.replace("/", "-") + ".pdf"
    return pdf_response(pdf, filename)


@login_required
def competency_print(request: HttpRequest, competency_certificate_id: int) -> HttpResponse:
    """The office's printed record of a BNSP competency certificate."""
    require_any_role(request.user, *_MANAGERS)
    competency = get_object_or_404(
        selectors.competency_certificate_list_for(actor=request.user),
        pk=competency_certificate_id,
    )
    pdf = competency_record_pdf(competency, request=request)
    return pdf_response(pdf, f"catatan-sertifikat-kompetensi-{competency.pk}.pdf")


@login_required
def competency_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_MANAGERS)
    days = selectors.reminder_days()
    expiring = request.GET.get("segera") == "1"
    certificates = selectors.competency_certificate_list_for(
        actor=request.user, expiring_within=days if expiring else None
    )
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/competency_list.html",
        {"page_obj": page, "expiring": expiring, "days": days},
    )


# --- the trainee's own ---------------------------------------------------------------


@login_required
def my_results(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    candidates = list(selectors.own_candidates_for(actor=request.user))
    rows = selectors.candidates_unit_rows(candidates=candidates)
    results = [(c, rows[c.pk]) for c in candidates]
    return render(
        request,
        "assessment/my_results.html",
        {
            "results": results,
            "certificates": selectors.training_certificate_list_for(actor=request.user),
            "competencies": selectors.competency_certificate_list_for(actor=request.user),
        },
    )
