"""Distribution of graduates into formations: allocation rounds with ranked applications,
the stored inputs and seed that make a round reproducible, referrals and internships."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.regions.models import RegionOwned


class AllocationRound(RegionOwned):
    """One round of applicant-proposing deferred acceptance over a set of formations."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        OPEN = "open", _("Menerima lamaran")
        CLOSED = "closed", _("Lamaran ditutup")
        ALLOCATED = "allocated", _("Hasil dihitung")
        PUBLISHED = "published", _("Diumumkan")
        CANCELLED = "cancelled", _("Dibatalkan")

    name = models.CharField(_("nama putaran"), max_length=200)
    max_choices = models.PositiveSmallIntegerField(
        _("pilihan maksimal"), default=5, validators=[MinValueValidator(1)]
    )
    opens_at = models.DateTimeField(_("dibuka"), null=True, blank=True)
    closes_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # The lottery that breaks ties is seeded; with the stored inputs it reproduces the round.
    seed = models.BigIntegerField(_("benih undian"))
    input_digest = models.CharField(max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("putaran penyaluran")
        verbose_name_plural = _("putaran penyaluran")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="round_dates",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoundFormation(models.Model):
    """A formation taking part in a round, with the seats it offers there (its quota less
    the seats already held by active referrals when the round was closed)."""

    class PrioritySource(models.TextChoices):
        SCORE = "score", _("Nilai uji kompetensi")
        COMPANY_RANKING = "company", _("Peringkat dari perusahaan")

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="formations")
    formation = models.ForeignKey(
        "employers.Formation", on_delete=models.PROTECT, related_name="round_entries"
    )
    seats = models.PositiveIntegerField(_("kursi"), null=True, blank=True)
    priority_source = models.CharField(
        _("dasar prioritas"),
        max_length=8,
        choices=PrioritySource.choices,
        default=PrioritySource.SCORE,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "formation"], name="round_formation_once")
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.formation}"


class CompanyRanking(models.Model):
    """A company's own ranking of the applicants to its formation in a round."""

    round_formation = models.ForeignKey(
        RoundFormation, on_delete=models.CASCADE, related_name="ranking"
    )
    person = models.ForeignKey("trainees.Person", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField(_("peringkat"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round_formation", "person"], name="ranking_person_once"
            ),
            models.UniqueConstraint(
                fields=["round_formation", "position"], name="ranking_position_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round_formation_id}: {self.position}"


class Application(RegionOwned):
    """A graduate's or alumnus's voluntary application in a round, with ranked choices."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SUBMITTED = "submitted", _("Diajukan")
        WITHDRAWN = "withdrawn", _("Ditarik")

    round = models.ForeignKey(
        AllocationRound, on_delete=models.PROTECT, related_name="applications"
    )
    person = models.ForeignKey(
        "trainees.Person", on_delete=models.PROTECT, related_name="applications"
    )
    # The graduation that makes them eligible (vocation, competency result).
    enrolment = models.ForeignKey(
        "training.Enrolment", on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Drawn from the round's seed when the round closes; breaks ties between equals.
    lottery_number = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("lamaran penyaluran")
        verbose_name_plural = _("lamaran penyaluran")
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="application_once_per_round"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="application_submitted_at",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"], name="application_round_status")]

    def __str__(self) -> str:
        return f"{self.person} · {self.round}"


class ApplicationChoice(models.Model):
    """One ranked choice; eligibility is fixed when the round closes, with the reason."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="choices")
    formation = models.ForeignKey(
        "employers.Formation", on_delete=models.PROTECT, related_name="choices"
    )
    rank = models.PositiveSmallIntegerField(_("urutan"), validators=[MinValueValidator(1)])
    eligible = models.BooleanField(null=True)
    ineligible_reason = models.CharField(max_length=40, blank=True)
    priority = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    # The first competency test in the vocation that gave `priority`: the first tie-break.
    tested_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="choice_rank_once"),
            models.UniqueConstraint(
                fields=["application", "formation"], name="choice_formation_once"
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="choice_rank_positive"),
        ]
        indexes = [models.Index(fields=["formation"], name="choice_formation")]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.rank}"


