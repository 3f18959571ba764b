"""Registration online and at the counter, through the person registry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.accounts.services import applicant_account
from jejaring.core import audit, versions
from jejaring.core.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jejaring.jobseekers import audit_actions as actions
from jejaring.jobseekers.models import (
    OPEN_STATUSES,
    Channel,
    JobSeekerCard,
)
from jejaring.jobseekers.services.common import (
    CONSENT_VERSION,
    JobWish,
    _clean,
    _is_office,
    _wish_fields,
    check_domicile,
    checked_wish,
    domicile_regency,
)
from jejaring.regions import areas
from jejaring.regions.calendar import today_in
from jejaring.regions.models import Region
from jejaring.trainees.models import Person
from jejaring.trainees.services import (
    PersonData,
    RegisterSource,
    checked_full_name,
    checked_nik,
    checked_phone,
    person_register,
)

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
    base_url: str = "",
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
    the office to go to. Bad input raises ValidationError and writes nothing.

    The card belongs to the submitter's account, or to one invited on the typed email
    (`accounts.services.applicant_account`, the same rule as a training registration;
    `base_url` makes the set-password link absolute); it is bound to the person at issue."""
    today = today_in(region)
    wish = checked_wish(wish, today=today)
    own_person_id = scope_of(submitter).person_id
    if identity is None:
        if own_person_id is None:
            raise ValidationError(_("Isi data diri Anda."), code="identity_required")
        own = Person.objects.get(pk=own_person_id)
        check_domicile(
            region=region,
            regency_code=domicile_regency(
                nik=own.nik, domicile_regency_code=own.domicile_regency_code
            ),
        )
        if JobSeekerCard.objects.filter(person=own, status__in=OPEN_STATUSES).exists():
            raise Conflict(
                _("Anda sudah memiliki kartu pencari kerja yang masih terbuka."),
                code="card_already_open",
            )
        with transaction.atomic():
            return _create(
                region=region,
                person=own,
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
        # Before the duplicate check, so that the invitation mail says nothing about it.
        applicant_user = applicant_account(
            submitter=submitter, email=email, full_name=full_name, base_url=base_url
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
                    applicant_user=applicant_user,
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
    applicant_user: Any = None,
) -> JobSeekerCard:
    card = JobSeekerCard.objects.create(
        region=region,
        person=person,
        channel=channel,
        applicant=applicant,
        applicant_user=applicant_user,
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
