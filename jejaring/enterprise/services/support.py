"""Support the office gives: an entrepreneurship training package, mentoring visits, a
start-up kit or equipment grant, a KUR referral letter to a bank, help to get an NIB — per
person or per group, with dates and amounts. Atomic and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import NotFound, ValidationError
from jejaring.enterprise import audit_actions
from jejaring.enterprise.models import (
    Business,
    EnterpriseGroup,
    MentoringVisit,
    SupportCase,
)
from jejaring.enterprise.services.grants import checked_upload
from jejaring.regions.calendar import today_in
from jejaring.regions.models import Region
from jejaring.trainees.models import Person
from jejaring.training.models import Batch

#: Largest amount one support case may record (Rupiah): beyond it, a typing slip.
MAX_AMOUNT = 10_000_000_000


@dataclass
class SupportData:
    kind: str
    started_on: date
    ended_on: date | None = None
    amount: int = 0
    description: str = ""
    bank_name: str = ""
    loan_amount: int | None = None
    letter_number: str = ""
    batch_id: int | None = None
    business_id: int | None = None


def support_case_create(
    *,
    actor: Any,
    region: Region,
    data: SupportData,
    person: Person | None = None,
    group: EnterpriseGroup | None = None,
) -> SupportCase:
    if not scope_of(actor).is_office_of(region.pk):
        raise NotFound(_("Tidak ditemukan."))
    if (person is None) == (group is None):
        raise ValidationError(
            _("Dukungan diberikan kepada satu orang atau satu kelompok."), code="target"
        )
    owner_region = person.region_id if person is not None else group.region_id  # type: ignore[union-attr]
    if owner_region != region.pk:
        raise NotFound(_("Tidak ditemukan."))
    if data.kind not in SupportCase.Kind.values:
        raise ValidationError(_("Pilih jenis dukungan."), code="invalid_kind", field="kind")
    if data.started_on > today_in(region):
        raise ValidationError(
            _("Tanggal mulai tidak boleh sesudah hari ini."),
            code="date_in_future",
            field="started_on",
        )
    if data.ended_on is not None and data.ended_on < data.started_on:
        raise ValidationError(
            _("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            code="dates_reversed",
            field="ended_on",
        )
    if not 0 <= data.amount <= MAX_AMOUNT:
        raise ValidationError(_("Nilai tidak masuk akal."), code="invalid_amount", field="amount")
    if data.kind == SupportCase.Kind.KUR_REFERRAL and not data.bank_name.strip():
        raise ValidationError(
            _("Isi nama bank penyalur KUR."), code="bank_required", field="bank_name"
        )
    batch = None
    if data.batch_id is not None:
        batch = Batch.objects.filter(pk=data.batch_id, region=region).first()
        if batch is None:
            raise ValidationError(_("Paket pelatihan tidak dikenal."), code="unknown_batch")
    business = None
    if data.business_id is not None:
        business = Business.objects.filter(pk=data.business_id, region=region).first()
        if business is None:
            raise ValidationError(_("Usaha tidak dikenal."), code="unknown_business")
    with transaction.atomic():
        case = SupportCase.objects.create(
            region=region,
            kind=data.kind,
            person=person,
            group=group,
            business=business,
            batch=batch,
            started_on=data.started_on,
            ended_on=data.ended_on,
            amount=data.amount,
            description=data.description.strip(),
            bank_name=data.bank_name.strip(),
            loan_amount=data.loan_amount,
            letter_number=data.letter_number.strip(),
        )
        audit.record(actor=actor, action=audit_actions.SUPPORT_CREATE, target=case)
    return case


def mentoring_visit_add(
    *,
    actor: Any,
    case: SupportCase,
    visited_on: date,
    mentor: str,
    notes: str,
    photo: UploadedFile | None = None,
) -> MentoringVisit:
    if not scope_of(actor).is_office_of(case.region_id):
        raise NotFound(_("Tidak ditemukan."))
    if case.kind != SupportCase.Kind.MENTORING:
        raise ValidationError(
            _("Kunjungan dicatat pada dukungan pendampingan."), code="not_mentoring"
        )
    if visited_on > today_in(case.region) or visited_on < case.started_on:
        raise ValidationError(
            _("Tanggal kunjungan di antara awal pendampingan dan hari ini."),
            code="invalid_date",
            field="visited_on",
        )
    if not mentor.strip() or not notes.strip():
        raise ValidationError(
            _("Isi nama pendamping dan catatan kunjungan."), code="notes_required", field="notes"
        )
    if photo is not None:
        checked_upload(photo)
    with transaction.atomic():
        visit = MentoringVisit(
            case=case, visited_on=visited_on, mentor=mentor.strip()[:200], notes=notes.strip()
        )
        if photo is not None:
            visit.photo.save(photo.name or "foto.jpg", photo, save=False)
        visit.save()
        audit.record(
            actor=actor,
            action=audit_actions.SUPPORT_VISIT,
            target=case,
            changes={"visited_on": str(visited_on)},
        )
    return visit


def kur_letter_printed(*, actor: Any, case: SupportCase) -> None:
    """Printing a KUR referral letter is an official act: audited."""
    if (
        not scope_of(actor).is_office_of(case.region_id)
        or case.kind != SupportCase.Kind.KUR_REFERRAL
    ):
        raise NotFound(_("Tidak ditemukan."))
    with transaction.atomic():
        audit.record(actor=actor, action=audit_actions.SUPPORT_LETTER, target=case)
