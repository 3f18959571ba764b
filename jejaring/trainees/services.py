"""Writes to the person registry. Each is atomic and leaves an audit event; the NIK and
phone are recorded in the audit only as changed, never in clear."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core import audit
from jejaring.core.errors import Conflict, InvalidTransition, PermissionDenied, ValidationError
from jejaring.core.phone import PhoneError, normalise_phone
from jejaring.core.policies import policy_for
from jejaring.core.validation_messages import message_for
from jejaring.regions.models import Region
from jejaring.trainees.models import Person, TransferRequest
from jejaring.trainees.nik import NikError, parse_nik

#: What may change after registration, in form order; the NIK and what follows from it
#: (sex, birth date) may not.
EDITABLE_FIELDS = (
    "full_name",
    "birth_place",
    "education",
    "education_major",
    "address",
    "domicile_regency_code",
    "domicile_district_code",
    "domicile_village_code",
    "phone",
    "email",
    "disability",
)


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


class TransferRequested(Conflict):
    """The NIK belongs to a person of another office: a request to move them here was sent
    to that office instead of creating or showing anything."""


def _checked_nik(
    nik: str, *, sex: str | None, birth_date: date | None
) -> tuple[str, str, date, bool]:
    """Parse the NIK and check it against the sex and birth date typed beside it."""
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


def _checked_phone(phone: str) -> str:
    if not phone.strip():
        return ""
    try:
        return normalise_phone(phone)
    except PhoneError as error:
        raise ValidationError(
            message_for(error.code, error.params), code=error.code, field="phone"
        ) from None


def person_create(*, actor: Any, region: Region, data: PersonData) -> Person:
    """Register a person in `region`'s registry (office staff of that region). One person
    per NIK in the whole deployment: a NIK another office holds is not shown or changed;
    a transfer request goes to that office (TransferRequested). `data.ktp_seen` records
    that the person's identity was verified at the counter."""
    if not scope_of(actor).is_office_of(region.pk):
        raise PermissionDenied(_("Anda tidak berwenang mendaftarkan orang di wilayah ini."))
    nik, sex, birth_date, needs_review = _checked_nik(
        data.nik, sex=data.sex, birth_date=data.birth_date
    )
    phone = _checked_phone(data.phone)
    if not data.full_name.strip():
        raise ValidationError(_("Nama lengkap wajib diisi."), code="required", field="full_name")
    person = Person(
        region=region,
        nik=nik,
        nik_needs_review=needs_review,
        sex=sex,
        birth_date=birth_date,
        full_name=" ".join(data.full_name.split()),
        birth_place=data.birth_place.strip(),
        education=data.education,
        education_major=data.education_major.strip(),
        address=data.address.strip(),
        domicile_village_code=data.domicile_village_code,
        domicile_district_code=data.domicile_district_code,
        domicile_regency_code=data.domicile_regency_code,
        phone=phone,
        email=data.email.strip().lower(),
        disability=data.disability.strip(),
    )
    if data.ktp_seen:
        person.verified_at = timezone.now()
        person.verified_by = actor if getattr(actor, "is_authenticated", False) else None
    existing = Person.objects.filter(nik=nik).first()
    if existing is not None:
        _refuse_existing(actor=actor, region=region, person=existing)
    try:
        with transaction.atomic():
            person.save()
            audit.record(
                actor=actor,
                action="trainees.person.create",
                target=person,
                changes=audit.diff(
                    {}, {"full_name": person.full_name, "nik": nik, "verified": data.ktp_seen}
                ),
            )
    except IntegrityError:
        # Two offices registering the same NIK at the same moment: one wins.
        raise Conflict(
            _("Pendaftaran NIK ini sedang diproses; coba lagi sebentar lagi."),
            code="registration_busy",
            field="nik",
        ) from None
    return person


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


def transfer_request_create(
    *, actor: Any, person: Person, to_region: Region, reason: str = ""
) -> TransferRequest:
    """Ask the person's home office to move them to `to_region` (office staff of that
    region only). One open request per person and region; asking again returns it."""
    if not scope_of(actor).is_office_of(to_region.pk):
        raise PermissionDenied(_("Anda tidak berwenang mengajukan pindah wilayah ke sini."))
    if person.region_id == to_region.pk:
        raise Conflict(_("Orang ini sudah tercatat di wilayah ini."), code="same_region")
    with transaction.atomic():
        request, created = TransferRequest.objects.get_or_create(
            person=person,
            to_region=to_region,
            status=TransferRequest.Status.OPEN,
            defaults={
                "region_id": person.region_id,
                "requested_by": actor if getattr(actor, "is_authenticated", False) else None,
                "reason": " ".join(reason.split())[:300],
            },
        )
        if created:
            audit.record(
                actor=actor,
                action="trainees.person.transfer_request",
                target=request,
                changes={"to_region": [None, to_region.pk]},
            )
    return request


