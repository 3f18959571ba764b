"""Writes of the employers area: company profiles and contacts, company HR accounts,
cooperation agreements, formations and internship programs. Each write is atomic,
checks who may do it, and leaves an audit event in the same transaction.

Internship agreements for single interns live in `jejaring.employers.internship_agreements`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.core import audit, versions
from jejaring.core.errors import InvalidTransition, ValidationError
from jejaring.employers.models import Company, Formation
from jejaring.employers.services import require, require_company_member
from jejaring.internships.formation_links import formation_program_set, program_id_of, program_of
from jejaring.internships.models import InternshipProgram
from jejaring.internships.rules import check_internship_period
from jejaring.placement import audit_actions
from jejaring.placement.internship_rules import internship_seats_left
from jejaring.placement.seats import seats_taken


@dataclass
class FormationData:
    kind: str
    title: str
    quota: int
    description: str = ""
    kbji_code: str = ""
    accepts_all_vocations: bool = False
    vocation_ids: list[int] = field(default_factory=list)
    location: str = ""
    period_start: date | None = None
    period_end: date | None = None
    monthly_pay: int = 0
    min_result: str = Formation.MinimumResult.NONE
    min_score: Any = None
    min_age: int | None = None
    max_age: int | None = None
    min_education: str = ""
    requirements: str = ""
    closes_on: date | None = None
    internship_program_id: int | None = None


_FORMATION_FIELDS = (
    "kind",
    "title",
    "quota",
    "description",
    "kbji_code",
    "accepts_all_vocations",
    "location",
    "period_start",
    "period_end",
    "monthly_pay",
    "min_result",
    "min_score",
    "min_age",
    "max_age",
    "min_education",
    "requirements",
    "closes_on",
)


def _check_formation(company: Company, data: FormationData) -> FormationData:
    from jejaring.training.models import Vocation

    data.title = " ".join(data.title.split())
    if data.kind not in Formation.Kind.values:
        raise ValidationError(_("Jenis formasi tidak dikenal."), code="invalid_kind", field="kind")
    if not data.title:
        raise ValidationError(_("Nama formasi wajib diisi."), code="title_required", field="title")
    if data.quota is None or data.quota < 1 or data.quota > 100_000:
        raise ValidationError(_("Kuota harus lebih dari 0."), code="invalid_quota", field="quota")
    if data.monthly_pay < 0:
        raise ValidationError(
            _("Gaji/uang saku tidak boleh negatif."), code="invalid_pay", field="monthly_pay"
        )
    if data.period_start and data.period_end and data.period_end < data.period_start:
        raise ValidationError(
            _("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            code="invalid_period",
            field="period_end",
        )
    if data.closes_on and data.period_start and data.closes_on > data.period_start:
        raise ValidationError(
            _("Batas pendaftaran harus sebelum formasi dimulai."),
            code="invalid_closing_date",
            field="closes_on",
        )
    if data.min_age is not None and data.max_age is not None and data.max_age < data.min_age:
        raise ValidationError(
            _("Usia maksimal tidak boleh di bawah usia minimal."),
            code="invalid_age_range",
            field="max_age",
        )
    for age in (data.min_age, data.max_age):
        if age is not None and not 14 <= age <= 70:
            raise ValidationError(
                _("Batas usia harus antara 14 dan 70 tahun."), code="invalid_age", field="min_age"
            )
    if data.min_result not in Formation.MinimumResult.values:
        raise ValidationError(
            _("Hasil uji minimal tidak dikenal."), code="invalid_min_result", field="min_result"
        )
    if data.min_score is not None and not 0 <= data.min_score <= 100:
        raise ValidationError(
            _("Nilai minimal 0–100."), code="invalid_min_score", field="min_score"
        )
    data.vocation_ids = sorted(set(data.vocation_ids))
    if data.accepts_all_vocations:
        data.vocation_ids = []
    elif not data.vocation_ids:
        raise ValidationError(
            _("Pilih sedikitnya satu kejuruan, atau semua kejuruan."),
            code="vocations_required",
            field="vocations",
        )
    elif Vocation.objects.filter(pk__in=data.vocation_ids).count() != len(data.vocation_ids):
        raise ValidationError(
            _("Kejuruan tidak dikenal."), code="unknown_vocation", field="vocations"
        )
    if data.kind == Formation.Kind.JOB:
        data.internship_program_id = None
        return data
    # Internship: only under an approved program of this company, within the rules.
    program = None
    if data.internship_program_id:
        program = InternshipProgram.objects.filter(
            pk=data.internship_program_id, company=company, status=InternshipProgram.Status.APPROVED
        ).first()
    if program is None:
        raise ValidationError(
            _(
                "Formasi magang hanya dapat dibuat untuk program pemagangan perusahaan "
                "yang sudah disetujui dinas."
            ),
            code="internship_program_not_approved",
            field="internship_program",
        )
    if data.period_start and data.period_end:
        check_internship_period(
            starts_on=data.period_start, ends_on=data.period_end, field="period_end"
        )
    return data


def _check_seats(company: Company, formation: Formation, *, on: date) -> None:
    """An open internship formation's quota must fit the company's interns cap; the
    formation's own quota is not counted against itself."""
    if formation.kind != Formation.Kind.INTERNSHIP:
        return
    left = internship_seats_left(
        company_id=company.pk, workforce_size=company.workforce_size, on=on
    )
    if (
        formation.pk
        and Formation.objects.filter(pk=formation.pk, status=Formation.Status.OPEN).exists()
    ):
        left += Formation.objects.get(pk=formation.pk).quota
    if formation.quota > left:
        raise ValidationError(
            _(
                "Kuota magang melebihi batas: perusahaan dengan %(workforce)d tenaga kerja "
                "masih dapat menerima %(left)d peserta magang."
            )
            % {"workforce": company.workforce_size, "left": max(left, 0)},
            code="internship_cap",
            field="quota",
        )


