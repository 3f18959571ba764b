"""Registering people: the one write path that creates a `Person`.

Office staff at the counter (the form), the public registration for a batch and the
participant import all come here: the NIK, name, education and phone are checked and
normalised the same way, the record is built the same way, and every person created leaves
one "trainees.person.create" audit event with the NIK recorded only as changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit, versions
from jejaring.core.errors import Conflict, PermissionDenied, ValidationError
from jejaring.core.phone import PhoneError, normalise_phone
from jejaring.core.validation_messages import message_for
from jejaring.regions.models import Region
from jejaring.trainees import audit_actions
from jejaring.trainees.models import Education, Person
from jejaring.trainees.nik import NikError, parse_nik
from jejaring.trainees.services.transfers import TransferRequested, transfer_request_create


class RegisterSource(StrEnum):
    """Who registers a person, which decides who may and what a known NIK means."""

    #: Office staff of the region, at the counter: a NIK already registered is refused,
    #: or becomes a transfer request when another office holds it.
    OFFICE = "office"
    #: The public registration for a batch (no account needed). The caller has found no
    #: person with the NIK and must not tell the registrant either way.
    SELF = "self"
    #: A participant import. The caller has checked that the actor may import into the
    #: region and passes only NIKs it found no person for.
    IMPORT = "import"


@dataclass(frozen=True)
class PersonData:
    nik: str
    full_name: str
    education: str
    sex: str | None = None
    birth_date: date | None = None
    birth_place: str = ""
    education_major: str = ""
    address: str = ""
    domicile_village_code: str = ""
    domicile_district_code: str = ""
    domicile_regency_code: str = ""
    phone: str = ""
    email: str = ""
    disability: str = ""
    #: Office staff registering at the counter have seen the person's KTP.
    ktp_seen: bool = False
    #: The version of the personal-data consent text the person agreed to, if they did.
    consent_version: str = ""


def checked_nik(
    nik: str, *, sex: str | None, birth_date: date | None
) -> tuple[str, str, date, bool]:
    """Parse the NIK and check it against the sex and birth date typed beside it:
    (nik, sex, birth date, needs review)."""
    try:
        parsed = parse_nik(nik, today=timezone.localdate())
    except NikError as error:
        raise ValidationError(
            message_for(error.code, error.params), code=error.code, field="nik"
        ) from None
    if sex and sex != parsed.sex:
        raise ValidationError(
            _("Jenis kelamin tidak sesuai dengan NIK (tanggal lahir perempuan ditambah 40)."),
            code="nik_sex_mismatch",
            field="sex",
        )
    if birth_date and birth_date != parsed.birth_date:
        raise ValidationError(
            _("Tanggal lahir tidak sesuai dengan NIK."),
            code="nik_birth_date_mismatch",
            field="birth_date",
        )
    return parsed.nik, parsed.sex, parsed.birth_date, parsed.needs_review


def checked_phone(phone: str) -> str:
    """The phone number in E.164 form; empty stays empty."""
    if not phone.strip():
        return ""
    try:
        return normalise_phone(phone)
    except PhoneError as error:
        raise ValidationError(
            message_for(error.code, error.params), code=error.code, field="phone"
        ) from None


def checked_full_name(full_name: str) -> str:
    """The name with its spaces tidied; required, and at most the column's 200 characters."""
    name = " ".join(full_name.split())
    if not name:
        raise ValidationError(_("Nama lengkap wajib diisi."), code="required", field="full_name")
    if len(name) > 200:
        raise ValidationError(_("Nama terlalu panjang."), code="too_long", field="full_name")
    return name


def check_education(education: str) -> None:
    if education not in Education.values:
        raise ValidationError(
            _("Pilih pendidikan terakhir."), code="invalid_education", field="education"
        )


