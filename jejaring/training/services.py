"""Writes to training: institutions, programs, instructors, batches (paket) and their
status, selection and attendance. Each service is atomic, checks the policy and leaves an
audit event in the same transaction."""

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

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, gates
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.regions.models import Holiday
from jejaring.training.identity import check_accept_identity, enrolment_contact_email
from jejaring.training.models import (
    Attendance,
    Batch,
    BatchSession,
    Enrolment,
    EnrolmentDocument,
    FundingSource,
    Instructor,
    InstructorCredential,
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
    instructors: tuple[Any, ...] = ()


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
    for instructor in data.instructors:
        if instructor.region_id != data.institution.region_id or (
            instructor.institution_id not in (None, data.institution.pk)
        ):
            raise ValidationError(
                _("Instruktur %(name)s tidak dapat ditugaskan di lembaga ini.")
                % {"name": instructor.full_name},
                code="instructor_elsewhere",
                field="instructors",
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
            if data.instructors:
                batch.instructors.set(data.instructors)
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


_EDITABLE = frozenset({Batch.Status.PLANNED, Batch.Status.OPEN, Batch.Status.SELECTION})
_BATCH_FIELDS = (
    "program_id",
    "code",
    "name",
    "year",
    "funding_source",
    "funding_note",
    "capacity",
    "registration_opens_on",
    "registration_closes_on",
    "start_date",
    "end_date",
    "location",
    "min_age",
    "max_age",
    "min_education",
    "residents_only",
)


def batch_update(*, actor: Any, batch: Batch, data: BatchData) -> Batch:
    """Change a batch that has not started yet (planned, open or in selection). The
    institution stays; the quota may not fall below the people already accepted.
    Audited with before and after of every changed field."""
    if not policy_for(Batch).can(actor, "change", batch):
        raise PermissionDenied(_("Anda tidak berwenang mengubah paket ini."))
    if data.institution.pk != batch.institution_id:
        raise ValidationError(
            _("Lembaga paket tidak dapat diganti."), code="institution_fixed", field="program"
        )
    capacity = _checked_batch_data(data)
    conflict = Conflict(
        _("Kode paket ini sudah dipakai di lembaga tersebut."),
        code="batch_code_taken",
        field="code",
    )
    try:
        with transaction.atomic():
            locked = Batch.objects.select_for_update().get(pk=batch.pk)
            if locked.status not in _EDITABLE:
                raise InvalidTransition(
                    _("Paket yang sudah berjalan, selesai atau batal tidak dapat diubah."),
                    code="batch_not_editable",
                )
            taken = Enrolment.objects.filter(
                batch=locked, status__in=[Enrolment.Status.ACCEPTED, Enrolment.Status.TRAINING]
            ).count()
            if capacity < taken:
                raise ValidationError(
                    _("Kuota tidak boleh di bawah %(taken)d peserta yang sudah diterima.")
                    % {"taken": taken},
                    code="capacity_below_accepted",
                    field="capacity",
                )
            code = data.code.strip()
            if (
                Batch.objects.filter(institution_id=locked.institution_id, code=code)
                .exclude(pk=locked.pk)
                .exists()
            ):
                raise conflict
            before = {name: getattr(locked, name) for name in _BATCH_FIELDS}
            before_instructors = sorted(locked.instructors.values_list("pk", flat=True))
            locked.program = data.program
            locked.code = code
            locked.name = " ".join(data.name.split())
            locked.year = data.year
            locked.funding_source = data.funding_source
            locked.funding_note = data.funding_note.strip()
            locked.capacity = capacity
            locked.registration_opens_on = data.registration_opens_on
            locked.registration_closes_on = data.registration_closes_on
            locked.start_date = data.start_date
            locked.end_date = data.end_date
            locked.location = data.location.strip()
            locked.min_age = data.min_age
            locked.max_age = data.max_age
            locked.min_education = data.min_education
            locked.residents_only = data.residents_only
            locked.save()
            locked.instructors.set(data.instructors)
            after = {name: getattr(locked, name) for name in _BATCH_FIELDS}
            changes = audit.diff(
                {k: str(v) if v is not None else None for k, v in before.items()},
                {k: str(v) if v is not None else None for k, v in after.items()},
            )
            after_instructors = sorted(i.pk for i in data.instructors)
            if before_instructors != after_instructors:
                changes["instructors"] = [before_instructors, after_instructors]
            audit.record(
                actor=actor, action="training.batch.update", target=locked, changes=changes
            )
    except IntegrityError:
        raise conflict from None
    return locked


def next_batch_statuses(batch: Batch) -> list[tuple[str, str]]:
    """The statuses the batch may move to next, in order, as (value, label), without
    cancellation (which needs a reason and has its own form)."""
    allowed = _TRANSITIONS.get(batch.status, frozenset())
    return [
        (value, str(label))
        for value, label in Batch.Status.choices
        if value in allowed and value != Batch.Status.CANCELLED
    ]


def batch_may_cancel(batch: Batch) -> bool:
    return Batch.Status.CANCELLED in _TRANSITIONS.get(batch.status, frozenset())


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
                # Only the batch's own office may override a gate, not an office role
                # the actor holds in another region.
                may_override = scope_of(actor).is_office_of(locked.region_id)
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
            .select_related("person", "batch")
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
            check_accept_identity(enrolments)
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
        recipient = enrolment_contact_email(enrolment)
        if not recipient:
            continue
        body = _g(
            "Halo {name},\n\nStatus pendaftaran Anda di {batch} sekarang: {status}.\n{reason}"
        ).format(
            name=enrolment.display_name,
            batch=batch.name,
            status=label,
            reason=reason,
        )
        messages.append(
            (
                _g("Pendaftaran pelatihan: {status}").format(status=label),
                body,
                settings.DEFAULT_FROM_EMAIL,
                [recipient],
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


# --- institutions, programs, instructors ----------------------------------------------


@dataclass(frozen=True)
class InstitutionData:
    kind: str
    name: str
    short_name: str = ""
    registration_number: str = ""
    head_name: str = ""
    address: str = ""
    village_code: str = ""
    phone: str = ""
    email: str = ""
    is_active: bool = True


_INSTITUTION_FIELDS = tuple(InstitutionData.__dataclass_fields__)


def _checked_institution_data(data: InstitutionData) -> dict[str, Any]:
    if data.kind not in TrainingInstitution.Kind.values:
        raise ValidationError(_("Jenis lembaga tidak dikenal."), code="invalid_kind", field="kind")
    name = " ".join(data.name.split())
    if not name:
        raise ValidationError(_("Nama lembaga wajib diisi."), code="required", field="name")
    values = {field: getattr(data, field) for field in _INSTITUTION_FIELDS}
    for field, value in values.items():
        if isinstance(value, str):
            values[field] = value.strip()
    values["name"] = name
    return values


def _institution_conflict() -> Conflict:
    return Conflict(
        _("Nama lembaga ini sudah terdaftar di wilayah Anda."),
        code="institution_name_taken",
        field="name",
    )


def institution_create(*, actor: Any, region: Any, data: InstitutionData) -> TrainingInstitution:
    """Register a training institution in `region` (office staff of that region only).
    Conflict when the region already has an institution of that name."""
    scope = scope_of(actor)
    if region is None or not (scope.is_superuser or region.pk in scope.office_region_ids):
        raise PermissionDenied(_("Hanya staf dinas yang dapat mendaftarkan lembaga."))
    values = _checked_institution_data(data)
    try:
        with transaction.atomic():
            if TrainingInstitution.objects.filter(region=region, name=values["name"]).exists():
                raise _institution_conflict()
            institution = TrainingInstitution.objects.create(region=region, **values)
            audit.record(
                actor=actor,
                action="training.institution.create",
                target=institution,
                changes=audit.diff({}, {"name": institution.name, "kind": institution.kind}),
            )
    except IntegrityError:
        raise _institution_conflict() from None
    return institution


def institution_update(
    *, actor: Any, institution: TrainingInstitution, data: InstitutionData
) -> TrainingInstitution:
    """Change an institution's details (office staff of its region, or its operator)."""
    if not policy_for(TrainingInstitution).can(actor, "change", institution):
        raise PermissionDenied(_("Anda tidak berwenang mengubah lembaga ini."))
    values = _checked_institution_data(data)
    try:
        with transaction.atomic():
            locked = TrainingInstitution.objects.select_for_update().get(pk=institution.pk)
            if (
                TrainingInstitution.objects.filter(region_id=locked.region_id, name=values["name"])
                .exclude(pk=locked.pk)
                .exists()
            ):
                raise _institution_conflict()
            before = {field: getattr(locked, field) for field in _INSTITUTION_FIELDS}
            for field, value in values.items():
                setattr(locked, field, value)
            locked.save()
            audit.record(
                actor=actor,
                action="training.institution.update",
                target=locked,
                changes=audit.diff(before, values),
            )
            gates.emit("training.institution.updated", actor=actor, obj=locked)
    except IntegrityError:
        raise _institution_conflict() from None
    return locked


@dataclass(frozen=True)
class ProgramData:
    institution: TrainingInstitution
    vocation: Any
    code: str
    name: str
    hours_jp: int
    duration_days: int
    default_capacity: int
    min_attendance_pct: int = 80
    description: str = ""
    scheme: Any = None
    units: tuple[Any, ...] = ()
    is_entrepreneurship: bool = False
    status: str = Program.Status.ACTIVE


_PROGRAM_FIELDS = (
    "institution_id",
    "vocation_id",
    "code",
    "name",
    "hours_jp",
    "duration_days",
    "default_capacity",
    "min_attendance_pct",
    "description",
    "scheme_id",
    "is_entrepreneurship",
    "status",
)


def _checked_program_data(data: ProgramData) -> dict[str, Any]:
    code = data.code.strip()
    name = " ".join(data.name.split())
    if not code:
        raise ValidationError(_("Kode program wajib diisi."), code="required", field="code")
    if not name:
        raise ValidationError(_("Nama program wajib diisi."), code="required", field="name")
    for field, value, low, high in (
        ("hours_jp", data.hours_jp, 1, 5000),
        ("duration_days", data.duration_days, 1, 1000),
        ("default_capacity", data.default_capacity, 1, 1000),
        ("min_attendance_pct", data.min_attendance_pct, 0, 100),
    ):
        if value is None or not low <= value <= high:
            raise ValidationError(
                _("Nilai harus antara %(low)d dan %(high)d.") % {"low": low, "high": high},
                code="out_of_range",
                field=field,
            )
    if data.status not in Program.Status.values:
        raise ValidationError(_("Status tidak dikenal."), code="invalid_status", field="status")
    return {
        "institution": data.institution,
        "vocation": data.vocation,
        "code": code,
        "name": name,
        "hours_jp": data.hours_jp,
        "duration_days": data.duration_days,
        "default_capacity": data.default_capacity,
        "min_attendance_pct": data.min_attendance_pct,
        "description": data.description.strip(),
        "scheme": data.scheme,
        "is_entrepreneurship": data.is_entrepreneurship,
        "status": data.status,
    }


def _program_conflict() -> Conflict:
    return Conflict(
        _("Kode program ini sudah dipakai di lembaga tersebut."),
        code="program_code_taken",
        field="code",
    )


def program_create(*, actor: Any, data: ProgramData) -> Program:
    """Add a program to an institution the actor works with: its completion rule (the
    minimum attendance) and the competency units it prepares for."""
    if not policy_for(TrainingInstitution).can(actor, "view", data.institution) or not (
        policy_for(Program).can_any(actor, "create")
    ):
        raise PermissionDenied(_("Anda tidak berwenang menambah program di lembaga ini."))
    values = _checked_program_data(data)
    try:
        with transaction.atomic():
            if Program.objects.filter(institution=data.institution, code=values["code"]).exists():
                raise _program_conflict()
            program = Program.objects.create(region_id=data.institution.region_id, **values)
            program.units.set(data.units)
            audit.record(
                actor=actor,
                action="training.program.create",
                target=program,
                changes=audit.diff(
                    {},
                    {
                        "code": program.code,
                        "hours_jp": program.hours_jp,
                        "min_attendance_pct": program.min_attendance_pct,
                        "units": sorted(u.pk for u in data.units),
                    },
                ),
            )
    except IntegrityError:
        raise _program_conflict() from None
    return program


def program_update(*, actor: Any, program: Program, data: ProgramData) -> Program:
    """Change a program; its institution stays. Batches already finished keep the
    attendance figures they were judged on."""
    if not policy_for(Program).can(actor, "change", program):
        raise PermissionDenied(_("Anda tidak berwenang mengubah program ini."))
    if data.institution.pk != program.institution_id:
        raise ValidationError(
            _("Lembaga program tidak dapat diganti."),
            code="institution_fixed",
            field="institution",
        )
    values = _checked_program_data(data)
    try:
        with transaction.atomic():
            locked = Program.objects.select_for_update().get(pk=program.pk)
            if (
                Program.objects.filter(institution_id=locked.institution_id, code=values["code"])
                .exclude(pk=locked.pk)
                .exists()
            ):
                raise _program_conflict()
            before = {field: getattr(locked, field) for field in _PROGRAM_FIELDS}
            before_units = sorted(locked.units.values_list("pk", flat=True))
            for field, value in values.items():
                setattr(locked, field, value)
            locked.save()
            locked.units.set(data.units)
            after = {field: getattr(locked, field) for field in _PROGRAM_FIELDS}
            changes = audit.diff(before, after)
            after_units = sorted(u.pk for u in data.units)
            if before_units != after_units:
                changes["units"] = [before_units, after_units]
            audit.record(
                actor=actor, action="training.program.update", target=locked, changes=changes
            )
            gates.emit("training.program.updated", actor=actor, obj=locked)
    except IntegrityError:
        raise _program_conflict() from None
    return locked


@dataclass(frozen=True)
class InstructorData:
    full_name: str
    institution: TrainingInstitution | None = None
    phone: str = ""
    email: str = ""
    vocations: tuple[Any, ...] = ()
    status: str = Instructor.Status.ACTIVE
    notes: str = ""


def _checked_instructor_data(actor: Any, data: InstructorData) -> dict[str, Any]:
    name = " ".join(data.full_name.split())
    if not name:
        raise ValidationError(_("Nama instruktur wajib diisi."), code="required", field="full_name")
    if data.status not in Instructor.Status.values:
        raise ValidationError(_("Status tidak dikenal."), code="invalid_status", field="status")
    scope = scope_of(actor)
    if data.institution is None:
        # An office's own instructors (no institution) belong to a region where the actor
        # is office staff; `instructor_create` checks that region.
        if not (scope.is_superuser or scope.office_region_ids):
            raise ValidationError(
                _("Pilih lembaga instruktur."), code="required", field="institution"
            )
    elif not policy_for(TrainingInstitution).can(actor, "view", data.institution):
        raise PermissionDenied(_("Anda tidak berwenang menambah instruktur di lembaga ini."))
    return {
        "full_name": name,
        "institution": data.institution,
        "phone": data.phone.strip(),
        "email": data.email.strip(),
        "status": data.status,
        "notes": data.notes.strip(),
    }


def instructor_create(*, actor: Any, region: Any, data: InstructorData) -> Instructor:
    """Register an instructor, of an institution (its region) or engaged per batch by the
    office (`region`, office staff only)."""
    if not policy_for(Instructor).can_any(actor, "create"):
        raise PermissionDenied(_("Anda tidak berwenang menambah instruktur."))
    values = _checked_instructor_data(actor, data)
    if data.institution is not None:
        region_id = data.institution.region_id
    else:
        scope = scope_of(actor)
        if region is None or not (scope.is_superuser or region.pk in scope.office_region_ids):
            raise PermissionDenied(_("Anda tidak berwenang menambah instruktur."))
        region_id = region.pk
    with transaction.atomic():
        instructor = Instructor.objects.create(region_id=region_id, **values)
        instructor.vocations.set(data.vocations)
        audit.record(
            actor=actor,
            action="training.instructor.create",
            target=instructor,
            changes=audit.diff({}, {"full_name": instructor.full_name}),
        )
    return instructor


def instructor_update(*, actor: Any, instructor: Instructor, data: InstructorData) -> Instructor:
    """Change an instructor's details; an institution's instructor stays in its region."""
    if not policy_for(Instructor).can(actor, "change", instructor):
        raise PermissionDenied(_("Anda tidak berwenang mengubah instruktur ini."))
    values = _checked_instructor_data(actor, data)
    if data.institution is not None and data.institution.region_id != instructor.region_id:
        raise ValidationError(
            _("Lembaga harus di wilayah yang sama."), code="other_region", field="institution"
        )
    fields = ("full_name", "institution_id", "phone", "email", "status", "notes")
    with transaction.atomic():
        locked = Instructor.objects.select_for_update().get(pk=instructor.pk)
        before = {field: getattr(locked, field) for field in fields}
        for field, value in values.items():
            setattr(locked, field, value)
        locked.save()
        locked.vocations.set(data.vocations)
        audit.record(
            actor=actor,
            action="training.instructor.update",
            target=locked,
            changes=audit.diff(before, {field: getattr(locked, field) for field in fields}),
        )
    return locked


def credential_add(
    *,
    actor: Any,
    instructor: Instructor,
    title: str,
    issuer: str = "",
    number: str = "",
    issued_on: date | None = None,
    valid_until: date | None = None,
    unit: Any = None,
) -> InstructorCredential:
    """Record a competency or certificate the instructor holds."""
    if not policy_for(Instructor).can(actor, "change", instructor):
        raise PermissionDenied(_("Anda tidak berwenang mengubah instruktur ini."))
    title = " ".join(title.split())
    if not title:
        raise ValidationError(
            _("Nama kompetensi/sertifikat wajib diisi."), code="required", field="title"
        )
    if issued_on and valid_until and valid_until < issued_on:
        raise ValidationError(
            _("Masa berlaku tidak boleh berakhir sebelum tanggal terbit."),
            code="invalid_dates",
            field="valid_until",
        )
    with transaction.atomic():
        credential = InstructorCredential.objects.create(
            instructor=instructor,
            title=title,
            issuer=issuer.strip(),
            number=number.strip(),
            issued_on=issued_on,
            valid_until=valid_until,
            unit=unit,
        )
        audit.record(
            actor=actor,
            action="training.instructor.credential_add",
            target=instructor,
            changes={"credential": ["", title]},
        )
    return credential


def credential_remove(*, actor: Any, credential: InstructorCredential) -> None:
    """Remove a credential recorded by mistake; the audit keeps what it said."""
    instructor = credential.instructor
    if not policy_for(Instructor).can(actor, "change", instructor):
        raise PermissionDenied(_("Anda tidak berwenang mengubah instruktur ini."))
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="training.instructor.credential_remove",
            target=instructor,
            changes={"credential": [credential.title, ""], "number": [credential.number, ""]},
        )
        credential.delete()


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
                action="training.session.update",
                target=batch,
                changes={
                    "session": [None, locked.pk],
                    **audit.diff(before, {field: getattr(locked, field) for field in fields}),
                },
            )
    except IntegrityError:
        raise taken from None
    return locked


def enrolment_document_open(*, actor: Any, document: EnrolmentDocument) -> Any:
    """Open an applicant's uploaded document (KTP, diploma…) for staff who may select
    the batch; each opening is audited, as it shows personal data."""
    enrolment = document.enrolment
    if not policy_for(Batch).can(actor, "select", enrolment.batch):
        raise PermissionDenied(_("Anda tidak berwenang melihat dokumen ini."))
    if not document.file:
        raise NotFound(_("Dokumen tidak ditemukan."), code="document_not_found")
    try:
        handle = document.file.open("rb")
    except OSError:
        raise NotFound(_("Dokumen tidak ditemukan."), code="document_missing") from None
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="training.enrolment.document_view",
            target=enrolment,
            changes={"document": [None, document.pk], "kind": [None, document.kind]},
        )
    return handle
