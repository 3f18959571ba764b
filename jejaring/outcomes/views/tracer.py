"""The tracer: who is due, answers (by staff, by the alumnus, through a personal link)
and the host company's confirmations."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.forms import add_service_error
from jejaring.core.pagination import CURSOR_PARAM, DEFAULT_COUNT_CAP, seek_page
from jejaring.core.params import parse_id, query_text
from jejaring.core.policies import policy_for
from jejaring.outcomes import selectors, services
from jejaring.outcomes.forms import AnswerForm, CompanyConfirmForm, StaffAnswerForm
from jejaring.outcomes.models import FollowUp

PAGE_SIZE = 50


# --- tracer -------------------------------------------------------------------------


@login_required
@require_GET
def follow_up_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.OPERATOR)
    today = timezone.localdate()
    show = request.GET.get("tampil", "due")
    point = request.GET.get("titik", "")
    query = query_text(request.GET, "q")
    follow_ups = selectors.follow_up_list_for(
        actor=request.user,
        due_by=today if show in ("due", "unanswered") else None,
        unanswered_only=show == "unanswered",
        months_after=parse_id(point),
        query=query,
    )
    page = seek_page(
        follow_ups,
        ordering=selectors.FOLLOW_UP_LIST_ORDER,
        size=PAGE_SIZE,
        cursor=request.GET.get(CURSOR_PARAM),
        count_cap=DEFAULT_COUNT_CAP,
    )
    return render(
        request,
        "outcomes/follow_up_list.html",
        {
            "page_obj": page,
            "show": show,
            "point": point,
            "query": query,
            "response": selectors.response_rate_for(actor=request.user, today=today),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_detail(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = selectors.follow_up_get_for(actor=request.user, follow_up_id=follow_up_id)
    own = scope_of(request.user).person_id == follow_up.person_id
    form: AnswerForm
    if own:
        form = AnswerForm(request.POST or None)
    else:
        form = StaffAnswerForm(
            request.POST or None, companies=selectors.company_choices(follow_up=follow_up)
        )
    can_answer = policy_for(FollowUp).can(request.user, "record_answer", follow_up)
    if request.method == "POST":
        if not can_answer:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.follow_up_answer_record(
                    actor=request.user,
                    follow_up=follow_up,
                    data=services.AnswerData(
                        status=data["status"],
                        company_id=data.get("company"),
                        employer_name=data.get("employer_name", ""),
                        via_referral=bool(data.get("via_referral")),
                        business_kind=data.get("business_kind", ""),
                        business_registration=data.get("business_registration", ""),
                        started_on=data.get("started_on"),
                        monthly_income=data.get("monthly_income"),
                    ),
                )
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Jawaban penelusuran tersimpan."))
                return redirect("outcomes:follow_up_detail", follow_up_id=follow_up.pk)
    return render(
        request,
        "outcomes/follow_up_detail.html",
        {
            "follow_up": follow_up,
            "answers": selectors.follow_up_answers(follow_up=follow_up),
            "form": form,
            "can_answer": can_answer,
            "own": own,
        },
    )


@login_required
@require_POST
def follow_up_link(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    """Issue a new personal link and show the message to paste into WhatsApp; with
    `kirim=email`, email it as well."""
    follow_up = selectors.follow_up_get_for(actor=request.user, follow_up_id=follow_up_id)
    if scope_of(request.user).person_id == follow_up.person_id:
        raise Http404
    base_url = request.build_absolute_uri("/")
    try:
        if request.POST.get("kirim") == "email":
            email = services.follow_up_link_email(
                actor=request.user, follow_up=follow_up, base_url=base_url
            )
            messages.success(request, _("Tautan dikirim ke %(email)s.") % {"email": email})
            return redirect("outcomes:follow_up_detail", follow_up_id=follow_up.pk)
        url, message = services.follow_up_link_issue(
            actor=request.user, follow_up=follow_up, base_url=base_url
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return redirect("outcomes:follow_up_detail", follow_up_id=follow_up.pk)
    return render(
        request,
        "outcomes/follow_up_link.html",
        {
            "follow_up": follow_up,
            "url": url,
            "message": message,
            "whatsapp": "https://wa.me/?" + urlencode({"text": message}),
        },
    )


@require_http_methods(["GET", "POST"])
def answer_link(request: HttpRequest, answer_token: str) -> HttpResponse:
    """The alumnus's personal page: no login, one short form."""
    try:
        follow_up = services.follow_up_from_token(answer_token)
    except NotFound:
        return render(request, "outcomes/answer_link_invalid.html", status=404)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_answer_by_link(
                token=answer_token,
                data=services.AnswerData(
                    status=data["status"],
                    employer_name=data["employer_name"],
                    business_kind=data["business_kind"],
                    business_registration=data["business_registration"],
                    started_on=data["started_on"],
                    monthly_income=data["monthly_income"],
                ),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return render(request, "outcomes/answer_link_thanks.html", {"follow_up": follow_up})
    first_name = follow_up.person.full_name.split()[0] if follow_up.person.full_name else ""
    return render(
        request,
        "outcomes/answer_link.html",
        {"follow_up": follow_up, "form": form, "first_name": first_name},
    )


@login_required
@require_GET
def my_follow_ups(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    return render(
        request,
        "outcomes/my_follow_ups.html",
        {"follow_ups": selectors.own_follow_ups(actor=request.user)},
    )


@login_required
@require_GET
def company_confirmations(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.COMPANY_HR)
    referrals = selectors.referrals_to_confirm_for(actor=request.user)
    page = Paginator(referrals, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "outcomes/company_confirmations.html",
        {"page_obj": page, "form": CompanyConfirmForm(), "today": timezone.localdate()},
    )


@login_required
@require_POST
def company_confirm(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_to_confirm_get(actor=request.user, referral_id=referral_id)
    form = CompanyConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Isi tanggal mulai bekerja yang benar."))
        return redirect("outcomes:company_confirmations")
    try:
        count = services.employment_confirm_by_company(
            actor=request.user, referral=referral, started_on=form.cleaned_data["started_on"]
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        if count:
            messages.success(
                request,
                _("Terima kasih: %(name)s tercatat bekerja di perusahaan Anda.")
                % {"name": referral.person.full_name},
            )
        else:
            messages.info(
                request,
                _(
                    "Belum ada penelusuran yang jatuh tempo untuk %(name)s, atau alumni "
                    "sudah menjawab sendiri."
                )
                % {"name": referral.person.full_name},
            )
    return redirect("outcomes:company_confirmations")
