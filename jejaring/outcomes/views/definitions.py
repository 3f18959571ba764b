"""The office's indicator definitions, tracer settings and publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.core.params import query_int
from jejaring.outcomes import selectors, services
from jejaring.outcomes.forms import DefinitionForm, TracerSettingsForm
from jejaring.outcomes.publication import public_payload
from jejaring.regions.selectors import home_region_for


@login_required
@require_http_methods(["GET", "POST"])
def definition_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    form = DefinitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_definition_save(
                actor=request.user, region=region, **form.cleaned_data
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Definisi tersimpan."))
            return redirect("outcomes:definition_list")
    return render(
        request,
        "outcomes/definition_list.html",
        {"definitions": selectors.definition_list_for(actor=request.user), "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def definition_edit(request: HttpRequest, indicator_definition_id: int) -> HttpResponse:
    definition = selectors.definition_get_for(
        actor=request.user, definition_id=indicator_definition_id
    )
    require_any_role(request.user, Role.OFFICE_STAFF)
    initial = {
        "name": definition.name,
        "window_months": definition.window_months,
        "internship_counts_as_absorbed": definition.internship_counts_as_absorbed,
        "self_employment_counts_as_absorbed": definition.self_employment_counts_as_absorbed,
        "make_default": definition.is_default,
    }
    form = DefinitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_definition_save(
                actor=request.user,
                region=definition.region,
                definition=definition,
                **form.cleaned_data,
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Definisi tersimpan."))
            return redirect("outcomes:definition_list")
    return render(
        request, "outcomes/definition_form.html", {"form": form, "definition": definition}
    )


@login_required
@require_http_methods(["GET", "POST"])
def tracer_settings(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    current = services.tracer_settings_for(region=region)
    form = TracerSettingsForm(
        request.POST or None,
        initial={
            "points": ", ".join(str(p) for p in current.points),
            "link_valid_days": current.link_valid_days,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.tracer_settings_update(actor=request.user, region=region, **form.cleaned_data)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Pengaturan penelusuran tersimpan."))
            return redirect("outcomes:tracer_settings")
    return render(request, "outcomes/tracer_settings.html", {"form": form, "region": region})


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    year = query_int(request.POST, "tahun", minimum=2000, maximum=timezone.localdate().year)
    if region is None or year is None:
        raise Http404
    definitions = selectors.definition_list_for(actor=request.user).filter(region=region)
    chosen = definitions.filter(is_default=True).first()
    if chosen is None:
        messages.error(request, _("Tetapkan dahulu definisi utama keterserapan."))
        return redirect("outcomes:definition_list")
    payload = public_payload(region=region, year=year, definition=chosen)
    services.statistics_publish(
        actor=request.user, region=region, year=year, definition=chosen, payload=payload
    )
    messages.success(request, _("Statistik %(year)s diterbitkan.") % {"year": year})
    return redirect("outcomes:public_region", public_region_slug=region.slug)
