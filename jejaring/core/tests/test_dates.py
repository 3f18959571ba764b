from datetime import date

from jejaring.core.dates import age_on


def test_age_counts_whole_years():
    assert age_on(date(2000, 6, 28), date(2020, 6, 27)) == 19
    assert age_on(date(2000, 6, 28), date(2020, 6, 28)) == 20
    assert age_on(date(2004, 2, 29), date(2021, 2, 28)) == 16
    assert age_on(date(2004, 2, 29), date(2021, 3, 1)) == 17


def test_working_days_skip_weekends_and_holidays():
    from jejaring.core.dates import add_working_days

    friday = date(2025, 3, 28)
    # Monday 31 March 2025 is Idul Fitri: three working days after Friday end on Thursday.
    assert add_working_days(friday, 3, {date(2025, 3, 31)}) == date(2025, 4, 3)
    assert add_working_days(friday, 0, set()) == friday


def test_months_needed_counts_a_part_month_as_a_month():
    from jejaring.core.dates import months_needed

    assert months_needed(date(2025, 1, 15), date(2025, 3, 15)) == 2
    assert months_needed(date(2025, 1, 15), date(2025, 3, 16)) == 3
    assert months_needed(date(2025, 1, 15), date(2025, 1, 15)) == 0
