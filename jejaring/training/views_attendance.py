"""Training pages for a batch's attendance and its sessions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jejaring.core.errors import ApplicationError
from jejaring.core.policies import policy_for
from jejaring.training import selectors, services
from jejaring.training.forms import AttendanceForm, SessionForm
from jejaring.training.models import Attendance, Batch
from jejaring.training.views_common import form_error, staff_page

# --- attendance ------------------------------------------------------------------------


@staff_page
@require_GET
def batch_attendance(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = selectors.batch_get_for(actor=request.user, batch_id=batch_id)
    sessions, rows = selectors.attendance_summary(batch=batch)
    return render(
        request,
        "training/batch_attendance.html",
        {
            "batch": batch,
            "session_count": sessions,
            "rows": rows,
            "statuses": Attendance.Status.choices,
            "can_change": policy_for(Batch).can(request.user, "change", batch),
            "running": batch.status == Batch.Status.RUNNING,
        },
    )


@staff_page
@require_http_methods(["GET", "POST"])
def session_attendance(request: HttpRequest, batch_session_id: int) -> HttpResponse:
    session = selectors.batch_session_get_for(actor=request.user, session_id=batch_session_id)
    batch = session.batch
    if not policy_for(Batch).can(request.user, "take_attendance", batch):
        raise Http404
    participants = selectors.session_participants(session=session)
    form = AttendanceForm(request.POST or None, participants=participants)
    status = 200
    running = batch.status == Batch.Status.RUNNING
    if request.method == "POST" and not running:
        form.add_error(None, _("Kehadiran hanya dapat diisi selama paket berjalan."))
        status = 409
    elif request.method == "POST":
        if form.is_valid():
            try:
                changed = services.attendance_record(
                    actor=request.user, session=session, statuses=form.statuses()
                )
            except ApplicationError as error:
                form_error(form, error)
            else:
                messages.success(
                    request, _("Kehadiran tersimpan (%(count)d perubahan).") % {"count": changed}
                )
                return redirect("training:session_attendance", batch_session_id=session.pk)
        status = 422
    return render(
        request,
        "training/session_attendance.html",
        {
            "session": session,
            "batch": batch,
            "form": form,
            "running": running,
            "future": services.session_in_future(session),
        },
        status=status,
    )


@staff_page
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, batch_session_id: int) -> HttpResponse:
    session = selectors.batch_session_get_for(actor=request.user, session_id=batch_session_id)
    batch = session.batch
    if not policy_for(Batch).can(request.user, "change", batch):
        raise Http404
    initial = {
        "date": session.date,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "topic": session.topic,
        "instructor": session.instructor_id,
    }
    form = SessionForm(request.POST or None, batch=batch, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.batch_session_update(
                actor=request.user,
                session=session,
                day=data["date"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                topic=data["topic"],
                instructor=data["instructor"],
            )
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Sesi tersimpan."))
            return redirect("training:batch_detail", batch_id=batch.pk)
    title = _("Ubah sesi %(day)s") % {"day": session.date.strftime("%d-%m-%Y")}
    return render(request, "training/form.html", {"form": form, "title": title})
