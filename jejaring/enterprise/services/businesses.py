"""Writes of entrepreneur profiles: a person records their own business idea (on a phone,
logged in) or office staff record it for anyone in their region; the business starts,
closes or reopens along `BUSINESS_TRANSITIONS`. Each write is atomic and audited."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, versions
from jejaring.core.errors import InvalidTransition, NotFound, ValidationError
from jejaring.core.policies import policy_for
from jejaring.enterprise import audit_actions, kbli
from jejaring.enterprise.models import BUSINESS_TRANSITIONS, Business, BusinessKind, RevenueBand
from jejaring.jobseekers.models import JobSeekerCard
from jejaring.regions import areas
from jejaring.regions.calendar import today_in
from jejaring.trainees.models import Person
from jejaring.training.models import Enrolment

#: A business registration number (NIB) from the OSS system has 13 digits.
NIB = re.compile(r"^\d{13}$")
#: More than this many workers in a micro or small business is a typing slip.
MAX_WORKERS = 999


@dataclass
class BusinessData:
    name: str
    kind: str
    idea: str = ""
    kbli_code: str = ""
    place_regency_code: str = ""
    place_district_code: str = ""
    place_village_code: str = ""
    nib: str = ""
    members: int = 1
    workers: int = 0
    revenue_band: str = RevenueBand.NONE
    enrolment_id: int | None = None


def clean_nib(value: str, *, field: str = "nib") -> str:
    value = "".join(str(value or "").split())
    if value and not NIB.match(value):
        raise ValidationError(
            _("NIB terdiri dari 13 angka (dari OSS)."), code="invalid_nib", field=field
        )
    return value


def clean_kbli(value: str, *, field: str = "kbli_code") -> str:
    if not (value or "").strip():
        return ""
    code = kbli.normalise(value)
    if code is None:
        raise ValidationError(
            _("Kode KBLI 2020: 5 angka dengan golongan pokok yang dikenal, mis. 10792."),
            code="invalid_kbli",
            field=field,
        )
    return code


def clean_place(
    region_code: str, regency: str, district: str, village: str
) -> tuple[str, str, str]:
    """Kemendagri codes of the business's place: the regency defaults to the office's; a
    district must lie in the regency and a village in the district."""
    regency = regency or region_code
    index = areas.load_areas()
    if regency not in index.regencies:
        raise ValidationError(
            _("Kabupaten/kota tidak dikenal."), code="unknown_regency", field="place_regency_code"
        )
    if district and (district not in index.districts or not district.startswith(regency + ".")):
        raise ValidationError(
            _("Kecamatan tidak berada di kabupaten/kota ini."),
            code="unknown_district",
            field="place_district_code",
        )
    if village and (
        not district or village not in {code for code, _name in areas.villages_of(district)}
    ):
        raise ValidationError(
            _("Kelurahan/desa tidak berada di kecamatan ini."),
            code="unknown_village",
            field="place_village_code",
        )
    return regency, district, village


def _checked(data: BusinessData, *, region_code: str, person: Person) -> BusinessData:
    data.name = " ".join(str(data.name or "").split())
    if not data.name or len(data.name) > 200:
        raise ValidationError(
            _("Nama usaha wajib diisi (paling panjang 200 huruf)."),
            code="name_required",
            field="name",
        )
    if data.kind not in BusinessKind.values:
        raise ValidationError(_("Pilih bidang usaha."), code="invalid_kind", field="kind")
    if data.revenue_band not in RevenueBand.values:
        raise ValidationError(
            _("Pilih kisaran omzet."), code="invalid_revenue", field="revenue_band"
        )
    data.kbli_code = clean_kbli(data.kbli_code)
    data.nib = clean_nib(data.nib)
    data.place_regency_code, data.place_district_code, data.place_village_code = clean_place(
        region_code, data.place_regency_code, data.place_district_code, data.place_village_code
    )
    if not 1 <= (data.members or 0) <= 100:
        raise ValidationError(
            _("Jumlah anggota 1 sampai 100."), code="invalid_members", field="members"
        )
    if not 0 <= (data.workers or 0) <= MAX_WORKERS:
        raise ValidationError(
            _("Jumlah pekerja 0 sampai %(max)d.") % {"max": MAX_WORKERS},
            code="invalid_workers",
            field="workers",
        )
    if (
        data.enrolment_id is not None
        and not Enrolment.objects.filter(
            pk=data.enrolment_id, person=person, status=Enrolment.Status.GRADUATED
        ).exists()
    ):
        raise ValidationError(
            _("Pilih pelatihan yang sudah diselesaikan orang ini."),
            code="invalid_enrolment",
            field="enrolment_id",
        )
    return data


def may_record_for(actor: Any, person: Person) -> bool:
    """The person themself, or office staff of the person's region."""
    scope = scope_of(actor)
    return scope.person_id == person.pk or scope.is_office_of(person.region_id)


