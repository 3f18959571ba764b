"""Industry needs: intake, vocation mapping (with the curated synonyms) and the
coordination meetings where many are raised.

Associations and network partners have no accounts: office staff enter their needs on
their behalf, naming the partner (usually from a coordination meeting). Company HR
submit through their own account and only for their own company.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import NotFound, PermissionDenied, ValidationError
from jejaring.core.policies import policy_for
from jejaring.employers.models import Company, NetworkPartner
from jejaring.planning import audit_actions
from jejaring.planning.matching import normalise
from jejaring.planning.models import CoordinationMeeting, IndustryNeed, VocationSynonym
from jejaring.regions.models import Region
from jejaring.training.models import Vocation

SYNONYMS_FILE = Path(__file__).parent.parent / "data" / "synonyms.csv"


def synonyms_load_curated() -> int:
    """Load the curated phrase list shipped with the app; idempotent, rows whose vocation
    does not exist in this deployment are skipped. Returns the number of rows added."""
    with SYNONYMS_FILE.open(encoding="utf-8") as handle:
        rows = [(row["phrase"].strip(), row["vocation"].strip()) for row in csv.DictReader(handle)]
    vocations = dict(
        Vocation.objects.filter(code__in={code for _, code in rows}).values_list("code", "pk")
    )
    existing = set(VocationSynonym.objects.values_list("phrase", "vocation_id"))
    new = [
        VocationSynonym(
            phrase=phrase, vocation_id=vocations[code], source=VocationSynonym.Source.CURATED
        )
        for phrase, code in rows
        if code in vocations and (phrase, vocations[code]) not in existing
    ]
    VocationSynonym.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# ---------------------------------------------------------------- needs


@dataclass(frozen=True)
class NeedData:
    description: str
    quantity: int
    kind: str
    needed_by: date | None = None
    location: str = ""
    notes: str = ""


def _clean_need(data: NeedData) -> None:
    if not data.description.strip():
        raise ValidationError(
            _("Tuliskan keahlian yang dibutuhkan."), code="required", field="description"
        )
    if data.quantity < 1:
        raise ValidationError(
            _("Jumlah orang minimal 1."), code="quantity_positive", field="quantity"
        )
    if data.kind not in IndustryNeed.Kind.values:
        raise ValidationError(
            _("Jenis kebutuhan tidak dikenal."), code="invalid_kind", field="kind"
        )


def need_submit(
    *,
    actor: Any,
    data: NeedData,
    company: Company | None = None,
    partner: NetworkPartner | None = None,
    meeting: CoordinationMeeting | None = None,
    region: Region | None = None,
) -> IndustryNeed:
    """Record a need. Company HR may submit only for their own company; office staff may
    record it for any company or network partner of their region, or for none (a need
    raised at a meeting)."""
    _clean_need(data)
    scope = scope_of(actor)
    policy = policy_for(IndustryNeed)
    if not policy.can_any(actor, "create"):
        raise PermissionDenied(_("Anda tidak berwenang mencatat kebutuhan industri."))
    is_staff = scope.is_office
    if company is not None:
        region = company.region
        if company.pk not in scope.company_ids and not scope.is_office_of(company.region_id):
            raise NotFound(_("Perusahaan tidak ditemukan."))
    else:
        if not is_staff:
            raise PermissionDenied(_("Pilih perusahaan Anda."), code="company_required")
        owner = partner or meeting
        if owner is not None:
            region = owner.region
        if region is None or not scope.is_office_of(region.pk):
            raise NotFound(_("Wilayah tidak ditemukan."))
    for other in (partner, meeting):
        if other is not None and other.region_id != region.pk:
            raise ValidationError(
                _("Mitra dan rapat harus berasal dari wilayah yang sama."), code="region_mismatch"
            )
    with transaction.atomic():
        need = IndustryNeed.objects.create(
            region=region,
            company=company,
            partner=partner,
            meeting=meeting,
            description=" ".join(data.description.split()),
            quantity=data.quantity,
            kind=data.kind,
            needed_by=data.needed_by,
            location=data.location.strip(),
            notes=data.notes.strip(),
            submitted_by=actor if actor.is_authenticated else None,
        )
        audit.record(
            actor=actor,
            action=audit_actions.NEED_SUBMIT,
            target=need,
            changes=audit.diff({}, {"description": need.description, "quantity": need.quantity}),
        )
    return need


def need_map(
    *,
    actor: Any,
    need: IndustryNeed,
    vocation: Vocation | None,
    unit_ids: list[int] | None = None,
    learn: bool = True,
) -> IndustryNeed:
    """Confirm or correct a need's vocation (None: no program exists for it yet).

    A confirmed mapping teaches the suggester: the need's normalised wording becomes a
    staff phrase for the vocation, and confirming the same phrase again raises its weight.
    """
    if not policy_for(IndustryNeed).can(actor, "map", need):
        raise PermissionDenied(_("Anda tidak berwenang memetakan kebutuhan ini."))
    units = []
    if vocation is not None and unit_ids:
        from jejaring.assessment.models import CompetencyUnit

        units = list(CompetencyUnit.objects.filter(pk__in=unit_ids))
        if len(units) != len(set(unit_ids)):
            raise ValidationError(_("Unit kompetensi tidak dikenal."), code="unknown_unit")
    before = {"vocation": need.vocation_id, "mapping": need.mapping}
    with transaction.atomic():
        need.vocation = vocation
        need.mapping = (
            IndustryNeed.Mapping.CONFIRMED if vocation else IndustryNeed.Mapping.NO_PROGRAM
        )
        need.mapped_by = actor
        need.mapped_at = timezone.now()
        need.save(update_fields=["vocation", "mapping", "mapped_by", "mapped_at"])
        need.units.set(units)
        if vocation is not None and learn:
            phrase = " ".join(normalise(need.description))[:200]
            if phrase:
                synonym, created = VocationSynonym.objects.get_or_create(
                    phrase=phrase,
                    vocation=vocation,
                    defaults={"source": VocationSynonym.Source.LEARNED, "weight": 1},
                )
                if not created:
                    VocationSynonym.objects.filter(pk=synonym.pk).update(weight=F("weight") + 1)
        audit.record(
            actor=actor,
            action=audit_actions.NEED_MAP,
            target=need,
            changes=audit.diff(before, {"vocation": need.vocation_id, "mapping": need.mapping}),
        )
    return need


# ---------------------------------------------------------------- meetings


@dataclass(frozen=True)
class MeetingData:
    held_on: date
    title: str
    location: str = ""
    attendees: str = ""
    aspirations: str = ""


def meeting_create(
    *,
    actor: Any,
    region: Region,
    data: MeetingData,
    companies: list[Company] = (),  # type: ignore[assignment]
    partners: list[NetworkPartner] = (),  # type: ignore[assignment]
) -> CoordinationMeeting:
    if not scope_of(actor).is_office_of(region.pk):
        raise PermissionDenied(_("Anda tidak berwenang mencatat rapat koordinasi."))
    if not data.title.strip():
        raise ValidationError(_("Judul rapat wajib diisi."), code="required", field="title")
    if any(c.region_id != region.pk for c in [*companies, *partners]):
        raise ValidationError(
            _("Peserta rapat harus dari wilayah yang sama."), code="region_mismatch"
        )
    with transaction.atomic():
        meeting = CoordinationMeeting.objects.create(
            region=region,
            held_on=data.held_on,
            title=data.title.strip(),
            location=data.location.strip(),
            attendees=data.attendees.strip(),
            aspirations=data.aspirations.strip(),
        )
        meeting.companies.set(companies)
        meeting.partners.set(partners)
        audit.record(
            actor=actor,
            action=audit_actions.MEETING_CREATE,
            target=meeting,
            changes=audit.diff({}, {"title": meeting.title, "held_on": meeting.held_on}),
        )
    return meeting
