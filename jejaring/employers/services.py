"""Writes of the employers area: company profiles and contacts, company HR accounts,
cooperation agreements, formations and internship programs. Each write is atomic,
checks who may do it, and leaves an audit event in the same transaction.

Internship agreements for single interns live in `jejaring.employers.internship_agreements`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jejaring.accounts.models import Membership, User
from jejaring.accounts.scope import Role, forget_scope, scope_of
from jejaring.core import audit
from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.policies import policy_for
from jejaring.employers.models import Agreement, Company, CompanyContact, Formation, kbli_validator
from jejaring.employers.rules import internship_rules_on, internship_seats_left
from jejaring.internships.models import InternshipProgram
from jejaring.regions.calendar import add_working_days
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


def _is_office(actor: Any, region_id: int) -> bool:
    return scope_of(actor).is_office_of(region_id)


def _require(actor: Any, action: str, obj: Any) -> None:
    """A record the actor may not act on is not found (a 404, never a 403)."""
    if not policy_for(type(obj)).can(actor, action, obj):
        raise NotFound(_("Data tidak ditemukan."))


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
    if not _is_office(actor, region.pk):
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
        audit.record(
            actor=actor,
            action="employers.company.create",
            target=company,
            changes=audit.diff({}, audit.snapshot(company, COMPANY_FIELDS)),
        )
    return company


def company_update(*, actor: Any, company: Company, **values: Any) -> Company:
    """Office staff change any field; company HR only the contact and workforce fields."""
    _require(actor, "change", company)
    allowed = set(COMPANY_FIELDS) if _is_office(actor, company.region_id) else HR_EDITABLE_FIELDS
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
        audit.record(
            actor=actor,
            action="employers.company.update",
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
    _require(actor, "change", company)
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
            action="employers.contact.save",
            target=company,
            changes=audit.diff(
                before,
                audit.snapshot(target, ("full_name", "position", "phone", "email", "is_primary")),
            ),
        )
    return target


def contact_delete(*, actor: Any, contact: CompanyContact) -> None:
    _require(actor, "change", contact.company)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="employers.contact.delete",
            target=contact.company,
            changes={"full_name": [contact.full_name, None]},
        )
        contact.delete()


def company_hr_invite(
    *, actor: Any, company: Company, email: str, full_name: str, base_url: str = ""
) -> User:
    """Office staff invite a company HR account bound to `company`: a new account gets a
    set-password email; an existing account of that email only gains the membership."""
    if not _is_office(actor, company.region_id):
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
            action="employers.company.hr_invite",
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
    if not _is_office(actor, company.region_id):
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
            action="employers.agreement.create",
            target=agreement,
            changes=audit.diff({}, {**asdict(data), "document": agreement.document.name}),
        )
    return agreement


def agreement_update(
    *, actor: Any, agreement: Agreement, data: AgreementData, document: Any = None
) -> Agreement:
    _require(actor, "change", agreement)
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
            action="employers.agreement.update",
            target=locked,
            changes=audit.diff(before, {**asdict(data), "document": locked.document.name}),
        )
    return locked


# --- formations ----------------------------------------------------------------------


@dataclass
class FormationData:
    kind: str
    title: str
    quota: int
    description: str = ""
    kbji_code: str = ""
    accepts_all_vocations: bool = False
    vocation_ids: list[int] = field(default_factory=list)
    location: str = ""
    period_start: date | None = None
    period_end: date | None = None
    monthly_pay: int = 0
    min_result: str = Formation.MinimumResult.NONE
    min_score: Any = None
    min_age: int | None = None
    max_age: int | None = None
    min_education: str = ""
    requirements: str = ""
    closes_on: date | None = None
    internship_program_id: int | None = None


_FORMATION_FIELDS = (
    "kind",
    "title",
    "quota",
    "description",
    "kbji_code",
    "accepts_all_vocations",
    "location",
    "period_start",
    "period_end",
    "monthly_pay",
    "min_result",
    "min_score",
    "min_age",
    "max_age",
    "min_education",
    "requirements",
    "closes_on",
    "internship_program_id",
)


def _check_formation(company: Company, data: FormationData) -> FormationData:
    from jejaring.training.models import Vocation

    data.title = " ".join(data.title.split())
    if data.kind not in Formation.Kind.values:
        raise ValidationError(_("Jenis formasi tidak dikenal."), code="invalid_kind", field="kind")
    if not data.title:
        raise ValidationError(_("Nama formasi wajib diisi."), code="title_required", field="title")
    if data.quota is None or data.quota < 1 or data.quota > 100_000:
        raise ValidationError(_("Kuota harus lebih dari 0."), code="invalid_quota", field="quota")
    if data.monthly_pay < 0:
        raise ValidationError(
            _("Gaji/uang saku tidak boleh negatif."), code="invalid_pay", field="monthly_pay"
        )
    if data.period_start and data.period_end and data.period_end < data.period_start:
        raise ValidationError(
            _("Tanggal selesai tidak boleh sebelum tanggal mulai."),
            code="invalid_period",
            field="period_end",
        )
    if data.closes_on and data.period_start and data.closes_on > data.period_start:
        raise ValidationError(
            _("Batas pendaftaran harus sebelum formasi dimulai."),
            code="invalid_closing_date",
            field="closes_on",
        )
    if data.min_age is not None and data.max_age is not None and data.max_age < data.min_age:
        raise ValidationError(
            _("Usia maksimal tidak boleh di bawah usia minimal."),
            code="invalid_age_range",
            field="max_age",
        )
    for age in (data.min_age, data.max_age):
        if age is not None and not 14 <= age <= 70:
            raise ValidationError(
                _("Batas usia harus antara 14 dan 70 tahun."), code="invalid_age", field="min_age"
            )
    if data.min_result not in Formation.MinimumResult.values:
        raise ValidationError(
            _("Hasil uji minimal tidak dikenal."), code="invalid_min_result", field="min_result"
        )
    if data.min_score is not None and not 0 <= data.min_score <= 100:
        raise ValidationError(
            _("Nilai minimal 0–100."), code="invalid_min_score", field="min_score"
        )
    data.vocation_ids = sorted(set(data.vocation_ids))
    if data.accepts_all_vocations:
        data.vocation_ids = []
    elif not data.vocation_ids:
        raise ValidationError(
            _("Pilih sedikitnya satu kejuruan, atau semua kejuruan."),
            code="vocations_required",
            field="vocations",
        )
    elif Vocation.objects.filter(pk__in=data.vocation_ids).count() != len(data.vocation_ids):
        raise ValidationError(
            _("Kejuruan tidak dikenal."), code="unknown_vocation", field="vocations"
        )
    if data.kind == Formation.Kind.JOB:
        data.internship_program_id = None
        return data
    # Internship: only under an approved program of this company, within the rules.
    program = None
    if data.internship_program_id:
        program = InternshipProgram.objects.filter(
            pk=data.internship_program_id, company=company, status=InternshipProgram.Status.APPROVED
        ).first()
    if program is None:
        raise ValidationError(
            _(
                "Formasi magang hanya dapat dibuat untuk program pemagangan perusahaan "
                "yang sudah disetujui dinas."
            ),
            code="internship_program_not_approved",
            field="internship_program",
        )
    if data.period_start and data.period_end:
        rules = internship_rules_on(data.period_start)
        months = (data.period_end.year - data.period_start.year) * 12 + (
            data.period_end.month - data.period_start.month
        )
        if months > rules.max_duration_months or (
            months == rules.max_duration_months and data.period_end.day >= data.period_start.day
        ):
            raise ValidationError(
                _("Pemagangan paling lama %(months)d bulan (%(basis)s).")
                % {"months": rules.max_duration_months, "basis": rules.legal_basis},
                code="internship_too_long",
                field="period_end",
            )
    return data


def _check_seats(company: Company, formation: Formation, *, on: date) -> None:
    """An open internship formation's quota must fit the company's interns cap; the
    formation's own quota is not counted against itself."""
    if formation.kind != Formation.Kind.INTERNSHIP:
        return
    left = internship_seats_left(
        company_id=company.pk, workforce_size=company.workforce_size, on=on
    )
    if (
        formation.pk
        and Formation.objects.filter(pk=formation.pk, status=Formation.Status.OPEN).exists()
    ):
        left += Formation.objects.get(pk=formation.pk).quota
    if formation.quota > left:
        raise ValidationError(
            _(
                "Kuota magang melebihi batas: perusahaan dengan %(workforce)d tenaga kerja "
                "masih dapat menerima %(left)d peserta magang."
            )
            % {"workforce": company.workforce_size, "left": max(left, 0)},
            code="internship_cap",
            field="quota",
        )


