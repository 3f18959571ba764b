"""Public registration for a batch, from a phone and without an account.

`registration_submit` does everything in one transaction: it records what was typed as an
enrolment of an unverified identity, with its documents, gives the registration to the
submitting (or a newly invited) account, and emails a confirmation after commit.

What a registrant learns must not depend on whether their NIK was already known: the
person's record is never changed, shown or mailed, and the answer is the same. Identity is
verified by an operator who sees the KTP at selection (`training.identity`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.services import applicant_account
from jejaring.core import audit, versions
from jejaring.core.errors import NotFound, ValidationError
from jejaring.regions import areas
from jejaring.trainees.models import Person
from jejaring.trainees.services import (
    PersonData,
    RegisterSource,
    check_education,
    checked_full_name,
    checked_nik,
    checked_phone,
    person_register,
)
from jejaring.training import audit_actions as actions
from jejaring.training.identity import applicant_snapshot, contact_differs, review_raise
from jejaring.training.models import Batch, Enrolment, EnrolmentDocument, IdentityReview

#: Version of the personal-data consent text shown on the form (UU 27/2022).
CONSENT_VERSION = "2022.1"
#: Upload limits: a phone photo of a KTP or a scanned diploma fits easily.
MAX_DOCUMENT_BYTES = 3 * 1024 * 1024
MAX_DOCUMENTS = 3
#: Accepted documents by extension, with the magic bytes their content must start with.
DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
#: A name as printed on a KTP: letters with spaces and the punctuation names use. The
#: name is the only typed text the confirmation email repeats, so nothing that reads as a
#: link or an address may pass (docs/security.md, "mail").
_NAME = re.compile(r"^[^\W\d_]+(?:[ .,'\-]+[^\W\d_]+)*\.?$")
_LINK_LIKE = re.compile(r"\.[^\W\d_]{2,}|www|http", re.IGNORECASE)


@dataclass(frozen=True)
class DocumentUpload:
    kind: str
    file: UploadedFile


@dataclass(frozen=True)
class RegistrationData:
    nik: str
    full_name: str
    education: str
    email: str
    phone: str
    sex: str | None = None
    birth_date: date | None = None
    birth_place: str = ""
    education_major: str = ""
    address: str = ""
    domicile_regency_code: str = ""
    domicile_district_code: str = ""
    domicile_village_code: str = ""
    motivation: str = ""
    consent: bool = False
    documents: tuple[DocumentUpload, ...] = field(default_factory=tuple)


# --- reads -----------------------------------------------------------------------------


def open_batch_list(*, today: date | None = None) -> QuerySet[Batch]:
    """Batches anyone may register for today, in every region, soonest first, each
    annotated with `seats_taken`."""
    today = today or timezone.localdate()
    return (
        Batch.objects.filter(status=Batch.Status.OPEN)
        .filter(Q(registration_opens_on__isnull=True) | Q(registration_opens_on__lte=today))
        .filter(Q(registration_closes_on__isnull=True) | Q(registration_closes_on__gte=today))
        .select_related("program", "program__vocation", "institution", "region")
        .annotate(
            seats_taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.SEATED))
        )
        .order_by("start_date", "pk")
    )


def open_batch_regions(*, today: date | None = None) -> list[tuple[str, str]]:
    """(slug, name) of the regions with a batch open for registration, by name."""
    return sorted(
        set(open_batch_list(today=today).values_list("region__slug", "region__name")),
        key=lambda pair: pair[1],
    )


def open_batch_get(*, batch_id: int, today: date | None = None) -> Batch:
    """One batch open for registration; NotFound for any other (closed, cancelled,
    planned or unknown alike)."""
    batch = open_batch_list(today=today).filter(pk=batch_id).first()
    if batch is None:
        raise NotFound(_("Paket tidak ditemukan atau pendaftarannya sudah ditutup."))
    return batch


def seats_left(batch: Batch) -> int:
    taken = getattr(batch, "seats_taken", None)
    if taken is None:
        taken = batch.enrolments.filter(status__in=Enrolment.SEATED).count()
    return max(batch.capacity - taken, 0)


# --- checks ----------------------------------------------------------------------------


def _checked_contact(data: RegistrationData) -> tuple[str, str]:
    email = data.email.strip().lower()
    if email and ("@" not in email or len(email) > 254 or any(c.isspace() for c in email)):
        raise ValidationError(
            _("Alamat email tidak valid; kosongkan bila tidak punya email."),
            code="invalid_email",
            field="email",
        )
    if not data.phone.strip():
        raise ValidationError(_("Nomor HP wajib diisi."), code="required", field="phone")
    return email, checked_phone(data.phone)


def _check_address(data: RegistrationData) -> None:
    regency, district = data.domicile_regency_code, data.domicile_district_code
    village = data.domicile_village_code
    if regency and regency not in areas.load_areas().regencies:
        raise ValidationError(
            _("Kabupaten/kota tidak dikenal."), code="unknown_area", field="domicile_regency_code"
        )
    if district and (not regency or not district.startswith(regency + ".")):
        raise ValidationError(
            _("Kecamatan tidak berada di kabupaten/kota ini."),
            code="area_mismatch",
            field="domicile_district_code",
        )
    if village and (not district or not village.startswith(district + ".")):
        raise ValidationError(
            _("Kelurahan/desa tidak berada di kecamatan ini."),
            code="area_mismatch",
            field="domicile_village_code",
        )


def check_document(upload: DocumentUpload) -> None:
    """Refuse a document of an unknown kind, too large, empty, or whose content is not
    what its name says (a PDF, JPEG or PNG)."""
    if upload.kind not in EnrolmentDocument.Kind.values:
        raise ValidationError(_("Jenis dokumen tidak dikenal."), code="invalid_document_kind")
    name = (upload.file.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    size = upload.file.size or 0
    if size == 0:
        raise ValidationError(
            _("Berkas %(name)s kosong.") % {"name": upload.file.name},
            code="empty_document",
            field="documents",
        )
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Berkas %(name)s terlalu besar; maksimal %(mb)d MB.")
            % {"name": upload.file.name, "mb": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            code="document_too_large",
            field="documents",
        )
    signatures = DOCUMENT_SIGNATURES.get(extension)
    upload.file.seek(0)
    head = upload.file.read(8)
    upload.file.seek(0)
    if signatures is None or not any(head.startswith(s) for s in signatures):
        raise ValidationError(
            _("Berkas %(name)s harus PDF, JPG atau PNG.") % {"name": upload.file.name},
            code="invalid_document_type",
            field="documents",
        )


def _checked(data: RegistrationData) -> tuple[str, str, str, str]:
    """(nik, full name, email, phone) once every field passed, in the form's order. The
    checks the registry makes of every new person are the registry's own."""
    nik, _sex, _birth_date, _needs_review = checked_nik(
        data.nik, sex=data.sex, birth_date=data.birth_date
    )
    full_name = checked_full_name(data.full_name)
    if not _NAME.match(full_name) or _LINK_LIKE.search(full_name):
        raise ValidationError(
            _("Nama hanya boleh berisi huruf, spasi dan tanda baca nama (. , ' -)."),
            code="invalid_name",
            field="full_name",
        )
    check_education(data.education)
    email, phone = _checked_contact(data)
    _check_address(data)
    if len(data.address) > 500 or len(data.motivation) > 2000:
        raise ValidationError(_("Isian terlalu panjang."), code="too_long")
    if not data.consent:
        raise ValidationError(
            _("Anda perlu menyetujui pengolahan data pribadi untuk mendaftar."),
            code="consent_required",
            field="consent",
        )
    if len(data.documents) > MAX_DOCUMENTS:
        raise ValidationError(
            _("Paling banyak %(count)d dokumen.") % {"count": MAX_DOCUMENTS},
            code="too_many_documents",
            field="documents",
        )
    for upload in data.documents:
        check_document(upload)
    return nik, full_name, email, phone


