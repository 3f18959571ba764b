"""Industry needs, their mapping to vocations, training plans with their funding
envelopes and the batches their lines became, and the instructor gap."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.regions.models import RegionOwned
from jejaring.training.models import FundingSource


class CoordinationMeeting(RegionOwned):
    """A coordination meeting with businesses, industry and the work network."""

    held_on = models.DateField(_("tanggal"))
    title = models.CharField(_("judul"), max_length=200)
    location = models.CharField(_("tempat"), max_length=200, blank=True)
    attendees = models.TextField(_("peserta rapat"), blank=True)
    companies = models.ManyToManyField("employers.Company", blank=True, related_name="+")
    partners = models.ManyToManyField("employers.NetworkPartner", blank=True, related_name="+")
    aspirations = models.TextField(_("aspirasi yang disampaikan"), blank=True)

    class Meta:
        verbose_name = _("rapat koordinasi")
        verbose_name_plural = _("rapat koordinasi")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class IndustryNeed(RegionOwned):
    """A need stated by industry in its own words, later mapped to a vocation."""

    class Kind(models.TextChoices):
        INTERNSHIP = "internship", _("Magang")
        JOB = "job", _("Kerja")
        EITHER = "either", _("Magang atau kerja")

    class Mapping(models.TextChoices):
        UNMAPPED = "unmapped", _("Belum dipetakan")
        CONFIRMED = "confirmed", _("Dipetakan")
        NO_PROGRAM = "no_program", _("Belum ada program")

    company = models.ForeignKey(
        "employers.Company",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs",
    )
    partner = models.ForeignKey(
        "employers.NetworkPartner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs",
    )
    meeting = models.ForeignKey(
        CoordinationMeeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    description = models.CharField(_("keahlian yang dibutuhkan"), max_length=300)
    quantity = models.PositiveIntegerField(_("jumlah orang"), validators=[MinValueValidator(1)])
    needed_by = models.DateField(_("dibutuhkan pada"), null=True, blank=True)
    location = models.CharField(_("lokasi"), max_length=200, blank=True)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    notes = models.TextField(_("catatan"), blank=True)
    vocation = models.ForeignKey(
        "training.Vocation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="needs",
    )
    units = models.ManyToManyField("training.CompetencyUnit", blank=True, related_name="+")
    mapping = models.CharField(
        _("pemetaan"), max_length=10, choices=Mapping.choices, default=Mapping.UNMAPPED
    )
    mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mapped_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("kebutuhan industri")
        verbose_name_plural = _("kebutuhan industri")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mapping="confirmed") | Q(vocation__isnull=False),
                name="need_confirmed_has_vocation",
            ),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="need_quantity_positive"),
        ]
        indexes = [
            models.Index(fields=["region", "mapping"], name="need_region_mapping"),
            models.Index(fields=["region", "vocation"], name="need_region_vocation"),
        ]

    def __str__(self) -> str:
        return self.description


class VocationSynonym(models.Model):
    """A phrase people use for a vocation ("mekanik mesin jahit" → garment machine
    mechanic). Curated, and grown by staff corrections."""

    class Source(models.TextChoices):
        CURATED = "curated", _("Daftar kurasi")
        LEARNED = "learned", _("Dari koreksi petugas")

    phrase = models.CharField(_("frasa"), max_length=200)
    vocation = models.ForeignKey(
        "training.Vocation", on_delete=models.CASCADE, related_name="synonyms"
    )
    source = models.CharField(_("sumber"), max_length=8, choices=Source.choices)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = _("sinonim kejuruan")
        verbose_name_plural = _("sinonim kejuruan")
        constraints = [models.UniqueConstraint(fields=["phrase", "vocation"], name="synonym_once")]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.vocation}"


class FundingEnvelope(RegionOwned):
    """The money a funding source provides for training in one year (e.g. DBHCHT 2025)."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    funding_source = models.CharField(
        _("sumber dana"), max_length=10, choices=FundingSource.choices
    )
    amount = models.PositiveBigIntegerField(_("pagu (Rp)"))
    note = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("pagu anggaran")
        verbose_name_plural = _("pagu anggaran")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "funding_source"], name="envelope_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_funding_source_display()}"


