"""Competency testing and certificates.

Two certificates are kept apart: the training certificate the institution issues through
Jejaring (with a public verification page), and the competency certificate BNSP issues
through an LSP, which we only record. The competency catalogue tested against (LSPs,
units, schemes) belongs to training, below this app; its models are re-exported here.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.regions.models import RegionOwned
from jejaring.training.models import CertificationBody as CertificationBody
from jejaring.training.models import CompetencyUnit as CompetencyUnit
from jejaring.training.models import Scheme as Scheme
from jejaring.training.models import SchemeUnit as SchemeUnit


class UnitResult(models.TextChoices):
    COMPETENT = "K", _("Kompeten")
    NOT_YET_COMPETENT = "BK", _("Belum Kompeten")


class TestSite(models.Model):
    """A TUK (Tempat Uji Kompetensi) verified by an LSP."""

    lsp = models.ForeignKey(CertificationBody, on_delete=models.PROTECT, related_name="sites")
    name = models.CharField(_("nama TUK"), max_length=200)
    address = models.TextField(_("alamat"), blank=True)
    institution = models.ForeignKey(
        "training.TrainingInstitution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="test_sites",
        verbose_name=_("lembaga pelatihan"),
    )

    class Meta:
        verbose_name = _("TUK")
        verbose_name_plural = _("TUK")
        constraints = [models.UniqueConstraint(fields=["lsp", "name"], name="test_site_unique")]

    def __str__(self) -> str:
        return self.name


class Assessor(models.Model):
    """A competency assessor (asesor kompetensi) registered with BNSP. Assessors may
    work in several regions; their memberships say where."""

    full_name = models.CharField(_("nama lengkap"), max_length=200)
    registration_number = models.CharField(_("nomor registrasi (MET)"), max_length=60, unique=True)
    lsp = models.ForeignKey(
        CertificationBody,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessors",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessor_profile",
    )
    phone = models.CharField(_("telepon"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    valid_until = models.DateField(_("registrasi berlaku sampai"), null=True, blank=True)

    # The accounts scoped by this assessor (deleted with it).
    memberships = GenericRelation(
        "accounts.Membership",
        content_type_field="target_type",
        object_id_field="target_id",
        related_query_name="assessor",
    )

    class Meta:
        verbose_name = _("asesor")
        verbose_name_plural = _("asesor")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class AssessmentSession(RegionOwned):
    """An uji kompetensi event: one scheme, one TUK, one date, one or more assessors."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Dijadwalkan")
        ONGOING = "ongoing", _("Berlangsung")
        COMPLETED = "completed", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="sessions")
    lsp = models.ForeignKey(CertificationBody, on_delete=models.PROTECT, related_name="sessions")
    test_site = models.ForeignKey(TestSite, on_delete=models.PROTECT, related_name="sessions")
    batch = models.ForeignKey(
        "training.Batch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessment_sessions",
    )
    # Denormalised from the batch (when there is one) for operator scoping.
    institution = models.ForeignKey(
        "training.TrainingInstitution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessment_sessions",
    )
    date = models.DateField(_("tanggal uji"))
    assessors = models.ManyToManyField(  # type: ignore[var-annotated]
        Assessor, through="SessionAssessor", related_name="sessions"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        verbose_name = _("sesi uji kompetensi")
        verbose_name_plural = _("sesi uji kompetensi")
        ordering = ["-date"]
        indexes = [models.Index(fields=["region", "-date"], name="assessment_session_region")]

    def __str__(self) -> str:
        return f"{self.scheme} · {self.date}"


class SessionAssessor(models.Model):
    session = models.ForeignKey(AssessmentSession, on_delete=models.CASCADE)
    assessor = models.ForeignKey(Assessor, on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "assessor"], name="session_assessor_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}:{self.assessor_id}"


class Candidate(RegionOwned):
    """A participant (asesi) of one assessment session, with their APL-01 application.

    `result` and `score` are derived from the unit results by the service that completes
    the assessment; `score` ranks candidates for companies.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Terdaftar")
        ASSESSED = "assessed", _("Sudah diuji")
        ABSENT = "absent", _("Tidak hadir")

    class Result(models.TextChoices):
        COMPETENT = "K", _("Kompeten")
        NOT_YET_COMPETENT = "BK", _("Belum Kompeten")

    session = models.ForeignKey(
        AssessmentSession, on_delete=models.PROTECT, related_name="candidates"
    )
    person = models.ForeignKey(
        "trainees.Person", on_delete=models.PROTECT, related_name="assessments"
    )
    enrolment = models.ForeignKey(
        "training.Enrolment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    # A re-assessment of BK units points at the earlier attempt.
    retake_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="retakes"
    )
    apl01_submitted_at = models.DateTimeField(_("APL-01 diajukan"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED
    )
    result = models.CharField(_("hasil"), max_length=2, choices=Result.choices, blank=True)
    score = models.DecimalField(
        _("nilai"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    assessed_on = models.DateField(_("tanggal hasil"), null=True, blank=True)

    class Meta:
        verbose_name = _("asesi")
        verbose_name_plural = _("asesi")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="candidate_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="candidate_score_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="assessed") | ~Q(result=""),
                name="candidate_assessed_has_result",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "result"], name="candidate_person_result"),
            models.Index(fields=["region", "result"], name="candidate_region_result"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.session}"


class SelfAssessment(models.Model):
    """APL-02: the candidate's own claim per unit."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="apl02")
    unit = models.ForeignKey(CompetencyUnit, on_delete=models.PROTECT, related_name="+")
    claim = models.CharField(_("klaim"), max_length=2, choices=UnitResult.choices)
    evidence_note = models.TextField(_("bukti"), blank=True)

    class Meta:
        verbose_name = _("asesmen mandiri (APL-02)")
        verbose_name_plural = _("asesmen mandiri (APL-02)")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "unit"], name="apl02_once_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}:{self.unit_id} {self.claim}"


