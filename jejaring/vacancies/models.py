"""Vacancies companies report to the office (wajib lapor lowongan, Keppres 4/1980) and the
reports of employers not yet registered, sent through the public form.

Statuses change only in `services`, through `TRANSITIONS`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.regions.models import RegionOwned
from jejaring.trainees.models import Education


class EmployerReport(RegionOwned):
    """Who reported a vacancy through the public form, as they typed it. Until the office
    verifies it (linking an existing company or registering a new one) it is nothing more."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")

    company_name = models.CharField(_("nama perusahaan"), max_length=200)
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True)
    nib = models.CharField(_("NIB"), max_length=13, blank=True)
    address = models.TextField(_("alamat"))
    contact_name = models.CharField(_("narahubung"), max_length=200)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=16)
    contact_email = models.EmailField(_("email narahubung"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    company = models.ForeignKey(
        "employers.Company",
        verbose_name=_("perusahaan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField(_("catatan dinas"), blank=True)
    submitted_at = models.DateTimeField(_("dikirim"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("laporan pemberi kerja")
        verbose_name_plural = _("laporan pemberi kerja")
        indexes = [models.Index(fields=["region", "status"], name="employer_report_status")]

    def __str__(self) -> str:
        return self.company_name


class Vacancy(RegionOwned):
    """One reported vacancy (lowongan): `openings` positions, of which `filled` are filled."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        UNVERIFIED = "unverified", _("Menunggu verifikasi pemberi kerja")
        SUBMITTED = "submitted", _("Diajukan")
        RETURNED = "returned", _("Dikembalikan")
        PUBLISHED = "published", _("Tayang")
        REJECTED = "rejected", _("Ditolak")
        FILLED = "filled", _("Terisi")
        CLOSED = "closed", _("Ditutup")
        EXPIRED = "expired", _("Kedaluwarsa")

    class Source(models.TextChoices):
        COMPANY = "company", _("Akun perusahaan")
        OFFICE = "office", _("Dicatat dinas")
        PUBLIC_FORM = "public_form", _("Formulir umum")

    company = models.ForeignKey(
        "employers.Company",
        verbose_name=_("perusahaan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    employer_report = models.ForeignKey(
        EmployerReport,
        verbose_name=_("laporan pemberi kerja"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    source = models.CharField(_("sumber"), max_length=12, choices=Source.choices)
    title = models.CharField(_("nama jabatan"), max_length=200)
    kbji_code = models.CharField(_("kode KBJI"), max_length=4)
    # The KBJI major group (first digit), kept as a column: the IPK report groups by it.
    occupation_group = models.CharField(_("golongan pokok KBJI"), max_length=1, editable=False)
    description = models.TextField(_("uraian pekerjaan"), blank=True)
    openings = models.PositiveIntegerField(_("jumlah lowongan"))
    filled = models.PositiveIntegerField(_("terisi"), default=0)
    min_education = models.CharField(
        _("pendidikan minimal"), max_length=8, choices=Education.choices, blank=True
    )
    skills = models.TextField(_("keterampilan yang diminta"), blank=True)
    place_regency_code = models.CharField(_("kabupaten/kota penempatan"), max_length=5)
    place_district_code = models.CharField(_("kecamatan penempatan"), max_length=8, blank=True)
    pay_min = models.PositiveBigIntegerField(_("gaji terendah (Rp)"), null=True, blank=True)
    pay_max = models.PositiveBigIntegerField(_("gaji tertinggi (Rp)"), null=True, blank=True)
    closes_on = models.DateField(_("batas lamaran"))
    contact_name = models.CharField(_("narahubung"), max_length=200)
    contact_phone = models.CharField(_("telepon narahubung"), max_length=16, blank=True)
    contact_email = models.EmailField(_("email narahubung"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    status_note = models.TextField(_("alasan"), blank=True)
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    published_at = models.DateTimeField(_("ditayangkan"), null=True, blank=True)
    ended_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diperiksa oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    formation = models.OneToOneField(
        "employers.Formation",
        verbose_name=_("formasi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacancy",
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("lowongan")
        verbose_name_plural = _("lowongan")
        constraints = [
            models.CheckConstraint(condition=Q(openings__gte=1), name="vacancy_openings"),
            models.CheckConstraint(condition=Q(filled__lte=F("openings")), name="vacancy_filled"),
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True)
                | Q(pay_max__isnull=True)
                | Q(pay_max__gte=F("pay_min")),
                name="vacancy_pay_range",
            ),
            models.CheckConstraint(
                condition=Q(company__isnull=False) | Q(employer_report__isnull=False),
                name="vacancy_has_employer",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status", "closes_on"], name="vacancy_region_status"),
            models.Index(fields=["company", "status"], name="vacancy_company_status"),
            models.Index(fields=["status", "closes_on", "id"], name="vacancy_public"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def employer_name(self) -> str:
        if self.company is not None:
            return self.company.name
        return self.employer_report.company_name if self.employer_report is not None else ""

    @property
    def open_positions(self) -> int:
        return max(self.openings - self.filled, 0)


S = Vacancy.Status
#: Allowed status changes; every other change is refused by the services.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED, S.CLOSED}),
    S.UNVERIFIED: frozenset({S.SUBMITTED, S.REJECTED}),
    S.SUBMITTED: frozenset({S.PUBLISHED, S.RETURNED, S.REJECTED}),
    S.RETURNED: frozenset({S.SUBMITTED, S.CLOSED}),
    S.PUBLISHED: frozenset({S.FILLED, S.CLOSED, S.EXPIRED}),
    S.EXPIRED: frozenset({S.FILLED}),
    S.CLOSED: frozenset({S.FILLED}),
    S.REJECTED: frozenset(),
    S.FILLED: frozenset(),
}
#: Statuses in which HR (or staff) may still change the vacancy's fields.
EDITABLE = frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.UNVERIFIED})
#: Statuses in which filled openings may be recorded (hiring goes on after the closing date).
FILLABLE = frozenset({S.PUBLISHED, S.EXPIRED, S.CLOSED})
