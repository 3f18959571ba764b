"""The job-seeker card (AK/1, "kartu kuning"): one registration of a person as a job
seeker with an office, the card it becomes once the office has checked the documents, the
six-monthly reports written on it, and the per-region, per-year counter of card numbers.

Status changes only through `jejaring.jobseekers.services` (TRANSITIONS below)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.models import applicant_account_field
from jejaring.regions.models import RegionOwned
from jejaring.trainees.models import Education


class CardStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu pemeriksaan dokumen")
    ACTIVE = "active", _("Aktif")
    EXPIRED = "expired", _("Habis masa berlaku")
    HIRED = "hired", _("Ditutup: sudah bekerja")
    CLOSED = "closed", _("Ditutup")
    REJECTED = "rejected", _("Ditolak")


#: The statuses a card may move to from each status; anything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    CardStatus.SUBMITTED: frozenset({CardStatus.ACTIVE, CardStatus.REJECTED}),
    CardStatus.ACTIVE: frozenset({CardStatus.EXPIRED, CardStatus.HIRED, CardStatus.CLOSED}),
    CardStatus.EXPIRED: frozenset({CardStatus.ACTIVE, CardStatus.HIRED, CardStatus.CLOSED}),
    CardStatus.HIRED: frozenset(),
    CardStatus.CLOSED: frozenset(),
    CardStatus.REJECTED: frozenset(),
}
#: A person has at most one card in these statuses.
OPEN_STATUSES = (CardStatus.SUBMITTED, CardStatus.ACTIVE, CardStatus.EXPIRED)


class Channel(models.TextChoices):
    ONLINE = "online", _("Daring")
    COUNTER = "counter", _("Loket dinas")


class CloseSource(models.TextChoices):
    HOLDER = "holder", _("Pemegang kartu")
    OFFICE = "office", _("Dinas")
    EMPLOYER = "employer", _("Pemberi kerja (rujukan)")
    TRACER = "tracer", _("Penelusuran alumni")


class JobSeekerCard(RegionOwned):
    """One AK/1 of one person with the office of their KTP domicile (`region`)."""

    person = models.ForeignKey(
        "trainees.Person",
        verbose_name=_("orang"),
        on_delete=models.PROTECT,
        related_name="jobseeker_cards",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CardStatus.choices, default=CardStatus.SUBMITTED
    )
    channel = models.CharField(_("cara daftar"), max_length=8, choices=Channel.choices)
    #: What an online registrant typed (as training keeps it on an enrolment): the
    #: person's record is not changed by a registration, only by the office.
    applicant = models.JSONField(_("isian pendaftar"), default=dict, blank=True)
    registered_at = models.DateTimeField(_("didaftarkan"), default=timezone.now)
    # What the person brings to the job market.
    education = models.CharField(_("pendidikan terakhir"), max_length=8, choices=Education.choices)
    education_major = models.CharField(_("jurusan"), max_length=120, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("tahun lulus"), null=True, blank=True)
    skills = models.TextField(_("keterampilan"), blank=True)
    experience = models.TextField(_("pengalaman kerja"), blank=True)
    #: KBJI 2014 occupation code of the job wanted (4 digits, e.g. 7531); free text
    #: beside it until a KBJI list links it.
    occupation_code = models.CharField(_("kode jabatan KBJI"), max_length=10, blank=True)
    occupation_title = models.CharField(_("jabatan yang diinginkan"), max_length=200)
    wanted_location = models.CharField(_("lokasi kerja yang diinginkan"), max_length=200)
    #: The account an online registration belongs to (the signed-in submitter's, or one
    #: invited on the typed email); bound to the person only when the office, having seen
    #: the KTP, confirms the address with them at issue.
    applicant_user = applicant_account_field(related_name="+")
    # The office's check of the documents.
    ktp_checked = models.BooleanField(_("KTP diperiksa"), default=False)
    diploma_checked = models.BooleanField(_("ijazah terakhir diperiksa"), default=False)
    kk_checked = models.BooleanField(_("KK diperiksa"), default=False)
    photo = models.ImageField(_("pas foto 3×4"), upload_to="jobseekers/photos/%Y/", blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diperiksa oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The card.
    year = models.PositiveSmallIntegerField(_("tahun nomor"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("urutan"), null=True, blank=True)
    number = models.CharField(_("nomor pencari kerja"), max_length=30, blank=True)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    #: The start of the current two-year period: the issue date, then each renewal.
    period_start = models.DateField(_("awal masa berlaku"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(_("diperpanjang"), default=0)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The end.
    closed_on = models.DateField(_("tanggal ditutup"), null=True, blank=True)
    close_source = models.CharField(
        _("ditutup oleh"), max_length=10, choices=CloseSource.choices, blank=True
    )
    employer_name = models.CharField(_("pemberi kerja"), max_length=200, blank=True)
    employer_company_id = models.PositiveBigIntegerField(
        _("perusahaan terdaftar"), null=True, blank=True
    )
    status_note = models.CharField(_("keterangan status"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("kartu pencari kerja (AK/1)")
        verbose_name_plural = _("kartu pencari kerja (AK/1)")
        ordering = ["-registered_at", "-id"]
        indexes = [
            models.Index(fields=["region", "status", "-registered_at"], name="ak1_region_status"),
            models.Index(fields=["region", "valid_until"], name="ak1_region_valid"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["submitted", "active", "expired"]),
                name="ak1_one_open_card_per_person",
            ),
            models.UniqueConstraint(
                fields=["region", "year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="ak1_number_unique_in_region_year",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in CardStatus]), name="ak1_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.number or _("AK/1 (belum terbit) #%(id)s") % {"id": self.pk}

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class JobSeekerReport(RegionOwned):
    """One of the four six-monthly reports of a two-year period (`box` 1–4 of
    `cycle`, 0 for the first period and one more for each renewal)."""

    card = models.ForeignKey(
        JobSeekerCard, verbose_name=_("kartu"), on_delete=models.CASCADE, related_name="reports"
    )
    cycle = models.PositiveSmallIntegerField(_("periode"))
    box = models.PositiveSmallIntegerField(_("laporan ke"))
    reported_on = models.DateField(_("tanggal lapor"))
    channel = models.CharField(_("cara lapor"), max_length=8, choices=Channel.choices)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("laporan enam bulanan pencari kerja")
        verbose_name_plural = _("laporan enam bulanan pencari kerja")
        ordering = ["cycle", "box"]
        constraints = [
            models.UniqueConstraint(fields=["card", "cycle", "box"], name="ak1_report_once"),
            models.CheckConstraint(condition=Q(box__gte=1, box__lte=4), name="ak1_report_box"),
        ]

    def __str__(self) -> str:
        return f"{self.card} {self.cycle}/{self.box}"


class CardCounter(RegionOwned):
    """The last card sequence given in a region in a year; its row is locked
    (select_for_update) by each issue so concurrent issues get consecutive numbers."""

    year = models.PositiveSmallIntegerField(_("tahun"))
    last = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("penghitung nomor AK/1")
        verbose_name_plural = _("penghitung nomor AK/1")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="ak1_counter_region_year")
        ]

    def __str__(self) -> str:
        return f"{self.region_id}/{self.year}: {self.last}"


class JobSeekerSettings(RegionOwned):
    """A region's AK/1 settings: whether the KK is asked, and the placement officer
    (pengantar kerja) who signs page 2 of the card."""

    require_kk = models.BooleanField(_("KK wajib diperiksa"), default=False)
    officer_name = models.CharField(_("nama pengantar kerja"), max_length=120, blank=True)
    officer_nip = models.CharField(_("NIP pengantar kerja"), max_length=18, blank=True)

    class Meta:
        verbose_name = _("pengaturan AK/1 wilayah")
        verbose_name_plural = _("pengaturan AK/1 wilayah")
        constraints = [models.UniqueConstraint(fields=["region"], name="ak1_settings_region")]

    def __str__(self) -> str:
        return str(self.region_id)