def _may_manage_formations(actor: Any, company: Company) -> None:
    scope = scope_of(actor)
    if not (
        scope.is_superuser
        or company.region_id in scope.office_region_ids
        or company.pk in scope.company_ids
    ):
        raise NotFound(_("Perusahaan tidak ditemukan."))


def _formation_snapshot(formation: Formation) -> dict[str, Any]:
    values = audit.snapshot(formation, _FORMATION_FIELDS)
    values["status"] = formation.status
    values["vocations"] = sorted(formation.vocations.values_list("pk", flat=True))
    return values


def formation_create(*, actor: Any, company: Company, data: FormationData) -> Formation:
    """Company HR (or office staff for them) draft a formation; publishing opens it."""
    _may_manage_formations(actor, company)
    data = _check_formation(company, data)
    values = {key: getattr(data, key) for key in _FORMATION_FIELDS}
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=company.pk)
        formation = Formation(region_id=company.region_id, company=company, **values)
        if formation.kind == Formation.Kind.INTERNSHIP:
            _check_seats(company, formation, on=timezone.localdate())
        formation.save()
        formation.vocations.set(data.vocation_ids)
        audit.record(
            actor=actor,
            action="employers.formation.create",
            target=formation,
            changes=audit.diff({}, _formation_snapshot(formation)),
        )
    return formation


