"""What an indicator table is made of: the definition that says what counts, the
dimensions and measures, the filters, and the rows and table that come back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejaring.outcomes import maths
from jejaring.outcomes.maths import Fraction
from jejaring.outcomes.models import OutcomeStatus


@dataclass(frozen=True)
class Definition:
    """How absorption is counted; shown in words beside every figure."""

    window_months: int = 12
    internship_counts_as_absorbed: bool = False
    self_employment_counts_as_absorbed: bool = False
    name: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.window_months <= 120:
            raise ValueError("the window is 1 to 120 months")

    @classmethod
    def from_model(cls, definition: Any) -> Definition:
        return cls(
            window_months=definition.window_months,
            internship_counts_as_absorbed=definition.internship_counts_as_absorbed,
            self_employment_counts_as_absorbed=definition.self_employment_counts_as_absorbed,
            name=definition.name,
        )

    @property
    def absorbed_statuses(self) -> tuple[str, ...]:
        statuses = [OutcomeStatus.EMPLOYED.value]
        if self.internship_counts_as_absorbed:
            statuses.append(OutcomeStatus.INTERNSHIP.value)
        if self.self_employment_counts_as_absorbed:
            statuses.append(OutcomeStatus.SELF_EMPLOYED.value)
        return tuple(statuses)

    def describe(self) -> str:
        """The definition in words, in the active language."""
        counted = [gettext("bekerja di perusahaan")]
        if self.internship_counts_as_absorbed:
            counted.append(gettext("sedang magang"))
        if self.self_employment_counts_as_absorbed:
            counted.append(gettext("wirausaha"))
        return gettext(
            "Terserap: lulusan yang jawaban penelusuran terkininya %(statuses)s, dengan "
            "tanggal mulai paling lambat %(months)s bulan setelah tanggal lulus. Penyebut: "
            "semua lulusan pada tahun itu (dan, terpisah, lulusan yang menjawab "
            "penelusuran). Jawaban “tidak diketahui” tidak dihitung sebagai "
            "belum bekerja."
        ) % {"statuses": gettext(" atau ").join(counted), "months": self.window_months}


class Dimension(models.TextChoices):
    YEAR = "year", _("Tahun lulus")
    REGION = "region", _("Wilayah")
    INSTITUTION_KIND = "institution_kind", _("Jenis lembaga")
    INSTITUTION = "institution", _("Lembaga")
    VOCATION = "vocation", _("Kejuruan")
    PROGRAM = "program", _("Program")
    FUNDING = "funding", _("Sumber dana")
    SEX = "sex", _("Jenis kelamin")
    AGE_BAND = "age_band", _("Kelompok usia")
    #: The registered company of the first job; graduates without one form one group.
    COMPANY = "company", _("Perusahaan pekerjaan pertama")


class Measure(models.TextChoices):
    """The sets of people a figure counts, for drill-down."""

    GRADUATES = "graduates", _("Lulusan")
    ANSWERED = "answered", _("Lulusan yang menjawab")
    ABSORBED = "absorbed", _("Terserap")
    SELF_EMPLOYED = "self_employed", _("Wirausaha")
    WITH_JOB = "with_job", _("Pernah bekerja")


@dataclass(frozen=True)
class Filters:
    """Restrictions on the graduates counted. Region ids must already be the actor's."""

    region_ids: frozenset[int]
    year_from: int
    year_to: int
    institution_id: int | None = None
    institution_kind: str = ""
    vocation_id: int | None = None
    program_id: int | None = None
    funding_source: str = ""
    sex: str = ""
    #: Budget year of the batch (for the funnel of one year's packages).
    batch_year: int | None = None


@dataclass
class Row:
    """The figures of one group (a year, a vocation, …)."""

    key: Any
    label: str
    graduates: int = 0
    answered: int = 0
    absorbed: int = 0
    self_employed: int = 0
    with_job: int = 0
    #: Graduates whose first job began within ≤ 3, 4–6, 7–12 and > 12 months.
    waiting: dict[str, int] = field(default_factory=dict)
    median_days_to_first_job: float | None = None

    @property
    def absorption(self) -> Fraction:
        return Fraction(self.absorbed, self.graduates)

    @property
    def waiting_bands(self) -> list[int]:
        """Counts per waiting band, in the order of maths.WAITING_BANDS."""
        return [self.waiting.get(label, 0) for label, _low, _high in maths.WAITING_BANDS]

    @property
    def absorption_of_answered(self) -> Fraction:
        return Fraction(self.absorbed, self.answered)

    @property
    def entrepreneurship(self) -> Fraction:
        return Fraction(self.self_employed, self.graduates)

    @property
    def entrepreneurship_of_answered(self) -> Fraction:
        return Fraction(self.self_employed, self.answered)

    @property
    def response(self) -> Fraction:
        return Fraction(self.answered, self.graduates)


@dataclass
class Table:
    definition: Definition
    dimension: Dimension
    rows: list[Row]
    total: Row
