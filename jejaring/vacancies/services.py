"""Writes of vacancy reporting (wajib lapor lowongan): company HR (or the office for them)
draft and submit a vacancy, the office publishes, returns or rejects it, filled openings are
recorded, published vacancies expire after their closing date, and a published vacancy can
become a formation for graduates. Each write is atomic, checks who may do it, and leaves an
audit event in the same transaction. Reports of unregistered employers sent through the
public form are written in `jejaring.vacancies.public_reports`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, versions
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.phone import PhoneError, normalise_phone
from jejaring.core.policies import policy_for
from jejaring.employers.models import Company, Formation
from jejaring.placement.formations import FormationData, formation_create
from jejaring.regions import areas
from jejaring.regions.calendar import today_in
from jejaring.regions.models import Region
from jejaring.trainees.models import Education
from jejaring.vacancies import audit_actions, kbji
from jejaring.vacancies.models import EDITABLE, FILLABLE, TRANSITIONS, Vacancy

#: Largest number of openings one vacancy may report.
MAX_OPENINGS = 10_000
#: Highest monthly pay accepted (Rupiah): a typing slip, not a real offer, beyond it.
MAX_PAY = 1_000_000_000
#: Vacancy statuses HR may still edit; office staff may also edit submitted ones.
HR_EDITABLE = frozenset({Vacancy.Status.DRAFT, Vacancy.Status.RETURNED})


@dataclass
class VacancyData:
    title: str
    kbji_code: str
    openings: int
    closes_on: date
    contact_name: str
    min_education: str = ""
    skills: str = ""
    description: str = ""
    place_regency_code: str = ""
    place_district_code: str = ""
    pay_min: int | None = None
    pay_max: int | None = None
    contact_phone: str = ""
    contact_email: str = ""


VACANCY_FIELDS = (
    "title",
    "kbji_code",
    "openings",
    "closes_on",
    "contact_name",
    "min_education",
    "skills",
    "description",
    "place_regency_code",
    "place_district_code",
    "pay_min",
    "pay_max",
    "contact_phone",
    "contact_email",
)


def _line(value: str) -> str:
    return " ".join(str(value or "").split())


def clean_phone(value: str, *, field: str, required: bool = False) -> str:
    value = _line(value)
    if not value:
        if required:
            raise ValidationError(
                _("Nomor telepon wajib diisi."), code="phone_required", field=field
            )
        return ""
    try:
        return normalise_phone(value)
    except PhoneError:
        raise ValidationError(
            _("Nomor telepon tidak valid, mis. 0812-3456-7890."), code="invalid_phone", field=field
        ) from None


def check_vacancy(region: Region, data: VacancyData, *, today: date) -> VacancyData:
    """Every rule of a vacancy's fields, for every entry point (pages, API, public form)."""
    data.title = _line(data.title)
    data.contact_name = _line(data.contact_name)
    data.skills = str(data.skills or "").strip()
    data.description = str(data.description or "").strip()
    data.contact_email = _line(data.contact_email).lower()
    data.kbji_code = _line(data.kbji_code)
    if not data.title or len(data.title) > 200:
        raise ValidationError(
            _("Nama jabatan wajib diisi (paling panjang 200 huruf)."),
            code="title_required",
            field="title",
        )
    if not kbji.is_known(data.kbji_code):
        raise ValidationError(
            _("Pilih jabatan dari daftar KBJI 2014."), code="unknown_kbji", field="kbji_code"
        )
    if data.openings is None or not 1 <= data.openings <= MAX_OPENINGS:
        raise ValidationError(
            _("Jumlah lowongan 1 sampai %(max)d.") % {"max": MAX_OPENINGS},
            code="invalid_openings",
            field="openings",
        )
    if data.min_education and data.min_education not in Education.values:
        raise ValidationError(
            _("Tingkat pendidikan tidak dikenal."), code="invalid_education", field="min_education"
        )
    for name in ("pay_min", "pay_max"):
        pay = getattr(data, name)
        if pay is not None and not 0 <= pay <= MAX_PAY:
            raise ValidationError(_("Gaji tidak masuk akal."), code="invalid_pay", field=name)
    if data.pay_min is not None and data.pay_max is not None and data.pay_max < data.pay_min:
        raise ValidationError(
            _("Gaji tertinggi tidak boleh di bawah gaji terendah."),
            code="invalid_pay_range",
            field="pay_max",
        )
    if data.closes_on < today:
        raise ValidationError(
            _("Batas lamaran tidak boleh sebelum hari ini."),
            code="closing_date_past",
            field="closes_on",
        )
    data.place_regency_code = data.place_regency_code or region.code
    index = areas.load_areas()
    if data.place_regency_code not in index.regencies:
        raise ValidationError(
            _("Kabupaten/kota penempatan tidak dikenal."),
            code="unknown_regency",
            field="place_regency_code",
        )
    if data.place_district_code and (
        data.place_district_code not in index.districts
        or not data.place_district_code.startswith(data.place_regency_code + ".")
    ):
        raise ValidationError(
            _("Kecamatan tidak berada di kabupaten/kota ini."),
            code="unknown_district",
            field="place_district_code",
        )
    if not data.contact_name:
        raise ValidationError(
            _("Nama narahubung wajib diisi."), code="contact_required", field="contact_name"
        )
    data.contact_phone = clean_phone(data.contact_phone, field="contact_phone")
    if not data.contact_phone and not data.contact_email:
        raise ValidationError(
            _("Isi telepon atau email narahubung."),
            code="contact_required",
            field="contact_phone",
        )
    return data