def graduate_enrolments(person: Person) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(person=person, status=Enrolment.Status.GRADUATED)
        .select_related("batch__program")
        .order_by("-graduated_on")
    )


def business_create(*, actor: Any, person: Person, data: BusinessData) -> Business:
    """Record a business idea for `person`. The AK/1 card they hold, if any, and the
    training named (or else their latest graduation) are linked to it."""
    if not may_record_for(actor, person):
        raise NotFound(_("Orang tidak ditemukan."))
    data = _checked(data, region_code=person.region.code, person=person)
    if data.enrolment_id is None:
        latest = graduate_enrolments(person)
        data.enrolment_id = latest[0].pk if latest else None
    card = JobSeekerCard.objects.filter(person=person).order_by("-registered_at", "-id").first()
    values = {f.name: getattr(data, f.name) for f in fields(BusinessData)}
    with transaction.atomic():
        business = Business.objects.create(
            region_id=person.region_id,
            person=person,
            jobseeker_card=card,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            **values,
        )
        audit.record(actor=actor, action=audit_actions.BUSINESS_CREATE, target=business)
        versions.bump(business.region_id, versions.ENTERPRISE)
    return business


def _require(actor: Any, business: Business) -> None:
    if not policy_for(Business).can(actor, "change", business):
        raise NotFound(_("Usaha tidak ditemukan."))


def business_update(*, actor: Any, business: Business, data: BusinessData) -> Business:
    _require(actor, business)
    data = _checked(data, region_code=business.region.code, person=business.person)
    names = [f.name for f in fields(BusinessData)]
    with transaction.atomic():
        locked = Business.objects.select_for_update().get(pk=business.pk)
        before = audit.snapshot(locked, names)
        for name in names:
            setattr(locked, name, getattr(data, name))
        locked.save()
        audit.record(
            actor=actor,
            action=audit_actions.BUSINESS_UPDATE,
            target=locked,
            changes=audit.diff(before, audit.snapshot(locked, names)),
        )
        versions.bump(locked.region_id, versions.ENTERPRISE)
    return locked


def business_stage_change(
    *, actor: Any, business: Business, to: str, on: date | None = None
) -> Business:
    """Start (the business runs from `on`), close or reopen a business. Starting
    schedules its follow-ups at 6, 12 and 24 months."""
    from jejaring.enterprise.services.follow_ups import follow_ups_schedule

    _require(actor, business)
    today = today_in(business.region)
    on = on or today
    if on > today:
        raise ValidationError(
            _("Tanggal tidak boleh sesudah hari ini."), code="date_in_future", field="on"
        )
    with transaction.atomic():
        locked = Business.objects.select_for_update().select_related("region").get(pk=business.pk)
        before = locked.stage
        if to not in BUSINESS_TRANSITIONS.get(before, frozenset()):
            raise InvalidTransition(
                _("Usaha berstatus %(stage)s tidak dapat diubah begitu.")
                % {"stage": locked.get_stage_display()}
            )
        locked.stage = to
        if to == Business.Stage.OPERATING:
            if locked.started_on is None:
                locked.started_on = on
            locked.closed_on = None
        elif to == Business.Stage.CLOSED:
            locked.closed_on = on
        locked.save(update_fields=["stage", "started_on", "closed_on"])
        audit.record(
            actor=actor,
            action=audit_actions.BUSINESS_STAGE,
            target=locked,
            changes={"stage": [before, to], "on": str(on)},
        )
        versions.bump(locked.region_id, versions.ENTERPRISE)
        if to == Business.Stage.OPERATING:
            follow_ups_schedule(actor=actor, business=locked)
    return locked
