"""Domestic internship (Permenaker 6/2020): the dated rule sets, the companies'
internship programs the office approves, and which program each internship formation
runs under. The first two tables kept their names from when these models lived in
`jejaring.employers`."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jejaring.regions.models import RegionOwned


class InternshipRuleSet(models.Model):
    """The rules of domestic internship, as dated configuration an administrator changes
    when the regulation changes; the set valid on a date is the latest `valid_from` ≤ it."""

    valid_from = models.DateField(_("berlaku mulai"), unique=True)
    legal_basis = models.CharField(_("dasar hukum"), max_length=200)
    max_intern_pct_of_workforce = models.DecimalField(
        _("peserta magang maks. (% tenaga kerja)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    max_duration_months = models.PositiveSmallIntegerField(_("lama maksimal (bulan)"))
    theory_min_pct = models.PositiveSmallIntegerField(_("teori minimal (%)"))
    theory_max_pct = models.PositiveSmallIntegerField(_("teori maksimal (%)"))
    min_age = models.PositiveSmallIntegerField(_("usia minimal"))
    # Below this age (but at least min_age), written parental consent is required.
    parental_consent_below_age = models.PositiveSmallIntegerField(
        _("perlu izin orang tua di bawah usia")
    )
    decision_working_days = models.PositiveSmallIntegerField(
        _("batas keputusan dinas (hari kerja)")
    )

    class Meta:
        verbose_name = _("aturan pemagangan")
        verbose_name_plural = _("aturan pemagangan")
        db_table = "employers_internshipruleset"
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(theory_min_pct__lte=F("theory_max_pct"), theory_max_pct__lte=100),
                name="internship_rules_theory_range",
            ),
            models.CheckConstraint(
                condition=Q(parental_consent_below_age__gte=F("min_age")),
                name="internship_rules_consent_age",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legal_basis} ({self.valid_from})"


class InternshipProgram(RegionOwned):
    """A company's internship program, which the office approves before the company may
    select interns; the office decides within the configured working days."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SUBMITTED = "submitted", _("Diajukan")
        APPROVED = "approved", _("Disetujui")
        RETURNED = "returned", _("Dikembalikan untuk perbaikan")
        REJECTED = "rejected", _("Ditolak")

    company = models.ForeignKey(
        "employers.Company", on_delete=models.PROTECT, related_name="internship_programs"
    )
    title = models.CharField(_("nama program"), max_length=200)
    description = models.TextField(_("uraian program"))
    facilities = models.TextField(_("sarana dan prasarana"))
    supervisors = models.TextField(_("pembimbing"))
    plan = models.TextField(_("rencana pelaksanaan"))
    duration_months = models.PositiveSmallIntegerField(_("lama (bulan)"))
    theory_pct = models.PositiveSmallIntegerField(_("porsi teori (%)"))
    draft_agreement = models.FileField(
        _("rancangan perjanjian"), upload_to="internship-programs/%Y/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("diajukan pada"), null=True, blank=True)
    decision_due_on = models.DateField(_("batas keputusan"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        verbose_name = _("program pemagangan")
        verbose_name_plural = _("program pemagangan")
        db_table = "employers_internshipprogram"
        indexes = [
            models.Index(fields=["region", "status", "decision_due_on"], name="intern_prog_due")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(theory_pct__lte=100), name="internship_program_theory_pct"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="internship_program_submitted_at",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProgramFormation(models.Model):
    """The approved program an internship formation runs under (one program per
    formation). The link lives here, above employers, so that employers' formations need
    not know about internship programs; placement writes it with the formation."""

    formation = models.OneToOneField(
        "employers.Formation",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="program_link",
        verbose_name=_("formasi"),
    )
    # A program with formations cannot be deleted, as when the formation held the key.
    program = models.ForeignKey(
        InternshipProgram,
        on_delete=models.PROTECT,
        related_name="formation_links",
        verbose_name=_("program pemagangan"),
    )

    class Meta:
        verbose_name = _("formasi program pemagangan")
        verbose_name_plural = _("formasi program pemagangan")

    def __str__(self) -> str:
        return f"{self.program} → {self.formation}"
