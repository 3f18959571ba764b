"""Partner companies, the work network, cooperation agreements and formations with quotas.

Internship rule sets and programs live in `jejaring.internships`, and so does the program
an internship formation runs under (`internships.ProgramFormation`)."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.regions.models import RegionOwned
from jejaring.trainees.models import Education

#: KBLI: a category letter and up to five digits ("C 11040", "C11040" or "11040").
kbli_validator = RegexValidator(
    r"^([A-U] ?)?\d{2,5}$", _("Kode KBLI berbentuk huruf kategori dan 2–5 angka, mis. C 11040.")
)
#: KBJI 2014 follows ISCO-08: four digits, optionally with a further suffix.
kbji_validator = RegexValidator(r"^\d{4}(\.\d{2})?$", _("Kode KBJI 2014 berbentuk 4 angka."))


class Company(RegionOwned):
    """A company the office works with, partner or not."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktif")
        INACTIVE = "inactive", _("Tidak aktif")

    name = models.CharField(_("nama perusahaan"), max_length=200)
    legal_name = models.CharField(_("nama badan usaha"), max_length=200, blank=True)
    sector = models.CharField(_("bidang usaha"), max_length=120, blank=True)
    kbli_code = models.CharField(
        _("kode KBLI"), max_length=8, blank=True, validators=[kbli_validator]
    )
    workforce_size = models.PositiveIntegerField(_("jumlah tenaga kerja"), default=0)
    address = models.TextField(_("alamat"), blank=True)
    village_code = models.CharField(_("kelurahan/desa"), max_length=13, blank=True)
    phone = models.CharField(_("telepon"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    is_partner = models.BooleanField(_("perusahaan mitra"), default=False)
    # The retailer in the seed takes graduates of every vocation.
    accepts_all_vocations = models.BooleanField(_("menerima semua kejuruan"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    # The accounts scoped by this company (deleted with it).
    memberships = GenericRelation(
        "accounts.Membership",
        content_type_field="target_type",
        object_id_field="target_id",
        related_query_name="company",
    )

    class Meta:
        verbose_name = _("perusahaan")
        verbose_name_plural = _("perusahaan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="company_unique_name")
        ]
        indexes = [models.Index(fields=["region", "is_partner"], name="company_region_partner")]

    def __str__(self) -> str:
        return self.name


class CompanyContact(models.Model):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts")
    full_name = models.CharField(_("nama"), max_length=200)
    position = models.CharField(_("jabatan"), max_length=120, blank=True)
    phone = models.CharField(_("telepon"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_primary = models.BooleanField(_("kontak utama"), default=False)

    class Meta:
        verbose_name = _("kontak perusahaan")
        verbose_name_plural = _("kontak perusahaan")
        constraints = [
            models.UniqueConstraint(
                fields=["company"], condition=Q(is_primary=True), name="contact_one_primary"
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class NetworkPartner(RegionOwned):
    """A member of the work network (jejaring kerja) that is not a single employer: an
    industry association, a job network, a union, a school."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Asosiasi industri")
        JOB_NETWORK = "job_network", _("Jejaring/bursa kerja")
        UNION = "union", _("Serikat pekerja")
        EDUCATION = "education", _("Lembaga pendidikan")
        OTHER = "other", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    contact_name = models.CharField(_("narahubung"), max_length=200, blank=True)
    phone = models.CharField(_("telepon"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("mitra jejaring")
        verbose_name_plural = _("mitra jejaring")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="partner_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Agreement(RegionOwned):
    """A cooperation agreement (MoU or PKS) between the office and a company."""

    class Kind(models.TextChoices):
        MOU = "mou", _("Nota kesepahaman (MoU)")
        PKS = "pks", _("Perjanjian kerja sama (PKS)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        ACTIVE = "active", _("Berlaku")
        EXPIRED = "expired", _("Berakhir")
        TERMINATED = "terminated", _("Diakhiri")

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="agreements")
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices)
    number = models.CharField(_("nomor"), max_length=100)
    title = models.CharField(_("judul"), max_length=200)
    signed_on = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)
    valid_from = models.DateField(_("berlaku mulai"))
    valid_until = models.DateField(_("berlaku sampai"))
    document = models.FileField(_("dokumen"), upload_to="agreements/%Y/", blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        verbose_name = _("kerja sama")
        verbose_name_plural = _("kerja sama")
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="agreement_unique_number"),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="agreement_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.company}"


class Formation(RegionOwned):
    """A position (formasi) a company offers for internship or work, with a hard quota:
    never more active referrals than `quota`, even under concurrent writes."""

    class Kind(models.TextChoices):
        INTERNSHIP = "internship", _("Magang")
        JOB = "job", _("Kerja")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        OPEN = "open", _("Dibuka")
        CLOSED = "closed", _("Ditutup")
        CANCELLED = "cancelled", _("Dibatalkan")

    class MinimumResult(models.TextChoices):
        NONE = "none", _("Cukup sudah mengikuti uji kompetensi")
        COMPETENT = "competent", _("Harus Kompeten")

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="formations")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("nama formasi"), max_length=200)
    kbji_code = models.CharField(
        _("kode KBJI"), max_length=7, blank=True, validators=[kbji_validator]
    )
    description = models.TextField(_("uraian"), blank=True)
    accepts_all_vocations = models.BooleanField(_("semua kejuruan"), default=False)
    vocations = models.ManyToManyField(
        "training.Vocation", blank=True, related_name="formations", verbose_name=_("kejuruan")
    )
    quota = models.PositiveIntegerField(_("kuota"))
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    period_start = models.DateField(_("mulai"), null=True, blank=True)
    period_end = models.DateField(_("selesai"), null=True, blank=True)
    # Rupiah per month: salary for a job, total stipend (uang saku) for an internship.
    monthly_pay = models.PositiveBigIntegerField(_("gaji/uang saku per bulan (Rp)"), default=0)
    min_result = models.CharField(
        _("hasil uji minimal"),
        max_length=10,
        choices=MinimumResult.choices,
        default=MinimumResult.NONE,
    )
    min_score = models.DecimalField(
        _("nilai minimal"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    min_age = models.PositiveSmallIntegerField(_("usia minimal"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("usia maksimal"), null=True, blank=True)
    min_education = models.CharField(
        _("pendidikan minimal"), max_length=8, choices=Education.choices, blank=True
    )
    requirements = models.TextField(_("persyaratan lain"), blank=True)
    closes_on = models.DateField(_("batas pendaftaran"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("formasi")
        verbose_name_plural = _("formasi")
        ordering = ["company__name", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(quota__gte=1), name="formation_quota_positive"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=F("min_age")),
                name="formation_age_range",
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="formation_period",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status"], name="formation_region_status"),
            models.Index(fields=["company", "status"], name="formation_company_status"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.company}"