# --- the write -------------------------------------------------------------------------


def registration_submit(
    *,
    batch_id: int,
    data: RegistrationData,
    base_url: str = "",
    ip_address: str | None = None,
    today: date | None = None,
    submitter: Any = None,
) -> Enrolment | None:
    """Register someone for an open batch. A bad field or a closed batch raises an
    ApplicationError and writes nothing; otherwise the registrant is answered the same way
    whatever the NIK's state (docs/security.md, "no oracles"):

    - a NIK not yet known becomes an *unverified* person of the batch's region holding
      what was typed;
    - a NIK already known is named by the enrolment but nothing of its record is changed,
      shown or mailed; the enrolment waits for a KTP check at selection (and, for another
      region's person, their home office);
    - a NIK already registered for this batch adds no enrolment: staff get a review item.

    No account is bound to a person here. The registration belongs to the account that
    submitted it (`submitter`), or to an account invited on the typed email when no
    account has that email; that account sees only its own registrations until an
    operator verifies the identity. The email is optional (a phone number is enough). The
    confirmation goes to the typed email, if any, and carries no free text from the form
    but the name. Returns the enrolment, or None when the
    submission became a review item."""
    nik, full_name, email, phone = _checked(data)
    applicant = applicant_snapshot(
        full_name=full_name,
        education=data.education,
        education_major=data.education_major.strip()[:120],
        birth_place=data.birth_place.strip()[:100],
        address=data.address.strip(),
        domicile_regency_code=data.domicile_regency_code,
        domicile_district_code=data.domicile_district_code,
        domicile_village_code=data.domicile_village_code,
        email=email,
        phone=phone,
    )
    with transaction.atomic():
        batch = Batch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or not open_batch_list(today=today).filter(pk=batch.pk).exists():
            raise NotFound(_("Paket tidak ditemukan atau pendaftarannya sudah ditutup."))
        person = Person.objects.select_for_update().filter(nik=nik).first()
        is_new = person is None
        if person is None:
            # An unverified person holding what was typed, until a KTP check at selection.
            person = person_register(
                actor=None,
                region=batch.region,
                data=_person_data(data, email=email, phone=phone),
                source=RegisterSource.SELF,
            )
        applicant_user = applicant_account(
            submitter=submitter, email=email, full_name=full_name, base_url=base_url
        )
        if Enrolment.objects.filter(batch=batch, person=person).exists():
            review_raise(
                IdentityReview.Kind.DUPLICATE,
                region_id=batch.region_id,
                person=person,
                batch_id=batch.pk,
                applicant=applicant,
            )
            audit.record(
                actor=submitter,
                action=actions.ENROLMENT_REGISTER_DUPLICATE,
                target=batch,
                changes={"documents": [0, len(data.documents)]},
                ip_address=ip_address,
            )
            _confirm(email=email, full_name=full_name, batch=batch, base_url=base_url)
            return None
        enrolment = Enrolment.objects.create(
            region=batch.region,
            batch=batch,
            institution=batch.institution,
            person=person,
            status=Enrolment.Status.APPLIED,
            source=Enrolment.Source.SELF,
            motivation=data.motivation.strip(),
            identity=Enrolment.Identity.UNVERIFIED,
            applicant=applicant,
            applicant_user=applicant_user,
        )
        for upload in data.documents:
            EnrolmentDocument.objects.create(
                enrolment=enrolment, kind=upload.kind, file=upload.file
            )
        if not is_new and contact_differs(person, applicant):
            review_raise(
                IdentityReview.Kind.CONTACT_DIFFERS,
                region_id=person.region_id,
                person=person,
                batch_id=batch.pk,
                applicant=applicant,
                enrolment=enrolment,
            )
        versions.bump({batch.region_id, person.region_id}, versions.PEOPLE, versions.TRAINING)
        audit.record(
            actor=submitter,
            action=actions.ENROLMENT_REGISTER,
            target=enrolment,
            changes={
                "status": ["", Enrolment.Status.APPLIED],
                "source": ["", Enrolment.Source.SELF],
                "new_person": [False, is_new],
                "account": [False, applicant_user is not None],
                "documents": [0, len(data.documents)],
            },
            ip_address=ip_address,
        )
        _confirm(email=email, full_name=full_name, batch=batch, base_url=base_url)
    return enrolment