def transfer_request_decide(
    *, actor: Any, request: TransferRequest, accept: bool
) -> TransferRequest:
    """The home office accepts (the person's record moves to the asking region) or
    declines a transfer request. Audited in both regions."""
    if not policy_for(TransferRequest).can(actor, "decide", request):
        raise PermissionDenied(_("Anda tidak berwenang memutuskan permintaan ini."))
    with transaction.atomic():
        locked = TransferRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != TransferRequest.Status.OPEN:
            raise InvalidTransition(
                _("Permintaan ini sudah diputuskan."), code="transfer_already_decided"
            )
        locked.status = (
            TransferRequest.Status.ACCEPTED if accept else TransferRequest.Status.DECLINED
        )
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(
            actor=actor,
            action="trainees.person.transfer_decide",
            target=locked,
            changes={"status": [TransferRequest.Status.OPEN, locked.status]},
        )
        if accept:
            person = Person.objects.select_for_update().get(pk=locked.person_id)
            from_region = person.region_id
            person.region_id = locked.to_region_id
            person.save(update_fields=["region", "updated_at"])
            for region_id in (from_region, locked.to_region_id):
                audit.record(
                    actor=actor,
                    action="trainees.person.transfer",
                    target=person,
                    region=Region.objects.get(pk=region_id),
                    changes={"region": [from_region, locked.to_region_id]},
                )
    return locked


def transfer_request_list_for(*, actor: Any) -> Any:
    return (
        TransferRequest.objects.for_actor(actor)
        .filter(status=TransferRequest.Status.OPEN)
        .select_related("person", "to_region", "region")
    )


def person_update(*, actor: Any, person: Person, changes: dict[str, Any]) -> Person:
    """Change the editable fields of a person; the NIK, sex and birth date follow the NIK
    and are not edited here."""
    if not policy_for(Person).can(actor, "change", person):
        raise PermissionDenied(_("Anda tidak berwenang mengubah data orang ini."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Kolom tidak dapat diubah: %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            code="not_editable",
        )
    if "phone" in changes:
        changes["phone"] = _checked_phone(changes["phone"])
    if "full_name" in changes:
        changes["full_name"] = " ".join(str(changes["full_name"]).split())
        if not changes["full_name"]:
            raise ValidationError(
                _("Nama lengkap wajib diisi."), code="required", field="full_name"
            )
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        before = audit.snapshot(locked, changes)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*changes, "updated_at"])
        diff = audit.diff(before, changes)
        if diff:
            audit.record(actor=actor, action="trainees.person.update", target=locked, changes=diff)
    return locked


def person_verify(*, actor: Any, person: Person) -> Person:
    """The home office records that it has seen the person's KTP at the counter."""
    if (
        not policy_for(Person).can(actor, "change", person)
        or scope_of(actor).person_id == person.pk
    ):
        raise PermissionDenied(_("Anda tidak berwenang memverifikasi identitas orang ini."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.is_verified:
            return locked
        locked.verified_at = timezone.now()
        locked.verified_by = actor
        locked.save(update_fields=["verified_at", "verified_by", "updated_at"])
        audit.record(
            actor=actor,
            action="trainees.person.verify",
            target=locked,
            changes={"verified": [False, True]},
        )
    return locked


def person_reveal_nik(*, actor: Any, person: Person, ip_address: str | None = None) -> str:
    """Return the full NIK to someone entitled to it, and audit that they read it
    (UU 27/2022 on personal data protection)."""
    if not policy_for(Person).can(actor, "reveal_nik", person):
        raise PermissionDenied(_("Anda tidak berwenang melihat NIK lengkap."))
    with transaction.atomic():
        audit.record(
            actor=actor, action="trainees.person.reveal_nik", target=person, ip_address=ip_address
        )
    return person.nik


def person_export_own_data(*, actor: Any, person: Person) -> dict[str, Any]:
    """Everything Jejaring holds about the person, for the person themself (audited)."""
    if not policy_for(Person).can(actor, "export", person):
        raise PermissionDenied(_("Anda tidak berwenang mengekspor data ini."))
    from jejaring.trainees.selectors import person_data_export

    with transaction.atomic():
        audit.record(actor=actor, action="trainees.person.export", target=person)
        return person_data_export(person=person)
