"""BPJS Ketenagakerjaan pages: the office's dashboard (cover by batch and internship,
warnings, premium report, registration export and the insurer's returned file), cover
lists with bulk status changes, incidents and their claims, company HR's interns, and a
trainee's own cover."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core import bulk_select, confirm, gates, imports
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.core.pagination import CURSOR_PARAM, DEFAULT_COUNT_CAP, seek_page
from jejaring.core.params import parse_id, query_text
from jejaring.core.pdf import pdf_response
from jejaring.core.spreadsheets import Sheet, xlsx_download, xlsx_response
from jejaring.regions.selectors import home_region_for
from jejaring.social_security import documents, exports, importers, selectors, services
from jejaring.social_security.forms import (
    ActivateForm,
    BulkStatusForm,
    ClaimForm,
    IncidentForm,
    OverrideStartForm,
    PremiumReportForm,
    UploadForm,
)
from jejaring.social_security.models import Coverage, Incident

PAGE_SIZE = 50


def _staff(request: HttpRequest) -> None:
    require_any_role(request.user, Role.OFFICE_STAFF)


def _staff_batch(request: HttpRequest, batch_id: int) -> Any:
    """The batch, for office staff of its region only: an operator of its institution who
    is office staff elsewhere sees the batch, but its cover is not theirs to manage."""
    from jejaring.training.selectors import batch_get_for

    _staff(request)
    batch = batch_get_for(actor=request.user, batch_id=batch_id)
    if not scope_of(request.user).is_office_of(batch.region_id):
        raise Http404
    return batch


# --- office staff --------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    _staff(request)
    today = timezone.localdate()
    coverages = selectors.coverage_list_for(actor=request.user, office=True)
    return render(
        request,
        "social_security/dashboard.html",
        {
            "today": today,
            "days": selectors.warning_days(),
            "warnings": selectors.warnings_for(actor=request.user, today=today),
            "batches": selectors.batch_cover_list_for(actor=request.user),
            "interns": selectors.internship_cover_list_for(actor=request.user, office=True).filter(
                cover_end__gte=today
            )[:PAGE_SIZE],
            "counts": selectors.status_counts(coverages),
            "statuses": Coverage.Status.choices,
            "incidents": selectors.incident_list_for(actor=request.user)[:5],
            "month": today.strftime("%Y-%m"),
        },
    )


@login_required
@require_GET
def coverage_list(request: HttpRequest) -> HttpResponse:
    """Office staff: every cover with filters and bulk status changes. Company HR: their
    interns' cover (read only)."""
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    status = request.GET.get("status", "")
    kind = request.GET.get("jenis", "")
    query = query_text(request.GET, "q")
    coverages = selectors.coverage_list_for(
        actor=request.user,
        status=status if status in Coverage.Status.values else "",
        kind=kind if kind in Coverage.Kind.values else "",
        query=query,
    )
    page = seek_page(
        coverages,
        ordering=selectors.COVERAGE_PAGE_ORDER,
        size=PAGE_SIZE,
        cursor=request.GET.get(CURSOR_PARAM),
        count_cap=DEFAULT_COUNT_CAP,
    )
    is_staff = scope_of(request.user).is_office
    return render(
        request,
        "social_security/coverage_list.html",
        {
            "page_obj": page,
            "status": status,
            "kind": kind,
            "query": query,
            "statuses": Coverage.Status.choices,
            "kinds": Coverage.Kind.choices,
            "is_staff": is_staff,
            "bulk_form": BulkStatusForm() if is_staff else None,
        },
    )


def _safe_next(request: HttpRequest, target: str, fallback: str) -> str:
    """`target` when it is a path on this site, else `fallback` (anything else — another
    host, or a bare word that `redirect` would take for a view name — is ignored)."""
    on_this_site = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    if target.startswith("/") and on_this_site:
        return target
    return fallback


