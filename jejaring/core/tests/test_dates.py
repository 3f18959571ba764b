from datetime import date

from jejaring.core.dates import age_on


def test_age_counts_whole_years():
    assert age_on(date(2000, 6, 28), date(2020, 6, 27)) == 19
    assert age_on(date(2000, 6, 28), date(2020, 6, 28)) == 20
    assert age_on(date(2004, 2, 29), date(2021, 2, 28)) == 16
    assert age_on(date(2004, 2, 29), date(2021, 3, 1)) == 17
