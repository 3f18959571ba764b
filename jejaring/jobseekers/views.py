"""Job-seeker card pages: the office's list, counter registration, document check and
issue, reports, renewal and closing; the holder's own cards; the public online
registration. Each view parses, calls one service or selector and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core import audit, limits
from jejaring.core.clientip import client_address
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.forms import add_service_error
from jejaring.core.params import query_text
from jejaring.jobseekers import audit_actions, panels, selectors, services
from jejaring.jobseekers.cards import card_pdf
from jejaring.jobseekers.forms import (
    HONEYPOT,
    CounterPersonForm,
    HiredForm,
    IdentityForm,
    IssueForm,
    ReasonForm,
    ReportForm,
    SettingsForm,
    WishForm,
)
from jejaring.jobseekers.models import CardStatus, CloseSource, JobSeekerCard
from jejaring.regions.calendar import today_in
from jejaring.regions.models import Region
from jejaring.regions.selectors import office_region_by_slug, office_regions

#: Accepted online registrations per client address per hour, and per NIK per day.
PER_ADDRESS = limits.Rate("jobseekers.address", count=10, seconds=60 * 60)
PER_NIK = limits.Rate("jobseekers.nik", count=3, seconds=24 * 60 * 60)


def _card(request: HttpRequest, card_id: int) -> JobSeekerCard:
    try:
        return selectors.card_get_for(actor=request.user, card_id=card_id)
    except NotFound:
        raise Http404 from None


def _office_region(request: HttpRequest) -> Region:
    """The office the actor works at (a superuser, who has none, picks one by
    `?wilayah=<slug>`, else the first by name)."""
    scope = scope_of(request.user)
    regions = office_regions()
    if scope.is_superuser and not scope.office_region_ids:
        slug = request.GET.get("wilayah", "")
        region = (regions.filter(slug=slug).first() if slug else None) or regions.order_by(
            "name"
        ).first()
    else:
        region = regions.filter(pk__in=scope.office_region_ids).order_by("name").first()
    if region is None:
        raise Http404
    return region


def _is_staff_of(request: HttpRequest, card: JobSeekerCard) -> bool:
    return scope_of(request.user).is_office_of(card.region_id)


def _back(request: HttpRequest, card: JobSeekerCard) -> HttpResponse:
    if _is_staff_of(request, card):
        return redirect("jobseekers:card_detail", card_id=card.pk)
    return redirect("jobseekers:my_cards")


# --- the office ------------------------------------------------------------------------


@login_required
@require_GET
def card_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    status = request.GET.get("status", "")
    if status not in CardStatus.values:
        status = ""
    query = query_text(request.GET, "q")
    cards = selectors.card_list_for(actor=request.user, status=status, query=query)
    page = Paginator(cards, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "jobseekers/card_list.html",
        {"page_obj": page, "status": status, "statuses": CardStatus.choices, "q": query},
    )


@login_required
@require_http_methods(["GET", "POST"])
def card_register(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = _office_region(request)
    person_form = CounterPersonForm(request.POST or None, prefix="person")
    wish_form = WishForm(request.POST or None, prefix="wish")
    if request.method == "POST" and person_form.is_valid() and wish_form.is_valid():
        wish = wish_form.wish()
        try:
            card = services.card_register_counter(
                actor=request.user,
                region=region,
                wish=wish,
                person_data=person_form.person_data(wish.education, wish.education_major),
            )
        except ApplicationError as error:
            add_service_error(person_form, error)
        else:
            messages.success(
                request, _("Pendaftaran tercatat; periksa dokumen dan terbitkan kartu.")
            )
            return redirect("jobseekers:card_detail", card_id=card.pk)
    return render(
        request,
        "jobseekers/card_register.html",
        {"person_form": person_form, "wish_form": wish_form, "region": region},
    )


def _account_email(card: Any) -> str:
    """The email of the online account a registration still waiting for issue came with."""
    user = card.applicant_user
    if card.status != "submitted" or user is None or card.person.user_id == user.pk:
        return ""
    return str(user.email)


@login_required
@require_GET
def card_detail(request: HttpRequest, card_id: int) -> HttpResponse:
    card = _card(request, card_id)
    if not _is_staff_of(request, card):
        return redirect("jobseekers:my_cards")
    today = today_in(card.region)
    return render(
        request,
        "jobseekers/card_detail.html",
        {
            "card": card,
            "boxes": selectors.report_boxes(card=card, today=today),
            "non_formal": selectors.non_formal_education(actor=request.user, card=card),
            "issue_form": IssueForm(account_email=_account_email(card)),
            "reason_form": ReasonForm(),
            "report_form": ReportForm(),
            "hired_form": HiredForm(initial={"started_on": today}),
            "require_kk": services.settings_of(card.region).require_kk,
            "panels": panels.panels_for(actor=request.user, card=card, today=today),
        },
    )


def _done(request: HttpRequest, card: JobSeekerCard, call: Any, success: str) -> HttpResponse:
    try:
        call()
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, success)
    return _back(request, card)


@login_required
@require_POST
def card_issue(request: HttpRequest, card_id: int) -> HttpResponse:
    card = _card(request, card_id)
    if not _is_staff_of(request, card):
        raise Http404
    form = IssueForm(request.POST, request.FILES, account_email=_account_email(card))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return _back(request, card)
    return _done(
        request,
        card,
        lambda: services.card_issue(
            actor=request.user,
            card=card,
            documents=form.documents(),
            photo=form.cleaned_data.get("photo"),
            bind_account=form.bind_account,
        ),
        _("Kartu diterbitkan."),
    )


@login_required
@require_POST
def card_reject(request: HttpRequest, card_id: int) -> HttpResponse:
    card = _card(request, card_id)
    if not _is_staff_of(request, card):
        raise Http404
    reason = request.POST.get("reason", "")
    return _done(
        request,
        card,
        lambda: services.card_reject(actor=request.user, card=card, reason=reason),
        _("Pendaftaran ditolak."),
    )


@login_required
@require_POST
def card_close(request: HttpRequest, card_id: int) -> HttpResponse:
    card = _card(request, card_id)
    if not _is_staff_of(request, card):
        raise Http404
    reason = request.POST.get("reason", "")
    return _done(
        request,
        card,
        lambda: services.card_close(actor=request.user, card=card, reason=reason),
        _("Kartu ditutup."),
    )


@login_required
@require_POST
def card_renew(request: HttpRequest, card_id: int) -> HttpResponse:
    card = _card(request, card_id)
    if not _is_staff_of(request, card):
        raise Http404
    return _done(
        request,
        card,
        lambda: services.card_renew(actor=request.user, card=card),
        _("Kartu diperpanjang dua tahun."),
    )


@login_required
@require_POST
def card_report(request: HttpRequest, card_id: int) -> HttpResponse:
    """A six-monthly report: at the counter (office staff) or online (the holder)."""
    card = _card(request, card_id)
    form = ReportForm(request.POST)
    note = form.cleaned_data.get("note", "") if form.is_valid() else ""
    return _done(
        request,
        card,
        lambda: services.card_report(actor=request.user, card=card, note=note),
        _("Laporan tercatat. Terima kasih."),
    )


@login_required
@require_POST
def card_close_hired(request: HttpRequest, card_id: int) -> HttpResponse:
    """Closing because the holder is working: by the office or by the holder."""
    card = _card(request, card_id)
    form = HiredForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi tanggal mulai bekerja dan nama pemberi kerja."))
        return _back(request, card)
    source = CloseSource.OFFICE if _is_staff_of(request, card) else CloseSource.HOLDER
    return _done(
        request,
        card,
        lambda: services.card_close_hired(
            actor=request.user,
            person=card.person,
            on=form.cleaned_data["started_on"],
            employer_name=form.cleaned_data["employer_name"],
            source=source,
        ),
        _("Kartu ditutup: sudah bekerja. Selamat!"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def card_update(request: HttpRequest, card_id: int) -> HttpResponse:
    card = _card(request, card_id)
    if not _is_staff_of(request, card):
        raise Http404
    initial = {name: getattr(card, name) for name in WishForm.base_fields}
    form = WishForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.card_update(actor=request.user, card=card, wish=form.wish())
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Data kartu diperbarui."))
            return redirect("jobseekers:card_detail", card_id=card.pk)
    return render(request, "jobseekers/card_update.html", {"card": card, "form": form})


@login_required
@require_GET
def card_download(request: HttpRequest, card_id: int) -> HttpResponse:
    """The card PDF: printed at the counter by the office or downloaded by the holder.
    It carries the full NIK, so every print is audited."""
    card = _card(request, card_id)
    if not card.number:
        raise Http404
    pdf = card_pdf(card, actor=request.user, request=request)
    with transaction.atomic():
        audit.record(
            actor=request.user,
            action=audit_actions.CARD_PRINT,
            target=card,
            ip_address=client_address(request),
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="AK1-{card.number}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = _office_region(request)
    current = services.settings_of(region)
    form = SettingsForm(
        request.POST or None,
        initial={
            "require_kk": current.require_kk,
            "officer_name": current.officer_name,
            "officer_nip": current.officer_nip,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_update(actor=request.user, region=region, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pengaturan tersimpan."))
            return redirect("jobseekers:card_list")
    return render(request, "jobseekers/settings.html", {"form": form, "region": region})


# --- the holder ------------------------------------------------------------------------


@login_required
@require_GET
def my_cards(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    cards = list(selectors.own_card_list(actor=request.user))
    rows = [
        (
            card,
            selectors.report_boxes(card=card, today=today_in(card.region)),
            panels.panels_for(actor=request.user, card=card, today=today_in(card.region)),
        )
        for card in cards
    ]
    has_open = any(card.is_open for card in cards)
    return render(
        request,
        "jobseekers/my_cards.html",
        {
            "rows": rows,
            "has_open": has_open,
            "report_form": ReportForm(),
            "hired_form": HiredForm(),
        },
    )


# --- online registration (public) ------------------------------------------------------


@require_GET
def public_offices(request: HttpRequest) -> HttpResponse:
    regions = office_regions()
    return render(request, "jobseekers/public_offices.html", {"regions": regions})


@require_http_methods(["GET", "POST"])
def public_register(request: HttpRequest, office_slug: str) -> HttpResponse:
    region = office_region_by_slug(office_slug)
    if region is None:
        raise Http404
    own = scope_of(request.user).person_id is not None
    identity_form = None if own else IdentityForm(request.POST or None, prefix="person")
    wish_form = WishForm(request.POST or None, prefix="wish")
    context: dict[str, Any] = {"region": region, "honeypot": HONEYPOT, "own": own}
    status = 200
    if request.method == "POST":
        address = client_address(request) or ""
        if request.POST.get(HONEYPOT):
            return redirect("jobseekers:public_done", office_slug=region.slug)
        valid = wish_form.is_valid() & (identity_form is None or identity_form.is_valid())
        checks = [(PER_ADDRESS, address)]
        if identity_form is not None and valid:
            checks.append((PER_NIK, identity_form.cleaned_data["nik"]))
        if limits.exceeded(checks):
            wish_form.add_error(None, _("Terlalu banyak pendaftaran. Silakan coba lagi nanti."))
            status = 429
        elif valid:
            try:
                services.card_register_online(
                    region=region,
                    wish=wish_form.wish(),
                    identity=identity_form.identity() if identity_form else None,
                    submitter=request.user,
                    ip_address=address or None,
                    base_url=request.build_absolute_uri("/"),
                )
            except ApplicationError as error:
                add_service_error(identity_form or wish_form, error)
            else:
                limits.record(checks)
                return redirect("jobseekers:public_done", office_slug=region.slug)
        status = status if status != 200 else 422
    context.update({"identity_form": identity_form, "wish_form": wish_form})
    return render(request, "jobseekers/public_register.html", context, status=status)


@require_GET
def public_done(request: HttpRequest, office_slug: str) -> HttpResponse:
    region = office_region_by_slug(office_slug)
    if region is None:
        raise Http404
    require_kk = services.settings_of(region).require_kk
    return render(
        request, "jobseekers/public_done.html", {"region": region, "require_kk": require_kk}
    )
