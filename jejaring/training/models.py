"""Institutions (BLK, LPKS), vocations, programs, instructors, batches, enrolments and
attendance: the training part of the road from industry needs to a job. The competency
catalogue that programs are built from is in `models_catalogue` (re-exported here)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.models import applicant_account_field
from jejaring.regions.models import RegionOwned
from jejaring.trainees.models import Education
from jejaring.training.models_catalogue import CertificationBody as CertificationBody
from jejaring.training.models_catalogue import CompetencyUnit as CompetencyUnit
from jejaring.training.models_catalogue import Scheme as Scheme
from jejaring.training.models_catalogue import SchemeUnit as SchemeUnit


class FundingSource(models.TextChoices):
    APBN = "apbn", _("APBN")
    APBD = "apbd", _("APBD")
    DBHCHT = "dbhcht", _("DBHCHT (bagi hasil cukai hasil tembakau)")
    COMPANY = "company", _("Perusahaan / CSR")
    SELF = "self", _("Swadana")
    OTHER = "other", _("Lainnya")


class TrainingInstitution(RegionOwned):
    """A place that trains: the public BLK (UPTD), a private LPKS, a community BLK or a
    company-run training site."""

    class Kind(models.TextChoices):
        BLK = "blk", _("BLK (UPTD)")
        LPKS = "lpks", _("LPKS (swasta)")
        COMMUNITY_BLK = "blk_komunitas", _("BLK Komunitas")
        COMPANY_SITE = "company_site", _("Tempat pelatihan perusahaan")

    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("nama singkat"), max_length=60, blank=True)
    # Kemnaker's registration number for LPKS (e.g. the VIN of SIAPkerja); free text.
    registration_number = models.CharField(_("nomor izin/registrasi"), max_length=60, blank=True)
    head_name = models.CharField(_("kepala lembaga"), max_length=200, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    village_code = models.CharField(_("kelurahan/desa"), max_length=13, blank=True)
    phone = models.CharField(_("telepon"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    # The accounts scoped by this institution (deleted with it).
    memberships = GenericRelation(
        "accounts.Membership",
        content_type_field="target_type",
        object_id_field="target_id",
        related_query_name="institution",
    )

    class Meta:
        verbose_name = _("lembaga pelatihan")
        verbose_name_plural = _("lembaga pelatihan")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="institution_unique_name")
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Vocation(models.Model):
    """A kejuruan (trade family), shared by every region so that roll-ups compare alike."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120, unique=True)
    name_en = models.CharField(_("nama (Inggris)"), max_length=120, blank=True)
    description = models.TextField(_("keterangan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kejuruan")
        verbose_name_plural = _("kejuruan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Program(RegionOwned):
    """A training program (curriculum) an institution runs, possibly many times a year."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktif")
        ARCHIVED = "archived", _("Diarsipkan")

    institution = models.ForeignKey(
        TrainingInstitution,
        on_delete=models.PROTECT,
        related_name="programs",
        verbose_name=_("lembaga"),
    )
    vocation = models.ForeignKey(
        Vocation, on_delete=models.PROTECT, related_name="programs", verbose_name=_("kejuruan")
    )
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama program"), max_length=200)
    description = models.TextField(_("uraian"), blank=True)
    hours_jp = models.PositiveSmallIntegerField(
        _("jumlah jam pelajaran (JP)"), validators=[MinValueValidator(1)]
    )
    duration_days = models.PositiveSmallIntegerField(
        _("lama (hari kerja)"), validators=[MinValueValidator(1)]
    )
    default_capacity = models.PositiveSmallIntegerField(
        _("kapasitas per paket"), validators=[MinValueValidator(1)]
    )
    # Completion rule: a participant graduates only with at least this share of sessions.
    min_attendance_pct = models.PositiveSmallIntegerField(
        _("kehadiran minimal (%)"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    scheme = models.ForeignKey(
        Scheme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programs",
        verbose_name=_("skema sertifikasi"),
    )
    units = models.ManyToManyField(
        CompetencyUnit,
        blank=True,
        related_name="programs",
        verbose_name=_("unit kompetensi"),
    )
    is_entrepreneurship = models.BooleanField(_("program kewirausahaan"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="program_unique_code"),
            models.CheckConstraint(
                condition=Q(min_attendance_pct__lte=100), name="program_attendance_pct"
            ),
        ]
        indexes = [models.Index(fields=["region", "vocation"], name="program_region_vocation")]

    def __str__(self) -> str:
        return self.name


class Instructor(RegionOwned):
    """An instructor; may belong to an institution or be engaged per batch."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktif")
        CANDIDATE = "candidate", _("Calon")
        INACTIVE = "inactive", _("Tidak aktif")

    institution = models.ForeignKey(
        TrainingInstitution,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instructors",
        verbose_name=_("lembaga"),
    )
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    phone = models.CharField(_("telepon"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    vocations = models.ManyToManyField(
        Vocation, blank=True, related_name="instructors", verbose_name=_("kejuruan")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    notes = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("instruktur")
        verbose_name_plural = _("instruktur")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name


class InstructorCredential(models.Model):
    """A competency or certificate an instructor holds (e.g. an instructor-methodology
    certificate, or a competency certificate in the trade)."""

    instructor = models.ForeignKey(Instructor, on_delete=models.CASCADE, related_name="credentials")
    title = models.CharField(_("kompetensi/sertifikat"), max_length=200)
    unit = models.ForeignKey(
        CompetencyUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issuer = models.CharField(_("penerbit"), max_length=200, blank=True)
    number = models.CharField(_("nomor"), max_length=80, blank=True)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("kompetensi instruktur")
        verbose_name_plural = _("kompetensi instruktur")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(valid_until__gte=F("issued_on")),
                name="credential_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Batch(RegionOwned):
    """One funded package (paket/angkatan/gelombang) of a program."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Direncanakan")
        OPEN = "open", _("Pendaftaran dibuka")
        SELECTION = "selection", _("Seleksi")
        RUNNING = "running", _("Berjalan")
        FINISHED = "finished", _("Selesai")
        CANCELLED = "cancelled", _("Dibatalkan")

    institution = models.ForeignKey(
        TrainingInstitution,
        on_delete=models.PROTECT,
        related_name="batches",
        verbose_name=_("lembaga"),
    )
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="batches", verbose_name=_("program")
    )
    code = models.CharField(_("kode paket"), max_length=40)
    name = models.CharField(_("nama paket"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun anggaran"))
    funding_source = models.CharField(
        _("sumber dana"), max_length=10, choices=FundingSource.choices
    )
    funding_note = models.CharField(_("keterangan dana"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("kuota peserta"))
    registration_opens_on = models.DateField(_("pendaftaran dibuka"), null=True, blank=True)
    registration_closes_on = models.DateField(_("pendaftaran ditutup"), null=True, blank=True)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    location = models.CharField(_("tempat"), max_length=200, blank=True)
    # Selection criteria; the selection page shows who meets which.
    min_age = models.PositiveSmallIntegerField(_("usia minimal"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("usia maksimal"), null=True, blank=True)
    min_education = models.CharField(
        _("pendidikan minimal"), max_length=8, choices=Education.choices, blank=True
    )
    residents_only = models.BooleanField(_("khusus warga domisili"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    status_reason = models.TextField(_("alasan status"), blank=True)
    instructors = models.ManyToManyField(
        Instructor, blank=True, related_name="batches", verbose_name=_("instruktur")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("paket pelatihan")
        verbose_name_plural = _("paket pelatihan")
        ordering = ["-start_date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="batch_unique_code"),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="batch_dates"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="batch_capacity_positive"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=F("min_age")),
                name="batch_age_range",
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_on__isnull=True)
                | Q(registration_opens_on__isnull=True)
                | Q(registration_closes_on__gte=F("registration_opens_on")),
                name="batch_registration_dates",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(status_reason=""),
                name="batch_cancel_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status"], name="batch_region_status"),
            models.Index(fields=["region", "year"], name="batch_region_year"),
            models.Index(fields=["institution", "-start_date"], name="batch_institution_start"),
            # The batch list's order, so its first page reads 30 index entries.
            models.Index(fields=["region", "-start_date", "code"], name="batch_region_start"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BatchSession(models.Model):
    """One training day or session of a batch; attendance is taken per session."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("tanggal"))
    starts_at = models.TimeField(_("mulai"), null=True, blank=True)
    ends_at = models.TimeField(_("selesai"), null=True, blank=True)
    topic = models.CharField(_("materi"), max_length=200, blank=True)
    instructor = models.ForeignKey(
        Instructor, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )

    class Meta:
        verbose_name = _("sesi pelatihan")
        verbose_name_plural = _("sesi pelatihan")
        ordering = ["date", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "date", "starts_at"], name="session_unique_slot"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="session_times_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch.code} {self.date}"


class Enrolment(RegionOwned):
    """A person's registration for one batch, from application to graduation.

    A person enrols many times over the years; once per batch. `graduated_on` fixes the
    graduation year used by every outcome indicator.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Mendaftar")
        SHORTLISTED = "shortlisted", _("Masuk seleksi")
        WAITLISTED = "waitlisted", _("Cadangan")
        ACCEPTED = "accepted", _("Diterima")
        REJECTED = "rejected", _("Tidak diterima")
        WITHDRAWN = "withdrawn", _("Mengundurkan diri")
        TRAINING = "training", _("Mengikuti pelatihan")
        GRADUATED = "graduated", _("Lulus")
        DROPPED_OUT = "dropped_out", _("Tidak menyelesaikan")

    #: The statuses that hold one of a batch's seats: the one rule for seat counts.
    SEATED: ClassVar[tuple[str, ...]] = (Status.ACCEPTED, Status.TRAINING)

    class Identity(models.TextChoices):
        """Whether the enrolment's person is known to be the one who applied."""

        UNVERIFIED = "unverified", _("Identitas belum diverifikasi")
        AWAITING_HOME = "awaiting_home", _("Menunggu konfirmasi kantor asal")
        CONFIRMED = "confirmed", _("Identitas terverifikasi")

    class Source(models.TextChoices):
        SELF = "self", _("Daftar mandiri")
        OPERATOR = "operator", _("Dimasukkan operator")
        IMPORT = "import", _("Impor berkas")

    batch = models.ForeignKey(
        Batch, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("paket")
    )
    # Denormalised from the batch so that operator scoping is one column filter.
    institution = models.ForeignKey(
        TrainingInstitution, on_delete=models.PROTECT, related_name="enrolments"
    )
    person = models.ForeignKey(
        "trainees.Person",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("peserta"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.APPLIED
    )
    status_reason = models.TextField(_("alasan"), blank=True)
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    # Dates of domain events default to now but take a given value, so that imported
    # history keeps its dates (auto_now_add would overwrite them).
    applied_at = models.DateTimeField(_("tanggal daftar"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("tanggal keputusan"), null=True, blank=True)
    graduated_on = models.DateField(_("tanggal lulus"), null=True, blank=True)
    attendance_pct = models.DecimalField(
        _("kehadiran (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    motivation = models.TextField(_("motivasi"), blank=True)
    # A registration or import records what was typed; it names a person but proves
    # nothing. Until `identity` is confirmed the enrolment shows only `applicant` and gives
    # nobody access to the person's record (docs/security.md).
    identity = models.CharField(_("identitas"), max_length=14, choices=Identity.choices)
    applicant = models.JSONField(_("data yang diisi pendaftar"), default=dict, blank=True)
    applicant_user = applicant_account_field(related_name="submitted_enrolments")
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    identity_checked_at = models.DateTimeField(_("KTP diperiksa"), null=True, blank=True)
    identity_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    identity_confirmed_at = models.DateTimeField(_("identitas dikonfirmasi"), null=True, blank=True)
    # The person's home region is not this enrolment's region: the office sees the person
    # through this enrolment (trainees.dealings), found by a small partial index instead of
    # every enrolment of the region. Set when the enrolment is made and kept by
    # `person_links.sync_away_from_home` when the person moves (trainees.signals).
    away_from_home = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("pendaftaran pelatihan")
        verbose_name_plural = _("pendaftaran pelatihan")
        constraints = [
            models.UniqueConstraint(fields=["batch", "person"], name="enrolment_once_per_batch"),
            models.CheckConstraint(
                condition=Q(status="graduated", graduated_on__isnull=False)
                | (~Q(status="graduated") & Q(graduated_on__isnull=True)),
                name="enrolment_graduated_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["rejected", "dropped_out"]) | ~Q(status_reason=""),
                name="enrolment_refusal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["region", "status"], name="enrolment_region_status"),
            models.Index(fields=["batch", "status"], name="enrolment_batch_status"),
            models.Index(fields=["region", "graduated_on"], name="enrolment_region_graduated"),
            models.Index(fields=["institution", "status"], name="enrolment_institution_status"),
            # The office's dealings with other regions' people (trainees.dealings): only
            # those enrolments are in the index, read from it alone.
            models.Index(
                fields=["region", "person"],
                condition=Q(identity="confirmed", away_from_home=True),
                name="enrolment_away_dealings",
            ),
            # Registrations elsewhere waiting for the person's home office (the office's
            # identity-match list and its inbox item): a handful of rows in any region.
            models.Index(
                fields=["person", "identity_checked_at"],
                condition=Q(identity="awaiting_home"),
                name="enrolment_awaiting_home",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} · {self.batch.code}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding and self.person_id is not None:
            self.away_from_home = self.person.region_id != self.region_id
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.identity == self.Identity.CONFIRMED

    @property
    def display_name(self) -> str:
        """The person's name once the identity is confirmed; before, the name typed."""
        if self.is_confirmed:
            return self.person.full_name
        return str(self.applicant.get("full_name") or "")


class EnrolmentDocument(models.Model):
    """A document attached to a registration (KTP scan, diploma, health letter)."""

    class Kind(models.TextChoices):
        ID_CARD = "ktp", _("KTP")
        DIPLOMA = "ijazah", _("Ijazah")
        FAMILY_CARD = "kk", _("Kartu Keluarga")
        HEALTH = "health", _("Surat keterangan sehat")
        OTHER = "other", _("Lainnya")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("berkas"), upload_to="enrolment-docs/%Y/")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("dokumen pendaftaran")
        verbose_name_plural = _("dokumen pendaftaran")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.enrolment}"


class Attendance(models.Model):
    """Presence of one participant at one session."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Hadir")
        LATE = "late", _("Terlambat")
        EXCUSED = "excused", _("Izin/sakit")
        ABSENT = "absent", _("Tidak hadir")

    session = models.ForeignKey(BatchSession, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("kehadiran"), max_length=8, choices=Status.choices)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set by the service each time attendance is recorded or corrected.
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="attendance_once")
        ]
        indexes = [models.Index(fields=["enrolment", "status"], name="attendance_enrolment")]

    def __str__(self) -> str:
        return f"{self.enrolment} {self.session.date} {self.status}"


class IdentityReview(RegionOwned):
    """Something about a registration that staff of `region` must look at, raised instead
    of telling the registrant: a second submission for a batch, contact details that
    differ from the person's record, an account that is already bound to the person.
    `region` is the office that decides (the batch's for duplicates, the person's home
    office for the rest)."""

    class Kind(models.TextChoices):
        DUPLICATE = "duplicate", _("Pendaftaran ganda di paket yang sama")
        CONTACT_DIFFERS = "contact", _("Kontak berbeda dengan data orang")
        ACCOUNT_BOUND = "account", _("Orang sudah terhubung dengan akun lain")

    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        "trainees.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("orang")
    )
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="+")
    enrolment = models.ForeignKey(
        Enrolment, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    applicant = models.JSONField(_("data yang diisi pendaftar"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("tinjauan identitas")
        verbose_name_plural = _("tinjauan identitas")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["region", "resolved_at"], name="identity_review_open")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.batch.code}"
