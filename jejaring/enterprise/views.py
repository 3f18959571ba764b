"""Pages of entrepreneur profiles, support cases and the business follow-up link."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.documents import render_document
from jejaring.core.errors import ApplicationError, NotFound
from jejaring.core.forms import add_service_error
from jejaring.core.pdf import pdf_response
from jejaring.enterprise import selectors, services
from jejaring.enterprise.forms import (
    BusinessForm,
    FollowUpAnswerForm,
    StageForm,
    SupportForm,
    VisitForm,
)
from jejaring.enterprise.models import Business, SupportCase
from jejaring.regions.calendar import today_in
from jejaring.regions.letterhead import letterhead_of, signatory_of
from jejaring.trainees.models import Person
from jejaring.trainees.selectors import own_person_for, person_get_for


@login_required
def business_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.TRAINEE)
    stage = request.GET.get("tahap", "")
    if stage not in Business.Stage.values:
        stage = ""
    return render(
        request,
        "enterprise/business_list.html",
        {
            "businesses": selectors.business_list_for(actor=request.user, stage=stage)[:200],
            "stage": stage,
            "stages": Business.Stage.choices,
            "is_office": scope_of(request.user).is_office,
            "own": scope_of(request.user).person_id is not None,
        },
    )


def _business_form(
    request: HttpRequest, person: Person, business: Business | None = None
) -> HttpResponse:
    enrolments = services.graduate_enrolments(person)
    initial = {}
    if business is not None:
        initial = {
            name: getattr(business, name)
            for name in (
                "name",
                "kind",
                "idea",
                "kbli_code",
                "place_district_code",
                "place_village_code",
                "nib",
                "members",
                "workers",
                "revenue_band",
            )
        }
        initial["enrolment"] = business.enrolment_id
    form = BusinessForm(request.POST or None, initial=initial, enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = services.BusinessData(
            name=data["name"],
            kind=data["kind"],
            idea=data["idea"],
            kbli_code=data["kbli_code"],
            place_district_code=data["place_district_code"],
            place_village_code=data["place_village_code"],
            nib=data["nib"],
            members=data["members"],
            workers=data["workers"],
            revenue_band=data["revenue_band"],
            enrolment_id=data["enrolment"],
        )
        try:
            if business is None:
                business = services.business_create(actor=request.user, person=person, data=values)
            else:
                business = services.business_update(
                    actor=request.user, business=business, data=values
                )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Data usaha tersimpan."))
            return redirect("enterprise:business_detail", business_id=business.pk)
    return render(
        request,
        "enterprise/business_form.html",
        {"form": form, "person": person, "business": business},
    )


@login_required
@require_http_methods(["GET", "POST"])
def own_business_create(request: HttpRequest) -> HttpResponse:
    """A graduate or job seeker records their own business idea (phone-sized page)."""
    require_any_role(request.user, Role.TRAINEE)
    return _business_form(request, own_person_for(actor=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def business_create(request: HttpRequest, person_id: int) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    person = person_get_for(actor=request.user, person_id=person_id)
    if not scope_of(request.user).is_office_of(person.region_id):
        raise Http404
    return _business_form(request, person)


@login_required
@require_http_methods(["GET", "POST"])
def business_edit(request: HttpRequest, business_id: int) -> HttpResponse:
    business = selectors.business_get_for(actor=request.user, business_id=business_id)
    return _business_form(request, business.person, business)


@login_required
def business_detail(request: HttpRequest, business_id: int) -> HttpResponse:
    business = selectors.business_get_for(actor=request.user, business_id=business_id)
    office = scope_of(request.user).is_office_of(business.region_id)
    return render(
        request,
        "enterprise/business_detail.html",
        {
            "business": business,
            "follow_ups": selectors.follow_ups_of(business=business),
            "support": business.support_cases.order_by("-started_on"),
            "stage_form": StageForm(initial={"on": today_in(business.region)}),
            "office": office,
            "support_form": SupportForm(initial={"started_on": today_in(business.region)})
            if office
            else None,
        },
    )


@login_required
@require_POST
def business_stage(request: HttpRequest, business_id: int) -> HttpResponse:
    business = selectors.business_get_for(actor=request.user, business_id=business_id)
    form = StageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih tahap dan tanggal."))
    else:
        try:
            services.business_stage_change(
                actor=request.user,
                business=business,
                to=form.cleaned_data["stage"],
                on=form.cleaned_data["on"],
            )
        except ApplicationError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("Tahap usaha diperbarui."))
    return redirect("enterprise:business_detail", business_id=business.pk)


def record_support(
    request: HttpRequest,
    *,
    region: Any,
    back: HttpResponse,
    person: Any = None,
    group: Any = None,
    business_id: int | None = None,
) -> HttpResponse:
    """Office staff record support given to a person (the owner of a business) or to a
    group, from the support form on its page; errors go back to that page."""
    form = SupportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Periksa isian dukungan."))
        return back
    data = form.cleaned_data
    try:
        case = services.support_case_create(
            actor=request.user,
            region=region,
            person=person,
            group=group,
            data=services.SupportData(
                kind=data["kind"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                amount=data["amount"] or 0,
                description=data["description"],
                bank_name=data["bank_name"],
                loan_amount=data["loan_amount"],
                letter_number=data["letter_number"],
                business_id=business_id,
            ),
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
        return back
    return redirect("enterprise:support_detail", support_case_id=case.pk)


@login_required
@require_POST
def business_support(request: HttpRequest, business_id: int) -> HttpResponse:
    """Office staff record support given to the business's owner."""
    business = selectors.business_get_for(actor=request.user, business_id=business_id)
    if not scope_of(request.user).is_office_of(business.region_id):
        raise Http404
    return record_support(
        request,
        region=business.region,
        person=business.person,
        business_id=business.pk,
        back=redirect("enterprise:business_detail", business_id=business.pk),
    )


