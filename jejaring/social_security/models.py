"""BPJS Ketenagakerjaan cover (JKK and JKM) for trainees and interns: dated rates,
enrolments with their cover period, overrides of the coverage gate, and incidents."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.regions.models import RegionOwned


class ContributionRate(models.Model):
    """Contribution rates valid from a date. For non-wage-earners (BPU): JKK as a
    percentage of declared monthly income, JKM a fixed monthly amount."""

    class Category(models.TextChoices):
        NON_WAGE = "bpu", _("Bukan Penerima Upah (BPU)")
        WAGE = "pu", _("Penerima Upah (PU)")

    category = models.CharField(_("kategori"), max_length=3, choices=Category.choices)
    valid_from = models.DateField(_("berlaku mulai"))
    jkk_pct = models.DecimalField(
        _("JKK (% penghasilan)"),
        max_digits=5,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    jkm_monthly = models.PositiveIntegerField(_("JKM per bulan (Rp)"), default=0)
    jkm_pct = models.DecimalField(
        _("JKM (% upah)"), max_digits=5, decimal_places=3, default=Decimal("0")
    )
    min_declared_income = models.PositiveBigIntegerField(_("penghasilan dilaporkan minimal (Rp)"))
    legal_basis = models.CharField(_("dasar hukum"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tarif iuran")
        verbose_name_plural = _("tarif iuran")
        ordering = ["category", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["category", "valid_from"], name="rate_once_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.valid_from}"


class Coverage(RegionOwned):
    """One person's JKK+JKM cover for one training batch or one internship."""

    class Kind(models.TextChoices):
        TRAINEE = "trainee", _("Peserta pelatihan")
        INTERN = "intern", _("Peserta magang")

    class Payer(models.TextChoices):
        OFFICE = "office", _("Dinas")
        COMPANY = "company", _("Perusahaan")

    class Status(models.TextChoices):
        TO_REGISTER = "to_register", _("Akan didaftarkan")
        REGISTERED = "registered", _("Terdaftar")
        ACTIVE = "active", _("Aktif")
        ENDED = "ended", _("Berakhir")
        CANCELLED = "cancelled", _("Dibatalkan")

    person = models.ForeignKey(
        "trainees.Person", on_delete=models.PROTECT, related_name="coverages"
    )
    kind = models.CharField(_("jenis"), max_length=8, choices=Kind.choices)
    enrolment = models.OneToOneField(
        "training.Enrolment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coverage",
    )
    referral = models.OneToOneField(
        "placement.Referral",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coverage",
    )
    payer = models.CharField(_("pembayar"), max_length=8, choices=Payer.choices)
    payer_company = models.ForeignKey(
        "employers.Company", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The insurer's card number (KPJ); formats vary, so it is a loosely checked string.
    kpj_number = models.CharField(_("nomor KPJ"), max_length=20, blank=True)
    declared_income = models.PositiveBigIntegerField(_("penghasilan dilaporkan (Rp)"))
    cover_start = models.DateField(_("mulai perlindungan"))
    cover_end = models.DateField(_("akhir perlindungan"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.TO_REGISTER
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("kepesertaan BPJS Ketenagakerjaan")
        verbose_name_plural = _("kepesertaan BPJS Ketenagakerjaan")
        constraints = [
            models.CheckConstraint(
                condition=Q(cover_end__gte=F("cover_start")), name="coverage_dates"
            ),
            models.CheckConstraint(
                condition=Q(kind="trainee", enrolment__isnull=False, referral__isnull=True)
                | Q(kind="intern", referral__isnull=False, enrolment__isnull=True),
                name="coverage_kind_matches_link",
            ),
            models.CheckConstraint(
                condition=Q(payer="office", payer_company__isnull=True)
                | Q(payer="company", payer_company__isnull=False),
                name="coverage_payer_company",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | ~Q(kpj_number=""),
                name="coverage_active_has_kpj",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status"], name="coverage_region_status"),
            models.Index(fields=["region", "cover_start", "cover_end"], name="coverage_period"),
            # The cover list page's keyset order (selectors.COVERAGE_PAGE_ORDER).
            models.Index(fields=["region", "-cover_start", "-id"], name="coverage_region_start"),
            # The insurer's return checks that a card number is nobody else's.
            models.Index(fields=["kpj_number"], name="coverage_kpj"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.cover_start}–{self.cover_end}"


class CoverageOverride(RegionOwned):
    """A staff member's audited decision to start a batch or internship although someone
    lacks active cover."""

    batch = models.ForeignKey(
        "training.Batch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referral = models.ForeignKey(
        "placement.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("alasan"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("pengecualian perlindungan")
        verbose_name_plural = _("pengecualian perlindungan")
        constraints = [
            models.CheckConstraint(
                condition=Q(batch__isnull=False, referral__isnull=True)
                | Q(batch__isnull=True, referral__isnull=False),
                name="override_one_target",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="override_has_reason"),
        ]


class Incident(RegionOwned):
    """A work accident or other incident during training or internship, and its claim."""

    class Kind(models.TextChoices):
        ACCIDENT = "accident", _("Kecelakaan kerja")
        OCCUPATIONAL_DISEASE = "disease", _("Penyakit akibat kerja")
        DEATH = "death", _("Meninggal dunia")

    class ClaimStatus(models.TextChoices):
        REPORTED = "reported", _("Dilaporkan")
        SUBMITTED = "submitted", _("Klaim diajukan")
        IN_PROCESS = "in_process", _("Diproses")
        PAID = "paid", _("Dibayar")
        REJECTED = "rejected", _("Ditolak")

    coverage = models.ForeignKey(Coverage, on_delete=models.PROTECT, related_name="incidents")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("waktu kejadian"))
    place = models.CharField(_("tempat"), max_length=200)
    description = models.TextField(_("kronologi"))
    injury = models.TextField(_("cedera"), blank=True)
    claim_status = models.CharField(
        _("status klaim"),
        max_length=10,
        choices=ClaimStatus.choices,
        default=ClaimStatus.REPORTED,
    )
    claim_number = models.CharField(_("nomor klaim"), max_length=40, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("kejadian")
        verbose_name_plural = _("kejadian")
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"
