"""Writes of the job-seeker card (AK/1): registration online and at the counter, the
office's document check and issue (numbered per region and year without races), data
updates, six-monthly reports, renewal, expiry, closing (hired or otherwise), reminders.

Every write is atomic and audited; the status changes only here, through
`models.TRANSITIONS`. People are created and verified only by the person registry's own
services (jejaring.trainees.services): a registration online records what was typed and
never changes, shows or mails the record a NIK names; the office checks the KTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, versions
from jejaring.core.dates import add_months
from jejaring.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.core.policies import policy_for
from jejaring.jobseekers import audit_actions as actions
from jejaring.jobseekers.models import (
    OPEN_STATUSES,
    TRANSITIONS,
    CardCounter,
    CardStatus,
    Channel,
    CloseSource,
    JobSeekerCard,
    JobSeekerReport,
    JobSeekerSettings,
)
from jejaring.notices.services import Recipient, notify
from jejaring.regions import areas
from jejaring.regions.calendar import today_in
from jejaring.regions.models import Region
from jejaring.trainees.models import Person
from jejaring.trainees.services import (
    EDITABLE_FIELDS,
    PersonData,
    RegisterSource,
    check_education,
    checked_full_name,
    checked_nik,
    checked_phone,
    person_register,
    person_update,
    person_verify,
    transfer_request_create,
)

#: The card is valid for two years from its issue (and from each renewal).
VALIDITY_MONTHS = 24
#: The holder reports every six months: four boxes per two-year period.
REPORT_EVERY_MONTHS = 6
REPORT_BOXES = 4
#: A report may be made this many days before its box is due.
REPORT_EARLY_DAYS = 30
#: Renewal is possible this many days before the card ends (and any time after).
RENEW_EARLY_DAYS = 30
#: Reminders go this many days before a report is due or the card ends.
REMIND_DAYS = 14
#: Version of the personal-data consent text shown on the online form (UU 27/2022).
CONSENT_VERSION = "2022.1"
MAX_PHOTO_BYTES = 2 * 1024 * 1024
_PHOTO_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


class WrongOffice(ValidationError):
    """The person's KTP domicile is in another region: they register with that office."""

    default_code = "wrong_office"


@dataclass(frozen=True)
class JobWish:
    """What the card records beyond identity: education, skills, experience and the job
    wanted (a KBJI code with its title, or the title alone)."""

    education: str
    occupation_title: str
    wanted_location: str
    education_major: str = ""
    graduation_year: int | None = None
    skills: str = ""
    experience: str = ""
    occupation_code: str = ""


@dataclass(frozen=True)
class DocumentCheck:
    ktp: bool = False
    diploma: bool = False
    kk: bool = False


# --- checks ------------------------------------------------------------------------------


