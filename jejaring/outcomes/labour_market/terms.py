"""The vocabulary of the monthly labour-market information report (IPK): the month, the
flows of its stock-and-flow tables, the ministry's age bands, and the key of a figure.
No database here: the figures are counted in `figures`, protected in `tables`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

#: The five columns of every stock-and-flow table, in the ministry's order: what was left
#: at the end of last month, what came in, what went out through a placement (a job seeker
#: placed, an opening filled), what went out otherwise, and what is left at the month's end.
FLOWS: tuple[str, ...] = ("carried", "registered", "placed", "removed", "remaining")
#: Never shown: carried + registered, which is also placed + removed + remaining (the
#: stock-and-flow identity); protected like any other cell so no flow can be worked out.
THROUGH = "through"

SEEKER_FLOW_LABELS = {
    "carried": _("Sisa akhir bulan lalu"),
    "registered": _("Terdaftar bulan ini"),
    "placed": _("Ditempatkan bulan ini"),
    "removed": _("Dihapus bulan ini"),
    "remaining": _("Sisa akhir bulan ini"),
}
VACANCY_FLOW_LABELS = {
    "carried": _("Sisa akhir bulan lalu"),
    "registered": _("Terdaftar bulan ini"),
    "placed": _("Dipenuhi bulan ini"),
    "removed": _("Dihapus bulan ini"),
    "remaining": _("Sisa akhir bulan ini"),
}

#: Age bands of the placements, in whole years on the last day of the month: the ministry's
#: IPK bands (productive age from 15; 30–44 and 45–54 as in its placement tables). A card
#: holder is at least 15, so the first band also takes the odd younger record.
AGE_BANDS: tuple[tuple[str, int | None, int | None], ...] = (
    ("15-19", None, 19),
    ("20-24", 20, 24),
    ("25-29", 25, 29),
    ("30-44", 30, 44),
    ("45-54", 45, 54),
    ("55+", 55, None),
)

#: The wildcard of a key: "every education level", "both sexes", …
ALL = "*"
#: The occupation group of a job seeker whose wanted occupation has no KBJI code.
NO_GROUP = ""
#: The education row of vacancies that ask for no particular level.
NO_REQUIREMENT = ""

SEEKERS = "js"
VACANCIES = "vac"
SEXES = ("M", "F")


@dataclass(frozen=True)
class Key:
    """One figure: of job seekers (`kind` "js") or vacancy openings ("vac"), of one
    education level, sex, KBJI major group and age band (each `ALL` when not broken down),
    and one flow."""

    kind: str
    flow: str
    education: str = ALL
    sex: str = ALL
    group: str = ALL
    band: str = ALL


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    def __post_init__(self) -> None:
        if not (2000 <= self.year <= 2100 and 1 <= self.month <= 12):
            raise ValueError("a month of 2000–2100")

    @classmethod
    def parse(cls, text: str) -> Month:
        """ "2025-05" → Month(2025, 5); ValueError for anything else."""
        year, _sep, month = text.strip().partition("-")
        if not (year.isdigit() and month.isdigit() and len(year) == 4 and 1 <= len(month) <= 2):
            raise ValueError(text)
        return cls(int(year), int(month))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def next_first(self) -> date:
        return self.last + timedelta(days=1)

    def previous(self) -> Month:
        return Month.of(self.first - timedelta(days=1))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def years_before(day: date, years: int) -> date:
    """The date `years` before `day` (28 February for a 29 February that does not exist)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_band_label(band: str) -> str:
    return band.replace("-", "–").replace("+", " +") if band != ALL else str(_("Jumlah"))