def formation_update(*, actor: Any, formation: Formation, data: FormationData) -> Formation:
    """Change a draft or open formation; a closed or cancelled one stays as it was."""
    _require(actor, "change", formation)
    if formation.status not in (Formation.Status.DRAFT, Formation.Status.OPEN):
        raise InvalidTransition(
            _("Formasi yang sudah ditutup tidak dapat diubah."), code="formation_not_editable"
        )
    company = formation.company
    data = _check_formation(company, data)
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=company.pk)
        locked = Formation.objects.select_for_update().get(pk=formation.pk)
        before = _formation_snapshot(locked)
        for key in _FORMATION_FIELDS:
            setattr(locked, key, getattr(data, key))
        _check_seats(company, locked, on=timezone.localdate())
        if locked.status == Formation.Status.OPEN:
            _check_quota_not_below_referrals(locked)
        locked.save()
        locked.vocations.set(data.vocation_ids)
        audit.record(
            actor=actor,
            action="employers.formation.update",
            target=locked,
            changes=audit.diff(before, _formation_snapshot(locked)),
        )
    return locked


def _check_quota_not_below_referrals(formation: Formation) -> None:
    from jejaring.placement.models import Referral

    held = Referral.objects.filter(formation=formation, status__in=Referral.ACTIVE).count()
    if formation.quota < held:
        raise ValidationError(
            _("Kuota tidak boleh kurang dari %(held)d orang yang sudah disalurkan.")
            % {"held": held},
            code="quota_below_referrals",
            field="quota",
        )


