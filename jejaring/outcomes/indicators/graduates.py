"""The per-graduate indicator query: one set-based statement over `GraduateOutcome`
grouped by a dimension (`graduate_table`), and the graduates behind one of its numbers
(`graduate_ids`).

The SQL is written by hand (a derived table) because the ORM cannot group on a
computed subquery column; both SQLite and PostgreSQL run it (`_Dialect` spells what
differs). The statements are assembled only from this module's constants and table
names; every value goes in as a query parameter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import connection, models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jejaring.outcomes import maths
from jejaring.outcomes.indicators.terms import Definition, Dimension, Filters, Measure, Row, Table
from jejaring.outcomes.models import GraduateOutcome
from jejaring.trainees.models import Sex
from jejaring.training.models import Program, TrainingInstitution


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
