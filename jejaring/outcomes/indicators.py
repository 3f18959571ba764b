"""Graduate outcome indicators, computed from the records in one set-based query.

Nothing here is stored: every figure is counted from enrolments and the *current* answer
of each follow-up point, under an explicit definition (`Definition`), and comes back
with its numerator and denominator.

The graduates of a year are the enrolments with status "graduated" and `graduated_on` in
that year (one enrolment, one graduate). A graduate is **absorbed** when a current
follow-up answer says "employed by a company" (and, if the definition says so, also
"internship ongoing" or "self-employed") with a start date no later than `graduated_on`
plus the window, in calendar months (12 by default). Their **first job** is the earliest
such start. A graduate **answered** when at least one follow-up point has a current
answer other than "unknown"; rates are given over all graduates and over those who
answered, so that a low response rate cannot pass for a high absorption.

The groups of each graduate and how long after graduation their first starts came are
read from `GraduateOutcome`, one row per graduate, which `summaries` keeps in step with
the enrolments and the current answers: facts, not figures — the window and what counts
are applied here, at query time, as integer comparisons (a start lies within a window of
W months exactly when its stored `*_months` is at most W: `maths.months_needed`).

The SQL is written by hand (a derived table) because the ORM cannot group on a
computed subquery column; both SQLite and PostgreSQL run it (`_Dialect` spells what
differs). The statements are assembled only from this module's constants and table
names; every value goes in as a query parameter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejaring.outcomes import maths
from jejaring.outcomes.maths import Fraction
from jejaring.outcomes.models import GraduateOutcome, OutcomeStatus
from jejaring.trainees.models import Sex
from jejaring.training.models import Enrolment, Program, TrainingInstitution


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


class _Dialect:
    """What differs between the databases in the SQL below."""

    def __init__(self, vendor: str) -> None:
        self.postgres = vendor == "postgresql"

    def least(self, columns: list[str]) -> str:
        """The smallest of nullable columns, NULL only when all are."""
        if len(columns) == 1:
            return columns[0]
        if self.postgres:
            return f"LEAST({', '.join(columns)})"  # ignores NULLs
        # SQLite's multi-argument MIN returns NULL as soon as one argument is.
        expression = columns[0]
        for column in columns[1:]:
            expression = (
                f"CASE WHEN {expression} IS NULL THEN {column} WHEN {column} IS NULL THEN "
                f"{expression} WHEN {column} < {expression} THEN {column} ELSE {expression} END"
            )
        return expression


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _age_band_sql() -> str:
    whens = " ".join(
        f"WHEN o.age >= {low}{'' if high is None else f' AND o.age <= {high}'} THEN '{label}'"
        for label, low, high in maths.AGE_BANDS
    )
    return f"CASE {whens} END"


#: The column (or expression) of each dimension in GraduateOutcome `o`.
_DIMENSIONS: dict[Dimension, str] = {
    Dimension.YEAR: "o.graduation_year",
    Dimension.REGION: "o.region_id",
    Dimension.INSTITUTION_KIND: "o.institution_kind",
    Dimension.INSTITUTION: "o.institution_id",
    Dimension.VOCATION: "o.vocation_id",
    Dimension.PROGRAM: "o.program_id",
    Dimension.FUNDING: "o.funding_source",
    Dimension.SEX: "o.sex",
    Dimension.AGE_BAND: _age_band_sql(),
    Dimension.COMPANY: "o.first_company_id",
}


def _base_sql(
    filters: Filters, definition: Definition, dimension: Dimension, dialect: _Dialect
) -> tuple[str, list[Any]]:
    """A FROM clause `(…) joined`: one row per graduate with its group, the months and
    days to the first start that counts, and whether they answered — all read from the
    one-row-per-graduate facts (GraduateOutcome), so that a report scans one narrow
    table and applies its window with integer comparisons."""
    if not filters.region_ids:
        raise ValueError("no regions to count")
    regions = sorted(filters.region_ids)
    marks = ", ".join(["%s"] * len(regions))
    where = [f"o.region_id IN ({marks})", "o.graduated_on >= %s", "o.graduated_on <= %s"]
    params: list[Any] = [*regions, date(filters.year_from, 1, 1), date(filters.year_to, 12, 31)]
    for column, value in (
        ("o.institution_id", filters.institution_id),
        ("o.institution_kind", filters.institution_kind),
        ("o.vocation_id", filters.vocation_id),
        ("o.program_id", filters.program_id),
        ("o.funding_source", filters.funding_source),
        ("o.sex", filters.sex),
        ("o.batch_year", filters.batch_year),
    ):
        if value:
            where.append(f"{column} = %s")
            params.append(value)
    kinds = ["employed"]
    if definition.internship_counts_as_absorbed:
        kinds.append("internship")
    if definition.self_employment_counts_as_absorbed:
        kinds.append("self_employed")
    sql = f"""(
        SELECT o.enrolment_id AS enrolment_id, o.graduated_on AS graduated_on,
               {_DIMENSIONS[dimension]} AS dim,
               {dialect.least([f"o.{kind}_months" for kind in kinds])} AS job_months,
               {dialect.least([f"o.{kind}_days" for kind in kinds])} AS job_days,
               o.self_employed_months AS biz_months, o.answered AS answered
        FROM {_table(GraduateOutcome)} o
        WHERE {" AND ".join(where)}
    ) joined"""
    return sql, params


def _measure_sql(measure: Measure, definition: Definition) -> str:
    window = int(definition.window_months)
    return {
        Measure.GRADUATES: "1 = 1",
        Measure.ANSWERED: "answered",
        Measure.ABSORBED: f"job_months <= {window}",
        Measure.SELF_EMPLOYED: f"biz_months <= {window}",
        Measure.WITH_JOB: "job_days IS NOT NULL",
    }[measure]


def _count(condition: str) -> str:
    return f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"


def graduate_table(
    *, filters: Filters, definition: Definition, dimension: Dimension = Dimension.YEAR
) -> Table:
    """Graduates, answers, absorption, self-employment, waiting time and median days to
    the first job, per group of `dimension`, plus the total, in one query."""
    base, params = _base_sql(filters, definition, dimension, _Dialect(connection.vendor))
    # One pass, grouped by the group and the days waited for the first job: the counts
    # of a group are the sums of its rows, and its rows are its waiting-time histogram.
    sql = f"""
    SELECT dim, CASE WHEN job_days < 0 THEN 0 ELSE job_days END AS waited, COUNT(*),
           {_count(_measure_sql(Measure.ANSWERED, definition))},
           {_count(_measure_sql(Measure.ABSORBED, definition))},
           {_count(_measure_sql(Measure.SELF_EMPLOYED, definition))},
           {_count("job_months <= 3")}, {_count("job_months <= 6")},
           {_count("job_months <= 12")}
    FROM {base} GROUP BY dim, waited"""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    sums: dict[Any, list[int]] = defaultdict(lambda: [0] * 8)
    histograms: dict[Any, dict[int, int]] = defaultdict(dict)
    total_histogram: dict[int, int] = defaultdict(int)
    for key, days_waited, *values in fetched:
        cell = sums[key]
        numbers = [int(v or 0) for v in values]
        for index, number in enumerate(numbers):
            cell[index] += number
        if days_waited is not None:
            cell[7] += numbers[0]  # graduates with a first job
            histograms[key][int(days_waited)] = numbers[0]
            total_histogram[int(days_waited)] += numbers[0]
    counted = [
        (key, graduates, answered, absorbed, self_employed, with_job, b3, b6, b12)
        for key, (graduates, answered, absorbed, self_employed, b3, b6, b12, with_job) in (
            sums.items()
        )
    ]
    labels = _labels(dimension, [row[0] for row in counted])
    rows = []
    for key, graduates, answered, absorbed, self_employed, with_job, b3, b6, b12 in counted:
        b3, b6, b12, with_job = int(b3 or 0), int(b6 or 0), int(b12 or 0), int(with_job or 0)
        rows.append(
            Row(
                key=key,
                label=labels.get(key, str(key)) if key is not None else str(NO_GROUP),
                graduates=int(graduates),
                answered=int(answered or 0),
                absorbed=int(absorbed or 0),
                self_employed=int(self_employed or 0),
                with_job=with_job,
                waiting={"<=3": b3, "4-6": b6 - b3, "7-12": b12 - b6, ">12": with_job - b12},
                median_days_to_first_job=maths.median_from_histogram(histograms.get(key, {})),
            )
        )
    rows.sort(key=lambda row: (row.label, str(row.key)) if dimension != Dimension.YEAR else row.key)
    total = Row(key=None, label=gettext("Jumlah"))
    for row in rows:
        total.graduates += row.graduates
        total.answered += row.answered
        total.absorbed += row.absorbed
        total.self_employed += row.self_employed
        total.with_job += row.with_job
        for band, n in row.waiting.items():
            total.waiting[band] = total.waiting.get(band, 0) + n
    total.median_days_to_first_job = maths.median_from_histogram(total_histogram)
    return Table(definition=definition, dimension=dimension, rows=rows, total=total)


def graduate_ids(
    *,
    filters: Filters,
    definition: Definition,
    measure: Measure,
    dimension: Dimension = Dimension.YEAR,
    key: Any = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[int]]:
    """The enrolments behind one figure, for drill-down: (how many, one page of ids in
    graduation order). `key` selects one group of `dimension`; None means all groups."""
    base, params = _base_sql(filters, definition, dimension, _Dialect(connection.vendor))
    condition = _measure_sql(measure, definition)
    group = ""
    group_params: list[Any] = []
    if key == EMPTY_KEY:
        group = " AND dim IS NULL"
    elif key is not None:
        group = " AND dim = %s"
        group_params = [key]
    where = f"WHERE {condition}{group}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {base} {where}", params + group_params)
        (count,) = cursor.fetchone()
        cursor.execute(
            f"SELECT enrolment_id FROM {base} {where} "
            "ORDER BY graduated_on, enrolment_id LIMIT %s OFFSET %s",
            [*params, *group_params, int(limit), int(offset)],
        )
        ids = [int(row[0]) for row in cursor.fetchall()]
    return int(count), ids


def _labels(dimension: Dimension, keys: Iterable[Any]) -> dict[Any, str]:
    """Readable names for the group keys, in one query at most."""
    keys = [key for key in keys if key is not None]
    from jejaring.employers.models import Company
    from jejaring.regions.models import Region
    from jejaring.training.models import FundingSource, Vocation

    models_by_dimension: dict[Dimension, type[models.Model]] = {
        Dimension.REGION: Region,
        Dimension.INSTITUTION: TrainingInstitution,
        Dimension.VOCATION: Vocation,
        Dimension.PROGRAM: Program,
        Dimension.COMPANY: Company,
    }
    if dimension in models_by_dimension:
        model = models_by_dimension[dimension]
        return {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=keys)}
    choices: dict[Dimension, Sequence[tuple[str, Any]]] = {
        Dimension.INSTITUTION_KIND: TrainingInstitution.Kind.choices,
        Dimension.FUNDING: FundingSource.choices,
        Dimension.SEX: Sex.choices,
    }
    if dimension in choices:
        return {value: str(label) for value, label in choices[dimension]}
    return {key: str(key) for key in keys}


#: Drill-down key of the group whose key is empty (e.g. graduates without a company).
EMPTY_KEY = "kosong"
#: The label of the group of graduates whose key is empty (e.g. no registered company).
NO_GROUP = _("(tanpa)")


@dataclass
class PipelineYear:
    """The rates along the road for one year, each with its parts."""

    year: int
    completion: Fraction
    competency_pass: Fraction
    referral_placement: Fraction
    internship_to_hire: Fraction


def pipeline_rates(*, filters: Filters) -> list[PipelineYear]:
    """Completion (graduates ÷ those who finished or dropped out, by the year the batch
    ended), competency pass (K ÷ assessed, by the year of the result), referral placement
    (referrals that started work or an internship ÷ referrals made, by the year of
    referral, cancelled ones excluded) and internship-to-hire conversion (hired ÷
    internships completed or hired, by the year of referral) — four grouped queries."""
    from django.db.models import Count, Q
    from django.db.models.functions import ExtractYear

    from jejaring.assessment.models import Candidate
    from jejaring.employers.models import Formation
    from jejaring.placement.models import Referral

    regions = filters.region_ids
    start, end = date(filters.year_from, 1, 1), date(filters.year_to, 12, 31)
    enrolment_scope = Q()
    if filters.institution_id:
        enrolment_scope &= Q(institution_id=filters.institution_id)
    if filters.institution_kind:
        enrolment_scope &= Q(institution__kind=filters.institution_kind)
    if filters.vocation_id:
        enrolment_scope &= Q(batch__program__vocation_id=filters.vocation_id)
    if filters.program_id:
        enrolment_scope &= Q(batch__program_id=filters.program_id)
    if filters.funding_source:
        enrolment_scope &= Q(batch__funding_source=filters.funding_source)
    if filters.sex:
        enrolment_scope &= Q(person__sex=filters.sex)

    def by_year(rows: Any, year_key: str = "year") -> dict[int, tuple[int, int]]:
        return {int(row[year_key]): (int(row["hit"]), int(row["all"])) for row in rows}

    completion = by_year(
        Enrolment.objects.filter(
            enrolment_scope,
            region_id__in=regions,
            batch__end_date__range=(start, end),
            status__in=[Enrolment.Status.GRADUATED, Enrolment.Status.DROPPED_OUT],
        )
        .annotate(year=ExtractYear("batch__end_date"))
        .values("year")
        .annotate(all=Count("pk"), hit=Count("pk", filter=Q(status=Enrolment.Status.GRADUATED)))
        .order_by()
    )
    candidate_scope = Q()
    if filters.institution_id or filters.institution_kind or filters.vocation_id:
        candidate_scope = Q(
            enrolment__in=Enrolment.objects.filter(enrolment_scope, region_id__in=regions)
        )
    passing = by_year(
        Candidate.objects.filter(
            candidate_scope,
            region_id__in=regions,
            assessed_on__range=(start, end),
            result__in=[Candidate.Result.COMPETENT, Candidate.Result.NOT_YET_COMPETENT],
        )
        .annotate(year=ExtractYear("assessed_on"))
        .values("year")
        .annotate(all=Count("pk"), hit=Count("pk", filter=Q(result=Candidate.Result.COMPETENT)))
        .order_by()
    )
    referrals = Referral.objects.filter(
        region_id__in=regions, referred_at__date__range=(start, end)
    ).exclude(status=Referral.Status.CANCELLED)
    if filters.vocation_id:
        referrals = referrals.filter(
            person__enrolments__batch__program__vocation_id=filters.vocation_id
        ).distinct()
    placed = [Referral.Status.STARTED, Referral.Status.COMPLETED, Referral.Status.HIRED]
    placement = by_year(
        referrals.annotate(year=ExtractYear("referred_at"))
        .values("year")
        .annotate(all=Count("pk"), hit=Count("pk", filter=Q(status__in=placed)))
        .order_by()
    )
    conversion = by_year(
        referrals.filter(
            formation__kind=Formation.Kind.INTERNSHIP,
            status__in=[Referral.Status.COMPLETED, Referral.Status.HIRED],
        )
        .annotate(year=ExtractYear("referred_at"))
        .values("year")
        .annotate(all=Count("pk"), hit=Count("pk", filter=Q(status=Referral.Status.HIRED)))
        .order_by()
    )

    def fraction(table: dict[int, tuple[int, int]], year: int) -> Fraction:
        hit, total = table.get(year, (0, 0))
        return Fraction(hit, total)

    return [
        PipelineYear(
            year=year,
            completion=fraction(completion, year),
            competency_pass=fraction(passing, year),
            referral_placement=fraction(placement, year),
            internship_to_hire=fraction(conversion, year),
        )
        for year in range(filters.year_from, filters.year_to + 1)
    ]


@dataclass
class FunnelStep:
    key: str
    label: str
    count: int


def funnel(*, filters: Filters, definition: Definition, year: int) -> list[FunnelStep]:
    """Registration → graduate → competent → referred → absorbed for the graduates (and
    registrants) of the batches of one budget year, counted in people."""
    from django.db.models import Exists, OuterRef

    from jejaring.assessment.models import Candidate
    from jejaring.placement.models import Referral

    enrolments = Enrolment.objects.filter(region_id__in=filters.region_ids, batch__year=year)
    if filters.institution_id:
        enrolments = enrolments.filter(institution_id=filters.institution_id)
    if filters.vocation_id:
        enrolments = enrolments.filter(batch__program__vocation_id=filters.vocation_id)
    graduates = enrolments.filter(status=Enrolment.Status.GRADUATED)
    competent = graduates.filter(
        Exists(
            Candidate.objects.filter(enrolment=OuterRef("pk"), result=Candidate.Result.COMPETENT)
        )
    )
    referred = graduates.filter(
        Exists(
            Referral.objects.filter(person=OuterRef("person_id"))
            .exclude(status=Referral.Status.CANCELLED)
            .filter(referred_at__date__gte=OuterRef("graduated_on"))
        )
    )
    # A package of budget year Y may end in January of Y + 1.
    absorbed, _ids = graduate_ids(
        filters=Filters(
            region_ids=filters.region_ids,
            year_from=year,
            year_to=year + 1,
            institution_id=filters.institution_id,
            vocation_id=filters.vocation_id,
            batch_year=year,
        ),
        definition=definition,
        measure=Measure.ABSORBED,
        limit=0,
    )
    return [
        FunnelStep("registered", gettext("Mendaftar"), enrolments.count()),
        FunnelStep("graduated", gettext("Lulus"), graduates.count()),
        FunnelStep("competent", gettext("Kompeten"), competent.count()),
        FunnelStep("referred", gettext("Disalurkan"), referred.count()),
        FunnelStep("absorbed", gettext("Terserap"), absorbed),
    ]
