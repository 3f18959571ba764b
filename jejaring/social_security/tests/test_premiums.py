from datetime import date
from decimal import Decimal

from jejaring.social_security.premiums import Rate, days_covered, monthly_premium, rate_for

TODAY_RATE = Rate(date(2015, 7, 1), Decimal("1"), 6_800, 1_000_000)
RAISED_RATE = Rate(date(2026, 7, 1), Decimal("1.5"), 8_000, 1_000_000)


def premium(
    start: date, end: date, month: date, income: int = 1_000_000, rate: Rate = TODAY_RATE
) -> int:
    return monthly_premium(
        rate=rate, declared_income=income, cover_start=start, cover_end=end, month=month
    ).total


def test_a_whole_month_costs_at_least_rp_16_800():
    assert premium(date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 1), income=500_000) == 16_800


def test_jkk_follows_a_declared_income_above_the_minimum():
    assert (
        premium(date(2026, 3, 1), date(2026, 3, 31), date(2026, 3, 1), income=2_000_000) == 26_800
    )


def test_cover_starting_mid_month_pays_for_the_days_covered():
    # 16 of 31 days: 10.000 * 16/31 = 5.161,29 -> 5.161; 6.800 * 16/31 = 3.509,68 -> 3.510
    assert premium(date(2026, 3, 16), date(2026, 4, 30), date(2026, 3, 1)) == 8_671


def test_cover_ending_mid_month_pays_for_the_days_covered():
    assert days_covered(date(2026, 3, 1), date(2026, 4, 15), date(2026, 4, 1)) == 15
    assert premium(date(2026, 3, 1), date(2026, 4, 15), date(2026, 4, 1)) == 8_400


def test_cover_outside_the_month_costs_nothing():
    assert premium(date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 1)) == 0


def test_a_leap_february_has_29_days():
    assert days_covered(date(2028, 2, 1), date(2028, 3, 5), date(2028, 2, 1)) == 29
    assert premium(date(2028, 2, 1), date(2028, 3, 5), date(2028, 2, 1)) == 16_800
    half = monthly_premium(
        rate=TODAY_RATE,
        declared_income=1_000_000,
        cover_start=date(2028, 2, 15),
        cover_end=date(2028, 2, 29),
        month=date(2028, 2, 1),
    )
    assert (half.days_covered, half.days_in_month) == (15, 29)


def test_a_rate_change_mid_year_applies_from_its_month():
    rates = [TODAY_RATE, RAISED_RATE]
    june, july = date(2026, 6, 1), date(2026, 7, 1)
    assert rate_for(rates, june) == TODAY_RATE
    assert rate_for(rates, july) == RAISED_RATE
    start, end = date(2026, 6, 1), date(2026, 7, 31)
    assert premium(start, end, june, rate=rate_for(rates, june)) == 16_800
    assert premium(start, end, july, rate=rate_for(rates, july)) == 23_000


def test_no_rate_before_the_first_valid_from():
    assert rate_for([RAISED_RATE], date(2026, 6, 1)) is None
