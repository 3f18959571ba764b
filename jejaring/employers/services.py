"""Writes of the employers area: company profiles and contacts, company HR accounts and
cooperation agreements, and the document and access checks the apps above share. Each
write is atomic, checks who may do it, and leaves an audit event in the same transaction.

Internship programs are written in `jejaring.internships.services`; formations and
internship agreements in `jejaring.placement.formations` and
`jejaring.placement.internship_agreements`, beside the referrals that hold their seats.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from jejaring.accounts.models import Membership, User
from jejaring.accounts.scope import Role, forget_scope, scope_of
from jejaring.core import audit, versions
from jejaring.core.errors import Conflict, NotFound, ValidationError
from jejaring.core.policies import policy_for
from jejaring.employers import audit_actions
from jejaring.employers.models import Agreement, Company, CompanyContact, kbli_validator
from jejaring.regions.models import Region

#: Uploaded documents (agreements, draft internship agreements, signed copies).
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
#: Allowed extensions and the first bytes every such file starts with.
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}

#: Company fields company HR may change themselves; office staff may change all.
HR_EDITABLE_FIELDS = frozenset({"workforce_size", "address", "phone", "email", "website"})
COMPANY_FIELDS = (
    "name",
    "legal_name",
    "sector",
    "kbli_code",
    "workforce_size",
    "address",
    "phone",
    "email",
    "website",
    "is_partner",
    "accepts_all_vocations",
    "status",
)


def require(actor: Any, action: str, obj: Any) -> None:
    """A record the actor may not act on is not found (a 404, never a 403)."""
    if not policy_for(type(obj)).can(actor, action, obj):
        raise NotFound(_("Data tidak ditemukan."))


def require_company_member(actor: Any, company: Company) -> None:
    """Office staff of the company's region or its own HR; anyone else finds nothing."""
    scope = scope_of(actor)
    if not (scope.is_office_of(company.region_id) or company.pk in scope.company_ids):
        raise NotFound(_("Perusahaan tidak ditemukan."))


def check_document(upload: Any, *, field: str = "document") -> None:
    """Refuse an empty, oversize or non-PDF/JPEG/PNG upload, by extension and content."""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", 0) or 0
    suffix = Path(name).suffix.lower()
    if size <= 0:
        raise ValidationError(_("Berkas kosong."), code="empty_document", field=field)
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar: paling besar %(mb)d MB.")
            % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            code="document_too_large",
            field=field,
        )
    signatures = DOCUMENT_SIGNATURES.get(suffix)
    if signatures is None:
        raise ValidationError(
            _("Jenis berkas tidak didukung: unggah PDF, JPG atau PNG."),
            code="document_type",
            field=field,
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("Isi berkas tidak sesuai dengan jenisnya (%(suffix)s).") % {"suffix": suffix},
            code="document_content",
            field=field,
        )


# --- companies -----------------------------------------------------------------------