def _values(data: VacancyData) -> dict[str, Any]:
    values = {name: getattr(data, name) for name in VACANCY_FIELDS}
    values["occupation_group"] = kbji.major_group_of(data.kbji_code)
    return values


def require_member(actor: Any, company: Company) -> None:
    """Office staff of the company's region or its own HR; anyone else finds nothing."""
    scope = scope_of(actor)
    if not (scope.is_office_of(company.region_id) or company.pk in scope.company_ids):
        raise NotFound(_("Perusahaan tidak ditemukan."))


def require_vacancy(actor: Any, vacancy: Vacancy, action: str = "change") -> None:
    if not policy_for(Vacancy).can(actor, action, vacancy):
        raise NotFound(_("Lowongan tidak ditemukan."))


def _lock(vacancy: Vacancy) -> Vacancy:
    return Vacancy.objects.select_for_update().select_related("region").get(pk=vacancy.pk)


def move(
    *, actor: Any, vacancy: Vacancy, to: str, note: str = "", ip_address: str | None = None
) -> None:
    """Change a locked vacancy's status along `TRANSITIONS`, with its audit event."""
    before = vacancy.status
    if to not in TRANSITIONS[before]:
        raise InvalidTransition(
            _("Lowongan berstatus %(status)s tidak dapat diubah begitu.")
            % {"status": Vacancy.Status(before).label},
            code="invalid_transition",
        )
    now = timezone.now()
    vacancy.status = to
    vacancy.status_note = note
    fields = ["status", "status_note"]
    if to == Vacancy.Status.SUBMITTED:
        vacancy.submitted_at = now
        fields.append("submitted_at")
    elif to == Vacancy.Status.PUBLISHED:
        vacancy.published_at = now
        fields.append("published_at")
    elif to in (Vacancy.Status.CLOSED, Vacancy.Status.EXPIRED, Vacancy.Status.FILLED):
        vacancy.ended_at = vacancy.ended_at or now
        fields.append("ended_at")
    if to in (Vacancy.Status.PUBLISHED, Vacancy.Status.RETURNED, Vacancy.Status.REJECTED):
        vacancy.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
        fields.append("reviewed_by")
    vacancy.save(update_fields=fields)
    versions.bump(vacancy.region_id, versions.EMPLOYERS)
    changes: dict[str, Any] = {"status": [before, to]}
    if note:
        changes["note"] = [None, note]
    audit.record(
        actor=actor,
        action=audit_actions.VACANCY_STATUS,
        target=vacancy,
        changes=changes,
        ip_address=ip_address,
    )


# --- drafting ------------------------------------------------------------------------


def vacancy_create(*, actor: Any, company: Company, data: VacancyData) -> Vacancy:
    """Company HR (or office staff for them) draft a vacancy of the company."""
    require_member(actor, company)
    region = Region.objects.get(pk=company.region_id)
    data = check_vacancy(region, data, today=today_in(region))
    source = (
        Vacancy.Source.OFFICE
        if scope_of(actor).is_office_of(company.region_id)
        else Vacancy.Source.COMPANY
    )
    with transaction.atomic():
        vacancy = Vacancy.objects.create(
            region_id=company.region_id, company=company, source=source, **_values(data)
        )
        versions.bump(vacancy.region_id, versions.EMPLOYERS)
        audit.record(
            actor=actor,
            action=audit_actions.VACANCY_CREATE,
            target=vacancy,
            changes=audit.diff({}, audit.snapshot(vacancy, VACANCY_FIELDS)),
        )
    return vacancy


