"""Employers pages: companies, contacts, HR invitations and cooperation agreements for
office staff; a company's own profile, formations and internship programs for company
HR (and office staff for them); the office's decisions on internship programs; the
internship agreement of each intern; and the public list of open formations.
Each view parses, checks, calls one service or selector and renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.forms import add_service_error
from jejaring.core.params import query_text
from jejaring.core.pdf import pdf_response
from jejaring.core.policies import policy_for
from jejaring.employers import internship_agreements, selectors, services
from jejaring.employers.forms import (
    AgreementForm,
    CompanyForm,
    ContactForm,
    DecisionForm,
    FormationForm,
    InternshipAgreementForm,
    InternshipProgramForm,
    InviteForm,
    SignForm,
)
from jejaring.employers.models import Company, Formation
from jejaring.internships.models import InternshipProgram
from jejaring.placement.models import InternshipAgreement
from jejaring.regions.selectors import sole_office_region_for

_STAFF_AND_HR = (Role.OFFICE_STAFF, Role.COMPANY_HR)


def _get(fn: Any, **kwargs: Any) -> Any:
    """A selector's NotFound as the page's 404."""
    try:
        return fn(**kwargs)
    except NotFound:
        raise Http404 from None


def _is_office(request: HttpRequest, region_id: int) -> bool:
    scope = scope_of(request.user)
    return scope.is_superuser or region_id in scope.office_region_ids


def _own_companies(request: HttpRequest) -> Any:
    """Company HR's own companies, for the "new" buttons of list pages; office staff
    start from a company's page instead."""
    own = scope_of(request.user).company_ids
    return selectors.company_list_for(actor=request.user).filter(pk__in=own)


def _download(field: Any) -> FileResponse:
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=Path(field.name).name)


# --- companies -----------------------------------------------------------------------


@login_required
@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF_AND_HR)
    query = query_text(request.GET, "q")
    companies = selectors.company_list_for(
        actor=request.user, query=query, partners_only=request.GET.get("mitra") == "1"
    )
    page = Paginator(companies, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "employers/company_list.html",
        {
            "page_obj": page,
            "query": query,
            "can_create": policy_for(Company).can_any(request.user, "create"),
        },
    )


@login_required
@require_GET
def my_company(request: HttpRequest) -> HttpResponse:
    """Company HR land on their company's page (the list if they serve several)."""
    require_any_role(request.user, Role.COMPANY_HR)
    company_ids = sorted(scope_of(request.user).company_ids)
    if len(company_ids) == 1:
        return redirect("employers:company_detail", company_id=company_ids[0])
    return redirect("employers:company_list")