def formation_publish(*, actor: Any, formation: Formation) -> Formation:
    """Open a draft formation for applications: the closing date must not be past and an
    internship must fit the approved program and the interns cap."""
    _require(actor, "change", formation)
    today = timezone.localdate()
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=formation.company_id)
        locked = Formation.objects.select_for_update().get(pk=formation.pk)
        if locked.status != Formation.Status.DRAFT:
            raise InvalidTransition(
                _("Hanya formasi berstatus konsep yang dapat dibuka."), code="not_draft"
            )
        if locked.closes_on and locked.closes_on < today:
            raise ValidationError(
                _("Batas pendaftaran sudah lewat; ubah dulu tanggalnya."),
                code="closing_date_past",
                field="closes_on",
            )
        if locked.kind == Formation.Kind.INTERNSHIP:
            program = locked.internship_program
            if program is None or program.status != InternshipProgram.Status.APPROVED:
                raise ValidationError(
                    _(
                        "Formasi magang hanya dapat dibuka untuk program pemagangan yang "
                        "sudah disetujui dinas."
                    ),
                    code="internship_program_not_approved",
                )
            _check_seats(company, locked, on=today)
        locked.status = Formation.Status.OPEN
        locked.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="employers.formation.publish",
            target=locked,
            changes={"status": [Formation.Status.DRAFT, Formation.Status.OPEN]},
        )
    return locked


def formation_close(*, actor: Any, formation: Formation) -> Formation:
    """Close an open formation (no new applications); a draft is cancelled instead."""
    _require(actor, "change", formation)
    with transaction.atomic():
        locked = Formation.objects.select_for_update().get(pk=formation.pk)
        before = locked.status
        if before == Formation.Status.OPEN:
            locked.status = Formation.Status.CLOSED
        elif before == Formation.Status.DRAFT:
            locked.status = Formation.Status.CANCELLED
        else:
            raise InvalidTransition(_("Formasi ini sudah ditutup."), code="already_closed")
        locked.save(update_fields=["status"])
        audit.record(
            actor=actor,
            action="employers.formation.close",
            target=locked,
            changes={"status": [before, locked.status]},
        )
    return locked


# --- internship programs -------------------------------------------------------------


@dataclass
class InternshipProgramData:
    title: str
    description: str
    facilities: str
    supervisors: str
    plan: str
    duration_months: int
    theory_pct: int


def _check_program(data: InternshipProgramData) -> InternshipProgramData:
    data.title = " ".join(data.title.split())
    for key, label in (
        ("title", _("Nama program")),
        ("description", _("Uraian program")),
        ("facilities", _("Sarana dan prasarana")),
        ("supervisors", _("Pembimbing")),
        ("plan", _("Rencana pelaksanaan")),
    ):
        value = str(getattr(data, key) or "").strip()
        if not value:
            raise ValidationError(
                _("%(label)s wajib diisi.") % {"label": label}, code="required", field=key
            )
        setattr(data, key, value)
    rules = internship_rules_on(timezone.localdate())
    if not 1 <= data.duration_months <= rules.max_duration_months:
        raise ValidationError(
            _("Lama pemagangan 1–%(max)d bulan (%(basis)s).")
            % {"max": rules.max_duration_months, "basis": rules.legal_basis},
            code="invalid_duration",
            field="duration_months",
        )
    if not rules.theory_min_pct <= data.theory_pct <= rules.theory_max_pct:
        raise ValidationError(
            _("Porsi teori %(min)d–%(max)d %% dari waktu pemagangan (%(basis)s).")
            % {
                "min": rules.theory_min_pct,
                "max": rules.theory_max_pct,
                "basis": rules.legal_basis,
            },
            code="invalid_theory_pct",
            field="theory_pct",
        )
    return data


def internship_program_create(
    *, actor: Any, company: Company, data: InternshipProgramData, draft_agreement: Any = None
) -> InternshipProgram:
    """Company HR (or office staff for them) draft an internship program."""
    _may_manage_formations(actor, company)
    data = _check_program(data)
    if draft_agreement is not None:
        check_document(draft_agreement, field="draft_agreement")
    with transaction.atomic():
        program = InternshipProgram(region_id=company.region_id, company=company, **asdict(data))
        if draft_agreement is not None:
            program.draft_agreement = draft_agreement
        program.save()
        audit.record(
            actor=actor,
            action="employers.internship_program.create",
            target=program,
            changes=audit.diff({}, asdict(data)),
        )
    return program


