"""The IPK report's tables in the ministry's layout, from the month's `Figures`, exact or
protected. Protected tables withhold every count of job seekers from 1 to 4 and whatever
would let one be worked out — the small-cell rule of `jejaring.core.suppression`, the
same as the outcome indicators' — for provincial and national viewers and the public.
Vacancy openings are counts of positions, not of people, and are shown as they are.

What is tied together, and so protected together: each breakdown adds up to its total
(the education rows, the occupation groups and the age bands share the grand total of
each flow), men and women add up to both, and in every row the stock-and-flow identity
holds: carried + registered = placed + removed + remaining (`terms.THROUGH`, never
shown)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jejaring.core.suppression import Relation, suppress
from jejaring.outcomes.labour_market.figures import (
    Figures,
    education_levels,
    occupation_groups,
)
from jejaring.outcomes.labour_market.terms import (
    AGE_BANDS,
    ALL,
    FLOWS,
    NO_GROUP,
    NO_REQUIREMENT,
    SEEKER_FLOW_LABELS,
    SEEKERS,
    SEXES,
    THROUGH,
    VACANCIES,
    VACANCY_FLOW_LABELS,
    Key,
    age_band_label,
)
from jejaring.trainees.models import Education
from jejaring.vacancies import kbji

#: How a withheld figure is written (the outcome indicators' symbol).
SYMBOL = "*"
#: A cell that does not apply (job seekers in the row of vacancies without a requirement).
NOT_APPLICABLE = "–"

Cell = int | str | None


@dataclass(frozen=True)
class Heading:
    label: str
    span: int


@dataclass(frozen=True)
class Line:
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class ReportTable:
    """A table as printed: header rows of spanning headings over the figure columns, the
    rows and (when it has one) the total row. A cell is a count, None when withheld, or
    `NOT_APPLICABLE`."""

    slug: str
    #: The sheet's name in the workbook.
    short_title: str
    title: str
    row_heading: str
    headers: list[list[Heading]]
    columns: list[str]
    rows: list[Line]
    total: Line | None


def _sex_label(sex: str) -> str:
    return {"M": _("L"), "F": _("P")}.get(sex, _("Jml"))


def _group_label(group: str) -> str:
    if group == NO_GROUP:
        return _("Tanpa kode KBJI")
    return f"{group} · {kbji.title_of(group, get_language())}"


def _seeker_cells() -> list[Key]:
    """Every protected cell's key (job seekers), in table order."""
    keys = []
    for flow in FLOWS:
        for education in [*education_levels(), ALL]:
            for sex in [*SEXES, ALL]:
                keys.append(Key(SEEKERS, flow, education=education, sex=sex))
        for group in [*occupation_groups(), NO_GROUP]:
            keys.append(Key(SEEKERS, flow, group=group))
    for band, _low, _high in AGE_BANDS:
        for sex in [*SEXES, ALL]:
            keys.append(Key(SEEKERS, "placed", sex=sex, band=band))
    return keys


def _through(key: Key) -> Key:
    return Key(key.kind, THROUGH, key.education, key.sex, key.group, key.band)