@login_required
@require_http_methods(["GET", "POST"])
def company_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = sole_office_region_for(actor=request.user)
    if region is None:
        raise Http404
    form = CompanyForm(request.POST or None, initial={"workforce_size": 0, "is_partner": True})
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(
                actor=request.user, region=region, **form.cleaned_data
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Perusahaan %(name)s terdaftar.") % {"name": company.name})
            return redirect("employers:company_detail", company_id=company.pk)
    return render(
        request, "employers/company_form.html", {"form": form, "title": _("Daftarkan perusahaan")}
    )


@login_required
@require_GET
def company_detail(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _get(selectors.company_get_for, actor=request.user, company_id=company_id)
    is_office = _is_office(request, company.region_id)
    return render(
        request,
        "employers/company_detail.html",
        {
            "company": company,
            "is_office": is_office,
            "contacts": company.contacts.order_by("-is_primary", "full_name"),
            "hr_accounts": selectors.company_hr_accounts(company=company) if is_office else [],
            "agreements": selectors.agreement_list_for(actor=request.user, company_id=company.pk),
            "formations": selectors.formation_list_for(actor=request.user, company_id=company.pk),
            "programs": selectors.internship_program_list_for(
                actor=request.user, company_id=company.pk
            ),
            "contact_form": ContactForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _get(selectors.company_get_for, actor=request.user, company_id=company_id)
    hr_only = not _is_office(request, company.region_id)
    form = CompanyForm(
        request.POST or None, initial=CompanyForm.initial_of(company), hr_only=hr_only
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.company_update(actor=request.user, company=company, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Profil perusahaan tersimpan."))
            return redirect("employers:company_detail", company_id=company.pk)
    return render(
        request,
        "employers/company_form.html",
        {"form": form, "company": company, "title": _("Ubah profil perusahaan")},
    )


@login_required
@require_POST
def contact_add(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _get(selectors.company_get_for, actor=request.user, company_id=company_id)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            services.contact_save(actor=request.user, company=company, **form.cleaned_data)
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Kontak tersimpan."))
    else:
        messages.error(request, _("Periksa isian kontak: nama wajib diisi, email harus sah."))
    return redirect("employers:company_detail", company_id=company.pk)


@login_required
@require_POST
def contact_delete(request: HttpRequest, company_contact_id: int) -> HttpResponse:
    contact = _get(
        selectors.contact_get_for, actor=request.user, company_contact_id=company_contact_id
    )
    try:
        services.contact_delete(actor=request.user, contact=contact)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("Kontak dihapus."))
    return redirect("employers:company_detail", company_id=contact.company_id)


@login_required
@require_http_methods(["GET", "POST"])
def company_hr_invite(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _get(selectors.company_get_for, actor=request.user, company_id=company_id)
    if not _is_office(request, company.region_id):
        raise Http404
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.company_hr_invite(
                actor=request.user,
                company=company,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                base_url=request.build_absolute_uri("/"),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(email)s kini HRD %(company)s.") % {"email": user.email, "company": company},
            )
            return redirect("employers:company_detail", company_id=company.pk)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "title": _("Undang akun HRD"),
            "back": company,
            "intro": _(
                "Akun baru menerima tautan untuk membuat kata sandi melalui email. Akun yang "
                "sudah ada hanya mendapat peran HRD perusahaan ini."
            ),
        },
    )


# --- cooperation agreements ----------------------------------------------------------


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF_AND_HR)
    expiry = request.GET.get("masa", "")
    if expiry not in selectors.Expiry.LABELS:
        expiry = ""
    agreements = selectors.agreement_list_for(actor=request.user, expiry=expiry)
    page = Paginator(agreements, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "employers/agreement_list.html",
        {"page_obj": page, "expiry": expiry, "expiry_labels": selectors.Expiry.LABELS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _get(selectors.company_get_for, actor=request.user, company_id=company_id)
    if not _is_office(request, company.region_id):
        raise Http404
    form = AgreementForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_create(
                actor=request.user,
                company=company,
                data=form.data_object(),
                document=form.cleaned_data["document"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Kerja sama tersimpan."))
            return redirect("employers:company_detail", company_id=company.pk)
    return render(
        request,
        "employers/simple_form.html",
        {"form": form, "title": _("Catat kerja sama"), "back": company, "multipart": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = _get(selectors.agreement_get_for, actor=request.user, agreement_id=agreement_id)
    if not _is_office(request, agreement.region_id):
        raise Http404
    initial = {name: getattr(agreement, name) for name in AgreementForm.base_fields}
    initial.pop("document")
    form = AgreementForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(
                actor=request.user,
                agreement=agreement,
                data=form.data_object(),
                document=form.cleaned_data["document"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Kerja sama tersimpan."))
            return redirect("employers:company_detail", company_id=agreement.company_id)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "title": _("Ubah kerja sama"),
            "back": agreement.company,
            "multipart": True,
        },
    )


@login_required
@require_GET
def agreement_document(request: HttpRequest, agreement_id: int) -> FileResponse:
    agreement = _get(selectors.agreement_get_for, actor=request.user, agreement_id=agreement_id)
    return _download(agreement.document)


# --- formations ----------------------------------------------------------------------


@login_required
@require_GET
def formation_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF_AND_HR)
    status = request.GET.get("status", "")
    if status not in Formation.Status.values:
        status = ""
    kind = request.GET.get("jenis", "")
    if kind not in Formation.Kind.values:
        kind = ""
    query = query_text(request.GET, "q")
    formations = selectors.formation_list_for(
        actor=request.user, status=status, kind=kind, query=query
    )
    page = Paginator(formations, 30).get_page(request.GET.get("page"))
    companies = _own_companies(request)
    return render(
        request,
        "employers/formation_list.html",
        {
            "page_obj": page,
            "status": status,
            "kind": kind,
            "query": query,
            "statuses": Formation.Status.choices,
            "kinds": Formation.Kind.choices,
            "companies": companies,
        },
    )


def _formation_form(request: HttpRequest, company: Company, **kwargs: Any) -> FormationForm:
    return FormationForm(
        request.POST or None, programs=selectors.approved_programs_for(company=company), **kwargs
    )


@login_required
@require_http_methods(["GET", "POST"])
def formation_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _get(selectors.company_get_for, actor=request.user, company_id=company_id)
    form = _formation_form(request, company, initial={"quota": 1, "monthly_pay": 0})
    if request.method == "POST" and form.is_valid():
        try:
            formation = services.formation_create(
                actor=request.user, company=company, data=form.data_object()
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Formasi tersimpan sebagai konsep; buka formasi untuk menerima pelamar.")
            )
            return redirect("employers:formation_detail", formation_id=formation.pk)
    return render(
        request,
        "employers/formation_form.html",
        {"form": form, "company": company, "title": _("Formasi baru")},
    )


@login_required
@require_GET
def formation_detail(request: HttpRequest, formation_id: int) -> HttpResponse:
    formation = _get(selectors.formation_get_for, actor=request.user, formation_id=formation_id)
    is_internship = formation.kind == Formation.Kind.INTERNSHIP
    return render(
        request,
        "employers/formation_detail.html",
        {
            "formation": formation,
            "seats_taken": selectors.formation_seats_taken(formation=formation),
            "can_change": policy_for(Formation).can(request.user, "change", formation),
            "interns": (
                selectors.internship_referral_list_for(actor=request.user, formation=formation)
                if is_internship
                else []
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def formation_edit(request: HttpRequest, formation_id: int) -> HttpResponse:
    formation = _get(selectors.formation_get_for, actor=request.user, formation_id=formation_id)
    if not policy_for(Formation).can(request.user, "change", formation):
        raise Http404
    form = _formation_form(request, formation.company, initial=FormationForm.initial_of(formation))
    if request.method == "POST" and form.is_valid():
        try:
            services.formation_update(
                actor=request.user, formation=formation, data=form.data_object()
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Formasi tersimpan."))
            return redirect("employers:formation_detail", formation_id=formation.pk)
    return render(
        request,
        "employers/formation_form.html",
        {
            "form": form,
            "company": formation.company,
            "formation": formation,
            "title": _("Ubah formasi"),
        },
    )


def _formation_action(request: HttpRequest, formation_id: int, action: Any, done: str) -> Any:
    formation = _get(selectors.formation_get_for, actor=request.user, formation_id=formation_id)
    try:
        action(actor=request.user, formation=formation)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect("employers:formation_detail", formation_id=formation.pk)


@login_required
@require_POST
def formation_publish(request: HttpRequest, formation_id: int) -> HttpResponse:
    return _formation_action(
        request, formation_id, services.formation_publish, _("Formasi dibuka untuk pendaftaran.")
    )


@login_required
@require_POST
def formation_close(request: HttpRequest, formation_id: int) -> HttpResponse:
    return _formation_action(request, formation_id, services.formation_close, _("Formasi ditutup."))


# --- internship programs -------------------------------------------------------------


@login_required
@require_GET
def internship_program_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF_AND_HR)
    status = request.GET.get("status", "")
    if status not in InternshipProgram.Status.values:
        status = ""
    programs = selectors.internship_program_list_for(actor=request.user, status=status)
    page = Paginator(programs, 30).get_page(request.GET.get("page"))
    companies = _own_companies(request)
    return render(
        request,
        "employers/internship_program_list.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": InternshipProgram.Status.choices,
            "companies": companies,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def internship_program_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = _get(selectors.company_get_for, actor=request.user, company_id=company_id)
    form = InternshipProgramForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.internship_program_create(
                actor=request.user,
                company=company,
                data=form.data_object(),
                draft_agreement=form.cleaned_data["draft_agreement"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Program tersimpan sebagai konsep; ajukan ke dinas."))
            return redirect("employers:internship_program_detail", internship_program_id=program.pk)
    return render(
        request,
        "employers/simple_form.html",
        {"form": form, "title": _("Program pemagangan baru"), "back": company, "multipart": True},
    )


@login_required
@require_GET
def internship_program_detail(request: HttpRequest, internship_program_id: int) -> HttpResponse:
    program = _get(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    policy = policy_for(InternshipProgram)
    editable = program.status in (InternshipProgram.Status.DRAFT, InternshipProgram.Status.RETURNED)
    may_decide = program.status == InternshipProgram.Status.SUBMITTED and policy.can(
        request.user, "decide", program
    )
    return render(
        request,
        "employers/internship_program_detail.html",
        {
            "program": program,
            "can_edit": editable and policy.can(request.user, "change", program),
            "decision_form": DecisionForm() if may_decide else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def internship_program_edit(request: HttpRequest, internship_program_id: int) -> HttpResponse:
    program = _get(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    if not policy_for(InternshipProgram).can(request.user, "change", program):
        raise Http404
    initial = {
        name: getattr(program, name)
        for name in InternshipProgramForm.base_fields
        if name != "draft_agreement"
    }
    form = InternshipProgramForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.internship_program_update(
                actor=request.user,
                program=program,
                data=form.data_object(),
                draft_agreement=form.cleaned_data["draft_agreement"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Program tersimpan."))
            return redirect("employers:internship_program_detail", internship_program_id=program.pk)
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "title": _("Ubah program pemagangan"),
            "back": program.company,
            "multipart": True,
        },
    )


@login_required
@require_POST
def internship_program_submit(request: HttpRequest, internship_program_id: int) -> HttpResponse:
    program = _get(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    try:
        program = services.internship_program_submit(actor=request.user, program=program)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Program diajukan; dinas memutuskan paling lambat %(day)s.")
            % {
                "day": program.decision_due_on.strftime("%d-%m-%Y")
                if program.decision_due_on
                else ""
            },
        )
    return redirect("employers:internship_program_detail", internship_program_id=program.pk)


@login_required
@require_POST
def internship_program_decide(request: HttpRequest, internship_program_id: int) -> HttpResponse:
    program = _get(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    if not policy_for(InternshipProgram).can(request.user, "decide", program):
        raise Http404
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.internship_program_decide(
                actor=request.user,
                program=program,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Keputusan tersimpan."))
            return redirect("employers:internship_program_detail", internship_program_id=program.pk)
    return render(
        request,
        "employers/internship_program_detail.html",
        {"program": program, "can_edit": False, "decision_form": form},
        status=422,
    )


@login_required
@require_GET
def internship_program_document(request: HttpRequest, internship_program_id: int) -> FileResponse:
    program = _get(
        selectors.internship_program_get_for,
        actor=request.user,
        internship_program_id=internship_program_id,
    )
    return _download(program.draft_agreement)


# --- internship agreements -----------------------------------------------------------


@login_required
@require_GET
def internship_agreement_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF_AND_HR)
    status = request.GET.get("status", "")
    if status not in InternshipAgreement.Status.values:
        status = ""
    agreements = selectors.internship_agreement_list_for(actor=request.user, status=status)
    page = Paginator(agreements, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "employers/internship_agreement_list.html",
        {"page_obj": page, "status": status, "statuses": InternshipAgreement.Status.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def internship_agreement_create(request: HttpRequest, referral_id: int) -> HttpResponse:
    require_any_role(request.user, *_STAFF_AND_HR)
    referral = _get(selectors.referral_get_for, actor=request.user, referral_id=referral_id)
    existing = selectors.internship_agreement_of(referral=referral)
    if existing is not None:
        return redirect(
            "employers:internship_agreement_detail", internship_agreement_id=existing.pk
        )
    formation = referral.formation
    initial = {
        "starts_on": formation.period_start,
        "ends_on": formation.period_end,
        "stipend_transport": formation.monthly_pay,
        "stipend_meals": 0,
        "stipend_incentive": 0,
    }
    form = InternshipAgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = internship_agreements.internship_agreement_create(
                actor=request.user, referral=referral, **form.cleaned_data
            )
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Perjanjian pemagangan dibuat dari templat."))
            return redirect(
                "employers:internship_agreement_detail", internship_agreement_id=agreement.pk
            )
    return render(
        request,
        "employers/simple_form.html",
        {
            "form": form,
            "title": _("Perjanjian pemagangan: %(name)s") % {"name": referral.person.full_name},
            "back_formation": formation,
        },
    )


@login_required
@require_GET
def internship_agreement_detail(request: HttpRequest, internship_agreement_id: int) -> HttpResponse:
    agreement = _get(
        selectors.internship_agreement_get_for,
        actor=request.user,
        internship_agreement_id=internship_agreement_id,
    )
    policy = policy_for(InternshipAgreement)
    draft = agreement.status == InternshipAgreement.Status.DRAFT
    signed = agreement.status == InternshipAgreement.Status.SIGNED
    return render(
        request,
        "employers/internship_agreement_detail.html",
        {
            "agreement": agreement,
            "referral": agreement.referral,
            "sign_form": SignForm()
            if draft and policy.can(request.user, "change", agreement)
            else None,
            "can_ratify": signed and policy.can(request.user, "ratify", agreement),
            "stipend_total": agreement.stipend_transport
            + agreement.stipend_meals
            + agreement.stipend_incentive,
        },
    )


@login_required
@require_GET
def internship_agreement_pdf(request: HttpRequest, internship_agreement_id: int) -> HttpResponse:
    agreement = _get(
        selectors.internship_agreement_get_for,
        actor=request.user,
        internship_agreement_id=internship_agreement_id,
    )
    pdf = internship_agreements.internship_agreement_pdf(agreement)
    return pdf_response(pdf, f"perjanjian-pemagangan-{agreement.pk}.pdf")


@login_required
@require_POST
def internship_agreement_sign(request: HttpRequest, internship_agreement_id: int) -> HttpResponse:
    agreement = _get(
        selectors.internship_agreement_get_for,
        actor=request.user,
        internship_agreement_id=internship_agreement_id,
    )
    form = SignForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            internship_agreements.internship_agreement_sign(
                actor=request.user,
                agreement=agreement,
                signed_document=form.cleaned_data["signed_document"],
                parental_consent=form.cleaned_data["parental_consent"],
            )
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Perjanjian dicatat sudah ditandatangani."))
    else:
        messages.error(request, _("Unggah perjanjian yang sudah ditandatangani."))
    return redirect("employers:internship_agreement_detail", internship_agreement_id=agreement.pk)


@login_required
@require_POST
def internship_agreement_ratify(request: HttpRequest, internship_agreement_id: int) -> HttpResponse:
    agreement = _get(
        selectors.internship_agreement_get_for,
        actor=request.user,
        internship_agreement_id=internship_agreement_id,
    )
    try:
        internship_agreements.internship_agreement_ratify(actor=request.user, agreement=agreement)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Perjanjian disahkan; magang boleh dimulai."))
    return redirect("employers:internship_agreement_detail", internship_agreement_id=agreement.pk)


@login_required
@require_GET
def internship_agreement_document(
    request: HttpRequest, internship_agreement_id: int
) -> FileResponse:
    agreement = _get(
        selectors.internship_agreement_get_for,
        actor=request.user,
        internship_agreement_id=internship_agreement_id,
    )
    return _download(agreement.signed_document)


# --- public --------------------------------------------------------------------------


def _public_list(request: HttpRequest, region: Any) -> HttpResponse:
    kind = request.GET.get("jenis", "")
    if kind not in Formation.Kind.values:
        kind = ""
    formations = selectors.public_formation_list(region=region, kind=kind)
    page = Paginator(formations, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "employers/public_formation_list.html",
        {
            "page_obj": page,
            "region": region,
            "kind": kind,
            "kinds": Formation.Kind.choices,
            "regions": selectors.public_regions(),
        },
    )


@require_GET
def public_formation_list(request: HttpRequest) -> HttpResponse:
    """Open formations of every region (no login)."""
    return _public_list(request, None)


@require_GET
def public_region_formation_list(request: HttpRequest, formation_region_slug: str) -> HttpResponse:
    """Open formations of one region (no login)."""
    region = _get(selectors.public_region_get, slug=formation_region_slug)
    return _public_list(request, region)


@require_GET
def public_formation_detail(request: HttpRequest, public_formation_id: int) -> HttpResponse:
    formation = _get(selectors.public_formation_get, public_formation_id=public_formation_id)
    return render(request, "employers/public_formation_detail.html", {"formation": formation})