def internship_program_update(
    *,
    actor: Any,
    program: InternshipProgram,
    data: InternshipProgramData,
    draft_agreement: Any = None,
) -> InternshipProgram:
    """Change a program in draft or returned for correction."""
    _require(actor, "change", program)
    data = _check_program(data)
    if draft_agreement is not None:
        check_document(draft_agreement, field="draft_agreement")
    with transaction.atomic():
        locked = InternshipProgram.objects.select_for_update().get(pk=program.pk)
        if locked.status not in (InternshipProgram.Status.DRAFT, InternshipProgram.Status.RETURNED):
            raise InvalidTransition(
                _("Program yang sudah diajukan atau diputuskan tidak dapat diubah."),
                code="program_not_editable",
            )
        before = audit.snapshot(locked, asdict(data))
        for key, value in asdict(data).items():
            setattr(locked, key, value)
        if draft_agreement is not None:
            locked.draft_agreement = draft_agreement
        locked.save()
        audit.record(
            actor=actor,
            action="employers.internship_program.update",
            target=locked,
            changes=audit.diff(before, asdict(data)),
        )
    return locked


def internship_program_submit(*, actor: Any, program: InternshipProgram) -> InternshipProgram:
    """Submit the program to the office, which decides within the rule set's working
    days (3 under Permenaker 6/2020), weekends and holidays not counted."""
    _require(actor, "change", program)
    with transaction.atomic():
        locked = InternshipProgram.objects.select_for_update().get(pk=program.pk)
        if locked.status not in (InternshipProgram.Status.DRAFT, InternshipProgram.Status.RETURNED):
            raise InvalidTransition(
                _("Program ini sudah diajukan."), code="program_already_submitted"
            )
        if not locked.draft_agreement:
            raise ValidationError(
                _("Lampirkan rancangan perjanjian pemagangan sebelum mengajukan."),
                code="draft_agreement_required",
                field="draft_agreement",
            )
        now = timezone.now()
        today = timezone.localdate(now)
        rules = internship_rules_on(today)
        before = locked.status
        locked.status = InternshipProgram.Status.SUBMITTED
        locked.submitted_at = now
        locked.decision_due_on = add_working_days(
            today, rules.decision_working_days, region_id=locked.region_id
        )
        locked.decided_at = None
        locked.decided_by = None
        locked.save()
        audit.record(
            actor=actor,
            action="employers.internship_program.submit",
            target=locked,
            changes={
                "status": [before, locked.status],
                "decision_due_on": [None, locked.decision_due_on.isoformat()],
            },
        )
    return locked


DECISIONS = {
    "approve": InternshipProgram.Status.APPROVED,
    "return": InternshipProgram.Status.RETURNED,
    "reject": InternshipProgram.Status.REJECTED,
}


def internship_program_decide(
    *, actor: Any, program: InternshipProgram, decision: str, note: str = ""
) -> InternshipProgram:
    """Office staff approve a submitted program, or return (for correction) or reject it
    with a comment."""
    _require(actor, "decide", program)
    status = DECISIONS.get(decision)
    if status is None:
        raise ValidationError(
            _("Keputusan tidak dikenal."), code="invalid_decision", field="decision"
        )
    note = note.strip()
    if status != InternshipProgram.Status.APPROVED and not note:
        raise ValidationError(
            _("Tuliskan catatan: apa yang perlu diperbaiki atau mengapa ditolak."),
            code="note_required",
            field="note",
        )
    with transaction.atomic():
        locked = InternshipProgram.objects.select_for_update().get(pk=program.pk)
        if locked.status != InternshipProgram.Status.SUBMITTED:
            raise InvalidTransition(
                _("Hanya program yang sedang diajukan yang dapat diputuskan."),
                code="program_not_submitted",
            )
        locked.status = status
        locked.decision_note = note
        locked.decided_at = timezone.now()
        locked.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save()
        audit.record(
            actor=actor,
            action="employers.internship_program.decide",
            target=locked,
            changes={
                "status": [InternshipProgram.Status.SUBMITTED, status],
                "decision_note": [None, note],
                "on_time": [None, timezone.localdate() <= (locked.decision_due_on or date.max)],
            },
        )
    return locked
