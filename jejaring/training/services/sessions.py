"""Writes to a batch's sessions: generating them on working days, changing one, and
recording attendance."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jejaring.core import audit, dates
from jejaring.core.errors import (
    Conflict,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.regions.calendar import holidays_between, today_in
from jejaring.training import audit_actions as actions
from jejaring.training.models import (
    Attendance,
    Batch,
    BatchSession,
    Enrolment,
    Instructor,
)


def batch_generate_sessions(*, actor: Any, batch: Batch) -> list[BatchSession]:
    """Create one session per working day from the batch's start to its end date,
    skipping weekends, national holidays and the region's own holidays. Days that already
    have a session are left alone, so running it again after moving the dates only adds
    the missing days."""
    if not policy_for(Batch).can(actor, "change", batch):
        raise PermissionDenied(_("Anda tidak berwenang mengubah paket ini."))
    with transaction.atomic():
        holidays = holidays_between(
            region_id=batch.region_id, start=batch.start_date, end=batch.end_date
        )
        existing = set(BatchSession.objects.filter(batch=batch).values_list("date", flat=True))
        day, new = batch.start_date, []
        while day <= batch.end_date:
            if dates.is_working_day(day, holidays) and day not in existing:
                new.append(BatchSession(batch=batch, date=day))
            day += timedelta(days=1)
        created = BatchSession.objects.bulk_create(new)
        audit.record(
            actor=actor,
            action=actions.BATCH_SESSIONS,
            target=batch,
            changes={"sessions_added": [0, len(created)]},
        )
    return created


def session_in_future(session: BatchSession) -> bool:
    """Whether the session's day has not come yet in the batch's region."""
    return session.date > today_in(session.batch.region)


def attendance_record(*, actor: Any, session: BatchSession, statuses: dict[int, str]) -> int:
    """Record attendance of one session for many participants at once (`statuses` maps
    enrolment id to an Attendance.Status), replacing earlier entries; corrections are
    audited with their before and after. All or nothing. Returns how many changed.
    A session whose day has not come yet (in the region's local date) takes no
    attendance (ValidationError ``session_in_future``)."""
    batch = session.batch
    if not policy_for(Batch).can(actor, "take_attendance", batch):
        raise PermissionDenied(_("Anda tidak berwenang mengisi kehadiran paket ini."))
    if session_in_future(session):
        raise ValidationError(
            _("Sesi ini dijadwalkan %(day)s; kehadiran baru dapat diisi pada hari itu.")
            % {"day": date_format(session.date, "DATE_FORMAT")},
            code="session_in_future",
        )
    if any(value not in Attendance.Status.values for value in statuses.values()):
        raise ValidationError(_("Status kehadiran tidak dikenal."), code="invalid_attendance")
    with transaction.atomic():
        participants = set(
            Enrolment.objects.filter(
                batch=batch, pk__in=list(statuses), status=Enrolment.Status.TRAINING
            ).values_list("pk", flat=True)
        )
        if participants != set(statuses):
            raise ValidationError(
                _("Sebagian peserta bukan peserta aktif paket ini."), code="unknown_participant"
            )
        current = {
            row.enrolment_id: row
            for row in Attendance.objects.filter(session=session, enrolment_id__in=participants)
        }
        new, changed, corrections = [], [], {}
        for enrolment_id, status in statuses.items():
            row = current.get(enrolment_id)
            if row is None:
                new.append(
                    Attendance(
                        session=session, enrolment_id=enrolment_id, status=status, recorded_by=actor
                    )
                )
            elif row.status != status:
                corrections[str(enrolment_id)] = [row.status, status]
                row.status, row.recorded_by = status, actor
                changed.append(row)
        Attendance.objects.bulk_create(new)
        Attendance.objects.bulk_update(changed, ["status", "recorded_by"])
        audit.record(
            actor=actor,
            action=actions.ATTENDANCE_RECORD,
            target=batch,
            changes={"session": [None, session.pk], "new": [0, len(new)], **corrections},
        )
    return len(new) + len(changed)


def batch_session_update(
    *,
    actor: Any,
    session: BatchSession,
    day: date,
    starts_at: Any = None,
    ends_at: Any = None,
    topic: str = "",
    instructor: Instructor | None = None,
) -> BatchSession:
    """Change a session's day, hours, topic or instructor (one of the batch's). The day
    stays within the batch's dates and one slot holds one session."""
    batch = session.batch
    if not policy_for(Batch).can(actor, "change", batch):
        raise PermissionDenied(_("Anda tidak berwenang mengubah paket ini."))
    if not batch.start_date <= day <= batch.end_date:
        raise ValidationError(
            _("Tanggal sesi harus di antara tanggal mulai dan selesai paket."),
            code="session_outside_batch",
            field="date",
        )
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError(
            _("Jam selesai harus setelah jam mulai."), code="invalid_times", field="ends_at"
        )
    if instructor is not None and not batch.instructors.filter(pk=instructor.pk).exists():
        raise ValidationError(
            _("Pilih salah satu instruktur paket ini."),
            code="instructor_not_in_batch",
            field="instructor",
        )
    taken = Conflict(
        _("Sudah ada sesi lain pada tanggal dan jam itu."), code="session_slot_taken", field="date"
    )
    fields = ("date", "starts_at", "ends_at", "topic", "instructor_id")
    try:
        with transaction.atomic():
            locked = BatchSession.objects.select_for_update().get(pk=session.pk)
            clash = BatchSession.objects.filter(batch=batch, date=day, starts_at=starts_at)
            if clash.exclude(pk=locked.pk).exists():
                raise taken
            before = {field: getattr(locked, field) for field in fields}
            locked.date, locked.starts_at, locked.ends_at = day, starts_at, ends_at
            locked.topic = " ".join(topic.split())
            locked.instructor = instructor
            locked.save()
            audit.record(
                actor=actor,
                action=actions.SESSION_UPDATE,
                target=batch,
                changes={
                    "session": [None, locked.pk],
                    **audit.diff(before, {field: getattr(locked, field) for field in fields}),
                },
            )
    except IntegrityError:
        raise taken from None
    return locked
