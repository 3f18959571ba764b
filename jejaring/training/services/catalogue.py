"""Writes to the catalogue: training institutions and their programs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, gates
from jejaring.core.errors import (
    Conflict,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.training import audit_actions as actions
from jejaring.training.models import (
    Program,
    TrainingInstitution,
)


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
    if region is None or not scope_of(actor).is_office_of(region.pk):
        raise PermissionDenied(_("Hanya staf dinas yang dapat mendaftarkan lembaga."))
    values = _checked_institution_data(data)
    try:
        with transaction.atomic():
            if TrainingInstitution.objects.filter(region=region, name=values["name"]).exists():
                raise _institution_conflict()
            institution = TrainingInstitution.objects.create(region=region, **values)
            audit.record(
                actor=actor,
                action=actions.INSTITUTION_CREATE,
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
                action=actions.INSTITUTION_UPDATE,
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
                action=actions.PROGRAM_CREATE,
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
            audit.record(actor=actor, action=actions.PROGRAM_UPDATE, target=locked, changes=changes)
            gates.emit("training.program.updated", actor=actor, obj=locked)
    except IntegrityError:
        raise _program_conflict() from None
    return locked
