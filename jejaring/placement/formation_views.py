"""Formation and internship agreement pages: company HR and the office open and manage a
company's formations (job and internship quotas) and each intern's agreement; the public
list of open formations. Each view parses, checks, calls one service or selector and
renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import require_any_role, scope_of
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.forms import add_service_error
from jejaring.core.params import parse_id, query_text
from jejaring.core.pdf import pdf_response
from jejaring.core.policies import policy_for
from jejaring.employers import selectors as employer_selectors
from jejaring.employers.models import Company, Formation
from jejaring.employers.pages import STAFF_AND_HR, download, get_or_404, own_companies
from jejaring.internships import selectors as internship_selectors
from jejaring.internships.formation_links import program_of
from jejaring.placement import formation_selectors as selectors
from jejaring.placement import formations, internship_agreements
from jejaring.placement import selectors as round_selectors
from jejaring.placement import services as round_services
from jejaring.placement.formation_forms import FormationForm, InternshipAgreementForm, SignForm
from jejaring.placement.models import InternshipAgreement


@login_required
@require_GET
def formation_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *STAFF_AND_HR)
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
    companies = own_companies(request)
    return render(
        request,
        "placement/formation_list.html",
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
        request.POST or None,
        programs=internship_selectors.approved_programs_for(company=company),
        **kwargs,
    )


@login_required
@require_http_methods(["GET", "POST"])
def formation_create(request: HttpRequest, company_id: int) -> HttpResponse:
    company = get_or_404(
        employer_selectors.company_get_for, actor=request.user, company_id=company_id
    )
    form = _formation_form(request, company, initial={"quota": 1, "monthly_pay": 0})
    if request.method == "POST" and form.is_valid():
        try:
            formation = formations.formation_create(
                actor=request.user, company=company, data=form.data_object()
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Formasi tersimpan sebagai konsep; buka formasi untuk menerima pelamar.")
            )
            return redirect("formations:formation_detail", formation_id=formation.pk)
    return render(
        request,
        "placement/formation_form.html",
        {"form": form, "company": company, "title": _("Formasi baru")},
    )


@login_required
@require_GET
def formation_detail(request: HttpRequest, formation_id: int) -> HttpResponse:
    formation = get_or_404(
        selectors.formation_get_for, actor=request.user, formation_id=formation_id
    )
    is_internship = formation.kind == Formation.Kind.INTERNSHIP
    taken = selectors.formation_seats_taken(formation=formation)
    return render(
        request,
        "placement/formation_detail.html",
        {
            "formation": formation,
            "program": program_of(formation),
            "seats_taken": taken,
            "seats_left": max(formation.quota - taken, 0),
            "rounds": selectors.formation_open_rounds(formation=formation),
            "may_join_round": scope_of(request.user).is_office_of(formation.region_id),
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
    formation = get_or_404(
        selectors.formation_get_for, actor=request.user, formation_id=formation_id
    )
    if not policy_for(Formation).can(request.user, "change", formation):
        raise Http404
    form = _formation_form(request, formation.company, initial=FormationForm.initial_of(formation))
    if request.method == "POST" and form.is_valid():
        try:
            formations.formation_update(
                actor=request.user, formation=formation, data=form.data_object()
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Formasi tersimpan."))
            return redirect("formations:formation_detail", formation_id=formation.pk)
    return render(
        request,
        "placement/formation_form.html",
        {
            "form": form,
            "company": formation.company,
            "formation": formation,
            "title": _("Ubah formasi"),
        },
    )


def _formation_action(request: HttpRequest, formation_id: int, action: Any, done: str) -> Any:
    formation = get_or_404(
        selectors.formation_get_for, actor=request.user, formation_id=formation_id
    )
    try:
        action(actor=request.user, formation=formation)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, done)
    return redirect("formations:formation_detail", formation_id=formation.pk)


@login_required
@require_POST
def formation_publish(request: HttpRequest, formation_id: int) -> HttpResponse:
    return _formation_action(
        request, formation_id, formations.formation_publish, _("Formasi dibuka untuk pendaftaran.")
    )


@login_required
@require_POST
def formation_close(request: HttpRequest, formation_id: int) -> HttpResponse:
    return _formation_action(
        request, formation_id, formations.formation_close, _("Formasi ditutup.")
    )


@login_required
@require_POST
def formation_join_round(request: HttpRequest, formation_id: int) -> HttpResponse:
    """Add an open formation to an open round of its region ("Gabungkan ke putaran")."""
    formation = get_or_404(
        selectors.formation_get_for, actor=request.user, formation_id=formation_id
    )
    round_id = parse_id(request.POST.get("round", ""))
    rnd = None
    if round_id is not None:
        rnd = round_selectors.round_for_office(actor=request.user, round_id=round_id)
    if rnd is None:
        raise Http404
    return _formation_action(
        request,
        formation.pk,
        lambda *, actor, formation: round_services.round_add_formation(
            actor=actor, rnd=rnd, formation=formation
        ),
        _("Formasi digabungkan ke putaran “%(name)s”; pelamar dapat memilihnya sekarang.")
        % {"name": rnd.name},
    )


@login_required
@require_GET
def internship_agreement_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *STAFF_AND_HR)
    status = request.GET.get("status", "")
    if status not in InternshipAgreement.Status.values:
        status = ""
    agreements = selectors.internship_agreement_list_for(actor=request.user, status=status)
    page = Paginator(agreements, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "placement/internship_agreement_list.html",
        {"page_obj": page, "status": status, "statuses": InternshipAgreement.Status.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def internship_agreement_create(request: HttpRequest, referral_id: int) -> HttpResponse:
    require_any_role(request.user, *STAFF_AND_HR)
    referral = get_or_404(selectors.referral_get_for, actor=request.user, referral_id=referral_id)
    existing = selectors.internship_agreement_of(referral=referral)
    if existing is not None:
        return redirect(
            "internship_agreements:internship_agreement_detail", internship_agreement_id=existing.pk
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
                "internship_agreements:internship_agreement_detail",
                internship_agreement_id=agreement.pk,
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
    agreement = get_or_404(
        selectors.internship_agreement_get_for,
        actor=request.user,
        internship_agreement_id=internship_agreement_id,
    )
    policy = policy_for(InternshipAgreement)
    draft = agreement.status == InternshipAgreement.Status.DRAFT
    signed = agreement.status == InternshipAgreement.Status.SIGNED
    return render(
        request,
        "placement/internship_agreement_detail.html",
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
    agreement = get_or_404(
        selectors.internship_agreement_get_for,
        actor=request.user,
        internship_agreement_id=internship_agreement_id,
    )
    pdf = internship_agreements.internship_agreement_pdf(agreement, request=request)
    return pdf_response(pdf, f"perjanjian-pemagangan-{agreement.pk}.pdf")


@login_required
@require_POST
def internship_agreement_sign(request: HttpRequest, internship_agreement_id: int) -> HttpResponse:
    agreement = get_or_404(
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
    return redirect(
        "internship_agreements:internship_agreement_detail", internship_agreement_id=agreement.pk
    )


@login_required
@require_POST
def internship_agreement_ratify(request: HttpRequest, internship_agreement_id: int) -> HttpResponse:
    agreement = get_or_404(
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
    return redirect(
        "internship_agreements:internship_agreement_detail", internship_agreement_id=agreement.pk
    )


@login_required
@require_GET
def internship_agreement_document(
    request: HttpRequest, internship_agreement_id: int
) -> FileResponse:
    agreement = get_or_404(
        selectors.internship_agreement_get_for,
        actor=request.user,
        internship_agreement_id=internship_agreement_id,
    )
    return download(agreement.signed_document)
