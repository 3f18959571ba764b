"""The competency catalogue: certification bodies (LSP), competency units and
certification schemes, shared reference data that programs are built from.

It lives in training, below assessment, because a program names its scheme and units
and an instructor's credential its unit (ADR 0005); assessment tests against it. The
tables keep the names they had in assessment."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CertificationBody(models.Model):
    """An LSP (Lembaga Sertifikasi Profesi) licensed by BNSP. Shared reference data."""

    class Kind(models.TextChoices):
        P1 = "p1", _("LSP P1 (pihak pertama)")
        P2 = "p2", _("LSP P2 (pihak kedua)")
        P3 = "p3", _("LSP P3 (pihak ketiga)")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=2, choices=Kind.choices)
    license_number = models.CharField(_("nomor lisensi BNSP"), max_length=80, blank=True)

    class Meta:
        db_table = "assessment_certificationbody"
        verbose_name = _("LSP")
        verbose_name_plural = _("LSP")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CompetencyUnit(models.Model):
    """A unit of competency, usually from an SKKNI (e.g. `J.620100.004.02`). Codes in the
    wild vary, so the code is validated leniently in forms and only unique here."""

    code = models.CharField(_("kode unit"), max_length=40, unique=True)
    title = models.CharField(_("judul unit"), max_length=300)
    title_en = models.CharField(_("judul (Inggris)"), max_length=300, blank=True)

    class Meta:
        db_table = "assessment_competencyunit"
        verbose_name = _("unit kompetensi")
        verbose_name_plural = _("unit kompetensi")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Scheme(models.Model):
    """A certification scheme: a set of units certified together."""

    class Kind(models.TextChoices):
        KKNI = "kkni", _("Kualifikasi KKNI")
        OCCUPATION = "occupation", _("Okupasi")
        CLUSTER = "cluster", _("Klaster")

    code = models.CharField(_("kode skema"), max_length=60, unique=True)
    name = models.CharField(_("nama skema"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    kkni_level = models.PositiveSmallIntegerField(
        _("jenjang KKNI"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
    )
    vocation = models.ForeignKey(
        "training.Vocation", on_delete=models.PROTECT, related_name="schemes"
    )
    lsp = models.ForeignKey(
        CertificationBody,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="schemes",
    )
    units = models.ManyToManyField(  # type: ignore[var-annotated]
        CompetencyUnit, through="SchemeUnit", related_name="schemes"
    )

    class Meta:
        db_table = "assessment_scheme"
        verbose_name = _("skema sertifikasi")
        verbose_name_plural = _("skema sertifikasi")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kkni_level__isnull=True) | Q(kkni_level__gte=1, kkni_level__lte=9),
                name="scheme_kkni_level",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SchemeUnit(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="scheme_units")
    unit = models.ForeignKey(CompetencyUnit, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        db_table = "assessment_schemeunit"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["scheme", "unit"], name="scheme_unit_once")]

    def __str__(self) -> str:
        return f"{self.scheme_id}:{self.unit_id}"