class TrainingPlan(RegionOwned):
    """Next year's training plan of the office: draft → submitted → approved/returned."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SUBMITTED = "submitted", _("Diajukan")
        APPROVED = "approved", _("Disetujui")
        RETURNED = "returned", _("Dikembalikan")

    year = models.PositiveSmallIntegerField(_("tahun"))
    title = models.CharField(_("judul"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    comments = models.TextField(_("catatan"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Kept so that whoever submits a plan can never also approve it (separation of duties).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("rencana pelatihan")
        verbose_name_plural = _("rencana pelatihan")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "title"], name="plan_unique_title")
        ]

    def __str__(self) -> str:
        return self.title


class PlanLine(models.Model):
    """One line of a plan: so many packages of so many people at such a cost."""

    class Channel(models.TextChoices):
        BLK = "blk", _("BLK")
        LPKS = "lpks", _("LPKS")
        COMMUNITY_BLK = "blk_komunitas", _("BLK Komunitas")
        COMPANY_SITE = "company_site", _("Tempat pelatihan perusahaan")
        MOBILE = "mobile", _("Pelatihan keliling (MTU)")
        KELURAHAN = "kelurahan", _("Paket kewirausahaan kelurahan")

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="lines")
    channel = models.CharField(_("jalur"), max_length=14, choices=Channel.choices)
    institution = models.ForeignKey(
        "training.TrainingInstitution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    program = models.ForeignKey(
        "training.Program", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vocation = models.ForeignKey(
        "training.Vocation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("uraian"), max_length=200)
    packages = models.PositiveSmallIntegerField(_("jumlah paket"))
    people_per_package = models.PositiveSmallIntegerField(_("orang per paket"))
    days_per_package = models.PositiveSmallIntegerField(_("hari per paket"), default=1)
    cost_per_package = models.PositiveBigIntegerField(_("biaya per paket (Rp)"))
    funding_source = models.CharField(
        _("sumber dana"), max_length=10, choices=FundingSource.choices
    )
    evidence = models.ManyToManyField(IndustryNeed, blank=True, related_name="plan_lines")
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("baris rencana")
        verbose_name_plural = _("baris rencana")
        constraints = [
            models.CheckConstraint(
                condition=Q(packages__gte=1, people_per_package__gte=1, days_per_package__gte=1),
                name="plan_line_positive",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlanLineBatch(models.Model):
    """A batch created from (realising) an approved plan line. The link lives in planning,
    above training, so that training's batches need not know about plans."""

    batch = models.OneToOneField(
        "training.Batch",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="plan_link",
        verbose_name=_("paket pelatihan"),
    )
    # Deleting a line forgets which batches realised it and keeps the batches, as the
    # batch's nullable link to its line did before it moved here.
    plan_line = models.ForeignKey(
        PlanLine,
        on_delete=models.CASCADE,
        related_name="batch_links",
        verbose_name=_("baris rencana"),
    )

    class Meta:
        verbose_name = _("paket dari baris rencana")
        verbose_name_plural = _("paket dari baris rencana")

    def __str__(self) -> str:
        return f"{self.plan_line} → {self.batch}"


class InstructorNeed(RegionOwned):
    """A planned program that lacks a qualified instructor, and how the search goes."""

    class Sourcing(models.TextChoices):
        SEARCHING = "searching", _("Sedang dicari")
        CANDIDATE_FOUND = "candidate", _("Calon ditemukan")
        CONTRACTED = "contracted", _("Sudah dikontrak")

    plan_line = models.ForeignKey(
        PlanLine, null=True, blank=True, on_delete=models.CASCADE, related_name="instructor_needs"
    )
    vocation = models.ForeignKey("training.Vocation", on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("kompetensi yang dicari"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=Sourcing.choices, default=Sourcing.SEARCHING
    )
    candidate = models.ForeignKey(
        "training.Instructor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("kebutuhan instruktur")
        verbose_name_plural = _("kebutuhan instruktur")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="searching") | Q(candidate__isnull=False),
                name="instructor_need_candidate_named",
            )
        ]

    def __str__(self) -> str:
        return self.description
