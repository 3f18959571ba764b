"""Vacancy pages for company HR and office staff: HR draft and submit their company's
vacancies and record filled openings; the office checks, publishes, returns or rejects them,
verifies employers who reported through the public form, and turns a published vacancy into
a formation for graduates. Each view parses, checks, calls one service or selector and
renders; another company's or region's vacancy is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.forms import add_service_error
from jejaring.core.pagination import CURSOR_PARAM, DEFAULT_COUNT_CAP, seek_page
from jejaring.core.policies import policy_for
from jejaring.employers import selectors as employer_selectors
from jejaring.employers.pages import STAFF_AND_HR, get_or_404, own_companies
from jejaring.regions.models import Region
from jejaring.training.models import Vocation
from jejaring.vacancies import kbji, public_reports, selectors, services
from jejaring.vacancies.forms import (
    CloseForm,
    FillForm,
    FormationForm,
    RejectReportForm,
    ReviewForm,
    VacancyForm,
    VerifyForm,
)
from jejaring.vacancies.models import EDITABLE, FILLABLE, EmployerReport, Vacancy

PAGE_SIZE = 30


def _vacancy(request: HttpRequest, vacancy_id: int) -> Vacancy:
    vacancy: Vacancy = get_or_404(
        selectors.vacancy_get_for, actor=request.user, vacancy_id=vacancy_id
    )
    return vacancy


def _initial(vacancy: Vacancy) -> dict[str, Any]:
    return {name: getattr(vacancy, name) for name in services.VACANCY_FIELDS}


@login_required
@require_GET
def vacancy_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *STAFF_AND_HR)
    status = request.GET.get("status", "")
    if status not in Vacancy.Status.values:
        status = ""
    page = seek_page(
        selectors.vacancy_list_for(actor=request.user, status=status),
        ordering=selectors.LIST_ORDER,
        size=PAGE_SIZE,
        cursor=request.GET.get(CURSOR_PARAM),
        count_cap=DEFAULT_COUNT_CAP,
    )
    is_office = scope_of(request.user).is_office
    return render(
        request,
        "vacancies/vacancy_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Vacancy.Status.choices,
            "companies": own_companies(request),
            "is_office": is_office,
            "waiting": selectors.waiting_count_for(actor=request.user) if is_office else 0,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = get_or_404(
        employer_selectors.company_get_for, actor=request.user, company_id=company_id
    )
    region = Region.objects.get(pk=company.region_id)
    primary = company.contacts.filter(is_primary=True).first()
    initial = (
        {
            "contact_name": primary.full_name,
            "contact_phone": primary.phone,
            "contact_email": primary.email,
        }
        if primary
        else {}
    )
    form = VacancyForm(request.POST or None, initial=initial, regency_code=region.code)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                actor=request.user, company=company, data=form.vacancy_data()
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Lowongan tersimpan sebagai konsep; ajukan ke dinas."))
            return redirect("vacancies:vacancy_detail", vacancy_id=vacancy.pk)
    return render(
        request,
        "vacancies/vacancy_form.html",
        {"form": form, "title": _("Lapor lowongan · %(name)s") % {"name": company.name}},
    )


@login_required
@require_GET
def vacancy_detail(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy(request, vacancy_id)
    policy = policy_for(Vacancy)
    office = policy.can(request.user, "office", vacancy)
    may_change = policy.can(request.user, "change", vacancy)
    editable = vacancy.status in (EDITABLE if office else services.HR_EDITABLE)
    return render(
        request,
        "vacancies/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "place": services.place_label(vacancy),
            "occupation": kbji.title_of(vacancy.kbji_code, get_language()),
            "can_edit": may_change and editable,
            "can_submit": may_change
            and vacancy.status in (Vacancy.Status.DRAFT, Vacancy.Status.RETURNED),
            "review_form": ReviewForm()
            if office and vacancy.status == Vacancy.Status.SUBMITTED
            else None,
            "fill_form": FillForm(initial={"count": 1})
            if may_change and vacancy.status in FILLABLE
            else None,
            "close_form": CloseForm()
            if may_change
            and vacancy.status
            in (Vacancy.Status.PUBLISHED, Vacancy.Status.DRAFT, Vacancy.Status.RETURNED)
            else None,
            "can_make_formation": may_change
            and vacancy.status == Vacancy.Status.PUBLISHED
            and vacancy.formation_id is None,
            "office": office,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy(request, vacancy_id)
    form = VacancyForm(
        request.POST or None, initial=_initial(vacancy), regency_code=vacancy.region.code
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(actor=request.user, vacancy=vacancy, data=form.vacancy_data())
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Lowongan tersimpan."))
            return redirect("vacancies:vacancy_detail", vacancy_id=vacancy.pk)
    return render(
        request, "vacancies/vacancy_form.html", {"form": form, "title": _("Ubah lowongan")}
    )


def _act(request: HttpRequest, vacancy: Vacancy, call: Any, done: str) -> HttpResponse:
    """Run one service on the vacancy; its error is shown as a message, never a 500."""
    back = redirect("vacancies:vacancy_detail", vacancy_id=vacancy.pk)
    try:
        call()
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return back
    messages.success(request, done)
    return back


@login_required
@require_POST
def vacancy_submit(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy(request, vacancy_id)
    return _act(
        request,
        vacancy,
        lambda: services.vacancy_submit(actor=request.user, vacancy=vacancy),
        _("Lowongan diajukan; dinas akan memeriksanya."),
    )


@login_required
@require_POST
def vacancy_review(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy(request, vacancy_id)
    if not policy_for(Vacancy).can(request.user, "office", vacancy):
        raise Http404
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih keputusan."))
        return redirect("vacancies:vacancy_detail", vacancy_id=vacancy.pk)
    return _act(
        request,
        vacancy,
        lambda: services.vacancy_review(
            actor=request.user,
            vacancy=vacancy,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        ),
        _("Keputusan tersimpan."),
    )


@login_required
@require_POST
def vacancy_fill(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy(request, vacancy_id)
    form = FillForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi jumlah yang terisi."))
        return redirect("vacancies:vacancy_detail", vacancy_id=vacancy.pk)
    return _act(
        request,
        vacancy,
        lambda: services.vacancy_fill_record(
            actor=request.user,
            vacancy=vacancy,
            count=form.cleaned_data["count"],
            note=form.cleaned_data["note"],
        ),
        _("Jumlah terisi tersimpan."),
    )


@login_required
@require_POST
def vacancy_close(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy(request, vacancy_id)
    form = CloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(
        request,
        vacancy,
        lambda: services.vacancy_close(actor=request.user, vacancy=vacancy, note=note),
        _("Lowongan ditutup."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_formation(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    vacancy = _vacancy(request, vacancy_id)
    if not policy_for(Vacancy).can(request.user, "change", vacancy):
        raise Http404
    vocations = list(Vocation.objects.order_by("name").values_list("pk", "name"))
    form = FormationForm(request.POST or None, vocations=vocations)
    if request.method == "POST" and form.is_valid():
        try:
            formation = services.vacancy_formation_create(
                actor=request.user,
                vacancy=vacancy,
                vocation_ids=form.cleaned_data["vocations"],
                accepts_all_vocations=form.cleaned_data["accepts_all_vocations"],
            )
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Formasi dibuat sebagai konsep; buka formasinya."))
            return redirect("formations:formation_detail", formation_id=formation.pk)
    return render(
        request,
        "vacancies/vacancy_form.html",
        {
            "form": form,
            "title": _("Jadikan formasi untuk lulusan · %(title)s") % {"title": vacancy.title},
            "intro": _(
                "Posisi yang belum terisi ditawarkan kepada lulusan sebagai formasi kerja "
                "dengan kuota sebanyak posisi itu."
            ),
        },
    )


# --- reports sent through the public form -----------------------------------------------


def _report(request: HttpRequest, employer_report_id: int) -> EmployerReport:
    report: EmployerReport = get_or_404(
        selectors.employer_report_get_for,
        actor=request.user,
        employer_report_id=employer_report_id,
    )
    return report


@login_required
@require_GET
def employer_report_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    status = request.GET.get("status", EmployerReport.Status.PENDING)
    if status not in EmployerReport.Status.values:
        status = ""
    page = seek_page(
        selectors.employer_report_list_for(actor=request.user, status=status),
        ordering=("-submitted_at", "-id"),
        size=PAGE_SIZE,
        cursor=request.GET.get(CURSOR_PARAM),
    )
    return render(
        request,
        "vacancies/employer_report_list.html",
        {"page": page, "status": status, "statuses": EmployerReport.Status.choices},
    )


def _report_page(
    request: HttpRequest,
    report: EmployerReport,
    verify_form: VerifyForm | None = None,
    reject_form: RejectReportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    candidates = [(c.pk, c.name) for c in selectors.company_candidates(report=report)]
    pending = report.status == EmployerReport.Status.PENDING
    return render(
        request,
        "vacancies/employer_report_detail.html",
        {
            "report": report,
            "vacancies": report.vacancies.all(),
            "candidates": candidates,
            "verify_form": verify_form or (VerifyForm(candidates=candidates) if pending else None),
            "reject_form": reject_form or (RejectReportForm() if pending else None),
        },
        status=status,
    )


@login_required
@require_GET
def employer_report_detail(request: HttpRequest, employer_report_id: int) -> HttpResponse:
    return _report_page(request, _report(request, employer_report_id))


@login_required
@require_POST
def employer_report_verify(request: HttpRequest, employer_report_id: int) -> HttpResponse:
    report = _report(request, employer_report_id)
    candidates = [(c.pk, c.name) for c in selectors.company_candidates(report=report)]
    form = VerifyForm(request.POST, candidates=candidates)
    if form.is_valid():
        company = None
        if form.cleaned_data["company"]:
            company = get_or_404(
                employer_selectors.company_get_for,
                actor=request.user,
                company_id=form.cleaned_data["company"],
            )
        try:
            public_reports.employer_report_verify(
                actor=request.user, report=report, company=company
            )
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pemberi kerja terverifikasi; periksa lowongannya."))
            return redirect("vacancies:employer_report_detail", employer_report_id=report.pk)
    return _report_page(request, report, verify_form=form, status=422)


@login_required
@require_POST
def employer_report_reject(request: HttpRequest, employer_report_id: int) -> HttpResponse:
    report = _report(request, employer_report_id)
    form = RejectReportForm(request.POST)
    if form.is_valid():
        try:
            public_reports.employer_report_reject(
                actor=request.user, report=report, note=form.cleaned_data["note"]
            )
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Laporan ditolak."))
            return redirect("vacancies:employer_report_detail", employer_report_id=report.pk)
    return _report_page(request, report, reject_form=form, status=422)
