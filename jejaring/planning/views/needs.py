"""Needs intake and mapping, and the coordination meetings where needs are raised."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role, scope_of
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.core.params import parse_id
from jejaring.core.policies import policy_for
from jejaring.planning import selectors, services
from jejaring.planning.forms import MapForm, MeetingForm, NeedForm
from jejaring.planning.models import IndustryNeed
from jejaring.planning.views.base import _STAFF, _is_staff
from jejaring.regions.selectors import home_region_for
from jejaring.training.models import Vocation


@login_required
def need_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    mapping = request.GET.get("pemetaan", "")
    needs = selectors.need_list_for(actor=request.user, mapping=mapping)
    return render(
        request,
        "planning/need_list.html",
        {
            "page_obj": Paginator(needs, 50).get_page(request.GET.get("page")),
            "mapping": mapping,
            "mappings": IndustryNeed.Mapping.choices,
            "is_staff": _is_staff(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.COMPANY_HR)
    is_staff = _is_staff(request)
    companies = selectors.company_options_for(actor=request.user)
    if not is_staff:
        companies = companies.filter(pk__in=scope_of(request.user).company_ids)
    form = NeedForm(
        request.POST or None,
        companies=companies,
        partners=selectors.partner_options_for(actor=request.user) if is_staff else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            need = services.need_submit(
                actor=request.user,
                company=data.get("company"),
                partner=data.get("partner"),
                region=home_region_for(actor=request.user),
                data=services.NeedData(
                    description=data["description"],
                    quantity=data["quantity"],
                    kind=data["kind"],
                    needed_by=data["needed_by"],
                    location=data["location"],
                    notes=data["notes"],
                ),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Kebutuhan tercatat. Terima kasih."))
            return redirect("planning:need_detail", industry_need_id=need.pk)
    return render(request, "planning/need_form.html", {"form": form})


@login_required
def need_detail(request: HttpRequest, industry_need_id: int) -> HttpResponse:
    need = selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)
    return render(request, "planning/need_detail.html", _need_context(request, need))


def _need_context(request: HttpRequest, need: IndustryNeed, form: Any = None) -> dict[str, Any]:
    can_map = policy_for(IndustryNeed).can(request.user, "map", need)
    suggestions = selectors.vocation_suggestions(text=need.description) if can_map else []
    if can_map and form is None:
        initial_vocation = need.vocation or (suggestions[0].vocation if suggestions else None)
        form = MapForm(
            initial={"vocation": initial_vocation, "units": list(need.units.all())},
            vocations=selectors.vocation_options(),
            units=selectors.unit_options(vocation=initial_vocation),
        )
    if form is not None:
        # Choosing another vocation reloads its competency units in place.
        form.fields["vocation"].widget.attrs.update(
            {
                "hx-get": reverse("planning:need_units", kwargs={"industry_need_id": need.pk}),
                "hx-target": "#id_units",
                "hx-swap": "outerHTML",
                "hx-trigger": "change",
            }
        )
    return {
        "need": need,
        "units": need.units.all(),
        "can_map": can_map,
        "suggestions": suggestions,
        "form": form,
        "plan_lines": need.plan_lines.select_related("plan") if _is_staff(request) else [],
    }


def _chosen_vocation(raw: str) -> Vocation | None:
    """The vocation whose id the mapping form sent, whose units it offers; none for an
    empty or malformed id (the form then names the field)."""
    pk = parse_id(raw)
    return None if pk is None else selectors.vocation_options().filter(pk=pk).first()


@login_required
def need_units(request: HttpRequest, industry_need_id: int) -> HttpResponse:
    """The competency-unit checkboxes of the vocation chosen on the mapping form."""
    need = selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)
    if not policy_for(IndustryNeed).can(request.user, "map", need):
        raise Http404
    vocation = _chosen_vocation(request.GET.get("vocation", ""))
    form = MapForm(
        initial={"vocation": vocation},
        vocations=selectors.vocation_options(),
        units=selectors.unit_options(vocation=vocation),
    )
    return render(request, "planning/partials/units.html", {"form": form})


@login_required
@require_POST
def need_map(request: HttpRequest, industry_need_id: int) -> HttpResponse:
    need = selectors.need_get_for(actor=request.user, industry_need_id=industry_need_id)
    if not policy_for(IndustryNeed).can(request.user, "map", need):
        raise Http404
    vocation = _chosen_vocation(request.POST.get("vocation", ""))
    form = MapForm(
        request.POST,
        vocations=selectors.vocation_options(),
        units=selectors.unit_options(vocation=vocation),
    )
    if form.is_valid():
        try:
            services.need_map(
                actor=request.user,
                need=need,
                vocation=form.cleaned_data["vocation"],
                unit_ids=[unit.pk for unit in form.cleaned_data["units"]],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pemetaan kebutuhan tersimpan."))
            return redirect("planning:need_detail", industry_need_id=need.pk)
    return render(
        request, "planning/need_detail.html", _need_context(request, need, form), status=422
    )


# ---------------------------------------------------------------- meetings


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    return render(
        request,
        "planning/meeting_list.html",
        {"meetings": selectors.meeting_list_for(actor=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    form = MeetingForm(
        request.POST or None,
        companies=selectors.company_options_for(actor=request.user),
        partners=selectors.partner_options_for(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                actor=request.user,
                region=region,
                data=services.MeetingData(
                    held_on=data["held_on"],
                    title=data["title"],
                    location=data["location"],
                    attendees=data["attendees"],
                    aspirations=data["aspirations"],
                ),
                companies=list(data["companies"]),
                partners=list(data["partners"]),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Rapat koordinasi tercatat."))
            return redirect("planning:meeting_detail", coordination_meeting_id=meeting.pk)
    return render(request, "planning/meeting_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, coordination_meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get_for(
        actor=request.user, coordination_meeting_id=coordination_meeting_id
    )
    form = NeedForm(
        request.POST or None,
        companies=selectors.company_options_for(actor=request.user),
        partners=selectors.partner_options_for(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.need_submit(
                actor=request.user,
                company=data.get("company"),
                partner=data.get("partner"),
                meeting=meeting,
                data=services.NeedData(
                    description=data["description"],
                    quantity=data["quantity"],
                    kind=data["kind"],
                    needed_by=data["needed_by"],
                    location=data["location"],
                    notes=data["notes"],
                ),
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Kebutuhan dari rapat tercatat."))
            return redirect("planning:meeting_detail", coordination_meeting_id=meeting.pk)
    return render(
        request,
        "planning/meeting_detail.html",
        {
            "meeting": meeting,
            "companies": meeting.companies.all(),
            "partners": meeting.partners.all(),
            "needs": meeting.needs.select_related("company", "partner", "vocation"),
            "form": form,
        },
    )
