"""Writes to batches (paket): creating and changing one, and moving it along its
statuses (starting asks the gate; finishing applies the completion rule)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, gates, versions
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.regions.calendar import today_in
from jejaring.training import audit_actions as actions
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
    """What a new batch needs. `capacity=None` takes the program's usual capacity."""

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
            versions.bump(batch.region_id, versions.TRAINING)
            audit.record(
                actor=actor,
                action=actions.BATCH_CREATE,
                target=batch,
                changes=audit.diff(
                    {},
                    {
                        "code": batch.code,
                        "program": batch.program_id,
                        "capacity": batch.capacity,
                        "funding_source": batch.funding_source,
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
            taken = Enrolment.objects.filter(batch=locked, status__in=Enrolment.SEATED).count()
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
            audit.record(actor=actor, action=actions.BATCH_UPDATE, target=locked, changes=changes)
    except IntegrityError:
        raise conflict from None
    return locked


#: Each status change named by its action, for buttons and confirmations.
STATUS_ACTIONS: dict[str, Any] = {
    Batch.Status.OPEN: _("Buka pendaftaran"),
    Batch.Status.SELECTION: _("Mulai seleksi"),
    Batch.Status.RUNNING: _("Mulai pelatihan"),
    Batch.Status.FINISHED: _("Selesaikan pelatihan"),
    Batch.Status.CANCELLED: _("Batalkan paket"),
}


def next_batch_statuses(batch: Batch) -> list[tuple[str, str]]:
    """The statuses the batch may move to next, in order, as (value, action label such as
    "Mulai pelatihan"), without cancellation (which needs a reason and has its own form)."""
    allowed = _TRANSITIONS.get(batch.status, frozenset())
    return [
        (value, str(STATUS_ACTIONS[value]))
        for value in Batch.Status.values
        if value in allowed and value != Batch.Status.CANCELLED
    ]


def batch_starts_early(batch: Batch) -> bool:
    """Whether starting the batch today (in its region) would be before its start date."""
    return today_in(batch.region) < batch.start_date


def batch_may_move(batch: Batch, status: str) -> bool:
    """Whether `status` is a next status of the batch (the service checks again, locked)."""
    return status in _TRANSITIONS.get(batch.status, frozenset())


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
    *,
    actor: Any,
    batch: Batch,
    status: str,
    reason: str = "",
    override_reason: str = "",
    early_start_reason: str = "",
) -> Batch:
    """Move `batch` to `status` along planned → open → selection → running → finished,
    or to cancelled from any unfinished status (a reason is required). Starting (→
    running) before the start date (in the region's local date) needs an
    `early_start_reason` (ValidationError ``batch_start_early`` otherwise), stored as the
    status reason and audited. Starting asks the ``training.batch.start`` gate: its
    problems refuse the start with every problem listed in `detail["problems"]`, unless
    office staff give an `override_reason`, which is recorded with the gate and in the
    audit. Emits ``training.batch.status_changed`` in the same transaction."""
    if not policy_for(Batch).can(actor, "change", batch):
        raise PermissionDenied(_("Anda tidak berwenang mengubah paket ini."))
    reason = reason.strip()
    override_reason = override_reason.strip()
    early_start_reason = early_start_reason.strip()[:1000]
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
        if status == Batch.Status.RUNNING and batch_starts_early(locked):
            if not early_start_reason:
                raise ValidationError(
                    _(
                        "Paket dijadwalkan mulai %(day)s. Tulis alasan untuk memulai "
                        "pelatihan lebih awal."
                    )
                    % {"day": date_format(locked.start_date, "DATE_FORMAT")},
                    code="batch_start_early",
                    field="early_start_reason",
                    detail={"start_date": locked.start_date.isoformat()},
                )
            reason = early_start_reason
            changes["early_start_reason"] = ["", early_start_reason]
        if status == Batch.Status.RUNNING:
            problems = gates.check("training.batch.start", obj=locked, actor=actor)
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
                                {
                                    "code": p.code,
                                    "message": str(p.message),
                                    "link": p.link,
                                    "link_label": str(p.link_label),
                                }
                                for p in problems
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
        versions.bump(locked.region_id, versions.TRAINING)
        audit.record(actor=actor, action=actions.BATCH_STATUS, target=locked, changes=changes)
        gates.emit("training.batch.status_changed", actor=actor, obj=locked)
    batch.status, batch.status_reason = locked.status, locked.status_reason
    return locked


def batch_completion_preview(batch: Batch) -> dict[str, int]:
    """What finishing the batch now would do, without changing anything: how many
    participants it judges, and how many of them would graduate or drop out."""
    participants, _sessions = _judged_participants(batch)
    graduated = sum(1 for e in participants if e.status == Enrolment.Status.GRADUATED)
    return {
        "participants": len(participants),
        "graduated": graduated,
        "dropped_out": len(participants) - graduated,
    }


def batch_cancel_preview(batch: Batch) -> int:
    """How many people cancelling the batch concerns: everyone registered in it who has
    not withdrawn, been rejected or finished."""
    return Enrolment.objects.filter(
        batch=batch,
        status__in=[
            Enrolment.Status.APPLIED,
            Enrolment.Status.SHORTLISTED,
            Enrolment.Status.WAITLISTED,
            Enrolment.Status.ACCEPTED,
            Enrolment.Status.TRAINING,
        ],
    ).count()


def _apply_completion_rule(batch: Batch) -> dict[str, int]:
    """Graduate every participant whose attendance (present or late, over all sessions)
    reaches the program's minimum, on the batch's end date; the rest drop out with the
    figures as the reason. Returns the counts for the audit."""
    participants, _sessions = _judged_participants(batch)
    Enrolment.objects.bulk_update(
        participants, ["status", "graduated_on", "status_reason", "attendance_pct"]
    )
    graduated = sum(1 for e in participants if e.status == Enrolment.Status.GRADUATED)
    return {"graduated": graduated, "dropped_out": len(participants) - graduated}


def _judged_participants(batch: Batch) -> tuple[list[Enrolment], int]:
    """The batch's participants with the completion rule applied in memory (not saved),
    and the number of sessions."""
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
    return participants, sessions