def _formation_snapshot(formation: Formation) -> dict[str, Any]:
    values = audit.snapshot(formation, _FORMATION_FIELDS)
    values["status"] = formation.status
    values["vocations"] = sorted(formation.vocations.values_list("pk", flat=True))
    values["internship_program_id"] = program_id_of(formation)
    return values


def formation_create(*, actor: Any, company: Company, data: FormationData) -> Formation:
    """Company HR (or office staff for them) draft a formation; publishing opens it."""
    require_company_member(actor, company)
    data = _check_formation(company, data)
    values = {key: getattr(data, key) for key in _FORMATION_FIELDS}
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=company.pk)
        formation = Formation(region_id=company.region_id, company=company, **values)
        if formation.kind == Formation.Kind.INTERNSHIP:
            _check_seats(company, formation, on=timezone.localdate())
        formation.save()
        formation.vocations.set(data.vocation_ids)
        if data.internship_program_id is not None:
            formation_program_set(formation=formation, program_id=data.internship_program_id)
        versions.bump(formation.region_id, versions.EMPLOYERS)
        audit.record(
            actor=actor,
            action=audit_actions.FORMATION_CREATE,
            target=formation,
            changes=audit.diff({}, _formation_snapshot(formation)),
        )
    return formation


def formation_update(*, actor: Any, formation: Formation, data: FormationData) -> Formation:
    """Change a draft or open formation; a closed or cancelled one stays as it was."""
    require(actor, "change", formation)
    if formation.status not in (Formation.Status.DRAFT, Formation.Status.OPEN):
        raise InvalidTransition(
            _("Formasi yang sudah ditutup tidak dapat diubah."), code="formation_not_editable"
        )
    company = formation.company
    data = _check_formation(company, data)
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=company.pk)
        locked = Formation.objects.select_for_update().get(pk=formation.pk)
        before = _formation_snapshot(locked)
        for key in _FORMATION_FIELDS:
            setattr(locked, key, getattr(data, key))
        _check_seats(company, locked, on=timezone.localdate())
        if locked.status == Formation.Status.OPEN:
            _check_quota_not_below_referrals(locked)
        locked.save()
        locked.vocations.set(data.vocation_ids)
        formation_program_set(formation=locked, program_id=data.internship_program_id)
        versions.bump(locked.region_id, versions.EMPLOYERS)
        audit.record(
            actor=actor,
            action=audit_actions.FORMATION_UPDATE,
            target=locked,
            changes=audit.diff(before, _formation_snapshot(locked)),
        )
    return locked


def _check_quota_not_below_referrals(formation: Formation) -> None:

    held = seats_taken(formation.pk)
    if formation.quota < held:
        raise ValidationError(
            _("Kuota tidak boleh kurang dari %(held)d orang yang sudah disalurkan.")
            % {"held": held},
            code="quota_below_referrals",
            field="quota",
        )


def formation_publish(*, actor: Any, formation: Formation) -> Formation:
    """Open a draft formation for applications: the closing date must not be past and an
    internship must fit the approved program and the interns cap."""
    require(actor, "change", formation)
    today = timezone.localdate()
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=formation.company_id)
        locked = Formation.objects.select_for_update().get(pk=formation.pk)
        if locked.status != Formation.Status.DRAFT:
            raise InvalidTransition(
                _("Hanya formasi berstatus konsep yang dapat dibuka."), code="not_draft"
            )
        if locked.closes_on and locked.closes_on < today:
            raise ValidationError(
                _("Batas pendaftaran sudah lewat; ubah dulu tanggalnya."),
                code="closing_date_past",
                field="closes_on",
            )
        if locked.kind == Formation.Kind.INTERNSHIP:
            program = program_of(locked)
            if program is None or program.status != InternshipProgram.Status.APPROVED:
                raise ValidationError(
                    _(
                        "Formasi magang hanya dapat dibuka untuk program pemagangan yang "
                        "sudah disetujui dinas."
                    ),
                    code="internship_program_not_approved",
                )
            _check_seats(company, locked, on=today)
        locked.status = Formation.Status.OPEN
        locked.save(update_fields=["status"])
        versions.bump(locked.region_id, versions.EMPLOYERS)
        audit.record(
            actor=actor,
            action=audit_actions.FORMATION_PUBLISH,
            target=locked,
            changes={"status": [Formation.Status.DRAFT, Formation.Status.OPEN]},
        )
    return locked


def formation_close(*, actor: Any, formation: Formation) -> Formation:
    """Close an open formation (no new applications); a draft is cancelled instead."""
    require(actor, "change", formation)
    with transaction.atomic():
        locked = Formation.objects.select_for_update().get(pk=formation.pk)
        before = locked.status
        if before == Formation.Status.OPEN:
            locked.status = Formation.Status.CLOSED
        elif before == Formation.Status.DRAFT:
            locked.status = Formation.Status.CANCELLED
        else:
            raise InvalidTransition(_("Formasi ini sudah ditutup."), code="already_closed")
        locked.save(update_fields=["status"])
        versions.bump(locked.region_id, versions.EMPLOYERS)
        audit.record(
            actor=actor,
            action=audit_actions.FORMATION_CLOSE,
            target=locked,
            changes={"status": [before, locked.status]},
        )
    return locked