def vacancy_update(*, actor: Any, vacancy: Vacancy, data: VacancyData) -> Vacancy:
    """Change a vacancy still being drafted (HR: draft or returned; office staff also one
    submitted or awaiting employer verification)."""
    require_vacancy(actor, vacancy)
    office = scope_of(actor).is_office_of(vacancy.region_id)
    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.status not in (EDITABLE if office else HR_EDITABLE):
            raise InvalidTransition(
                _("Lowongan ini tidak dapat diubah lagi."), code="vacancy_not_editable"
            )
        data = check_vacancy(locked.region, data, today=today_in(locked.region))
        before = audit.snapshot(locked, VACANCY_FIELDS)
        for key, value in _values(data).items():
            setattr(locked, key, value)
        locked.save()
        audit.record(
            actor=actor,
            action=audit_actions.VACANCY_UPDATE,
            target=locked,
            changes=audit.diff(before, audit.snapshot(locked, VACANCY_FIELDS)),
        )
    return locked


def vacancy_submit(*, actor: Any, vacancy: Vacancy) -> Vacancy:
    """HR send a draft (or a returned vacancy, corrected) to the office to check."""
    require_vacancy(actor, vacancy)
    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.status not in (Vacancy.Status.DRAFT, Vacancy.Status.RETURNED):
            raise InvalidTransition(
                _("Hanya lowongan konsep atau yang dikembalikan yang dapat diajukan."),
                code="not_draft",
            )
        _require_open_closing_date(locked)
        move(actor=actor, vacancy=locked, to=Vacancy.Status.SUBMITTED)
    return locked


def _require_open_closing_date(vacancy: Vacancy) -> None:
    if vacancy.closes_on < today_in(vacancy.region):
        raise ValidationError(
            _("Batas lamaran sudah lewat; ubah dulu tanggalnya."),
            code="closing_date_past",
            field="closes_on",
        )


# --- the office's check --------------------------------------------------------------

PUBLISH, RETURN, REJECT = "publish", "return", "reject"
DECISIONS = {
    PUBLISH: Vacancy.Status.PUBLISHED,
    RETURN: Vacancy.Status.RETURNED,
    REJECT: Vacancy.Status.REJECTED,
}


def vacancy_review(*, actor: Any, vacancy: Vacancy, decision: str, note: str = "") -> Vacancy:
    """The office publishes a submitted vacancy, or returns it to HR to correct, or rejects
    it; returning and rejecting need a reason, which HR see."""
    if not policy_for(Vacancy).can(actor, "office", vacancy):
        raise NotFound(_("Lowongan tidak ditemukan."))
    if decision not in DECISIONS:
        raise ValidationError(_("Keputusan tidak dikenal."), code="invalid_decision")
    note = str(note or "").strip()
    if decision != PUBLISH and not note:
        raise ValidationError(
            _("Tuliskan alasannya untuk perusahaan."), code="note_required", field="note"
        )
    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.status != Vacancy.Status.SUBMITTED:
            raise InvalidTransition(
                _("Hanya lowongan yang diajukan yang dapat diperiksa."), code="not_submitted"
            )
        if decision == PUBLISH:
            _require_open_closing_date(locked)
        move(actor=actor, vacancy=locked, to=DECISIONS[decision], note=note)
    return locked


def vacancy_close(*, actor: Any, vacancy: Vacancy, note: str = "") -> Vacancy:
    """HR or the office close a published vacancy early (or withdraw a draft)."""
    require_vacancy(actor, vacancy)
    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.status not in (
            Vacancy.Status.PUBLISHED,
            Vacancy.Status.DRAFT,
            Vacancy.Status.RETURNED,
        ):
            raise InvalidTransition(_("Lowongan ini tidak dapat ditutup."), code="not_closable")
        move(actor=actor, vacancy=locked, to=Vacancy.Status.CLOSED, note=str(note or "").strip())
    return locked


# --- filled openings ---------------------------------------------------------------


