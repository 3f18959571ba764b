"""Person registry pages: list, detail with masked NIK and an audited reveal, register,
edit, and a person's own data with export."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jejaring.accounts.scope import Role, require_any_role
from jejaring.core.clientip import client_address
from jejaring.core.errors import ApplicationError
from jejaring.core.forms import add_service_error
from jejaring.core.pagination import CURSOR_PARAM
from jejaring.core.params import query_text
from jejaring.core.policies import OFFICE, policy_for
from jejaring.regions.selectors import home_region_for
from jejaring.trainees import selectors, services
from jejaring.trainees.forms import PersonEditForm, PersonForm
from jejaring.trainees.models import Person


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF, Role.OPERATOR)
    query = query_text(request.GET, "q")
    page = selectors.person_page_for(
        actor=request.user, query=query, cursor=request.GET.get(CURSOR_PARAM)
    )
    return render(
        request,
        "trainees/person_list.html",
        {
            "page": page,
            "query": query,
            "can_create": policy_for(Person).can_any(request.user, "change"),
        },
    )


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get_for(actor=request.user, person_id=person_id)
    policy = policy_for(Person)
    return render(
        request,
        "trainees/person_detail.html",
        {
            "person": person,
            "sections": selectors.person_detail_sections(request, person=person),
            "can_reveal": policy.can(request.user, "reveal_nik", person),
            "can_change": policy.can(request.user, "change", person),
            # The person's audit trail is their home office's (events carry its region).
            "can_audit": policy.can(request.user, OFFICE, person),
        },
    )


@login_required
@require_POST
def person_verify(request: HttpRequest, person_id: int) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    person = selectors.person_get_for(actor=request.user, person_id=person_id)
    try:
        services.person_verify(actor=request.user, person=person)
    except ApplicationError:
        raise Http404 from None
    messages.success(request, _("Identitas terverifikasi."))
    return redirect("trainees:person_detail", person_id=person.pk)


@login_required
@require_POST
def person_reveal_nik(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get_for(actor=request.user, person_id=person_id)
    nik = services.person_reveal_nik(
        actor=request.user, person=person, ip_address=client_address(request)
    )
    context = {"person": person, "nik": nik}
    if getattr(request, "htmx", False):
        return render(request, "trainees/partials/nik_revealed.html", context)
    return render(request, "trainees/person_nik.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.OFFICE_STAFF)
    region = home_region_for(actor=request.user)
    if region is None:
        raise Http404
    initial = {"domicile_regency_code": region.code}
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_register(
                actor=request.user,
                region=region,
                # The form's fields are exactly PersonData's; an empty sex means "from the NIK".
                data=services.PersonData(**{**data, "sex": data["sex"] or None}),
                source=services.RegisterSource.OFFICE,
            )
        except services.TransferRequested as requested:
            messages.info(request, str(requested.message))
            return redirect("trainees:person_list")
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Data %(name)s tersimpan.") % {"name": person.full_name})
            if person.nik_needs_review:
                messages.warning(
                    request,
                    _("Kode wilayah NIK tidak dikenal; NIK ditandai untuk ditinjau."),
                )
            return redirect("trainees:person_detail", person_id=person.pk)
    return render(request, "trainees/person_form.html", {"form": form, "person": None})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get_for(actor=request.user, person_id=person_id)
    if not policy_for(Person).can(request.user, "change", person):
        raise Http404
    fields = services.EDITABLE_FIELDS
    initial = {name: getattr(person, name) for name in fields}
    form = PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {
            name: value for name, value in form.cleaned_data.items() if initial.get(name) != value
        }
        try:
            if changes:
                services.person_update(actor=request.user, person=person, changes=changes)
        except ApplicationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Perubahan tersimpan."))
            return redirect("trainees:person_detail", person_id=person.pk)
    return render(request, "trainees/person_form.html", {"form": form, "person": person})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    person = selectors.own_person_for(actor=request.user)
    return render(request, "trainees/my_data.html", {"person": person})


@login_required
@require_POST
def my_data_export(request: HttpRequest) -> HttpResponse:
    person = selectors.own_person_for(actor=request.user)
    data = services.person_export_own_data(actor=request.user, person=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="data-saya-{stamp}.json"'
    return response
