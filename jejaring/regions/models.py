"""Region: the tenant — one Disnaker of a kota or kabupaten — and the region-owned base."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# The tenancy choke point lives in core beside the policy registry it applies;
# re-exported because every region-owned model is built on it here.
from jejaring.core.policies import RegionScopedManager as RegionScopedManager
from jejaring.core.policies import RegionScopedQuerySet as RegionScopedQuerySet

regency_code_validator = RegexValidator(
    r"^\d{2}\.\d{2}$", _("Kode kabupaten/kota Kemendagri berbentuk 33.75.")
)
#: A civil servant's NIP: 18 digits (birth date, appointment month, sex, serial).
nip_validator = RegexValidator(r"^\d{18}$", _("NIP terdiri dari 18 angka."))


class Region(models.Model):
    """A kota or kabupaten whose manpower office runs its own data in Jejaring."""

    class Kind(models.TextChoices):
        KOTA = "kota", _("Kota")
        KABUPATEN = "kabupaten", _("Kabupaten")
        PROVINCE = "provinsi", _("Provinsi")

    code = models.CharField(
        _("kode Kemendagri"), max_length=5, unique=True, validators=[regency_code_validator]
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    province_code = models.CharField(_("kode provinsi"), max_length=2)
    province_name = models.CharField(_("provinsi"), max_length=120)
    office_name = models.CharField(_("nama dinas"), max_length=200)
    office_short_name = models.CharField(_("singkatan dinas"), max_length=40)
    office_address = models.TextField(_("alamat dinas"), blank=True)
    office_email = models.EmailField(_("email dinas"), blank=True)
    office_phone = models.CharField(_("telepon dinas"), max_length=20, blank=True)
    # The letterhead (kop surat) and signatory of the office's documents: certificates,
    # referral letters, agreements and reports print them (jejaring.regions.letterhead).
    office_city = models.CharField(
        _("kota tempat dinas"),
        max_length=60,
        blank=True,
        help_text=_("Tempat pada tanggal surat, mis. Pekalongan."),
    )
    office_website = models.CharField(_("situs web dinas"), max_length=100, blank=True)
    letterhead_logo = models.ImageField(
        _("logo kop surat"),
        upload_to="regions/letterhead/",
        blank=True,
        help_text=_("Lambang daerah, PNG atau JPEG; kosong: lambang umum."),
    )
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=120, blank=True)
    signatory_position = models.CharField(
        _("jabatan penanda tangan"),
        max_length=200,
        blank=True,
        help_text=_("Mis. Kepala Dinas Perindustrian dan Tenaga Kerja."),
    )
    signatory_rank = models.CharField(
        _("pangkat/golongan penanda tangan"), max_length=80, blank=True
    )
    signatory_nip = models.CharField(
        _("NIP penanda tangan"), max_length=18, blank=True, validators=[nip_validator]
    )
    signature_image = models.ImageField(
        _("tanda tangan pindaian"),
        upload_to="regions/signature/",
        blank=True,
        help_text=_("Opsional: pindaian tanda tangan (PNG berlatar transparan)."),
    )
    timezone = models.CharField(
        _("zona waktu"),
        max_length=32,
        default="Asia/Jakarta",
        choices=[
            ("Asia/Jakarta", "WIB"),
            ("Asia/Makassar", "WITA"),
            ("Asia/Jayapura", "WIT"),
        ],
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    objects = RegionScopedManager()

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["name"]
        indexes = [models.Index(fields=["province_code"], name="region_province")]

    def __str__(self) -> str:
        return self.name


class RegionOwned(models.Model):
    """Base of every tenant-owned table: a direct `region` column, so that tenancy is one
    indexed filter rather than a chain of joins, and every query can be scoped alike."""

    region = models.ForeignKey(
        Region, verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+"
    )

    objects = RegionScopedManager()

    class Meta:
        abstract = True


class Holiday(models.Model):
    """A public holiday (national when `region` is empty), for counting working days —
    e.g. the office's three working days to decide on an internship program."""

    date = models.DateField(_("tanggal"))
    name = models.CharField(_("nama"), max_length=120)
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.CASCADE, related_name="holidays"
    )

    class Meta:
        verbose_name = _("hari libur")
        verbose_name_plural = _("hari libur")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(region__isnull=True), name="holiday_national"
            ),
            models.UniqueConstraint(fields=["date", "region"], name="holiday_regional"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