def vacancy_fill_record(*, actor: Any, vacancy: Vacancy, count: int = 1, note: str = "") -> Vacancy:
    """Record `count` more openings of a published (or since expired or closed) vacancy as
    filled — by HR, the office, or the placement service when a referral ends in hiring.
    Never more than the openings, even when two writers act at once (the row is locked);
    the vacancy becomes "filled" when none is left. A negative `count` corrects a mistake."""
    require_vacancy(actor, vacancy)
    if not isinstance(count, int) or count == 0:
        raise ValidationError(_("Jumlah harus bukan nol."), code="invalid_count", field="count")
    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.status not in FILLABLE:
            raise InvalidTransition(
                _("Hanya lowongan yang sudah tayang yang dapat dicatat terisi."),
                code="not_fillable",
            )
        after = locked.filled + count
        if after > locked.openings:
            raise Conflict(
                _("Hanya tersisa %(left)d lowongan.") % {"left": locked.open_positions},
                code="more_than_openings",
                field="count",
            )
        if after < 0:
            raise ValidationError(
                _("Jumlah terisi tidak boleh kurang dari nol."), code="invalid_count", field="count"
            )
        before = locked.filled
        locked.filled = after
        locked.save(update_fields=["filled"])
        audit.record(
            actor=actor,
            action=audit_actions.VACANCY_FILL,
            target=locked,
            changes={"filled": [before, after], **({"note": [None, note]} if note else {})},
        )
        if after == locked.openings:
            move(actor=actor, vacancy=locked, to=Vacancy.Status.FILLED)
        versions.bump(locked.region_id, versions.EMPLOYERS)
    return locked


# --- expiry ---------------------------------------------------------------------------


def vacancies_expire(*, on: date | None = None) -> int:
    """Mark published vacancies whose closing date has passed as expired, by each region's
    own date (WIB, WITA or WIT), or by `on` when given. Safe to run any number of times."""
    expired = 0
    for region in Region.objects.filter(is_active=True):
        today = on or today_in(region)
        due = Vacancy.objects.filter(
            region=region, status=Vacancy.Status.PUBLISHED, closes_on__lt=today
        ).values_list("pk", flat=True)
        for pk in list(due):
            with transaction.atomic():
                locked = Vacancy.objects.select_for_update().get(pk=pk)
                if locked.status != Vacancy.Status.PUBLISHED:
                    continue
                move(actor=None, vacancy=locked, to=Vacancy.Status.EXPIRED)
                expired += 1
    return expired


# --- a formation for graduates ------------------------------------------------------


def vacancy_formation_create(
    *,
    actor: Any,
    vacancy: Vacancy,
    vocation_ids: list[int] | None = None,
    accepts_all_vocations: bool = False,
) -> Formation:
    """Offer a published vacancy's open positions to graduates as a work formation (kind
    "kerja") through the employers' formation service, linked back to the vacancy."""
    require_vacancy(actor, vacancy)
    with transaction.atomic():
        locked = _lock(vacancy)
        if locked.status != Vacancy.Status.PUBLISHED or locked.company_id is None:
            raise InvalidTransition(
                _("Hanya lowongan yang tayang yang dapat dijadikan formasi."),
                code="not_published",
            )
        if locked.formation_id is not None:
            raise Conflict(_("Lowongan ini sudah menjadi formasi."), code="formation_exists")
        if locked.open_positions < 1:
            raise Conflict(_("Semua lowongan sudah terisi."), code="no_open_positions")
        requirements = locked.skills
        formation = formation_create(
            actor=actor,
            company=Company.objects.get(pk=locked.company_id),
            data=FormationData(
                kind=Formation.Kind.JOB,
                title=locked.title,
                quota=locked.open_positions,
                description=locked.description,
                kbji_code=locked.kbji_code if len(locked.kbji_code) == 4 else "",
                accepts_all_vocations=accepts_all_vocations,
                vocation_ids=list(vocation_ids or []),
                location=place_label(locked),
                monthly_pay=locked.pay_min or 0,
                min_education=locked.min_education,
                requirements=requirements,
                closes_on=locked.closes_on,
            ),
        )
        locked.formation = formation
        locked.save(update_fields=["formation"])
        audit.record(
            actor=actor,
            action=audit_actions.VACANCY_FORMATION,
            target=locked,
            changes={"formation": [None, formation.pk]},
        )
    return formation


def place_label(vacancy: Vacancy) -> str:
    """ "Kecamatan Pekalongan Barat, Kota Pekalongan" from the vacancy's area codes."""
    index = areas.load_areas()
    regency = index.regencies.get(vacancy.place_regency_code)
    parts = []
    if vacancy.place_district_code:
        district = index.districts.get(vacancy.place_district_code)
        if district:
            parts.append(district[1])
    if regency:
        parts.append(regency[1])
    return ", ".join(parts)