@login_required
def support_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.TRAINEE)
    return render(
        request,
        "enterprise/support_list.html",
        {"cases": selectors.support_list_for(actor=request.user)[:200]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_detail(request: HttpRequest, support_case_id: int) -> HttpResponse:
    case = selectors.support_get_for(actor=request.user, support_case_id=support_case_id)
    office = scope_of(request.user).is_office_of(case.region_id)
    form = VisitForm(request.POST or None, request.FILES or None) if office else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.mentoring_visit_add(
                    actor=request.user,
                    case=case,
                    visited_on=data["visited_on"],
                    mentor=data["mentor"],
                    notes=data["notes"],
                    photo=data["photo"],
                )
            except ApplicationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Kunjungan tercatat."))
                return redirect("enterprise:support_detail", support_case_id=case.pk)
    return render(
        request,
        "enterprise/support_detail.html",
        {
            "case": case,
            "visits": case.visits.all(),
            "form": form if case.kind == SupportCase.Kind.MENTORING else None,
            "office": office,
        },
    )


@login_required
def visit_photo(request: HttpRequest, support_case_id: int, visit_number: int) -> FileResponse:
    case = selectors.support_get_for(actor=request.user, support_case_id=support_case_id)
    visit = case.visits.filter(pk=visit_number).exclude(photo="").first()
    if visit is None:
        raise Http404
    return FileResponse(visit.photo.open("rb"), filename=visit.photo.name.rsplit("/", 1)[-1])


@login_required
def kur_letter(request: HttpRequest, support_case_id: int) -> HttpResponse:
    """The KUR referral letter to the bank, on the office's letterhead (core document kit)."""
    case = selectors.support_get_for(actor=request.user, support_case_id=support_case_id)
    try:
        services.kur_letter_printed(actor=request.user, case=case)
    except NotFound:
        raise Http404 from None
    pdf = render_document(
        "enterprise/pdf/kur_letter.html",
        {"case": case, "business": case.business, "person": case.person, "group": case.group},
        letterhead=letterhead_of(case.region),
        signatory=signatory_of(case.region),
        place_date=today_in(case.region),
    )
    return pdf_response(pdf, f"surat-pengantar-kur-{case.pk}.pdf")


@login_required
@require_POST
def follow_up_link(request: HttpRequest, business_follow_up_id: int) -> HttpResponse:
    follow_up = selectors.follow_up_get_for(
        actor=request.user, business_follow_up_id=business_follow_up_id
    )
    try:
        url, message = services.follow_up_link_issue(
            actor=request.user, follow_up=follow_up, base_url=request.build_absolute_uri("/")
        )
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "enterprise/follow_up_link.html",
        {
            "follow_up": follow_up,
            "url": url,
            "message": message,
            "whatsapp": "https://wa.me/?" + urlencode({"text": message}),
        },
    )


@require_http_methods(["GET", "POST"])
def follow_up_answer(request: HttpRequest, business_answer_token: str) -> HttpResponse:
    """The owner's personal page: no login, one short form."""
    try:
        follow_up = services.follow_up_from_token(business_answer_token)
    except NotFound:
        return render(request, "enterprise/follow_up_invalid.html", status=404)
    form = FollowUpAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_answer_by_link(
                token=business_answer_token,
                data=services.FollowUpData(
                    operating=data["operating"],
                    workers=data["workers"],
                    revenue_band=data["revenue_band"],
                    nib=data["nib"],
                ),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            return render(request, "enterprise/follow_up_thanks.html", {"follow_up": follow_up})
    return render(
        request, "enterprise/follow_up_answer.html", {"follow_up": follow_up, "form": form}
    )
