"""The arithmetic of outcome indicators, with no Django in it: fractions that keep their
numerator and denominator, calendar-month windows, waiting-time bands and medians from
histograms. The SQL in `indicators.py` counts; this module turns counts into figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

# Calendar-month arithmetic lives once, in core; re-exported for the indicator code.
from jejaring.core.dates import add_months as add_months
from jejaring.core.dates import full_months_between as full_months_between
from jejaring.core.dates import months_needed as months_needed

#: Waiting time to the first job, in whole months after graduation: (label, low, high),
#: both ends included; `None` for no upper end. The bands reported by Indonesian tracer
#: studies: ≤ 3, 4–6, 7–12 and > 12 months.
WAITING_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("<=3", 0, 3),
    ("4-6", 4, 6),
    ("7-12", 7, 12),
    (">12", 13, None),
)

#: Age at graduation, in years: (label, low, high), both ends included.
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("<20", 0, 19),
    ("20-24", 20, 24),
    ("25-29", 25, 29),
    ("30-39", 30, 39),
    (">=40", 40, None),
)


@dataclass(frozen=True)
class Fraction:
    """A rate that never hides what it is made of."""

    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        if self.numerator < 0 or self.denominator < 0:
            raise ValueError("counts cannot be negative")
        if self.numerator > self.denominator:
            raise ValueError(f"numerator {self.numerator} exceeds denominator {self.denominator}")

    @property
    def rate(self) -> Decimal | None:
        """The share as a fraction of one, or None when there is nobody to count."""
        if self.denominator == 0:
            return None
        return Decimal(self.numerator) / Decimal(self.denominator)

    @property
    def percent(self) -> Decimal | None:
        """The share in percent, rounded half up to one decimal (42.1)."""
        rate = self.rate
        if rate is None:
            return None
        return (rate * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def __add__(self, other: Fraction) -> Fraction:
        return Fraction(self.numerator + other.numerator, self.denominator + other.denominator)


def within_months(start: date, end: date, window: int) -> bool:
    """Whether `end` is no later than `start` + `window` calendar months.

    Equal to `end <= add_months(start, window)`, written with whole-month counts so that
    the database can evaluate it: either fewer than `window` whole months have passed,
    or exactly `window` have and it is the same day of the month.
    """
    months = full_months_between(start, end)
    return months < window or (months == window and end.day == start.day)


def cohort_matures_on(year: int, window_months: int) -> date:
    """The day the last possible graduate of graduation year `year` has had
    `window_months` months to find work: before it, the cohort's absorption is still
    rising, and reading it beside older cohorts would mislead."""
    return add_months(date(year, 12, 31), window_months)


def young_cohorts(years: Iterable[object], window_months: int, today: date) -> frozenset[int]:
    """Those of `years` (graduation years; anything else is ignored) whose cohort has
    not yet reached the indicator's window on `today`."""
    return frozenset(
        year
        for year in years
        if isinstance(year, int) and cohort_matures_on(year, window_months) > today
    )


def waiting_band(months: int) -> str:
    """The band of a waiting time in whole months (a job begun before graduation waits 0)."""
    months = max(months, 0)
    for label, low, high in WAITING_BANDS:
        if months >= low and (high is None or months <= high):
            return label
    raise AssertionError("bands cover every non-negative number")


def age_band(age: int) -> str:
    for label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    raise ValueError(f"negative age {age}")


def median_from_histogram(histogram: Mapping[int, int] | Iterable[tuple[int, int]]) -> float | None:
    """The median of values given as `{value: how many}`; the mean of the two middle
    values for an even count, None for an empty histogram."""
    pairs = sorted(histogram.items() if isinstance(histogram, Mapping) else histogram)
    total = sum(count for _, count in pairs)
    if total == 0:
        return None
    # 0-based positions of the middle value(s) in the sorted list of all values.
    low_position, high_position = (total - 1) // 2, total // 2
    low_value = high_value = None
    seen = 0
    for value, count in pairs:
        if count <= 0:
            continue
        if low_value is None and low_position < seen + count:
            low_value = value
        if high_position < seen + count:
            high_value = value
            break
        seen += count
    assert low_value is not None and high_value is not None
    return (low_value + high_value) / 2