@login_required
@require_POST
def coverage_bulk_status(request: HttpRequest) -> HttpResponse:
    """Mark every selected cover registered, active, … at once (all or nothing)."""
    _staff(request)
    form = BulkStatusForm(bulk_select.chosen(request.POST, "coverage"))
    back = _safe_next(
        request, request.POST.get("next", ""), reverse("social_security:coverage_list")
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    ids = set(form.cleaned_data["coverage"])
    visible = selectors.coverage_list_for(actor=request.user, office=True)
    if visible.filter(pk__in=ids).count() != len(ids):
        messages.error(
            request,
            _(
                "Kepesertaan tidak ditemukan atau bukan wewenang Anda untuk sebagian peserta "
                "yang dipilih; tidak ada status yang diubah."
            ),
        )
        return redirect(back)
    if not confirm.confirmed(request):
        return confirm.ask(request, _bulk_confirmation(request, form.cleaned_data, back))
    try:
        count = services.coverage_change_status(
            actor=request.user,
            coverage_ids=form.cleaned_data["coverage"],
            status=form.cleaned_data["status"],
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Status %(count)d peserta diubah menjadi “%(status)s”.")
            % {"count": count, "status": Coverage.Status(form.cleaned_data["status"]).label},
        )
    return redirect(back)


def _bulk_confirmation(
    request: HttpRequest, data: dict[str, Any], back: str
) -> confirm.Confirmation:
    """How many of the selected covers the change concerns, counted among those the
    office may see (the service checks each again when it runs)."""
    count = selectors.coverage_list_for(actor=request.user).filter(pk__in=data["coverage"]).count()
    label = Coverage.Status(data["status"]).label
    return confirm.Confirmation(
        title=_("Ubah status %(count)d peserta?") % {"count": count},
        summary=ngettext(
            "Status kepesertaan %(count)d peserta diubah menjadi “%(status)s”.",
            "Status kepesertaan %(count)d peserta diubah menjadi “%(status)s”.",
            count,
        )
        % {"count": count, "status": label},
        action=_("Ubah status menjadi “%(status)s”") % {"status": label},
        back_url=back,
        people=count,
    )


@login_required
@require_http_methods(["GET", "POST"])
def coverage_detail(request: HttpRequest, coverage_id: int) -> HttpResponse:
    coverage = selectors.coverage_get_for(actor=request.user, coverage_id=coverage_id)
    is_staff = scope_of(request.user).is_office_of(coverage.region_id)
    form = ActivateForm(request.POST or None, initial={"kpj_number": coverage.kpj_number})
    if request.method == "POST":
        if not is_staff:
            raise Http404
        if form.is_valid():
            try:
                services.coverage_change_status(
                    actor=request.user,
                    coverage_ids=[coverage.pk],
                    status=Coverage.Status.ACTIVE,
                    kpj_number=form.cleaned_data["kpj_number"],
                )
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Perlindungan diaktifkan."))
                return redirect("social_security:coverage_detail", coverage_id=coverage.pk)
    scope = scope_of(request.user)
    hr_of_intern = coverage.referral is not None and coverage.referral.company_id in (
        scope.company_ids
    )
    return render(
        request,
        "social_security/coverage_detail.html",
        {
            "coverage": coverage,
            "is_staff": is_staff,
            "own": scope.person_id == coverage.person_id,
            "form": form if is_staff and coverage.status in services.AWAITING_RETURN else None,
            "incidents": selectors.incident_list_for(actor=request.user).filter(coverage=coverage),
            "may_report": is_staff or hr_of_intern,
        },
    )


@login_required
@require_GET
def batch_cover(request: HttpRequest, batch_id: int) -> HttpResponse:
    """One batch's participants and their cover, the gate's answer, and the start."""
    batch = _staff_batch(request, batch_id)
    return _batch_page(request, batch, OverrideStartForm())


def _batch_page(request: HttpRequest, batch: Any, form: Any, status: int = 200) -> HttpResponse:
    from jejaring.training.models import Batch

    problems = (
        gates.check("training.batch.start", obj=batch)
        if batch.status in (Batch.Status.OPEN, Batch.Status.SELECTION)
        else []
    )
    return render(
        request,
        "social_security/batch_cover.html",
        {
            "batch": batch,
            "coverages": selectors.coverage_list_for(actor=request.user, batch_id=batch.pk)
            .exclude(status=Coverage.Status.CANCELLED)
            .order_by("person__full_name"),
            "problems": problems,
            "may_start": batch.status == Batch.Status.SELECTION,
            "form": form,
            "bulk_form": BulkStatusForm(),
        },
        status=status,
    )


@login_required
@require_POST
def batch_list_build(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _staff_batch(request, batch_id)
    try:
        added = services.coverage_list_build_for_batch(actor=request.user, batch=batch)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(count)d peserta ditambahkan ke daftar.") % {"count": added})
    return redirect("social_security:batch_cover", batch_id=batch.pk)


@login_required
@require_POST
def batch_start(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Start the batch through training's service: refused while a participant lacks
    active cover, unless a reason is given for the (audited) override."""
    from jejaring.training.models import Batch
    from jejaring.training.services import batch_change_status

    batch = _staff_batch(request, batch_id)
    form = OverrideStartForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            batch_change_status(
                actor=request.user,
                batch=batch,
                status=Batch.Status.RUNNING,
                override_reason=form.cleaned_data["override_reason"],
                early_start_reason=form.cleaned_data["early_start_reason"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
            status = error.status
        else:
            messages.success(request, _("Paket dimulai."))
            return redirect("social_security:batch_cover", batch_id=batch.pk)
    return _batch_page(request, batch, form, status=status)


@login_required
@require_POST
def internship_list_build(request: HttpRequest) -> HttpResponse:
    _staff(request)
    try:
        added = services.coverage_list_build_internships(actor=request.user)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request, _("%(count)d peserta magang ditambahkan ke daftar.") % {"count": added}
        )
    return redirect("social_security:dashboard")


@login_required
@require_GET
def registrations_export(request: HttpRequest) -> HttpResponse:
    """The registration list for the insurer, with full NIKs (audited)."""
    _staff(request)
    status = request.GET.get("status", Coverage.Status.TO_REGISTER)
    if status not in (Coverage.Status.TO_REGISTER, Coverage.Status.REGISTERED):
        status = Coverage.Status.TO_REGISTER
    batch = request.GET.get("paket", "")
    coverages = list(
        selectors.coverage_list_for(
            actor=request.user,
            status=status,
            batch_id=parse_id(batch),
            office=True,
        ).select_related("region")
    )
    data = exports.registrations_xlsx(actor=request.user, coverages=coverages)
    return xlsx_download(data, f"pendaftaran-bpjs-{timezone.localdate():%Y%m%d}.xlsx")


def _premium_report_pdf(
    request: HttpRequest, report: selectors.PremiumReport, cleaned: dict[str, Any]
) -> HttpResponse:
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    payer = cleaned.get("payer") or Coverage.Payer.OFFICE
    company_id: int | None = cleaned.get("company")
    companies = dict(selectors.premium_companies_for(actor=request.user))
    company = companies.get(company_id, "") if company_id is not None else ""
    pdf = documents.premium_report_pdf(
        actor=request.user,
        report=report,
        region=region,
        payer=str(Coverage.Payer(payer).label),
        company=company,
    )
    return pdf_response(pdf, f"iuran-bpjs-{report.month:%Y-%m}.pdf")


@login_required
@require_GET
def premium_report(request: HttpRequest) -> HttpResponse:
    _staff(request)
    today = timezone.localdate()
    companies = selectors.premium_companies_for(actor=request.user)
    data = request.GET if "month" in request.GET else None
    form = PremiumReportForm(
        data,
        companies=companies,
        initial={"month": today.replace(day=1), "payer": Coverage.Payer.OFFICE},
    )
    report = None
    if data is None or form.is_valid():
        cleaned = form.cleaned_data if data is not None else {}
        month: date = cleaned.get("month") or today.replace(day=1)
        report = selectors.premium_report_for(
            actor=request.user,
            month=month,
            payer=cleaned.get("payer") or Coverage.Payer.OFFICE,
            company_id=cleaned.get("company"),
        )
        if request.GET.get("format") == "xlsx":
            return xlsx_download(
                exports.premium_report_xlsx(actor=request.user, report=report),
                f"iuran-bpjs-{month:%Y-%m}.xlsx",
            )
        if request.GET.get("format") == "pdf":
            return _premium_report_pdf(request, report, cleaned)
    return render(request, "social_security/premium_report.html", {"form": form, "report": report})


@login_required
@require_http_methods(["GET", "POST"])
def insurer_import(request: HttpRequest) -> HttpResponse:
    """Upload the insurer's returned list; checked whole in the background, then
    confirmed on the import job's page."""
    _staff(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_job_create(
                actor=request.user, kind=importers.KIND, file=form.cleaned_data["file"]
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return redirect("imports:job_detail", import_job_id=job.pk)
    return render(
        request,
        "social_security/insurer_import.html",
        {"form": form, "columns": importers.InsurerReturnImporter.columns},
    )


@login_required
@require_GET
def insurer_template(request: HttpRequest) -> HttpResponse:
    _staff(request)
    headers = [column.header for column in importers.InsurerReturnImporter.columns]
    return xlsx_response(
        "templat-balikan-bpjs.xlsx", [Sheet(title="KPJ", headers=headers, rows=[])]
    )


# --- incidents -----------------------------------------------------------------------


@login_required
@require_GET
def incident_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    claim_status = request.GET.get("status", "")
    incidents = selectors.incident_list_for(
        actor=request.user,
        claim_status=claim_status if claim_status in Incident.ClaimStatus.values else "",
    )
    page = Paginator(incidents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "social_security/incident_list.html",
        {"page_obj": page, "status": claim_status, "statuses": Incident.ClaimStatus.choices},
    )


def _coverage_choice(coverage: Coverage) -> tuple[int, str]:
    where = coverage.referral.company.name if coverage.referral else ""
    if coverage.enrolment:
        where = coverage.enrolment.batch.code
    return coverage.pk, f"{coverage.person.full_name} — {where} ({coverage.cover_start:%d-%m-%Y})"


@login_required
@require_http_methods(["GET", "POST"])
def incident_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    today = timezone.localdate()
    choices = [
        _coverage_choice(c)
        for c in selectors.incident_coverage_choices(actor=request.user, today=today)[:2000]
    ]
    initial = {}
    chosen = parse_id(request.GET.get("kepesertaan", ""))
    if chosen is not None:
        initial["coverage"] = chosen
    form = IncidentForm(request.POST or None, coverages=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            coverage = selectors.coverage_get_for(actor=request.user, coverage_id=data["coverage"])
            incident = services.incident_record(
                actor=request.user,
                coverage=coverage,
                kind=data["kind"],
                occurred_at=data["occurred_at"],
                place=data["place"],
                description=data["description"],
                injury=data["injury"],
                base_url=request.build_absolute_uri("/"),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Kejadian tercatat; staf dinas diberi tahu."))
            return redirect("social_security:incident_detail", incident_id=incident.pk)
    return render(request, "social_security/incident_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    incident = selectors.incident_get_for(actor=request.user, incident_id=incident_id)
    is_staff = scope_of(request.user).is_office_of(incident.region_id)
    final = incident.claim_status not in services.CLAIM_TRANSITIONS
    form = ClaimForm(request.POST or None, initial={"claim_number": incident.claim_number})
    if request.method == "POST":
        if not is_staff:
            raise Http404
        if form.is_valid():
            try:
                services.incident_claim_update(
                    actor=request.user,
                    incident=incident,
                    claim_status=form.cleaned_data["claim_status"],
                    claim_number=form.cleaned_data["claim_number"],
                    base_url=request.build_absolute_uri("/"),
                )
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Status klaim diperbarui."))
                return redirect("social_security:incident_detail", incident_id=incident.pk)
    return render(
        request,
        "social_security/incident_detail.html",
        {"incident": incident, "form": form if is_staff and not final else None},
    )


# --- company HR and trainees ---------------------------------------------------------


@login_required
@require_GET
def company_interns(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.COMPANY_HR)
    return render(
        request,
        "social_security/company_interns.html",
        {
            "coverages": selectors.internship_cover_list_for(actor=request.user)[:500],
            "incidents": selectors.incident_list_for(actor=request.user)[:20],
        },
    )


@login_required
@require_GET
def my_cover(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    return render(
        request,
        "social_security/my_cover.html",
        {"coverages": selectors.my_coverages(actor=request.user)},
    )
