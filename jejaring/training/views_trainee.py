"""A trainee's own training pages: their registrations and status (with withdrawal
before the batch runs) and attendance per session. Apps above training add their parts
(assessment: results and training certificates) through `trainee_sections`.

Every read goes through `for_actor` and is narrowed to the signed-in person, so a user
who is also staff still sees only their own registrations here."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jejaring.accounts.scope import Role, require_any_role
from jejaring.core.errors import ApplicationError
from jejaring.training import identity, selectors, trainee_sections
from jejaring.training.models import Attendance, Batch, Enrolment
from jejaring.training.services import enrolment_withdraw

#: Statuses from which the trainee may still withdraw (the service has the last word).
WITHDRAWABLE = frozenset(
    {
        Enrolment.Status.APPLIED,
        Enrolment.Status.SHORTLISTED,
        Enrolment.Status.WAITLISTED,
        Enrolment.Status.ACCEPTED,
    }
)


def can_withdraw(enrolment: Enrolment) -> bool:
    return enrolment.status in WITHDRAWABLE and enrolment.batch.status in (
        Batch.Status.PLANNED,
        Batch.Status.OPEN,
        Batch.Status.SELECTION,
    )


@login_required
@require_GET
def enrolment_list(request: HttpRequest) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    items = trainee_sections.enrolment_items(request.user)
    rows = [
        (enrolment, can_withdraw(enrolment), items(enrolment.pk))
        for enrolment in selectors.own_enrolment_list(actor=request.user)
    ]
    return render(
        request,
        "training/my/enrolment_list.html",
        {
            "rows": rows,
            "sections": trainee_sections.list_sections(request.user),
            "claims": identity.claims_on_own_person(actor=request.user),
        },
    )


@login_required
@require_GET
def enrolment_detail(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    enrolment = selectors.own_enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    rows = selectors.own_attendance(enrolment=enrolment)
    counts = Counter(mark.status for _session, mark in rows if mark is not None)
    attended = counts[Attendance.Status.PRESENT] + counts[Attendance.Status.LATE]
    return render(
        request,
        "training/my/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "rows": rows,
            "attended": attended,
            "session_count": len(rows),
            "can_withdraw": can_withdraw(enrolment),
            "items": trainee_sections.enrolment_items(request.user, detail=True)(enrolment.pk),
        },
    )


@login_required
@require_POST
def enrolment_withdraw_view(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    require_any_role(request.user, Role.TRAINEE)
    enrolment = selectors.own_enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    reason = request.POST.get("reason", "")[:1000]
    try:
        enrolment_withdraw(actor=request.user, enrolment=enrolment, reason=reason)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Anda telah mengundurkan diri dari %(batch)s.") % {"batch": enrolment.batch.name},
        )
    return redirect("my_training:enrolment_detail", enrolment_id=enrolment.pk)
