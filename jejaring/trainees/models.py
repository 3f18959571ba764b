"""The person registry: one row per human, found by NIK, enrolled many times over the years."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jejaring.regions.models import RegionOwned


class Sex(models.TextChoices):
    MALE = "M", _("Laki-laki")
    FEMALE = "F", _("Perempuan")


class Education(models.TextChoices):
    """Highest completed education, in the order used to compare against a minimum."""

    NONE = "none", _("Tidak/belum sekolah")
    SD = "sd", _("SD/sederajat")
    SMP = "smp", _("SMP/sederajat")
    SMA = "sma", _("SMA/sederajat")
    SMK = "smk", _("SMK")
    D1 = "d1", _("D1")
    D2 = "d2", _("D2")
    D3 = "d3", _("D3")
    D4 = "d4", _("D4")
    S1 = "s1", _("S1")
    S2 = "s2", _("S2")
    S3 = "s3", _("S3")


#: Rank of each education level; SMA and SMK are the same level.
EDUCATION_RANK: dict[str, int] = {
    "none": 0,
    "sd": 1,
    "smp": 2,
    "sma": 3,
    "smk": 3,
    "d1": 4,
    "d2": 5,
    "d3": 6,
    "d4": 7,
    "s1": 7,
    "s2": 8,
    "s3": 9,
}


#: A person's details after name, sex and birth — education, domicile and contact — in the
#: order forms ask for them; what registration, editing and a verification copy.
PERSON_DETAIL_FIELDS = (
    "education",
    "education_major",
    "address",
    "domicile_regency_code",
    "domicile_district_code",
    "domicile_village_code",
    "phone",
    "email",
)


def education_meets(education: str, minimum: str) -> bool:
    """Whether `education` reaches `minimum` (no minimum always does; an unknown level
    never reaches one). The one comparison training selection and placement share."""
    if not minimum:
        return True
    return EDUCATION_RANK.get(education, -1) >= EDUCATION_RANK.get(minimum, 0)


nik_format = RegexValidator(r"^\d{16}$", _("NIK terdiri atas 16 angka."))


class Person(RegionOwned):
    """A job seeker, trainee or alumnus. `region` is the office that first registered them;
    offices where they later enrol see them through those enrolments.

    The NIK is stored once and unique across the whole deployment (a person who moves
    between regions stays one person). It is shown masked except to those who need it,
    and every reveal is audited.
    """

    nik = models.CharField(_("NIK"), max_length=16, unique=True, validators=[nik_format])
    nik_needs_review = models.BooleanField(
        _("NIK perlu ditinjau"),
        default=False,
        help_text=_("Kode kecamatan tidak dikenal; mungkin kode lama sebelum pemekaran."),
    )
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    education = models.CharField(_("pendidikan terakhir"), max_length=8, choices=Education.choices)
    education_major = models.CharField(_("jurusan"), max_length=120, blank=True)
    address = models.TextField(_("alamat domisili"), blank=True)
    # Domicile as Kemendagri codes, from the address picker.
    domicile_village_code = models.CharField(_("kelurahan/desa"), max_length=13, blank=True)
    domicile_district_code = models.CharField(_("kecamatan"), max_length=8, blank=True)
    domicile_regency_code = models.CharField(
        _("kabupaten/kota"), max_length=5, blank=True, db_index=True
    )
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)
    email = models.EmailField(_("email"), blank=True)
    disability = models.CharField(_("disabilitas"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    # Identity is verified by a person who saw the KTP (an operator at selection, or
    # office staff at the counter); until then the record holds only what was typed, and
    # no account is bound to it (docs/security.md).
    verified_at = models.DateTimeField(_("identitas diverifikasi"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diverifikasi oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("persetujuan data pribadi"), null=True, blank=True)
    consent_version = models.CharField(_("versi persetujuan"), max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("orang")
        verbose_name_plural = _("orang")
        ordering = ["full_name"]
        indexes = [
            models.Index(fields=["region", "full_name"], name="person_region_name"),
            # The person list's keyset order (selectors.PERSON_ORDERING). On PostgreSQL a
            # trigram index on the name serves the search (migration 0003).
            models.Index(fields=["full_name", "id"], name="person_name_id"),
            models.Index(fields=["phone"], name="person_phone"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(nik__regex=r"^\d{16}$"), name="person_nik_16_digits"
            ),
            models.CheckConstraint(condition=Q(sex__in=["M", "F"]), name="person_sex_valid"),
        ]

    #: The home region as read from the database (None for a new record): a save that
    #: changes it tells the apps above (trainees.dealings.person_moved).
    _loaded_region_id: int | None = None

    def __str__(self) -> str:
        return self.full_name

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Person:
        person = super().from_db(db, field_names, values)
        person._loaded_region_id = person.__dict__.get("region_id")
        return person

    def save(self, *args: Any, **kwargs: Any) -> None:
        loaded = self._loaded_region_id
        super().save(*args, **kwargs)
        if loaded is not None and loaded != self.region_id:
            # The apps above keep what depends on the home region in step
            # (training: which enrolments are with an office away from home).
            from jejaring.trainees.dealings import person_moved

            person_moved(self.pk)
        self._loaded_region_id = self.region_id

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def masked_nik(self) -> str:
        from jejaring.trainees.nik import mask_nik

        return mask_nik(self.nik)


class TransferRequest(RegionOwned):
    """Another office asks the person's home office (`region`) to move the person to it.
    Only the home office decides; every step is audited."""

    class Status(models.TextChoices):
        OPEN = "open", _("Menunggu keputusan")
        ACCEPTED = "accepted", _("Disetujui")
        DECLINED = "declined", _("Ditolak")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="transfer_requests", verbose_name=_("orang")
    )
    to_region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="incoming_transfer_requests",
        verbose_name=_("wilayah tujuan"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("permintaan pindah wilayah")
        verbose_name_plural = _("permintaan pindah wilayah")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "to_region"],
                condition=Q(status="open"),
                name="transfer_request_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.to_region}"
