"""Writes to training: batches (paket) and their status. Each service is atomic, checks
the policy and leaves an audit event in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role, scope_of
from jejaring.core import audit, gates
from jejaring.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationError
from jejaring.core.policies import policy_for
from jejaring.regions.models import Holiday
from jejaring.training.models import (
    Attendance,
    Batch,
    BatchSession,
    Enrolment,
    FundingSource,
    Program,
    TrainingInstitution,
)


@dataclass(frozen=True)
class BatchData:
    """What a new batch needs. `capacity=None` takes the program's usual capacity;
    `plan_line` links the batch to the approved plan line it was created from."""

    institution: TrainingInstitution
    program: Program
    code: str
    name: str
    year: int
    funding_source: str
    start_date: date
    end_date: date
    capacity: int | None = None
    funding_note: str = ""
    registration_opens_on: date | None = None
    registration_closes_on: date | None = None
    location: str = ""
    min_age: int | None = None
    max_age: int | None = None
    min_education: str = ""
    residents_only: bool = False
    plan_line: Any = None


def _checked_batch_data(data: BatchData) -> int:
    """Validate `data`; return the capacity to use."""
    if data.program.institution_id != data.institution.pk:
        raise ValidationError(
            _("Program ini bukan milik lembaga yang dipilih."),
            code="program_institution_mismatch",
            field="program",
        )
    if not data.code.strip():
        raise ValidationError(_("Kode paket wajib diisi."), code="required", field="code")
    if not data.name.strip():
        raise ValidationError(_("Nama paket wajib diisi."), code="required", field="name")
    if data.funding_source not in FundingSource.values:
        raise ValidationError(
            _("Sumber dana tidak dikenal."), code="invalid_funding_source", field="funding_source"
        )
    if data.end_date < data.start_date:
        raise ValidationError(
            _("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            code="invalid_dates",
            field="end_date",
        )
    if (
        data.registration_opens_on
        and data.registration_closes_on
        and data.registration_closes_on < data.registration_opens_on
    ):
        raise ValidationError(
            _("Pendaftaran tidak boleh ditutup sebelum dibuka."),
            code="invalid_registration_dates",
            field="registration_closes_on",
        )
    if data.min_age is not None and data.max_age is not None and data.max_age < data.min_age:
        raise ValidationError(
            _("Usia maksimal tidak boleh di bawah usia minimal."),
            code="invalid_age_range",
            field="max_age",
        )
    capacity = data.capacity if data.capacity is not None else data.program.default_capacity
    if not capacity or capacity < 1:
        raise ValidationError(
            _("Kuota peserta minimal 1."), code="invalid_capacity", field="capacity"
        )
    return capacity


def batch_create(*, actor: Any, data: BatchData) -> Batch:
    """Create a PLANNED batch of `data.program` at `data.institution`, in the
    institution's region. Raises PermissionDenied when the actor may not create batches
    there, ValidationError for bad data and Conflict when the code is already used by the
    institution."""
    institution = data.institution
    if not policy_for(TrainingInstitution).can(actor, "view", institution) or not policy_for(
        Batch
    ).can_any(actor, "create"):
        raise PermissionDenied(_("Anda tidak berwenang membuat paket di lembaga ini."))
    capacity = _checked_batch_data(data)
    batch = Batch(
        region_id=institution.region_id,
        institution=institution,
        program=data.program,
        code=data.code.strip(),
        name=" ".join(data.name.split()),
        year=data.year,
        funding_source=data.funding_source,
        funding_note=data.funding_note.strip(),
        capacity=capacity,
        registration_opens_on=data.registration_opens_on,
        registration_closes_on=data.registration_closes_on,
        start_date=data.start_date,
        end_date=data.end_date,
        location=data.location.strip(),
        min_age=data.min_age,
        max_age=data.max_age,
        min_education=data.min_education,
        residents_only=data.residents_only,
        plan_line=data.plan_line,
        status=Batch.Status.PLANNED,
    )
    conflict = Conflict(
        _("Kode paket ini sudah dipakai di lembaga tersebut."),
        code="batch_code_taken",
        field="code",
    )
    try:
        with transaction.atomic():
            if Batch.objects.filter(institution=institution, code=batch.code).exists():
                raise conflict
            batch.save()
            audit.record(
                actor=actor,
                action="training.batch.create",
                target=batch,
                changes=audit.diff(
                    {},
                    {
                        "code": batch.code,
                        "program": batch.program_id,
                        "capacity": batch.capacity,
                        "funding_source": batch.funding_source,
                        "plan_line": batch.plan_line_id,
                    },
                ),
            )
    except IntegrityError:
        raise conflict from None
    return batch


_TRANSITIONS: dict[str, frozenset[str]] = {
    Batch.Status.PLANNED: frozenset({Batch.Status.OPEN, Batch.Status.CANCELLED}),
    Batch.Status.OPEN: frozenset({Batch.Status.SELECTION, Batch.Status.CANCELLED}),
    Batch.Status.SELECTION: frozenset({Batch.Status.RUNNING, Batch.Status.CANCELLED}),
    Batch.Status.RUNNING: frozenset({Batch.Status.FINISHED, Batch.Status.CANCELLED}),
    Batch.Status.FINISHED: frozenset(),
    Batch.Status.CANCELLED: frozenset(),
}


def batch_change_status(
    *, actor: Any, batch: Batch, status: str, reason: str = "", override_reason: str = ""
) -> Batch:
    """Move `batch` to `status` along planned → open → selection → running → finished,
    or to cancelled from any unfinished status (a reason is required). Starting (→
    running) asks the ``training.batch.start`` gate: its problems refuse the start with
    every problem listed in `detail["problems"]`, unless office staff give an
    `override_reason`, which is recorded with the gate and in the audit. Emits
    ``training.batch.status_changed`` in the same transaction."""
    if not policy_for(Batch).can(actor, "change", batch):
        raise PermissionDenied(_("Anda tidak berwenang mengubah paket ini."))
    reason = reason.strip()
    override_reason = override_reason.strip()
    if status == Batch.Status.CANCELLED and not reason:
        raise ValidationError(
            _("Alasan pembatalan wajib diisi."), code="reason_required", field="reason"
        )
    with transaction.atomic():
        locked = Batch.objects.select_for_update().get(pk=batch.pk)
        before = locked.status
        if status not in _TRANSITIONS.get(before, frozenset()):
            raise InvalidTransition(
                _("Status paket tidak dapat diubah dari %(before)s ke %(after)s.")
                % {"before": locked.get_status_display(), "after": status},
                code="invalid_batch_transition",
                detail={"from": before, "to": status},
            )
        changes: dict[str, Any] = {"status": [before, status]}
        if status == Batch.Status.RUNNING:
            problems = gates.check("training.batch.start", obj=locked)
            if problems:
                may_override = (
                    Role.OFFICE_STAFF in scope_of(actor).roles or scope_of(actor).is_superuser
                )
                overridable = all(problem.overridable for problem in problems)
                if not (override_reason and may_override and overridable):
                    raise Conflict(
                        _("Paket belum dapat dimulai: %(problems)s")
                        % {"problems": "; ".join(str(p.message) for p in problems)},
                        code="batch_start_blocked",
                        detail={
                            "problems": [
                                {"code": p.code, "message": str(p.message)} for p in problems
                            ]
                        },
                    )
                gates.record_override(
                    "training.batch.start",
                    actor=actor,
                    obj=locked,
                    reason=override_reason,
                    problems=problems,
                )
                changes["override_reason"] = ["", override_reason]
        locked.status = status
        locked.status_reason = reason
        locked.save(update_fields=["status", "status_reason"])
        if status == Batch.Status.RUNNING:
            Enrolment.objects.filter(batch=locked, status=Enrolment.Status.ACCEPTED).update(
                status=Enrolment.Status.TRAINING
            )
        elif status == Batch.Status.FINISHED:
            changes["completion"] = ["", _apply_completion_rule(locked)]
        audit.record(actor=actor, action="training.batch.status", target=locked, changes=changes)
        gates.emit("training.batch.status_changed", actor=actor, obj=locked)
    batch.status, batch.status_reason = locked.status, locked.status_reason
    return locked


def _apply_completion_rule(batch: Batch) -> dict[str, int]:
    """Graduate every participant whose attendance (present or late, over all sessions)
    reaches the program's minimum, on the batch's end date; the rest drop out with the
    figures as the reason. Returns the counts for the audit."""
    sessions = BatchSession.objects.filter(batch=batch).count()
    minimum = Decimal(batch.program.min_attendance_pct)
    attended = Count(
        "attendance",
        filter=Q(attendance__status__in=[Attendance.Status.PRESENT, Attendance.Status.LATE]),
    )
    participants = list(
        Enrolment.objects.filter(batch=batch, status=Enrolment.Status.TRAINING).annotate(
            attended=attended
        )
    )
    for enrolment in participants:
        pct = (
            (Decimal(enrolment.attended) * 100 / sessions).quantize(Decimal("0.01"))
            if sessions
            else Decimal(0)
        )
        enrolment.attendance_pct = pct
        if sessions and pct >= minimum:
            enrolment.status = Enrolment.Status.GRADUATED
            enrolment.graduated_on = batch.end_date
            enrolment.status_reason = ""
        else:
            enrolment.status = Enrolment.Status.DROPPED_OUT
            enrolment.status_reason = _g(
                "Kehadiran {pct}% ({attended} dari {sessions} sesi), di bawah minimal {minimum}%."
            ).format(pct=pct, attended=enrolment.attended, sessions=sessions, minimum=minimum)
    Enrolment.objects.bulk_update(
        participants, ["status", "graduated_on", "status_reason", "attendance_pct"]
    )
    graduated = sum(1 for e in participants if e.status == Enrolment.Status.GRADUATED)
    return {"graduated": graduated, "dropped_out": len(participants) - graduated}


_DECISIONS: dict[str, frozenset[str]] = {
    Enrolment.Status.SHORTLISTED: frozenset(
        {Enrolment.Status.APPLIED, Enrolment.Status.WAITLISTED}
    ),
    Enrolment.Status.ACCEPTED: frozenset(
        {Enrolment.Status.APPLIED, Enrolment.Status.SHORTLISTED, Enrolment.Status.WAITLISTED}
    ),
    Enrolment.Status.WAITLISTED: frozenset(
        {Enrolment.Status.APPLIED, Enrolment.Status.SHORTLISTED}
    ),
    Enrolment.Status.REJECTED: frozenset(
        {Enrolment.Status.APPLIED, Enrolment.Status.SHORTLISTED, Enrolment.Status.WAITLISTED}
    ),
}
_DECIDABLE_BATCH = frozenset({Batch.Status.OPEN, Batch.Status.SELECTION})


def enrolment_decide(
    *, actor: Any, batch: Batch, enrolment_ids: list[int], decision: str, reason: str = ""
) -> list[Enrolment]:
    """Shortlist, accept, waitlist or reject (reason required) the given enrolments of
    `batch`, all or nothing. The batch row is locked first, then the enrolments in id
    order, so accepting never exceeds the batch capacity even when two operators decide
    at once. Each person is emailed the decision after commit; each acceptance emits
    ``training.enrolment.accepted``."""
    if not policy_for(Batch).can(actor, "select", batch):
        raise PermissionDenied(_("Anda tidak berwenang menyeleksi peserta paket ini."))
    if decision not in _DECISIONS:
        raise ValidationError(_("Keputusan tidak dikenal."), code="invalid_decision")
    reason = reason.strip()
    if decision == Enrolment.Status.REJECTED and not reason:
        raise ValidationError(
            _("Alasan penolakan wajib diisi."), code="reason_required", field="reason"
        )
    ids = sorted(set(enrolment_ids))
    if not ids:
        raise ValidationError(_("Pilih minimal satu pendaftar."), code="empty_selection")
    with transaction.atomic():
        locked_batch = Batch.objects.select_for_update().get(pk=batch.pk)
        if locked_batch.status not in _DECIDABLE_BATCH:
            raise InvalidTransition(
                _("Seleksi hanya dapat dilakukan saat pendaftaran dibuka atau seleksi."),
                code="batch_not_selecting",
            )
        enrolments = list(
            Enrolment.objects.select_for_update()
            .filter(batch=locked_batch, pk__in=ids)
            .select_related("person")
            .order_by("pk")
        )
        if len(enrolments) != len(ids):
            raise ValidationError(
                _("Sebagian pendaftar tidak ditemukan di paket ini."), code="unknown_enrolment"
            )
        allowed = _DECISIONS[decision]
        wrong = [e for e in enrolments if e.status not in allowed]
        if wrong:
            raise InvalidTransition(
                _("%(count)d pendaftar tidak dapat diberi keputusan ini dari statusnya sekarang.")
                % {"count": len(wrong)},
                code="invalid_enrolment_transition",
                detail={"enrolment_ids": [e.pk for e in wrong]},
            )
        if decision == Enrolment.Status.ACCEPTED:
            taken = Enrolment.objects.filter(
                batch=locked_batch,
                status__in=[Enrolment.Status.ACCEPTED, Enrolment.Status.TRAINING],
            ).count()
            if taken + len(enrolments) > locked_batch.capacity:
                raise Conflict(
                    _("Kuota paket tidak cukup: tersisa %(left)d tempat.")
                    % {"left": max(locked_batch.capacity - taken, 0)},
                    code="batch_full",
                    detail={"capacity": locked_batch.capacity, "taken": taken},
                )
        now = timezone.now()
        for enrolment in enrolments:
            enrolment.status = decision
            enrolment.status_reason = reason
            enrolment.decided_at = now
        Enrolment.objects.bulk_update(enrolments, ["status", "status_reason", "decided_at"])
        audit.record(
            actor=actor,
            action="training.enrolment.decide",
            target=locked_batch,
            changes={"decision": ["", decision], "enrolments": [[], ids]},
        )
        for enrolment in enrolments:
            if decision == Enrolment.Status.ACCEPTED:
                gates.emit("training.enrolment.accepted", actor=actor, obj=enrolment)
        _notify_decision(locked_batch, enrolments, decision, reason)
    return enrolments


def _notify_decision(batch: Batch, enrolments: list[Enrolment], decision: str, reason: str) -> None:
    label = str(Enrolment.Status(decision).label)
    messages = []
    for enrolment in enrolments:
        if not enrolment.person.email:
            continue
        body = _g(
            "Halo {name},\n\nStatus pendaftaran Anda di {batch} sekarang: {status}.\n{reason}"
        ).format(
            name=enrolment.person.full_name,
            batch=batch.name,
            status=label,
            reason=reason,
        )
        messages.append(
            (
                _g("Pendaftaran pelatihan: {status}").format(status=label),
                body,
                settings.DEFAULT_FROM_EMAIL,
                [enrolment.person.email],
            )
        )
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages))


def batch_generate_sessions(*, actor: Any, batch: Batch) -> list[BatchSession]:
    """Create one session per working day from the batch's start to its end date,
    skipping weekends, national holidays and the region's own holidays. Days that already
    have a session are left alone, so running it again after moving the dates only adds
    the missing days."""
    if not policy_for(Batch).can(actor, "change", batch):
        raise PermissionDenied(_("Anda tidak berwenang mengubah paket ini."))
    with transaction.atomic():
        holidays = set(
            Holiday.objects.filter(
                Q(region__isnull=True) | Q(region_id=batch.region_id),
                date__range=(batch.start_date, batch.end_date),
            ).values_list("date", flat=True)
        )
        existing = set(BatchSession.objects.filter(batch=batch).values_list("date", flat=True))
        day, new = batch.start_date, []
        while day <= batch.end_date:
            if day.weekday() < 5 and day not in holidays and day not in existing:
                new.append(BatchSession(batch=batch, date=day))
            day += timedelta(days=1)
        created = BatchSession.objects.bulk_create(new)
        audit.record(
            actor=actor,
            action="training.batch.sessions",
            target=batch,
            changes={"sessions_added": [0, len(created)]},
        )
    return created


def attendance_record(*, actor: Any, session: BatchSession, statuses: dict[int, str]) -> int:
    """Record attendance of one session for many participants at once (`statuses` maps
    enrolment id to an Attendance.Status), replacing earlier entries; corrections are
    audited with their before and after. All or nothing. Returns how many changed."""
    batch = session.batch
    if not policy_for(Batch).can(actor, "take_attendance", batch):
        raise PermissionDenied(_("Anda tidak berwenang mengisi kehadiran paket ini."))
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
            action="training.attendance.record",
            target=batch,
            changes={"session": [None, session.pk], "new": [0, len(new)], **corrections},
        )
    return len(new) + len(changed)


_BEFORE_START = frozenset(
    {
        Enrolment.Status.APPLIED,
        Enrolment.Status.SHORTLISTED,
        Enrolment.Status.WAITLISTED,
        Enrolment.Status.ACCEPTED,
    }
)


def enrolment_withdraw(*, actor: Any, enrolment: Enrolment, reason: str = "") -> Enrolment:
    """A trainee withdraws their own enrolment before the batch runs."""
    if not policy_for(Enrolment).can(actor, "withdraw", enrolment):
        raise PermissionDenied(_("Anda tidak berwenang mengundurkan diri dari pendaftaran ini."))
    return _enrolment_end(
        actor=actor,
        enrolment=enrolment,
        status=Enrolment.Status.WITHDRAWN,
        allowed=_BEFORE_START,
        reason=reason.strip(),
    )


def enrolment_drop_out(*, actor: Any, enrolment: Enrolment, reason: str) -> Enrolment:
    """An operator records that a participant left a running batch (reason required)."""
    if not policy_for(Enrolment).can(actor, "change", enrolment):
        raise PermissionDenied(_("Anda tidak berwenang mengubah pendaftaran ini."))
    if not reason.strip():
        raise ValidationError(_("Alasan wajib diisi."), code="reason_required", field="reason")
    return _enrolment_end(
        actor=actor,
        enrolment=enrolment,
        status=Enrolment.Status.DROPPED_OUT,
        allowed=frozenset({Enrolment.Status.TRAINING}),
        reason=reason.strip(),
    )


def _enrolment_end(
    *, actor: Any, enrolment: Enrolment, status: str, allowed: frozenset[str], reason: str
) -> Enrolment:
    with transaction.atomic():
        Batch.objects.select_for_update().get(pk=enrolment.batch_id)
        locked = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if locked.status not in allowed:
            raise InvalidTransition(
                _("Pendaftaran dengan status %(status)s tidak dapat diubah seperti ini.")
                % {"status": locked.get_status_display()},
                code="invalid_enrolment_transition",
            )
        before = locked.status
        locked.status, locked.status_reason = status, reason
        locked.save(update_fields=["status", "status_reason"])
        audit.record(
            actor=actor,
            action=f"training.enrolment.{status}",
            target=locked,
            changes={"status": [before, status]},
        )
    return locked


_ACTIVE = frozenset(
    {
        Enrolment.Status.APPLIED,
        Enrolment.Status.SHORTLISTED,
        Enrolment.Status.WAITLISTED,
        Enrolment.Status.ACCEPTED,
        Enrolment.Status.TRAINING,
    }
)


def enrolment_check_duplicates(*, batch: Batch, person_id: int) -> None:
    """Refuse a second enrolment of the person in `batch`, or an active enrolment in a
    batch whose dates overlap it. The messages say nothing about the person's record."""
    if Enrolment.objects.filter(batch=batch, person_id=person_id).exists():
        raise Conflict(
            _("NIK ini sudah mendaftar di paket ini."), code="already_enrolled", field="nik"
        )
    overlapping = Enrolment.objects.filter(
        person_id=person_id,
        status__in=_ACTIVE,
        batch__start_date__lte=batch.end_date,
        batch__end_date__gte=batch.start_date,
    ).exclude(batch__status=Batch.Status.CANCELLED)
    if overlapping.exists():
        raise Conflict(
            _("Pendaftar masih terdaftar di paket lain yang waktunya bertumpang tindih."),
            code="overlapping_enrolment",
            field="nik",
        )
