"""Employers pages: companies, contacts, HR invitations and cooperation agreements for
office staff; a company's own profile for company HR; and the public list of open
formations. Formation and internship agreement pages are placement's, internship program
pages internships'. Each view parses, checks, calls one service or selector and renders."""

from __future__ import annotations

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
from jejaring.core.policies import policy_for
from jejaring.employers import selectors, services
from jejaring.employers.company_page import sections_context
from jejaring.employers.forms import (
    AgreementForm,
    CompanyForm,
    ContactForm,
    InviteForm,
)
from jejaring.employers.models import Company, Formation
from jejaring.employers.pages import STAFF_AND_HR, download, get_or_404
from jejaring.employers.seat_counts import annotate_seats_left
from jejaring.regions.selectors import sole_office_region_for

# --- companies -----------------------------------------------------------------------


@login_required
@require_GET
def company_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *STAFF_AND_HR)
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
            # A company is registered in the user's own office region; a superuser
            # without one would follow the button to a 404.
            "can_create": policy_for(Company).can_any(request.user, "create")
            and sole_office_region_for(actor=request.user) is not None,
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
    company = get_or_404(selectors.company_get_for, actor=request.user, company_id=company_id)
    is_office = scope_of(request.user).is_office_of(company.region_id)
    return render(
        request,
        "employers/company_detail.html",
        {
            "company": company,
            "is_office": is_office,
            "contacts": company.contacts.order_by("-is_primary", "full_name"),
            "hr_accounts": selectors.company_hr_accounts(company=company) if is_office else [],
            "agreements": selectors.agreement_list_for(actor=request.user, company_id=company.pk),
            "formations": selectors.company_formation_list_for(
                actor=request.user, company_id=company.pk
            ),
            **sections_context(actor=request.user, company=company),
            "contact_form": ContactForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_edit(request: HttpRequest, company_id: int) -> HttpResponse:
    company = get_or_404(selectors.company_get_for, actor=request.user, company_id=company_id)
    hr_only = not scope_of(request.user).is_office_of(company.region_id)
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
    company = get_or_404(selectors.company_get_for, actor=request.user, company_id=company_id)
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
    contact = get_or_404(
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
    company = get_or_404(selectors.company_get_for, actor=request.user, company_id=company_id)
    if not scope_of(request.user).is_office_of(company.region_id):
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
    require_any_role(request.user, *STAFF_AND_HR)
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
    company = get_or_404(selectors.company_get_for, actor=request.user, company_id=company_id)
    if not scope_of(request.user).is_office_of(company.region_id):
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
    agreement = get_or_404(
        selectors.agreement_get_for, actor=request.user, agreement_id=agreement_id
    )
    if not scope_of(request.user).is_office_of(agreement.region_id):
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
    agreement = get_or_404(
        selectors.agreement_get_for, actor=request.user, agreement_id=agreement_id
    )
    return download(agreement.document)


# --- public --------------------------------------------------------------------------


def _public_list(request: HttpRequest, region: Any) -> HttpResponse:
    kind = request.GET.get("jenis", "")
    if kind not in Formation.Kind.values:
        kind = ""
    formations = selectors.public_formation_list(region=region, kind=kind)
    page = Paginator(formations, 30).get_page(request.GET.get("page"))
    page.object_list = annotate_seats_left(page.object_list)
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
    region = get_or_404(selectors.public_region_get, slug=formation_region_slug)
    return _public_list(request, region)


@require_GET
def public_formation_detail(request: HttpRequest, public_formation_id: int) -> HttpResponse:
    formation = get_or_404(selectors.public_formation_get, public_formation_id=public_formation_id)
    (formation,) = annotate_seats_left([formation])
    return render(
        request,
        "employers/public_formation_detail.html",
        {"formation": formation, "seats_left": formation.seats_left},  # type: ignore[attr-defined]
    )