def withheld_keys(figures: Figures) -> frozenset[Key]:
    """The job-seeker counts to withhold from a reader who may not open the records."""
    values: dict[Hashable, int] = {key: figures.get(key) for key in _seeker_cells()}
    relations: list[Relation[Hashable]] = []
    unpublished: set[Hashable] = set()
    levels, groups = education_levels(), [*occupation_groups(), NO_GROUP]
    rows: list[Key] = [
        *(Key(SEEKERS, "", education=e, sex=s) for e in [*levels, ALL] for s in [*SEXES, ALL]),
        *(Key(SEEKERS, "", group=g) for g in groups),
    ]
    for row in rows:
        cells = {flow: Key(SEEKERS, flow, row.education, row.sex, row.group) for flow in FLOWS}
        through = _through(cells["carried"])
        values[through] = values[cells["carried"]] + values[cells["registered"]]
        unpublished.add(through)
        relations.append(Relation(through, (cells["carried"], cells["registered"])))
        relations.append(Relation(through, (cells["placed"], cells["removed"], cells["remaining"])))
    for flow in FLOWS:
        for education in [*levels, ALL]:
            relations.append(
                Relation(
                    Key(SEEKERS, flow, education=education),
                    tuple(Key(SEEKERS, flow, education=education, sex=s) for s in SEXES),
                )
            )
        for sex in [*SEXES, ALL]:
            relations.append(
                Relation(
                    Key(SEEKERS, flow, sex=sex),
                    tuple(Key(SEEKERS, flow, education=e, sex=sex) for e in levels),
                )
            )
        relations.append(
            Relation(Key(SEEKERS, flow), tuple(Key(SEEKERS, flow, group=g) for g in groups))
        )
    bands = [band for band, _low, _high in AGE_BANDS]
    for band in bands:
        relations.append(
            Relation(
                Key(SEEKERS, "placed", band=band),
                tuple(Key(SEEKERS, "placed", sex=s, band=band) for s in SEXES),
            )
        )
    for sex in [*SEXES, ALL]:
        relations.append(
            Relation(
                Key(SEEKERS, "placed", sex=sex),
                tuple(Key(SEEKERS, "placed", sex=sex, band=b) for b in bands),
            )
        )
    hidden = suppress(values, relations, unpublished=unpublished)
    return frozenset(key for key in hidden if isinstance(key, Key))


@dataclass(frozen=True)
class Column:
    """A figure column: its headings, and the key of its cell in the row whose value
    of the dimension `by` is `row` (none in the row `not_in`)."""

    path: tuple[str, ...]
    by: str
    kind: str = SEEKERS
    flow: str = ""
    sex: str = ALL
    not_in: str | None = None

    def key(self, row: str) -> Key | None:
        if row == self.not_in:
            return None
        dims: dict[str, str] = {"kind": self.kind, "flow": self.flow, "sex": self.sex}
        dims[self.by] = row
        return Key(**dims)


def _build(
    slug: str,
    short_title: str,
    title: str,
    row_heading: str,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[Column],
    cell: Callable[[Key | None], Cell],
    total: tuple[str, str] | None = (ALL, ""),
) -> ReportTable:
    depth = max(len(column.path) for column in columns)
    headers: list[list[Heading]] = []
    for level in range(depth):
        line: list[Heading] = []
        previous: tuple[str, ...] | None = None
        for column in columns:
            prefix = column.path[: level + 1]
            if len(column.path) <= level:
                prefix = column.path
            if line and prefix == previous:
                line[-1] = Heading(line[-1].label, line[-1].span + 1)
            else:
                label = column.path[level] if len(column.path) > level else ""
                line.append(Heading(label, 1))
            previous = prefix
        headers.append(line)
    lines = [Line(label, [cell(column.key(param)) for column in columns]) for param, label in rows]
    total_line = None
    if total is not None:
        param, label = total
        total_line = Line(label or _("Jumlah"), [cell(column.key(param)) for column in columns])
    return ReportTable(
        slug=slug,
        short_title=short_title,
        title=title,
        row_heading=row_heading,
        headers=headers,
        columns=[" · ".join(part for part in column.path if part) for column in columns],
        rows=lines,
        total=total_line,
    )