def person_build(*, actor: Any, region: Region, data: PersonData) -> Person:
    """The unsaved person `data` describes, checked and normalised; raises ValidationError
    for the first bad field and writes nothing."""
    nik, sex, birth_date, needs_review = checked_nik(
        data.nik, sex=data.sex, birth_date=data.birth_date
    )
    phone = checked_phone(data.phone)
    full_name = checked_full_name(data.full_name)
    check_education(data.education)
    person = Person(
        region=region,
        nik=nik,
        nik_needs_review=needs_review,
        sex=sex,
        birth_date=birth_date,
        full_name=full_name,
        birth_place=data.birth_place.strip()[:100],
        education=data.education,
        education_major=data.education_major.strip()[:120],
        address=data.address.strip(),
        domicile_village_code=data.domicile_village_code,
        domicile_district_code=data.domicile_district_code,
        domicile_regency_code=data.domicile_regency_code,
        phone=phone,
        email=data.email.strip().lower(),
        disability=data.disability.strip(),
    )
    now = timezone.now()
    if data.ktp_seen:
        person.verified_at = now
        person.verified_by = actor if getattr(actor, "is_authenticated", False) else None
    if data.consent_version:
        person.consent_at = now
        person.consent_version = data.consent_version
    return person


def person_register(
    *, actor: Any, region: Region, data: PersonData, source: RegisterSource
) -> Person:
    """Register a person in `region`'s registry. One person per NIK in the whole
    deployment. From the office (office staff of `region` only), a NIK another office
    holds is not shown or changed: a transfer request goes to that office
    (TransferRequested). `data.ktp_seen` records that the person's identity was verified
    at the counter; a person registered any other way stays unverified until someone sees
    their KTP. Two registrations of one NIK at the same moment: one wins, the other gets
    a Conflict that names nothing of the record."""
    if source == RegisterSource.OFFICE and not scope_of(actor).is_office_of(region.pk):
        raise PermissionDenied(_("Anda tidak berwenang mendaftarkan orang di wilayah ini."))
    person = person_build(actor=actor, region=region, data=data)
    if source == RegisterSource.OFFICE:
        existing = Person.objects.filter(nik=person.nik).first()
        if existing is not None:
            _refuse_existing(actor=actor, region=region, person=existing)
    try:
        with transaction.atomic():
            person.save()
            versions.bump(person.region_id, versions.PEOPLE)
            audit.record(
                actor=actor,
                action=audit_actions.PERSON_CREATE,
                target=person,
                changes=_created(person),
            )
    except IntegrityError:
        raise Conflict(_busy(source), code="registration_busy", field="nik") from None
    return person


def person_register_many(
    *,
    actor: Any,
    region: Region,
    data: Sequence[PersonData],
    source: RegisterSource = RegisterSource.IMPORT,
) -> list[Person]:
    """Register many people in `region` at once, each checked, built and audited as
    `person_register` does it, in bulk inserts (an import brings tens of thousands).
    Runs inside the caller's transaction; the caller passes only NIKs it found no person
    for, and a bad item raises ValidationError before anything is written."""
    if source == RegisterSource.OFFICE:
        raise ValueError("office staff register one person at a time (person_register)")
    people = [person_build(actor=actor, region=region, data=item) for item in data]
    Person.objects.bulk_create(people)
    versions.bump(region.pk, versions.PEOPLE)
    audit.record_many(
        actor=actor,
        action=audit_actions.PERSON_CREATE,
        targets=[(person, _created(person)) for person in people],
        region=region,
    )
    return people


def _created(person: Person) -> dict[str, list[Any]]:
    return audit.diff(
        {},
        {"full_name": person.full_name, "nik": person.nik, "verified": person.is_verified},
    )


def _busy(source: RegisterSource) -> Any:
    if source == RegisterSource.OFFICE:
        return _("Pendaftaran NIK ini sedang diproses; coba lagi sebentar lagi.")
    # The public answer does not even say that the NIK is involved.
    return _("Pendaftaran sedang diproses; coba lagi sebentar lagi.")


def _refuse_existing(*, actor: Any, region: Region, person: Person) -> None:
    """A NIK already in the registry. Someone who may see the record is told so; anyone
    else learns nothing of it: a transfer request goes to its home office, which decides
    (and sees who asked), and the answer names neither that office nor the record."""
    if Person.objects.for_actor(actor).filter(pk=person.pk).exists():
        raise Conflict(_("NIK ini sudah terdaftar."), code="nik_taken", field="nik")
    transfer_request_create(actor=actor, person=person, to_region=region)
    raise TransferRequested(
        _(
            "Data orang dengan NIK ini dikelola kantor lain. Permintaan pindah ke wilayah "
            "Anda telah dikirim kepada kantor tersebut; datanya tampil di sini setelah "
            "disetujui."
        ),
        code="transfer_requested",
        field="nik",
    )