def _clean_company(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(values)
    for key in ("name", "legal_name", "sector", "kbli_code", "phone", "email", "website"):
        if key in cleaned:
            cleaned[key] = " ".join(str(cleaned[key] or "").split())
    if "address" in cleaned:
        cleaned["address"] = str(cleaned["address"] or "").strip()
    if "name" in cleaned and not cleaned["name"]:
        raise ValidationError(_("Nama perusahaan wajib diisi."), code="name_required", field="name")
    if cleaned.get("kbli_code"):
        cleaned["kbli_code"] = cleaned["kbli_code"].upper()
        try:
            kbli_validator(cleaned["kbli_code"])
        except Exception:
            raise ValidationError(
                _("Kode KBLI berbentuk huruf kategori dan 2–5 angka, mis. C 11040."),
                code="invalid_kbli",
                field="kbli_code",
            ) from None
    workforce = cleaned.get("workforce_size")
    if workforce is not None and not 0 <= int(workforce) <= 10_000_000:
        raise ValidationError(
            _("Jumlah tenaga kerja tidak masuk akal."),
            code="invalid_workforce",
            field="workforce_size",
        )
    if "status" in cleaned and cleaned["status"] not in Company.Status.values:
        raise ValidationError(_("Status tidak dikenal."), code="invalid_status", field="status")
    return cleaned


def _name_taken(region_id: int, name: str, exclude_pk: int | None = None) -> bool:
    qs = Company.objects.filter(region_id=region_id, name__iexact=name)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def company_create(*, actor: Any, region: Region, **values: Any) -> Company:
    """Office staff register a company in their region."""
    if not scope_of(actor).is_office_of(region.pk):
        raise NotFound(_("Wilayah tidak ditemukan."))
    unknown = set(values) - set(COMPANY_FIELDS)
    if unknown:
        raise ValidationError(_("Isian tidak dikenal."), code="unknown_fields")
    cleaned = _clean_company({"name": "", **values})
    with transaction.atomic():
        if _name_taken(region.pk, cleaned["name"]):
            raise Conflict(
                _("Perusahaan dengan nama ini sudah terdaftar."), code="name_taken", field="name"
            )
        company = Company.objects.create(region=region, **cleaned)
        versions.bump(company.region_id, versions.EMPLOYERS)
        audit.record(
            actor=actor,
            action=audit_actions.COMPANY_CREATE,
            target=company,
            changes=audit.diff({}, audit.snapshot(company, COMPANY_FIELDS)),
        )
    return company


def company_update(*, actor: Any, company: Company, **values: Any) -> Company:
    """Office staff change any field; company HR only the contact and workforce fields."""
    require(actor, "change", company)
    allowed = (
        set(COMPANY_FIELDS)
        if scope_of(actor).is_office_of(company.region_id)
        else HR_EDITABLE_FIELDS
    )
    refused = set(values) - allowed
    if refused:
        raise ValidationError(
            _("Isian ini hanya dapat diubah staf dinas: %(fields)s.")
            % {"fields": ", ".join(sorted(refused))},
            code="field_not_editable",
        )
    cleaned = _clean_company(values)
    with transaction.atomic():
        locked = Company.objects.select_for_update().get(pk=company.pk)
        if "name" in cleaned and _name_taken(locked.region_id, cleaned["name"], locked.pk):
            raise Conflict(
                _("Perusahaan dengan nama ini sudah terdaftar."), code="name_taken", field="name"
            )
        before = audit.snapshot(locked, cleaned)
        for key, value in cleaned.items():
            setattr(locked, key, value)
        locked.save(update_fields=list(cleaned) or None)
        versions.bump(locked.region_id, versions.EMPLOYERS)
        audit.record(
            actor=actor,
            action=audit_actions.COMPANY_UPDATE,
            target=locked,
            changes=audit.diff(before, audit.snapshot(locked, cleaned)),
        )
    return locked


def contact_save(
    *,
    actor: Any,
    company: Company,
    full_name: str,
    position: str = "",
    phone: str = "",
    email: str = "",
    is_primary: bool = False,
    contact: CompanyContact | None = None,
) -> CompanyContact:
    """Add or change a contact person; a new primary contact replaces the old one."""
    require(actor, "change", company)
    full_name = " ".join(full_name.split())
    if not full_name:
        raise ValidationError(
            _("Nama kontak wajib diisi."), code="name_required", field="full_name"
        )
    if contact is not None and contact.company_id != company.pk:
        raise NotFound(_("Kontak tidak ditemukan."))
    with transaction.atomic():
        if is_primary:
            others = company.contacts.filter(is_primary=True)
            if contact is not None:
                others = others.exclude(pk=contact.pk)
            others.update(is_primary=False)
        target = contact or CompanyContact(company=company)
        before = audit.snapshot(target, ("full_name", "position", "phone", "email", "is_primary"))
        target.full_name = full_name
        target.position = position.strip()
        target.phone = phone.strip()
        target.email = email.strip().lower()
        target.is_primary = is_primary
        target.save()
        audit.record(
            actor=actor,
            action=audit_actions.CONTACT_SAVE,
            target=company,
            changes=audit.diff(
                before,
                audit.snapshot(target, ("full_name", "position", "phone", "email", "is_primary")),
            ),
        )
    return target


def contact_delete(*, actor: Any, contact: CompanyContact) -> None:
    require(actor, "change", contact.company)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=audit_actions.CONTACT_DELETE,
            target=contact.company,
            changes={"full_name": [contact.full_name, None]},
        )
        contact.delete()