class AllocationResult(models.Model):
    """What the engine gave one application, and why not each better choice."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="results")
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="result")
    formation = models.ForeignKey(
        "employers.Formation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    choice_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    # [{"formation": id, "rank": n, "reason": "full"|"ineligible", "cutoff": …, "detail": …}]
    explanation = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(formation__isnull=True, choice_rank__isnull=True)
                | Q(formation__isnull=False, choice_rank__isnull=False),
                name="result_formation_and_rank_together",
            )
        ]
        indexes = [models.Index(fields=["round", "formation"], name="result_round_formation")]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.formation_id}"


class Referral(RegionOwned):
    """A candidate sent (disalurkan) to a formation. Active referrals hold a seat of the
    formation's quota; a declined or rejected referral frees it for the next round."""

    class Status(models.TextChoices):
        REFERRED = "referred", _("Disalurkan")
        ACCEPTED = "accepted", _("Diterima perusahaan")
        REJECTED = "rejected", _("Ditolak perusahaan")
        DECLINED = "declined", _("Mundur")
        STARTED = "started", _("Mulai bekerja/magang")
        COMPLETED = "completed", _("Magang selesai")
        HIRED = "hired", _("Diangkat sebagai pekerja")
        CANCELLED = "cancelled", _("Dibatalkan")

    #: Statuses that hold a seat of the quota.
    ACTIVE = (Status.REFERRED, Status.ACCEPTED, Status.STARTED, Status.COMPLETED, Status.HIRED)

    formation = models.ForeignKey(
        "employers.Formation", on_delete=models.PROTECT, related_name="referrals"
    )
    # Denormalised from the formation for company HR scoping.
    company = models.ForeignKey(
        "employers.Company", on_delete=models.PROTECT, related_name="referrals"
    )
    person = models.ForeignKey(
        "trainees.Person", on_delete=models.PROTECT, related_name="referrals"
    )
    round = models.ForeignKey(
        AllocationRound,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="referral"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REFERRED
    )
    status_reason = models.TextField(_("alasan"), blank=True)
    letter_number = models.CharField(_("nomor surat pengantar"), max_length=80, blank=True)
    referred_at = models.DateTimeField(_("disalurkan pada"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(_("mulai"), null=True, blank=True)
    ended_on = models.DateField(_("selesai"), null=True, blank=True)
    hired_on = models.DateField(_("diangkat"), null=True, blank=True)

    class Meta:
        verbose_name = _("penyaluran")
        verbose_name_plural = _("penyaluran")
        constraints = [
            models.UniqueConstraint(
                fields=["formation", "person"],
                condition=Q(status__in=["referred", "accepted", "started", "completed", "hired"]),
                name="referral_one_active_per_formation",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["rejected", "declined"]) | ~Q(status_reason=""),
                name="referral_refusal_has_reason",
            ),
            models.UniqueConstraint(
                fields=["region", "letter_number"],
                condition=~Q(letter_number=""),
                name="referral_letter_number_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["formation", "status"], name="referral_formation_status"),
            models.Index(fields=["company", "status"], name="referral_company_status"),
            models.Index(fields=["person", "status"], name="referral_person_status"),
            # The referral list's keyset order (selectors.REFERRAL_LIST_ORDER).
            models.Index(fields=["region", "-referred_at", "-id"], name="referral_region_referred"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.formation}"


class InternshipAgreement(RegionOwned):
    """The written internship agreement for one intern: generated from a template, signed,
    then ratified by the office. No agreement, no start."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SIGNED = "signed", _("Ditandatangani")
        RATIFIED = "ratified", _("Disahkan dinas")

    referral = models.OneToOneField(
        Referral, on_delete=models.PROTECT, related_name="internship_agreement"
    )
    number = models.CharField(_("nomor perjanjian"), max_length=80)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    stipend_transport = models.PositiveBigIntegerField(_("uang transport (Rp/bulan)"), default=0)
    stipend_meals = models.PositiveBigIntegerField(_("uang makan (Rp/bulan)"), default=0)
    stipend_incentive = models.PositiveBigIntegerField(_("insentif (Rp/bulan)"), default=0)
    rights_and_duties = models.TextField(_("hak dan kewajiban"))
    parental_consent = models.FileField(
        _("izin orang tua"), upload_to="internship-consent/%Y/", blank=True
    )
    signed_document = models.FileField(
        _("perjanjian bertanda tangan"), upload_to="internship-agreements/%Y/", blank=True
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    ratified_at = models.DateTimeField(null=True, blank=True)
    ratified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("perjanjian pemagangan")
        verbose_name_plural = _("perjanjian pemagangan")
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="agreement_number_once"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")), name="internship_agreement_dates"
            ),
            models.CheckConstraint(
                condition=~Q(status="ratified") | Q(ratified_at__isnull=False),
                name="internship_agreement_ratified_at",
            ),
        ]

    def __str__(self) -> str:
        return self.number