def _person_data(data: RegistrationData, *, email: str, phone: str) -> PersonData:
    return PersonData(
        nik=data.nik,
        full_name=data.full_name,
        education=data.education,
        sex=data.sex,
        birth_date=data.birth_date,
        birth_place=data.birth_place,
        education_major=data.education_major,
        address=data.address,
        domicile_regency_code=data.domicile_regency_code,
        domicile_district_code=data.domicile_district_code,
        domicile_village_code=data.domicile_village_code,
        phone=phone,
        email=email,
        consent_version=CONSENT_VERSION,
    )


def _confirm(*, email: str, full_name: str, batch: Batch, base_url: str) -> None:
    """Tell the typed address that a registration was received. The same words whatever
    happened to the NIK; the only text from the form is the name (plain text)."""
    if not email:
        return
    subject = _g("Pendaftaran pelatihan diterima: {batch}").format(batch=batch.name)
    body = _g(
        "Halo {name},\n\nPendaftaran atas nama Anda untuk {batch} ({program}, {institution}) "
        "telah kami terima. Pelatihan dijadwalkan {start} sampai {end}.\n\n"
        "Bawa KTP asli saat seleksi: identitas Anda diperiksa sebelum keputusan. "
        "Status pendaftaran dapat dilihat setelah masuk ke Jejaring:\n{url}\n\n"
        "Jika Anda tidak merasa mendaftar, abaikan email ini.\n"
    ).format(
        name=full_name,
        batch=batch.name,
        program=batch.program.name,
        institution=batch.institution.name,
        start=date_format(batch.start_date, "DATE_FORMAT"),
        end=date_format(batch.end_date, "DATE_FORMAT"),
        url=base_url.rstrip("/") + reverse("my_training:enrolments"),
    )
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email]))


def registration_form_defaults(batch: Batch) -> dict[str, Any]:
    """Initial form values: the domicile defaults to the batch's own regency."""
    return {"domicile_regency_code": batch.region.code}