def _clean(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def checked_wish(wish: JobWish, *, today: date) -> JobWish:
    """The wish with its text tidied; ValidationError for the first bad field."""
    check_education(wish.education)
    title = _clean(wish.occupation_title, 200)
    if not title:
        raise ValidationError(
            _("Isi jabatan atau pekerjaan yang diinginkan."),
            code="required",
            field="occupation_title",
        )
    location = _clean(wish.wanted_location, 200)
    if not location:
        raise ValidationError(
            _("Isi lokasi kerja yang diinginkan."), code="required", field="wanted_location"
        )
    code = wish.occupation_code.strip()
    if code and not (code.isdigit() and 1 <= len(code) <= 10):
        raise ValidationError(
            _("Kode KBJI hanya berisi angka (mis. 7531)."),
            code="invalid_kbji",
            field="occupation_code",
        )
    year = wish.graduation_year
    if year is not None and not 1950 <= year <= today.year:
        raise ValidationError(
            _("Tahun lulus tidak wajar."), code="invalid_year", field="graduation_year"
        )
    if len(wish.skills) > 2000 or len(wish.experience) > 4000:
        raise ValidationError(_("Isian terlalu panjang."), code="too_long")
    return JobWish(
        education=wish.education,
        education_major=_clean(wish.education_major, 120),
        graduation_year=year,
        skills=wish.skills.strip(),
        experience=wish.experience.strip(),
        occupation_code=code,
        occupation_title=title,
        wanted_location=location,
    )


def domicile_regency(*, nik: str, domicile_regency_code: str = "") -> str:
    """The regency (`33.75`) of a KTP domicile: the address's regency when given, else
    the one the NIK was issued in."""
    if domicile_regency_code:
        return domicile_regency_code
    digits = "".join(ch for ch in nik if ch.isdigit())
    try:
        return areas.nik_region_code(digits[:6])[1]
    except ValueError:
        return ""


def check_domicile(*, region: Region, regency_code: str) -> None:
    """WrongOffice, naming the office to go to, unless `regency_code` is `region`'s."""
    if regency_code == region.code:
        return
    office = Region.objects.filter(code=regency_code, is_active=True).first()
    if office is not None:
        where = office.office_name
    else:
        regency = areas.load_areas().regencies.get(regency_code)
        where = _("dinas tenaga kerja %(name)s") % {
            "name": regency[1] if regency else regency_code or "?"
        }
    raise WrongOffice(
        _(
            "Kartu pencari kerja diterbitkan oleh dinas sesuai domisili KTP. Domisili Anda "
            "bukan di %(here)s; silakan mendaftar di %(there)s."
        )
        % {"here": region.name, "there": where},
        field="domicile_regency_code",
        detail={"regency_code": regency_code},
    )


def _check_transition(card: JobSeekerCard, to: str) -> None:
    if to not in TRANSITIONS[card.status]:
        raise InvalidTransition(
            _("Kartu berstatus %(status)s tidak dapat diubah menjadi %(to)s.")
            % {"status": card.get_status_display(), "to": CardStatus(to).label},
            code="invalid_card_transition",
        )


def _is_office(actor: Any, region_id: int) -> bool:
    return scope_of(actor).is_office_of(region_id)


def _locked(card: JobSeekerCard) -> JobSeekerCard:
    return (
        JobSeekerCard.objects.select_for_update().select_related("person", "region").get(pk=card.pk)
    )


def _wish_fields(wish: JobWish) -> dict[str, Any]:
    return {
        "education": wish.education,
        "education_major": wish.education_major,
        "graduation_year": wish.graduation_year,
        "skills": wish.skills,
        "experience": wish.experience,
        "occupation_code": wish.occupation_code,
        "occupation_title": wish.occupation_title,
        "wanted_location": wish.wanted_location,
    }


def settings_of(region: Region) -> JobSeekerSettings:
    """The region's AK/1 settings (defaults when the office has set none)."""
    found = JobSeekerSettings.objects.filter(region=region).first()
    return found or JobSeekerSettings(region=region)


# --- registration ------------------------------------------------------------------------


@dataclass(frozen=True)
class OnlineIdentity:
    """What an online registrant without a verified account types about themself."""

    nik: str
    full_name: str
    phone: str
    sex: str | None = None
    birth_date: date | None = None
    birth_place: str = ""
    address: str = ""
    domicile_regency_code: str = ""
    domicile_district_code: str = ""
    domicile_village_code: str = ""
    email: str = ""
    consent: bool = False


def card_register_online(
    *,
    region: Region,
    wish: JobWish,
    identity: OnlineIdentity | None = None,
    submitter: Any = None,
    ip_address: str | None = None,
) -> JobSeekerCard | None:
    """Register online as a job seeker with `region`'s office; the person then brings
    their KTP, latest diploma and a 3×4 photo to the counter, where the office checks them
    and issues the card.

    A signed-in holder of a verified account registers as themself (no `identity`).
    Anyone else types their identity; the answer is the same whatever the NIK's state
    (docs/security.md, "no oracles"): an unknown NIK becomes an unverified person holding
    what was typed (through the registry's `person_register`); a known NIK is named by the
    registration but its record is not changed, shown or mailed; a NIK that already has an
    open card adds nothing (None). A domicile outside the region is WrongOffice, naming
    the office to go to. Bad input raises ValidationError and writes nothing."""
    today = today_in(region)
    wish = checked_wish(wish, today=today)
    own_person_id = scope_of(submitter).person_id
    if identity is None:
        if own_person_id is None:
            raise ValidationError(_("Isi data diri Anda."), code="identity_required")
        person = Person.objects.get(pk=own_person_id)
        check_domicile(
            region=region,
            regency_code=domicile_regency(
                nik=person.nik, domicile_regency_code=person.domicile_regency_code
            ),
        )
        if JobSeekerCard.objects.filter(person=person, status__in=OPEN_STATUSES).exists():
            raise Conflict(
                _("Anda sudah memiliki kartu pencari kerja yang masih terbuka."),
                code="card_already_open",
            )
        with transaction.atomic():
            return _create(
                region=region,
                person=person,
                wish=wish,
                channel=Channel.ONLINE,
                applicant={},
                actor=submitter,
                ip_address=ip_address,
            )
    nik, sex, birth_date, _review = checked_nik(
        identity.nik, sex=identity.sex, birth_date=identity.birth_date
    )
    full_name = checked_full_name(identity.full_name)
    if not identity.phone.strip():
        raise ValidationError(_("Nomor HP wajib diisi."), code="required", field="phone")
    phone = checked_phone(identity.phone)
    email = identity.email.strip().lower()
    if email and ("@" not in email or len(email) > 254 or any(c.isspace() for c in email)):
        raise ValidationError(_("Alamat email tidak valid."), code="invalid_email", field="email")
    if identity.domicile_regency_code and (
        identity.domicile_regency_code not in areas.load_areas().regencies
    ):
        raise ValidationError(
            _("Kabupaten/kota tidak dikenal."),
            code="unknown_area",
            field="domicile_regency_code",
        )
    if not identity.consent:
        raise ValidationError(
            _("Anda perlu menyetujui pengolahan data pribadi untuk mendaftar."),
            code="consent_required",
            field="consent",
        )
    check_domicile(
        region=region,
        regency_code=domicile_regency(
            nik=nik, domicile_regency_code=identity.domicile_regency_code
        ),
    )
    applicant = {
        key: str(value)
        for key, value in {
            "full_name": full_name,
            "birth_place": _clean(identity.birth_place, 100),
            "address": identity.address.strip()[:500],
            "domicile_regency_code": identity.domicile_regency_code,
            "domicile_district_code": identity.domicile_district_code,
            "domicile_village_code": identity.domicile_village_code,
            "phone": phone,
            "email": email,
            "education": wish.education,
            "education_major": wish.education_major,
        }.items()
        if value
    }
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(nik=nik).first()
        is_new = person is None
        if person is None:
            person = person_register(
                actor=None,
                region=region,
                data=PersonData(
                    nik=nik,
                    full_name=full_name,
                    education=wish.education,
                    sex=sex,
                    birth_date=birth_date,
                    birth_place=identity.birth_place,
                    education_major=wish.education_major,
                    address=identity.address.strip()[:500],
                    domicile_regency_code=identity.domicile_regency_code,
                    domicile_district_code=identity.domicile_district_code,
                    domicile_village_code=identity.domicile_village_code,
                    phone=phone,
                    email=email,
                    consent_version=CONSENT_VERSION,
                ),
                source=RegisterSource.SELF,
            )
        if JobSeekerCard.objects.filter(person=person, status__in=OPEN_STATUSES).exists():
            audit.record(
                actor=submitter,
                action=actions.CARD_REGISTER,
                region=region,
                changes={"duplicate": [False, True]},
                ip_address=ip_address,
            )
            return None
        try:
            with transaction.atomic():
                return _create(
                    region=region,
                    person=person,
                    wish=wish,
                    channel=Channel.ONLINE,
                    applicant=applicant,
                    actor=submitter,
                    ip_address=ip_address,
                    new_person=is_new,
                )
        except IntegrityError:
            # The same NIK registered at the same moment: one card, the same answer.
            return None


def card_register_counter(
    *,
    actor: Any,
    region: Region,
    wish: JobWish,
    person: Person | None = None,
    person_data: PersonData | None = None,
) -> JobSeekerCard:
    """Office staff register a job seeker at the counter: a person of the region's
    registry (`person`), or a new one from `person_data` through the registry's own
    `person_register` (a NIK another office holds becomes a transfer request there,
    TransferRequested). The card waits for the document check and issue."""
    if not _is_office(actor, region.pk):
        raise PermissionDenied(_("Anda tidak berwenang mendaftarkan pencari kerja di sini."))
    wish = checked_wish(wish, today=today_in(region))
    if person is None:
        if person_data is None:
            raise ValidationError(_("Pilih atau isi data orang."), code="person_required")
        nik = checked_nik(person_data.nik, sex=person_data.sex, birth_date=person_data.birth_date)[
            0
        ]
        check_domicile(
            region=region,
            regency_code=domicile_regency(
                nik=nik, domicile_regency_code=person_data.domicile_regency_code
            ),
        )
        existing = Person.objects.for_actor(actor).filter(nik=nik, region=region).first()
        person = existing or person_register(
            actor=actor, region=region, data=person_data, source=RegisterSource.OFFICE
        )
    else:
        if not Person.objects.for_actor(actor).filter(pk=person.pk, region=region).exists():
            raise NotFound(_("Orang tidak ditemukan."))
        check_domicile(
            region=region,
            regency_code=domicile_regency(
                nik=person.nik, domicile_regency_code=person.domicile_regency_code
            ),
        )
    if JobSeekerCard.objects.filter(person=person, status__in=OPEN_STATUSES).exists():
        raise Conflict(
            _("Orang ini sudah memiliki kartu pencari kerja yang masih terbuka."),
            code="card_already_open",
        )
    try:
        with transaction.atomic():
            return _create(
                region=region,
                person=person,
                wish=wish,
                channel=Channel.COUNTER,
                applicant={},
                actor=actor,
            )
    except IntegrityError:
        raise Conflict(
            _("Orang ini sudah memiliki kartu pencari kerja yang masih terbuka."),
            code="card_already_open",
        ) from None


def _create(
    *,
    region: Region,
    person: Person,
    wish: JobWish,
    channel: str,
    applicant: dict[str, str],
    actor: Any,
    ip_address: str | None = None,
    new_person: bool = False,
) -> JobSeekerCard:
    card = JobSeekerCard.objects.create(
        region=region,
        person=person,
        channel=channel,
        applicant=applicant,
        **_wish_fields(wish),
    )
    versions.bump(region.pk, versions.PEOPLE)
    audit.record(
        actor=actor,
        action=actions.CARD_REGISTER,
        target=card,
        changes={
            "status": ["", card.status],
            "channel": ["", channel],
            "new_person": [False, new_person],
        },
        ip_address=ip_address,
    )
    return card


# --- the office's check and issue -------------------------------------------------------


def _checked_photo(photo: UploadedFile | None) -> None:
    if photo is None:
        return
    size = photo.size or 0
    if size == 0 or size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("Pas foto harus JPG atau PNG, paling besar %(mb)d MB.")
            % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)},
            code="invalid_photo",
            field="photo",
        )
    photo.seek(0)
    head = photo.read(8)
    photo.seek(0)
    if not any(head.startswith(signature) for signature in _PHOTO_SIGNATURES):
        raise ValidationError(
            _("Pas foto harus JPG atau PNG, paling besar %(mb)d MB.")
            % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)},
            code="invalid_photo",
            field="photo",
        )


