"""The arithmetic behind the indicators, checked against plain date arithmetic."""

from datetime import date, timedelta
from decimal import Decimal
from statistics import median

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jejaring.outcomes import maths

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@given(start=dates, end=dates, window=st.integers(min_value=0, max_value=36))
def test_within_months_agrees_with_adding_calendar_months(start, end, window):
    assert maths.within_months(start, end, window) == (end <= maths.add_months(start, window))


@given(start=dates, end=dates, window=st.integers(min_value=0, max_value=400))
def test_the_months_needed_are_the_smallest_window_that_holds(start, end, window):
    assert maths.within_months(start, end, window) == (window >= maths.months_needed(start, end))


def test_the_months_needed_count_calendar_months():
    assert maths.months_needed(date(2024, 6, 28), date(2024, 6, 28)) == 0
    assert maths.months_needed(date(2024, 6, 28), date(2024, 6, 1)) == 0
    assert maths.months_needed(date(2024, 6, 28), date(2024, 6, 29)) == 1
    assert maths.months_needed(date(2024, 6, 28), date(2025, 6, 28)) == 12
    assert maths.months_needed(date(2024, 6, 28), date(2025, 6, 29)) == 13
    assert maths.months_needed(date(2025, 1, 31), date(2025, 2, 28)) == 1


def test_the_end_of_january_plus_one_month_is_the_end_of_february():
    assert maths.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert maths.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert maths.within_months(date(2025, 1, 31), date(2025, 2, 28), 1)
    assert not maths.within_months(date(2025, 1, 31), date(2025, 3, 1), 1)


def test_a_fraction_keeps_its_parts_and_rounds_half_up():
    share = maths.Fraction(80, 190)
    assert (share.numerator, share.denominator) == (80, 190)
    assert share.percent == Decimal("42.1")
    assert maths.Fraction(1, 8).percent == Decimal("12.5")
    assert maths.Fraction(0, 0).rate is None
    with pytest.raises(ValueError):
        maths.Fraction(3, 2)


@given(st.lists(st.integers(min_value=0, max_value=2000), min_size=1, max_size=60))
def test_the_median_of_a_histogram_is_the_median_of_its_values(values):
    histogram: dict[int, int] = {}
    for value in values:
        histogram[value] = histogram.get(value, 0) + 1
    assert maths.median_from_histogram(histogram) == median(values)


def test_an_empty_histogram_has_no_median():
    assert maths.median_from_histogram({}) is None


@pytest.mark.parametrize(
    ("months", "band"), [(-2, "<=3"), (0, "<=3"), (3, "<=3"), (4, "4-6"), (12, "7-12"), (13, ">12")]
)
def test_waiting_bands(months, band):
    assert maths.waiting_band(months) == band


@given(start=dates, days=st.integers(min_value=-400, max_value=4000))
def test_full_months_never_exceed_the_calendar(start, days):
    end = start + timedelta(days=days)
    months = maths.full_months_between(start, end)
    following = maths.add_months(start, months + 1)
    assert maths.add_months(start, months) <= end
    # The next month is not yet full, unless the calendar clipped its day (29 August + 6
    # months is 28 February, which the day-of-month count does not call a full month).
    assert end < following or (end == following and following.day < start.day)
