"""Writes to instructors and the credentials they hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import (
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.training import audit_actions as actions
from jejaring.training.models import (
    Instructor,
    InstructorCredential,
    TrainingInstitution,
)


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
    if data.institution is None:
        # An office's own instructors (no institution) belong to a region where the actor
        # is office staff; `instructor_create` checks that region.
        if not scope_of(actor).is_office:
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
        if region is None or not scope_of(actor).is_office_of(region.pk):
            raise PermissionDenied(_("Anda tidak berwenang menambah instruktur."))
        region_id = region.pk
    with transaction.atomic():
        instructor = Instructor.objects.create(region_id=region_id, **values)
        instructor.vocations.set(data.vocations)
        audit.record(
            actor=actor,
            action=actions.INSTRUCTOR_CREATE,
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
            action=actions.INSTRUCTOR_UPDATE,
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
            action=actions.INSTRUCTOR_CREDENTIAL_ADD,
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
            action=actions.INSTRUCTOR_CREDENTIAL_REMOVE,
            target=instructor,
            changes={"credential": [credential.title, ""], "number": [credential.number, ""]},
        )
        credential.delete()