def card_number(region: Region, year: int, sequence: int) -> str:
    """`3375-2026-000123`: the region's Kemendagri code, the year, the year's sequence."""
    return f"{region.code.replace('.', '')}-{year}-{sequence:06d}"


def next_sequence(*, region: Region, year: int) -> int:
    """The next card sequence of `region` in `year`, inside the caller's transaction:
    the counter row is locked until it commits, so concurrent issues wait for each other
    and get consecutive numbers, none twice."""
    try:
        with transaction.atomic():
            CardCounter.objects.get_or_create(region=region, year=year)
    except IntegrityError:
        pass  # created by a concurrent issue a moment ago; locked below
    counter = CardCounter.objects.select_for_update().get(region=region, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def card_issue(
    *,
    actor: Any,
    card: JobSeekerCard,
    documents: DocumentCheck,
    photo: UploadedFile | None = None,
    on: date | None = None,
) -> JobSeekerCard:
    """The office has seen the KTP and the latest diploma (and the KK where the region asks
    for it) and has the 3×4 photo: the person's identity is verified through the registry,
    the card gets the next number of the region and year, and is valid for two years.

    A person whose record another office holds cannot be given a card here until that
    office moves them: a transfer request is sent and Conflict `person_elsewhere` raised."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    region = card.region
    if not documents.ktp or not documents.diploma:
        raise ValidationError(
            _("Periksa KTP dan ijazah terakhir sebelum menerbitkan kartu."),
            code="documents_missing",
            field="ktp",
        )
    if settings_of(region).require_kk and not documents.kk:
        raise ValidationError(
            _("Dinas ini meminta KK: periksa KK sebelum menerbitkan kartu."),
            code="kk_missing",
            field="kk",
        )
    _checked_photo(photo)
    if photo is None and not card.photo:
        raise ValidationError(_("Unggah pas foto 3×4."), code="photo_missing", field="photo")
    on = on or today_in(region)
    person = Person.objects.get(pk=card.person_id)
    if person.region_id != card.region_id:
        transfer_request_create(
            actor=actor, person=person, to_region=region, reason=str(_("Kartu AK/1"))
        )
        raise Conflict(
            _(
                "Data orang ini dikelola kantor lain. Permintaan pindah ke wilayah Anda telah "
                "dikirim; terbitkan kartu setelah disetujui."
            ),
            code="person_elsewhere",
        )
    with transaction.atomic():
        locked = _locked(card)
        _check_transition(locked, CardStatus.ACTIVE)
        if locked.status != CardStatus.SUBMITTED:
            raise InvalidTransition(
                _("Kartu ini sudah diterbitkan."), code="invalid_card_transition"
            )
        locked.person = _verify_identity(actor=actor, card=locked)
        locked.sequence = next_sequence(region=region, year=on.year)
        locked.year = on.year
        locked.number = card_number(region, on.year, locked.sequence)
        locked.ktp_checked, locked.diploma_checked = documents.ktp, documents.diploma
        locked.kk_checked = documents.kk
        if photo is not None:
            locked.photo = photo
        locked.checked_by = actor
        locked.issued_by = actor
        locked.issued_on = on
        locked.period_start = on
        locked.valid_until = add_months(on, VALIDITY_MONTHS)
        locked.status = CardStatus.ACTIVE
        locked.save()
        versions.bump(region.pk, versions.PEOPLE)
        audit.record(
            actor=actor,
            action=actions.CARD_ISSUE,
            target=locked,
            changes={
                "status": [CardStatus.SUBMITTED, CardStatus.ACTIVE],
                "number": [None, locked.number],
                "valid_until": [None, str(locked.valid_until)],
                "documents": {
                    "ktp": documents.ktp,
                    "diploma": documents.diploma,
                    "kk": documents.kk,
                },
            },
        )
    return locked


def _verify_identity(*, actor: Any, card: JobSeekerCard) -> Person:
    """The KTP is seen: a record nobody had verified takes this registration's typed
    fields and becomes verified, through the registry's own services."""
    person = card.person
    if person.is_verified:
        return person
    typed = {
        key: value
        for key, value in card.applicant.items()
        if key in EDITABLE_FIELDS and value and value != getattr(person, key)
    }
    if typed:
        person = person_update(actor=actor, person=person, changes=typed)
    return person_verify(actor=actor, person=person)


def card_reject(*, actor: Any, card: JobSeekerCard, reason: str) -> JobSeekerCard:
    """The office refuses a registration (documents do not match, not the person...)."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    reason = _clean(reason, 500)
    if not reason:
        raise ValidationError(_("Alasan wajib diisi."), code="reason_required", field="reason")
    return _move(actor=actor, card=card, to=CardStatus.REJECTED, note=reason)


def _move(
    *, actor: Any, card: JobSeekerCard, to: str, note: str = "", **fields: Any
) -> JobSeekerCard:
    with transaction.atomic():
        locked = _locked(card)
        _check_transition(locked, to)
        before = locked.status
        locked.status = to
        locked.status_note = note
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        versions.bump(locked.region_id, versions.PEOPLE)
        action = {
            CardStatus.REJECTED: actions.CARD_REJECT,
            CardStatus.HIRED: actions.CARD_CLOSE_HIRED,
            CardStatus.CLOSED: actions.CARD_CLOSE,
            CardStatus.EXPIRED: actions.CARD_EXPIRE,
        }[CardStatus(to)]
        audit.record(
            actor=actor,
            action=action,
            target=locked,
            changes={
                "status": [before, to],
                **{name: [None, str(value)] for name, value in fields.items()},
            },
        )
    return locked


# --- changes while the card is open -------------------------------------------------------


def card_update(*, actor: Any, card: JobSeekerCard, wish: JobWish) -> JobSeekerCard:
    """The holder reported new education, skills or wishes: the office updates the card."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    wish = checked_wish(wish, today=today_in(card.region))
    changes = _wish_fields(wish)
    with transaction.atomic():
        locked = _locked(card)
        if not locked.is_open:
            raise InvalidTransition(
                _("Kartu yang sudah ditutup tidak dapat diubah."), code="card_closed"
            )
        before = audit.snapshot(locked, changes)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        diff = audit.diff(before, changes)
        if diff:
            audit.record(actor=actor, action=actions.CARD_UPDATE, target=locked, changes=diff)
    return locked


def report_due_dates(card: JobSeekerCard) -> list[date]:
    """The due dates of the four reporting boxes of the card's current period."""
    if card.period_start is None:
        return []
    return [
        add_months(card.period_start, REPORT_EVERY_MONTHS * box)
        for box in range(1, REPORT_BOXES + 1)
    ]


def current_box(card: JobSeekerCard, today: date) -> int | None:
    """The box a report made `today` fills: the last one whose window has opened
    (REPORT_EARLY_DAYS before it is due), or None before the first."""
    box = None
    for number, due in enumerate(report_due_dates(card), start=1):
        if today >= due - timedelta(days=REPORT_EARLY_DAYS):
            box = number
    return box


def card_report(
    *, actor: Any, card: JobSeekerCard, on: date | None = None, note: str = ""
) -> JobSeekerReport:
    """The six-monthly report that the holder is still looking for work: online by the
    holder, or at the counter by the office. Each box is filled once."""
    policy = policy_for(JobSeekerCard)
    if not policy.can(actor, "report", card):
        raise NotFound(_("Kartu tidak ditemukan."))
    own = scope_of(actor).person_id == card.person_id
    channel = Channel.ONLINE if own and not _is_office(actor, card.region_id) else Channel.COUNTER
    today = today_in(card.region)
    on = on or today
    if on > today:
        raise ValidationError(
            _("Tanggal lapor tidak boleh di masa depan."), code="future_date", field="on"
        )
    note = _clean(note, 500)
    with transaction.atomic():
        locked = _locked(card)
        if locked.status != CardStatus.ACTIVE:
            raise InvalidTransition(
                _("Hanya kartu aktif yang dapat dilapori."), code="card_not_active"
            )
        box = current_box(locked, on)
        if box is None:
            first = report_due_dates(locked)[0]
            raise InvalidTransition(
                _("Belum waktunya melapor; laporan pertama jatuh tempo %(date)s.")
                % {"date": date_format(first, "DATE_FORMAT")},
                code="report_not_due",
            )
        if JobSeekerReport.objects.filter(card=locked, cycle=locked.renewals, box=box).exists():
            raise Conflict(
                _("Laporan ke-%(box)d periode ini sudah tercatat.") % {"box": box},
                code="report_exists",
            )
        report = JobSeekerReport.objects.create(
            region_id=locked.region_id,
            card=locked,
            cycle=locked.renewals,
            box=box,
            reported_on=on,
            channel=channel,
            note=note,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit.record(
            actor=actor,
            action=actions.CARD_REPORT,
            target=locked,
            changes={"report": [None, f"{locked.renewals}/{box}"], "channel": channel},
        )
    return report


def card_renew(*, actor: Any, card: JobSeekerCard, on: date | None = None) -> JobSeekerCard:
    """The office renews a card that is about to end (RENEW_EARLY_DAYS) or has ended: a
    new two-year period with four empty reporting boxes, the same number."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    on = on or today_in(card.region)
    with transaction.atomic():
        locked = _locked(card)
        if locked.status not in (CardStatus.ACTIVE, CardStatus.EXPIRED):
            raise InvalidTransition(
                _("Hanya kartu aktif atau habis masa berlaku yang dapat diperpanjang."),
                code="invalid_card_transition",
            )
        assert locked.valid_until is not None
        if on < locked.valid_until - timedelta(days=RENEW_EARLY_DAYS):
            raise InvalidTransition(
                _("Kartu dapat diperpanjang mulai %(date)s.")
                % {
                    "date": date_format(
                        locked.valid_until - timedelta(days=RENEW_EARLY_DAYS), "DATE_FORMAT"
                    )
                },
                code="renew_too_early",
            )
        before = (locked.status, str(locked.valid_until))
        locked.status = CardStatus.ACTIVE
        locked.renewals += 1
        locked.period_start = on
        locked.valid_until = add_months(on, VALIDITY_MONTHS)
        locked.save()
        versions.bump(locked.region_id, versions.PEOPLE)
        audit.record(
            actor=actor,
            action=actions.CARD_RENEW,
            target=locked,
            changes={
                "status": [before[0], locked.status],
                "valid_until": [before[1], str(locked.valid_until)],
                "renewals": [locked.renewals - 1, locked.renewals],
            },
        )
    return locked


def card_close(*, actor: Any, card: JobSeekerCard, reason: str) -> JobSeekerCard:
    """The office closes a card for another reason than work (moved away, asked to)."""
    if not _is_office(actor, card.region_id):
        raise NotFound(_("Kartu tidak ditemukan."))
    reason = _clean(reason, 500)
    if not reason:
        raise ValidationError(_("Alasan wajib diisi."), code="reason_required", field="reason")
    return _move(
        actor=actor,
        card=card,
        to=CardStatus.CLOSED,
        note=reason,
        closed_on=today_in(card.region),
        close_source=CloseSource.OFFICE,
    )


def card_close_hired(
    *,
    actor: Any,
    person: Person,
    on: date,
    employer_name: str,
    source: str = CloseSource.OFFICE,
    company_id: int | None = None,
) -> JobSeekerCard | None:
    """Close the person's issued card (active or expired) because they are working, from
    `on`, at `employer_name`; returns it, or None when the person holds no such card.

    `source` says who reported it. The holder (`holder`) and the office of the card's
    region (`office`) are checked here; `employer` (a referral recorded as hired) and
    `tracer` (a tracer answer "working") are called by the placement and outcomes
    services, which have already checked their own actor, so the actor is only recorded."""
    if source not in CloseSource.values:
        raise ValidationError(_("Sumber tidak dikenal."), code="invalid_source")
    employer_name = _clean(employer_name, 200)
    if not employer_name:
        raise ValidationError(
            _("Isi nama pemberi kerja."), code="employer_required", field="employer_name"
        )
    card = (
        JobSeekerCard.objects.filter(
            person=person, status__in=(CardStatus.ACTIVE, CardStatus.EXPIRED)
        )
        .select_related("region")
        .first()
    )
    if source in (CloseSource.HOLDER, CloseSource.OFFICE):
        allowed = card is not None and (
            _is_office(actor, card.region_id)
            if source == CloseSource.OFFICE
            else scope_of(actor).person_id == person.pk
        )
        if not allowed:
            raise NotFound(_("Kartu tidak ditemukan."))
    if card is None:
        return None
    today = today_in(card.region)
    if source in (CloseSource.EMPLOYER, CloseSource.TRACER):
        # Reported by others about the past: the card closes within its own life.
        on = min(max(on, card.issued_on or on), today)
    if card.issued_on and on < card.issued_on:
        raise ValidationError(
            _("Tanggal mulai bekerja tidak boleh sebelum kartu terbit."),
            code="before_issue",
            field="on",
        )
    if on > today:
        raise ValidationError(
            _("Tanggal mulai bekerja tidak boleh di masa depan."), code="future_date", field="on"
        )
    return _move(
        actor=actor,
        card=card,
        to=CardStatus.HIRED,
        closed_on=on,
        close_source=source,
        employer_name=employer_name,
        employer_company_id=company_id,
    )


# --- the daily run -----------------------------------------------------------------------


def cards_expire(*, today: date | None = None) -> int:
    """End every active card whose validity has passed (safe to run daily)."""
    today = today or timezone.localdate()
    ids = list(
        JobSeekerCard.objects.filter(status=CardStatus.ACTIVE, valid_until__lt=today).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        cards = list(
            JobSeekerCard.objects.select_for_update()
            .filter(pk__in=ids, status=CardStatus.ACTIVE)
            .order_by("pk")
        )
        for card in cards:
            card.status = CardStatus.EXPIRED
        JobSeekerCard.objects.bulk_update(cards, ["status"])
        audit.record_many(
            actor=None,
            action=actions.CARD_EXPIRE,
            targets=[(card, {"status": [CardStatus.ACTIVE, CardStatus.EXPIRED]}) for card in cards],
        )
        for region_id in {card.region_id for card in cards}:
            versions.bump(region_id, versions.PEOPLE)
    return len(cards)


def cards_remind(*, today: date | None = None) -> int:
    """Tell each holder of an active card (in the app, by email, or as a WhatsApp text the
    office sends) that a report is due within REMIND_DAYS or that the card ends within
    RENEW_EARLY_DAYS; each once (the notification's key). Returns how many were told."""
    today = today or timezone.localdate()
    cards = list(
        JobSeekerCard.objects.filter(status=CardStatus.ACTIVE)
        .select_related("person")
        .prefetch_related("reports")
        .order_by("pk")
    )
    told = 0
    with transaction.atomic():
        for card in cards:
            link = reverse("jobseekers:my_cards")
            recipient = Recipient.of_person(card.person)
            reported = {(r.cycle, r.box) for r in card.reports.all()}
            for box, due in enumerate(report_due_dates(card), start=1):
                if (card.renewals, box) in reported:
                    continue
                if today <= due <= today + timedelta(days=REMIND_DAYS):
                    told += len(
                        notify(
                            kind="jobseeker_report_due",
                            region_id=card.region_id,
                            recipients=[recipient],
                            link=link,
                            params={
                                "box": box,
                                "number": card.number,
                                "due": date_format(due, "j F Y"),
                            },
                            key=f"ak1_report:{card.pk}:{card.renewals}:{box}",
                        )
                    )
            assert card.valid_until is not None
            if today <= card.valid_until <= today + timedelta(days=RENEW_EARLY_DAYS):
                told += len(
                    notify(
                        kind="jobseeker_card_expiring",
                        region_id=card.region_id,
                        recipients=[recipient],
                        link=link,
                        params={
                            "number": card.number,
                            "date": date_format(card.valid_until, "j F Y"),
                        },
                        key=f"ak1_expiring:{card.pk}:{card.renewals}",
                    )
                )
        if told:
            audit.record(actor=None, action=actions.CARD_REMIND, changes={"told": told})
    return told


# --- settings ----------------------------------------------------------------------------


def settings_update(
    *, actor: Any, region: Region, require_kk: bool, officer_name: str, officer_nip: str
) -> JobSeekerSettings:
    """The office sets whether the KK is asked and who signs page 2 of the card."""
    if not _is_office(actor, region.pk):
        raise NotFound(_("Wilayah tidak ditemukan."))
    officer_nip = officer_nip.replace(" ", "")
    if officer_nip and not (officer_nip.isdigit() and len(officer_nip) == 18):
        raise ValidationError(
            _("NIP terdiri dari 18 angka."), code="invalid_nip", field="officer_nip"
        )
    changes = {
        "require_kk": require_kk,
        "officer_name": _clean(officer_name, 120),
        "officer_nip": officer_nip,
    }
    with transaction.atomic():
        found, _created = JobSeekerSettings.objects.select_for_update().get_or_create(region=region)
        before = audit.snapshot(found, changes)
        for name, value in changes.items():
            setattr(found, name, value)
        found.save()
        audit.record(
            actor=actor,
            action=actions.SETTINGS_UPDATE,
            target=found,
            region=region,
            changes=audit.diff(before, changes),
        )
    return found
