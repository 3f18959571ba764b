"""The entrepreneurship path: graduates and job seekers who start a business, the groups
that apply for a TKM-style grant (Tenaga Kerja Mandiri, PP 33/2013), the support the
office gives, and the follow-up of each business at 6, 12 and 24 months.

Statuses change only in `services`, through the `*_TRANSITIONS` maps below. The grant
rules (group size, ages, amounts, the tools/materials split) are dated rows of
`GrantRule`, never constants: the row in force on a proposal's date applies."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.core.links import new_nonce
from jejaring.regions.models import RegionOwned


class BusinessKind(models.TextChoices):
    """The usual TKM fields of business."""

    AGRICULTURE = "agriculture", _("Pertanian/peternakan")
    FISHERIES = "fisheries", _("Perikanan")
    FOOD = "food", _("Pengolahan makanan")
    CREATIVE = "creative", _("Ekonomi kreatif")
    TRADE = "trade", _("Perdagangan/jasa")


class RevenueBand(models.TextChoices):
    NONE = "none", _("Belum ada omzet")
    UNDER_1M = "lt1", _("Di bawah Rp 1 juta")
    FROM_1M = "1to5", _("Rp 1–5 juta")
    FROM_5M = "5to15", _("Rp 5–15 juta")
    FROM_15M = "15to50", _("Rp 15–50 juta")
    OVER_50M = "gt50", _("Di atas Rp 50 juta")


class GrantScheme(models.TextChoices):
    TKM_PEMULA = "tkm_pemula", _("TKM Pemula")
    TKM_LANJUTAN = "tkm_lanjutan", _("TKM Lanjutan")


class Business(RegionOwned):
    """One person's business idea or running business (usaha)."""

    class Stage(models.TextChoices):
        IDEA = "idea", _("Rencana usaha")
        OPERATING = "operating", _("Berjalan")
        CLOSED = "closed", _("Tutup")

    person = models.ForeignKey(
        "trainees.Person",
        verbose_name=_("pemilik"),
        on_delete=models.PROTECT,
        related_name="businesses",
    )
    enrolment = models.ForeignKey(
        "training.Enrolment",
        verbose_name=_("pelatihan asal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    jobseeker_card = models.ForeignKey(
        "jobseekers.JobSeekerCard",
        verbose_name=_("kartu AK/1"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    group = models.ForeignKey(
        "EnterpriseGroup",
        verbose_name=_("kelompok"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="businesses",
    )
    name = models.CharField(_("nama usaha"), max_length=200)
    idea = models.TextField(_("gagasan usaha"), blank=True)
    kind = models.CharField(_("bidang usaha"), max_length=12, choices=BusinessKind.choices)
    kbli_code = models.CharField(_("kode KBLI"), max_length=5, blank=True)
    place_regency_code = models.CharField(_("kabupaten/kota"), max_length=5)
    place_district_code = models.CharField(_("kecamatan"), max_length=8, blank=True)
    place_village_code = models.CharField(_("kelurahan/desa"), max_length=13, blank=True)
    stage = models.CharField(_("tahap"), max_length=10, choices=Stage.choices, default=Stage.IDEA)
    started_on = models.DateField(_("mulai usaha"), null=True, blank=True)
    closed_on = models.DateField(_("tutup pada"), null=True, blank=True)
    nib = models.CharField(_("NIB"), max_length=13, blank=True)
    members = models.PositiveSmallIntegerField(_("jumlah anggota/pemilik"), default=1)
    workers = models.PositiveSmallIntegerField(_("pekerja yang dipekerjakan"), default=0)
    revenue_band = models.CharField(
        _("omzet per bulan"), max_length=8, choices=RevenueBand.choices, default=RevenueBand.NONE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("usaha")
        verbose_name_plural = _("usaha")
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage="operating") | Q(started_on__isnull=False),
                name="business_started_has_date",
            ),
            models.CheckConstraint(
                condition=Q(nib="") | Q(nib__regex=r"^\d{13}$"), name="business_nib_13_digits"
            ),
        ]
        indexes = [
            models.Index(fields=["region", "stage", "-created_at"], name="business_region_stage"),
            models.Index(fields=["person"], name="business_person"),
        ]

    def __str__(self) -> str:
        return self.name


B = Business.Stage
BUSINESS_TRANSITIONS: dict[str, frozenset[str]] = {
    B.IDEA: frozenset({B.OPERATING, B.CLOSED}),
    B.OPERATING: frozenset({B.CLOSED}),
    B.CLOSED: frozenset({B.OPERATING}),
}


class GrantRule(RegionOwned):
    """The grant rules in force from `valid_from` (until the next row of the same region
    and scheme): an administrator adds a row when the ministry changes a figure."""

    scheme = models.CharField(_("skema"), max_length=14, choices=GrantScheme.choices)
    valid_from = models.DateField(_("berlaku mulai"))
    min_members = models.PositiveSmallIntegerField(_("anggota paling sedikit"), default=10)
    max_members = models.PositiveSmallIntegerField(_("anggota paling banyak"), default=10)
    min_age = models.PositiveSmallIntegerField(_("umur paling rendah"), default=17)
    max_age = models.PositiveSmallIntegerField(_("umur paling tinggi"), default=55)
    amount = models.PositiveBigIntegerField(_("nilai bantuan (Rp)"), default=20_000_000)
    tools_percent = models.PositiveSmallIntegerField(
        _("porsi peralatan (%)"), default=60, validators=[MaxValueValidator(100)]
    )
    tolerance_percent = models.PositiveSmallIntegerField(
        _("toleransi porsi (poin %)"), default=5, validators=[MaxValueValidator(100)]
    )
    source = models.CharField(_("dasar/sumber angka"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("aturan bantuan TKM")
        verbose_name_plural = _("aturan bantuan TKM")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "scheme", "valid_from"], name="grant_rule_once_per_day"
            ),
            models.CheckConstraint(
                condition=Q(min_members__lte=models.F("max_members")),
                name="grant_rule_member_range",
            ),
            models.CheckConstraint(
                condition=Q(min_age__lte=models.F("max_age")), name="grant_rule_age_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scheme_display()} {self.valid_from:%Y-%m-%d}"


class EnterpriseGroup(RegionOwned):
    """A group (kelompok usaha) of unemployed people who propose one business together."""

    name = models.CharField(_("nama kelompok"), max_length=200)
    scheme = models.CharField(
        _("skema"), max_length=14, choices=GrantScheme.choices, default=GrantScheme.TKM_PEMULA
    )
    kind = models.CharField(_("bidang usaha"), max_length=12, choices=BusinessKind.choices)
    kbli_code = models.CharField(_("kode KBLI"), max_length=5, blank=True)
    place_regency_code = models.CharField(_("kabupaten/kota"), max_length=5)
    place_district_code = models.CharField(_("kecamatan"), max_length=8, blank=True)
    place_village_code = models.CharField(_("kelurahan/desa"), max_length=13, blank=True)
    created_at = models.DateTimeField(_("dibentuk"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("kelompok usaha")
        verbose_name_plural = _("kelompok usaha")
        indexes = [models.Index(fields=["region", "-created_at"], name="enterprise_group_region")]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """A member, checked when they joined: age from the birth date on the region's date,
    and not employed (no started or hired job referral, no AK/1 closed as hired)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Ketua")
        MEMBER = "member", _("Anggota")

    group = models.ForeignKey(EnterpriseGroup, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "trainees.Person",
        verbose_name=_("anggota"),
        on_delete=models.PROTECT,
        related_name="enterprise_memberships",
    )
    role = models.CharField(_("peran"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("bergabung"))
    age_when_checked = models.PositiveSmallIntegerField(_("umur saat diperiksa"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("anggota kelompok usaha")
        verbose_name_plural = _("anggota kelompok usaha")
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="group_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.group}"


class GrantProposal(RegionOwned):
    """A group's proposal (business plan and budget), the office's selection, the
    disbursement and the accountability report checked by staff."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SUBMITTED = "submitted", _("Diajukan")
        SELECTED = "selected", _("Terpilih")
        REJECTED = "rejected", _("Tidak terpilih")
        DISBURSED = "disbursed", _("Dana disalurkan")
        REPORTED = "reported", _("Laporan diserahkan")
        ACCOUNTED = "accounted", _("Laporan diterima")

    group = models.ForeignKey(EnterpriseGroup, on_delete=models.PROTECT, related_name="proposals")
    scheme = models.CharField(_("skema"), max_length=14, choices=GrantScheme.choices)
    rule = models.ForeignKey(
        GrantRule,
        verbose_name=_("aturan yang berlaku"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_on = models.DateField(_("tanggal usulan"))
    business_plan = models.TextField(_("rencana usaha"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    status_note = models.TextField(_("catatan dinas"), blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    disbursed_on = models.DateField(_("tanggal penyaluran"), null=True, blank=True)
    disbursed_amount = models.PositiveBigIntegerField(
        _("dana disalurkan (Rp)"), null=True, blank=True
    )
    reported_at = models.DateTimeField(_("laporan diserahkan"), null=True, blank=True)
    checked_at = models.DateTimeField(_("laporan diperiksa"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("usulan bantuan")
        verbose_name_plural = _("usulan bantuan")
        indexes = [models.Index(fields=["region", "status"], name="grant_proposal_status")]

    def __str__(self) -> str:
        return f"{self.group} · {self.get_scheme_display()}"


P = GrantProposal.Status
PROPOSAL_TRANSITIONS: dict[str, frozenset[str]] = {
    P.DRAFT: frozenset({P.SUBMITTED}),
    P.SUBMITTED: frozenset({P.SELECTED, P.REJECTED, P.DRAFT}),
    P.SELECTED: frozenset({P.DISBURSED}),
    P.REJECTED: frozenset(),
    P.DISBURSED: frozenset({P.REPORTED}),
    # Staff either accept the report or send it back for corrections.
    P.REPORTED: frozenset({P.ACCOUNTED, P.DISBURSED}),
    P.ACCOUNTED: frozenset(),
}


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        TOOLS = "tools", _("Peralatan")
        MATERIALS = "materials", _("Bahan")

    proposal = models.ForeignKey(GrantProposal, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("jenis"), max_length=10, choices=Category.choices)
    description = models.CharField(_("uraian"), max_length=200)
    planned = models.PositiveBigIntegerField(_("rencana (Rp)"))
    spent = models.PositiveBigIntegerField(_("realisasi (Rp)"), null=True, blank=True)

    class Meta:
        verbose_name = _("baris anggaran")
        verbose_name_plural = _("baris anggaran")
        ordering = ["category", "id"]

    def __str__(self) -> str:
        return self.description


class ReportFile(models.Model):
    """A receipt or photo of the accountability report, kept through the storage API."""

    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("Kuitansi/nota")
        PHOTO = "photo", _("Foto")

    proposal = models.ForeignKey(GrantProposal, on_delete=models.CASCADE, related_name="files")
    line = models.ForeignKey(
        BudgetLine, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    kind = models.CharField(_("jenis berkas"), max_length=8, choices=Kind.choices)
    file = models.FileField(_("berkas"), upload_to="enterprise/reports/%Y/")
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("berkas laporan bantuan")
        verbose_name_plural = _("berkas laporan bantuan")

    def __str__(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class SupportCase(RegionOwned):
    """Support the office gave a person or a group."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Paket pelatihan kewirausahaan")
        MENTORING = "mentoring", _("Pendampingan usaha")
        STARTUP_KIT = "startup_kit", _("Bantuan peralatan/paket usaha")
        KUR_REFERRAL = "kur", _("Surat pengantar KUR ke bank")
        NIB_HELP = "nib", _("Pendampingan pengurusan NIB")

    kind = models.CharField(_("jenis dukungan"), max_length=12, choices=Kind.choices)
    person = models.ForeignKey(
        "trainees.Person",
        verbose_name=_("orang"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    group = models.ForeignKey(
        EnterpriseGroup,
        verbose_name=_("kelompok"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="support_cases",
    )
    business = models.ForeignKey(
        Business,
        verbose_name=_("usaha"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_cases",
    )
    batch = models.ForeignKey(
        "training.Batch",
        verbose_name=_("paket pelatihan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_on = models.DateField(_("mulai"))
    ended_on = models.DateField(_("selesai"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("nilai (Rp)"), default=0)
    description = models.TextField(_("keterangan"), blank=True)
    bank_name = models.CharField(_("bank penyalur KUR"), max_length=120, blank=True)
    loan_amount = models.PositiveBigIntegerField(
        _("plafon KUR yang diajukan (Rp)"), null=True, blank=True
    )
    letter_number = models.CharField(_("nomor surat"), max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("dukungan wirausaha")
        verbose_name_plural = _("dukungan wirausaha")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True, group__isnull=False)
                | Q(person__isnull=False, group__isnull=True),
                name="support_case_person_or_group",
            ),
        ]
        indexes = [models.Index(fields=["region", "-started_on"], name="support_case_region")]

    def __str__(self) -> str:
        return self.get_kind_display()


class MentoringVisit(models.Model):
    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("tanggal kunjungan"))
    mentor = models.CharField(_("pendamping"), max_length=200)
    notes = models.TextField(_("catatan"))
    photo = models.ImageField(_("foto"), upload_to="enterprise/visits/%Y/", blank=True)

    class Meta:
        verbose_name = _("kunjungan pendampingan")
        verbose_name_plural = _("kunjungan pendampingan")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.visited_on} · {self.mentor}"


def _nonce() -> str:
    return new_nonce()


#: The months after a business started at which its owner is asked how it goes.
FOLLOW_UP_POINTS = (6, 12, 24)


class BusinessFollowUp(RegionOwned):
    """One follow-up point of one business, answered through a personal link."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="follow_ups")
    months_after = models.PositiveSmallIntegerField(
        _("bulan setelah mulai usaha"), validators=[MinValueValidator(1)]
    )
    due_on = models.DateField(_("jatuh tempo"))
    link_nonce = models.CharField(max_length=40, default=_nonce)
    link_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("penelusuran usaha")
        verbose_name_plural = _("penelusuran usaha")
        constraints = [
            models.UniqueConstraint(
                fields=["business", "months_after"], name="business_follow_up_once"
            )
        ]
        indexes = [models.Index(fields=["region", "due_on"], name="business_follow_up_due")]

    def __str__(self) -> str:
        return f"{self.business} +{self.months_after} bln"


class BusinessFollowUpAnswer(models.Model):
    """History is kept: exactly one answer per point is current."""

    class Source(models.TextChoices):
        LINK = "link", _("Jawaban pemilik lewat tautan")
        STAFF = "staff", _("Dicatat petugas")

    follow_up = models.ForeignKey(
        BusinessFollowUp, on_delete=models.CASCADE, related_name="answers"
    )
    operating = models.BooleanField(_("usaha masih berjalan"))
    workers = models.PositiveSmallIntegerField(_("pekerja yang dipekerjakan"), default=0)
    revenue_band = models.CharField(_("omzet per bulan"), max_length=8, choices=RevenueBand.choices)
    nib = models.CharField(_("NIB"), max_length=13, blank=True)
    source = models.CharField(_("sumber"), max_length=6, choices=Source.choices)
    is_current = models.BooleanField(default=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("jawaban penelusuran usaha")
        verbose_name_plural = _("jawaban penelusuran usaha")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up"],
                condition=Q(is_current=True),
                name="business_follow_up_one_current",
            )
        ]

    def __str__(self) -> str:
        return f"{self.follow_up_id}: {self.operating}"