class Tables:
    """The report's tables over one month's figures; `withheld` empty for exact figures."""

    def __init__(self, figures: Figures, withheld: frozenset[Key] = frozenset()) -> None:
        self.figures = figures
        self.withheld = withheld

    @property
    def protected(self) -> bool:
        return bool(self.withheld)

    def cell(self, key: Key | None) -> Cell:
        if key is None:
            return NOT_APPLICABLE
        if key in self.withheld:
            return None
        return self.figures.get(key)

    def summary(self) -> ReportTable:
        flows = {
            "carried": _("Sisa akhir bulan lalu"),
            "registered": _("Terdaftar bulan ini"),
            "placed": _("Ditempatkan / dipenuhi"),
            "removed": _("Dihapus bulan ini"),
            "remaining": _("Sisa akhir bulan ini"),
        }
        return _build(
            "summary",
            _("Ringkasan"),
            _("Ringkasan"),
            "",
            [(SEEKERS, _("Pencari kerja (orang)")), (VACANCIES, _("Lowongan (posisi)"))],
            [Column((label,), "kind", flow=flow) for flow, label in flows.items()],
            self.cell,
            total=None,
        )

    def by_education(self) -> ReportTable:
        seekers, openings = _("Pencari kerja"), _("Lowongan (posisi)")
        columns = [
            Column(
                (seekers, str(SEEKER_FLOW_LABELS[flow]), _sex_label(sex)),
                "education",
                flow=flow,
                sex=sex,
                not_in=NO_REQUIREMENT,
            )
            for flow in FLOWS
            for sex in [*SEXES, ALL]
        ] + [
            Column((openings, str(VACANCY_FLOW_LABELS[flow])), "education", VACANCIES, flow)
            for flow in FLOWS
        ]
        rows = [(level, str(Education(level).label)) for level in education_levels()]
        rows.append((NO_REQUIREMENT, _("Tanpa syarat pendidikan")))
        return _build(
            "education",
            _("Tabel I"),
            _(
                "Tabel I. Keadaan pencari kerja, lowongan dan penempatan menurut tingkat "
                "pendidikan dan jenis kelamin"
            ),
            _("Tingkat pendidikan"),
            rows,
            columns,
            self.cell,
        )

    def by_group(self) -> ReportTable:
        seekers, openings = _("Pencari kerja"), _("Lowongan (posisi)")
        columns = [
            Column((seekers, str(SEEKER_FLOW_LABELS[flow])), "group", flow=flow) for flow in FLOWS
        ] + [
            Column(
                (openings, str(VACANCY_FLOW_LABELS[flow])),
                "group",
                VACANCIES,
                flow,
                not_in=NO_GROUP,
            )
            for flow in FLOWS
        ]
        rows = [(group, _group_label(group)) for group in [*occupation_groups(), NO_GROUP]]
        return _build(
            "occupation",
            _("Tabel II"),
            _(
                "Tabel II. Keadaan pencari kerja, lowongan dan penempatan menurut golongan "
                "pokok jabatan (KBJI 2014)"
            ),
            _("Golongan pokok jabatan"),
            rows,
            columns,
            self.cell,
        )

    def by_age(self) -> ReportTable:
        columns = [
            Column((_("Penempatan"), _sex_label(sex)), "band", flow="placed", sex=sex)
            for sex in [*SEXES, ALL]
        ]
        rows = [(band, age_band_label(band)) for band, _low, _high in AGE_BANDS]
        return _build(
            "age",
            _("Tabel III"),
            _("Tabel III. Penempatan menurut kelompok umur dan jenis kelamin"),
            _("Kelompok umur (tahun)"),
            rows,
            columns,
            self.cell,
        )

    def placements_by_education(self) -> ReportTable:
        columns = [
            Column((_("Penempatan"), _sex_label(sex)), "education", flow="placed", sex=sex)
            for sex in [*SEXES, ALL]
        ]
        rows = [(level, str(Education(level).label)) for level in education_levels()]
        return _build(
            "placed_education",
            _("Pendidikan"),
            _("Penempatan menurut tingkat pendidikan dan jenis kelamin"),
            _("Tingkat pendidikan"),
            rows,
            columns,
            self.cell,
        )

    def placements_by_group(self) -> ReportTable:
        columns = [Column((_("Penempatan"),), "group", flow="placed")]
        rows = [(group, _group_label(group)) for group in [*occupation_groups(), NO_GROUP]]
        return _build(
            "placed_occupation",
            _("Jabatan"),
            _("Penempatan menurut golongan pokok jabatan (KBJI 2014)"),
            _("Golongan pokok jabatan"),
            rows,
            columns,
            self.cell,
        )

    def office_tables(self) -> list[ReportTable]:
        """The report as sent to the province and the ministry."""
        return [self.summary(), self.by_education(), self.by_group(), self.by_age()]

    def public_tables(self) -> list[ReportTable]:
        """The public summary: the flows and the placements' breakdowns."""
        return [
            self.summary(),
            self.placements_by_education(),
            self.by_age(),
            self.placements_by_group(),
        ]
