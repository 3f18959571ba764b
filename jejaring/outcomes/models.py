"""Tracer follow-up of graduates and the configurable definitions of outcome indicators.

Indicators themselves are computed from records by set-based queries; only their
definitions and published snapshots are stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.core.links import new_nonce
from jejaring.regions.models import RegionOwned


class OutcomeStatus(models.TextChoices):
    EMPLOYED = "employed", _("Bekerja di perusahaan")
    SELF_EMPLOYED = "self_employed", _("Wirausaha")
    INTERNSHIP = "internship", _("Sedang magang")
    STUDYING = "studying", _("Melanjutkan pendidikan")
    NOT_WORKING = "not_working", _("Belum bekerja")
    UNKNOWN = "unknown", _("Tidak diketahui")


def _new_token() -> str:
    return new_nonce()


class FollowUp(RegionOwned):
    """One follow-up point of one graduate (e.g. 6 months after graduation)."""

    enrolment = models.ForeignKey(
        "training.Enrolment", on_delete=models.CASCADE, related_name="follow_ups"
    )
    person = models.ForeignKey(
        "trainees.Person", on_delete=models.PROTECT, related_name="follow_ups"
    )
    # Denormalised for operator scoping.
    institution = models.ForeignKey(
        "training.TrainingInstitution", on_delete=models.PROTECT, related_name="+"
    )
    months_after = models.PositiveSmallIntegerField(
        _("bulan setelah lulus"), validators=[MinValueValidator(1)]
    )
    due_on = models.DateField(_("jatuh tempo"))
    # The personal link carries a signed token; rotating this nonce invalidates old links.
    link_nonce = models.CharField(max_length=40, default=_new_token)
    link_sent_at = models.DateTimeField(null=True, blank=True)
    #: Has a current answer other than "unknown". Kept by `outcomes.summaries.refresh`
    #: with the graduate's facts, so that lists and response rates over millions of
    #: points need no subquery per point.
    answered = models.BooleanField(_("terjawab"), default=False, editable=False)

    class Meta:
        verbose_name = _("penelusuran alumni")
        verbose_name_plural = _("penelusuran alumni")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "months_after"], name="follow_up_once_per_point"
            )
        ]
        indexes = [
            # The follow-up list's keyset order (selectors.FOLLOW_UP_LIST_ORDER); it also
            # serves every read by region and due date.
            models.Index(fields=["region", "due_on", "id"], name="follow_up_region_due_id"),
        ]

    def __str__(self) -> str:
        return f"{self.person} +{self.months_after} bln"


class FollowUpAnswer(models.Model):
    """An answer at a follow-up point. History is kept; exactly one answer per point is
    current, and every answer says where it came from."""

    class Source(models.TextChoices):
        REFERRAL = "referral", _("Hasil penyaluran")
        COMPANY = "company", _("Konfirmasi perusahaan")
        SELF = "self", _("Jawaban alumni")
        PHONE_SURVEY = "phone", _("Survei telepon petugas")

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(_("status"), max_length=14, choices=OutcomeStatus.choices)
    source = models.CharField(_("sumber"), max_length=8, choices=Source.choices)
    company = models.ForeignKey(
        "employers.Company", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    employer_name = models.CharField(_("nama tempat kerja"), max_length=200, blank=True)
    via_referral = models.BooleanField(_("melalui penyaluran BLK"), default=False)
    business_kind = models.CharField(_("jenis usaha"), max_length=200, blank=True)
    business_registration = models.CharField(_("NIB"), max_length=20, blank=True)
    started_on = models.DateField(_("mulai bekerja/usaha"), null=True, blank=True)
    monthly_income = models.PositiveBigIntegerField(
        _("penghasilan per bulan (Rp)"), null=True, blank=True
    )
    is_current = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("jawaban penelusuran")
        verbose_name_plural = _("jawaban penelusuran")
        ordering = ["-recorded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up"],
                condition=Q(is_current=True),
                name="follow_up_one_current_answer",
            )
        ]
        indexes = [models.Index(fields=["status", "is_current"], name="answer_status_current")]

    def __str__(self) -> str:
        return f"{self.follow_up_id}: {self.status}"


class IndicatorDefinition(RegionOwned):
    """How this office counts absorption: written on every report beside the number."""

    name = models.CharField(_("nama definisi"), max_length=120)
    window_months = models.PositiveSmallIntegerField(
        _("jendela penelusuran (bulan)"), default=12, validators=[MinValueValidator(1)]
    )
    internship_counts_as_absorbed = models.BooleanField(
        _("magang dihitung terserap"), default=False
    )
    self_employment_counts_as_absorbed = models.BooleanField(
        _("wirausaha dihitung terserap"), default=False
    )
    is_default = models.BooleanField(_("definisi utama"), default=False)

    class Meta:
        verbose_name = _("definisi indikator")
        verbose_name_plural = _("definisi indikator")
        constraints = [
            models.UniqueConstraint(
                fields=["region"], condition=Q(is_default=True), name="one_default_definition"
            ),
            models.UniqueConstraint(fields=["region", "name"], name="definition_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class GraduateOutcome(RegionOwned):
    """One row per graduate: the groups a report may split or filter by, and the
    earliest start dates in the *current* follow-up answers, kept in step by
    `outcomes.summaries` (when a batch finishes, when an answer is written, when a
    program's vocation or an institution's kind changes).

    It holds facts, not figures: which graduates count as absorbed, and within which
    window, is still decided when an indicator is computed. It exists so that indicators
    over a million graduates scan one narrow table instead of joining enrolments,
    batches, programs, institutions and people and aggregating every follow-up answer on
    each request (docs/performance.md).
    """

    enrolment = models.OneToOneField(
        "training.Enrolment",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="outcome",
    )
    first_employed_on = models.DateField(null=True, blank=True)
    first_internship_on = models.DateField(null=True, blank=True)
    first_self_employed_on = models.DateField(null=True, blank=True)
    #: The registered company of the earliest "employed" answer, if it names one.
    first_company = models.ForeignKey(
        "employers.Company", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: A current answer other than "unknown" at some follow-up point.
    answered = models.BooleanField(default=False)
    # How long after graduation each first start came: the smallest window in calendar
    # months that holds it (maths.months_needed), and the days (negative when it began
    # before graduation). A report's window is then one integer comparison.
    employed_months = models.PositiveSmallIntegerField(null=True, blank=True)
    employed_days = models.IntegerField(null=True, blank=True)
    internship_months = models.PositiveSmallIntegerField(null=True, blank=True)
    internship_days = models.IntegerField(null=True, blank=True)
    self_employed_months = models.PositiveSmallIntegerField(null=True, blank=True)
    self_employed_days = models.IntegerField(null=True, blank=True)

    # The graduate's groups, copied from the enrolment, its batch, program, institution
    # and person (none of which changes after graduation except a program's vocation
    # and an institution's kind, which the tracer follows).
    graduated_on = models.DateField()
    graduation_year = models.PositiveSmallIntegerField()
    institution = models.ForeignKey(
        "training.TrainingInstitution", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    institution_kind = models.CharField(max_length=16)
    program = models.ForeignKey(
        "training.Program", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    vocation = models.ForeignKey(
        "training.Vocation", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    funding_source = models.CharField(max_length=10)
    batch_year = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=1)
    #: Age in whole years on the day of graduation.
    age = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("ringkasan hasil lulusan")
        verbose_name_plural = _("ringkasan hasil lulusan")
        indexes = [
            models.Index(fields=["region", "graduated_on"], name="graduate_outcome_region_day"),
            models.Index(fields=["program"], name="graduate_outcome_program"),
            models.Index(fields=["institution"], name="graduate_outcome_institution"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}"


def _default_points() -> list[int]:
    return [3, 6, 12]


class TracerSettings(RegionOwned):
    """An office's follow-up schedule: the points (months after graduation) at which each
    graduate is asked, and how long a personal answer link stays valid."""

    points = models.JSONField(_("titik penelusuran (bulan setelah lulus)"), default=_default_points)
    link_valid_days = models.PositiveSmallIntegerField(
        _("masa berlaku tautan jawaban (hari)"), default=60, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("pengaturan penelusuran")
        verbose_name_plural = _("pengaturan penelusuran")
        constraints = [models.UniqueConstraint(fields=["region"], name="tracer_settings_once")]

    def __str__(self) -> str:
        return ", ".join(str(point) for point in self.points)


class PublishedStatistics(RegionOwned):
    """A snapshot of indicators the office published on its public page."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    definition = models.ForeignKey(IndicatorDefinition, on_delete=models.PROTECT, related_name="+")
    payload = models.JSONField()
    published_at = models.DateTimeField(default=timezone.now, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("statistik terbit")
        verbose_name_plural = _("statistik terbit")
        indexes = [models.Index(fields=["region", "-published_at"], name="published_stats")]