def company_hr_invite(
    *, actor: Any, company: Company, email: str, full_name: str, base_url: str = ""
) -> User:
    """Office staff invite a company HR account bound to `company`: a new account gets a
    set-password email; an existing account of that email only gains the membership."""
    if not scope_of(actor).is_office_of(company.region_id):
        raise NotFound(_("Perusahaan tidak ditemukan."))
    from jejaring.accounts.services import account_invite

    email = email.strip().lower()
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first() if email else None
        if user is None:
            user = account_invite(actor=actor, email=email, full_name=full_name, base_url=base_url)
        elif Membership.objects.filter(
            user=user, role=Role.COMPANY_HR, company=company, is_active=True
        ).exists():
            raise Conflict(
                _("Akun ini sudah menjadi HRD perusahaan ini."),
                code="already_member",
                field="email",
            )
        membership = Membership.objects.create(
            user=user, region_id=company.region_id, role=Role.COMPANY_HR, target=company
        )
        audit.record(
            actor=actor,
            action=audit_actions.COMPANY_HR_INVITE,
            target=company,
            changes={"membership": [None, membership.pk], "user": [None, user.pk]},
        )
    forget_scope(user)
    return user


# --- cooperation agreements ----------------------------------------------------------


@dataclass
class AgreementData:
    kind: str
    number: str
    title: str
    valid_from: date
    valid_until: date
    signed_on: date | None = None
    status: str = Agreement.Status.ACTIVE


def _check_agreement(data: AgreementData) -> AgreementData:
    data.number = " ".join(data.number.split())
    data.title = " ".join(data.title.split())
    if data.kind not in Agreement.Kind.values:
        raise ValidationError(
            _("Jenis kerja sama tidak dikenal."), code="invalid_kind", field="kind"
        )
    if data.status not in Agreement.Status.values:
        raise ValidationError(_("Status tidak dikenal."), code="invalid_status", field="status")
    if not data.number:
        raise ValidationError(_("Nomor wajib diisi."), code="number_required", field="number")
    if not data.title:
        raise ValidationError(_("Judul wajib diisi."), code="title_required", field="title")
    if data.valid_until < data.valid_from:
        raise ValidationError(
            _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."),
            code="invalid_dates",
            field="valid_until",
        )
    if data.signed_on and data.signed_on > data.valid_until:
        raise ValidationError(
            _("Tanggal tanda tangan setelah masa berlaku berakhir."),
            code="invalid_signed_on",
            field="signed_on",
        )
    return data


def agreement_create(
    *, actor: Any, company: Company, data: AgreementData, document: Any = None
) -> Agreement:
    """Office staff record a cooperation agreement (MoU or PKS) with a company."""
    if not scope_of(actor).is_office_of(company.region_id):
        raise NotFound(_("Perusahaan tidak ditemukan."))
    data = _check_agreement(data)
    if document is not None:
        check_document(document)
    with transaction.atomic():
        if Agreement.objects.filter(region_id=company.region_id, number=data.number).exists():
            raise Conflict(
                _("Nomor kerja sama ini sudah dipakai."), code="number_taken", field="number"
            )
        agreement = Agreement(region_id=company.region_id, company=company, **asdict(data))
        if document is not None:
            agreement.document = document
        agreement.save()
        audit.record(
            actor=actor,
            action=audit_actions.AGREEMENT_CREATE,
            target=agreement,
            changes=audit.diff({}, {**asdict(data), "document": agreement.document.name}),
        )
    return agreement


def agreement_update(
    *, actor: Any, agreement: Agreement, data: AgreementData, document: Any = None
) -> Agreement:
    require(actor, "change", agreement)
    data = _check_agreement(data)
    if document is not None:
        check_document(document)
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if (
            Agreement.objects.filter(region_id=locked.region_id, number=data.number)
            .exclude(pk=locked.pk)
            .exists()
        ):
            raise Conflict(
                _("Nomor kerja sama ini sudah dipakai."), code="number_taken", field="number"
            )
        before = {**audit.snapshot(locked, asdict(data)), "document": locked.document.name}
        for key, value in asdict(data).items():
            setattr(locked, key, value)
        if document is not None:
            locked.document = document
        locked.save()
        audit.record(
            actor=actor,
            action=audit_actions.AGREEMENT_UPDATE,
            target=locked,
            changes=audit.diff(before, {**asdict(data), "document": locked.document.name}),
        )
    return locked
