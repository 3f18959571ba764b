"""The instructor gap."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jejaring.accounts.scope import require_any_role
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.planning import selectors, services
from jejaring.planning.forms import SourcingForm
from jejaring.planning.views.base import _STAFF


@login_required
def instructor_gap(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, *_STAFF)
    return render(
        request,
        "planning/instructor_gap.html",
        {"rows": selectors.instructor_gap_for(actor=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def instructor_need_detail(request: HttpRequest, instructor_need_id: int) -> HttpResponse:
    need = selectors.instructor_need_get_for(
        actor=request.user, instructor_need_id=instructor_need_id
    )
    form = SourcingForm(
        request.POST or None,
        initial={"status": need.status, "candidate": need.candidate_id},
        instructors=selectors.instructor_options_for(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.instructor_need_set_status(
                actor=request.user,
                need=need,
                status=form.cleaned_data["status"],
                candidate=form.cleaned_data["candidate"],
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Status pencarian instruktur tersimpan."))
            return redirect("planning:instructor_need_detail", instructor_need_id=need.pk)
    return render(request, "planning/instructor_need_detail.html", {"need": need, "form": form})
