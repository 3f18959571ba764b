"""Dashboards that do not mislead: a graduation year younger than the indicator's window
is greyed and marked "belum 12 bulan" (its absorption is still rising), and the funnel's
bars are as long as their counts."""

import re
from datetime import date

import pytest

from jejaring.outcomes import maths
from jejaring.outcomes.tests.factories import FollowUpAnswerFactory, FollowUpFactory, graduate


def test_a_cohort_matures_a_window_after_the_last_day_of_its_year():
    assert maths.cohort_matures_on(2025, 12) == date(2026, 12, 31)
    assert maths.cohort_matures_on(2025, 6) == date(2026, 6, 30)


def test_only_years_whose_window_has_not_passed_are_young():
    years = [2023, 2024, 2025, 2026, "Tidak diketahui"]
    assert maths.young_cohorts(years, 12, date(2026, 12, 3)) == {2025, 2026}
    assert maths.young_cohorts(years, 12, date(2026, 12, 31)) == {2026}
    assert maths.young_cohorts(years, 3, date(2026, 4, 1)) == {2026}


def _rows(html: str) -> dict[str, str]:
    """The first indicator table's body rows by the year they start with."""
    body = html.split('<table class="indicators">', 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"(<tr[^>]*>\s*<th scope=\"row\">(\d{4}).*?</tr>)", body, re.S)
    return {year: row for row, year in rows}


@pytest.mark.django_db
def test_this_year_s_cohort_is_greyed_and_marked_and_an_old_one_is_not(client, cast):
    year = date.today().year
    graduate(region=cast.region_a, graduated_on=date(2019, 6, 28))
    graduate(region=cast.region_a, graduated_on=date(year, 1, 15))
    client.force_login(cast.staff_a)
    html = client.get(f"/capaian/?year_from=2019&year_to={year}").content.decode()
    rows = _rows(html)
    assert rows[str(year)].startswith('<tr class="young">')
    assert "belum 12 bulan</small>" in rows[str(year)]
    assert "young" not in rows["2019"]
    assert "belum 12 bulan" not in rows["2019"]


@pytest.mark.django_db
def test_the_funnel_bars_are_proportional_to_their_counts(client, cast):
    enrolments = [graduate(region=cast.region_a) for _ in range(8)]
    for enrolment in enrolments[:2]:
        follow_up = FollowUpFactory(region=cast.region_a, enrolment=enrolment)
        FollowUpAnswerFactory(follow_up=follow_up, started_on=date(2024, 9, 1))
    client.force_login(cast.staff_a)
    html = client.get("/capaian/?year_from=2024&year_to=2024").content.decode()
    funnel = html.split('<ol class="funnel">', 1)[1].split("</ol>", 1)[0]
    bars = re.findall(r'<progress class="funnel-bar" max="(\d+)" value="(\d+)"', funnel)
    # Registered 8, graduated 8, competent 0, referred 0, absorbed 2: against the largest.
    assert bars == [("8", "8"), ("8", "8"), ("8", "0"), ("8", "0"), ("8", "2")]