class UnitAssessment(models.Model):
    """The assessor's K/BK decision on one unit for one candidate."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="unit_results")
    unit = models.ForeignKey(CompetencyUnit, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("hasil"), max_length=2, choices=UnitResult.choices)
    evidence_note = models.TextField(_("catatan bukti"), blank=True)
    assessor = models.ForeignKey(Assessor, on_delete=models.PROTECT, related_name="+")
    # Set by the service each time the result is recorded or corrected.
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("hasil unit")
        verbose_name_plural = _("hasil unit")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "unit"], name="unit_result_once"),
            models.CheckConstraint(condition=Q(result__in=["K", "BK"]), name="unit_result_k_bk"),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}:{self.unit_id} {self.result}"


class TrainingCertificate(RegionOwned):
    """The institution's training certificate (sertifikat pelatihan) for one graduate,
    issued by Jejaring and verifiable publicly by its token."""

    class Status(models.TextChoices):
        VALID = "valid", _("Sah")
        REVOKED = "revoked", _("Dicabut")

    enrolment = models.OneToOneField(
        "training.Enrolment", on_delete=models.PROTECT, related_name="certificate"
    )
    institution = models.ForeignKey(
        "training.TrainingInstitution", on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField(_("nomor sertifikat"), max_length=60, unique=True)
    # Random, unguessable: the QR code links to /verifikasi/<token>/.
    verification_token = models.CharField(max_length=32, unique=True)
    issued_on = models.DateField(_("tanggal terbit"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.VALID
    )
    revoked_at = models.DateTimeField(_("dicabut pada"), null=True, blank=True)
    revoked_reason = models.TextField(_("alasan pencabutan"), blank=True)

    class Meta:
        verbose_name = _("sertifikat pelatihan")
        verbose_name_plural = _("sertifikat pelatihan")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="valid", revoked_at__isnull=True)
                | Q(status="revoked", revoked_at__isnull=False) & ~Q(revoked_reason=""),
                name="certificate_revocation_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.number


class CompetencyCertificate(RegionOwned):
    """A BNSP competency certificate issued through an LSP; recorded, not issued, here."""

    person = models.ForeignKey(
        "trainees.Person", on_delete=models.PROTECT, related_name="competency_certificates"
    )
    candidate = models.OneToOneField(
        Candidate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competency_certificate",
    )
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="+")
    lsp = models.ForeignKey(CertificationBody, on_delete=models.PROTECT, related_name="+")
    registration_number = models.CharField(_("nomor registrasi sertifikat"), max_length=80)
    issued_on = models.DateField(_("tanggal terbit"))
    valid_until = models.DateField(_("berlaku sampai"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sertifikat kompetensi")
        verbose_name_plural = _("sertifikat kompetensi")
        constraints = [
            models.UniqueConstraint(
                fields=["lsp", "registration_number"], name="competency_certificate_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("issued_on")), name="competency_certificate_dates"
            ),
        ]
        indexes = [models.Index(fields=["valid_until"], name="competency_cert_expiry")]

    def __str__(self) -> str:
        return self.registration_number
