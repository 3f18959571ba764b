"""One number style per language on every outcome page and export: the dashboard and
the public statistics page write a rate the same way ("42,9 %" in Indonesian, "42.9 %"
in English), and the spreadsheet keeps numbers as numbers with a percent format."""

import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from jejaring.core.numbers import XLSX_PERCENT
from jejaring.outcomes.models import PublishedStatistics
from jejaring.outcomes.tests.factories import (
    FollowUpAnswerFactory,
    FollowUpFactory,
    IndicatorDefinitionFactory,
    graduate,
)

pytestmark = pytest.mark.django_db

YEARS = "year_from=2024&year_to=2024"
#: A percentage as a page prints it: digits, a decimal sign, one digit, a space, "%".
PERCENT = re.compile(r"\d+([.,])\d (?:%|&nbsp;%)")


@pytest.fixture
def cohort(cast):
    """Seven 2024 graduates of region A, three employed within a year (42,9 %)."""
    enrolments = [graduate(region=cast.region_a) for _ in range(7)]
    for enrolment in enrolments[:3]:
        follow_up = FollowUpFactory(region=cast.region_a, enrolment=enrolment)
        FollowUpAnswerFactory(follow_up=follow_up, started_on=date(2024, 9, 1))
    return enrolments


@pytest.fixture
def published(cast):
    """A snapshot as publication stores it: rates as plain decimal text."""
    row = {
        "label": "Total",
        "graduates": 1234,
        "answered": 800,
        "absorbed": 428,
        "absorption_percent": "34.7",
        "self_employed": 10,
        "entrepreneurship_percent": "0.8",
        "response_percent": "64.8",
    }
    return PublishedStatistics.objects.create(
        region=cast.region_a,
        year=2024,
        definition=IndicatorDefinitionFactory(region=cast.region_a),
        payload={
            "year": 2024,
            "definition": "…",
            "threshold": 5,
            "withheld_symbol": "*",
            "total": row,
            "by_vocation": [row],
            "by_institution_kind": [row],
        },
    )


def _signs(html: str) -> set[str]:
    return {match.group(1) for match in PERCENT.finditer(html)}


@pytest.mark.parametrize(("language", "sign"), [("id", ","), ("en", ".")])
def test_the_dashboard_and_the_public_page_write_rates_the_same_way(
    client, cast, cohort, published, language, sign
):
    client.cookies["jejaring_language"] = language
    client.force_login(cast.staff_a)
    dashboard = client.get(f"/capaian/?{YEARS}").content.decode()
    client.logout()  # which forgets the cookies too
    client.cookies["jejaring_language"] = language
    public = client.get(f"/capaian/statistik/{cast.region_a.slug}/").content.decode()
    assert f"42{sign}9 %" in dashboard
    assert f"34{sign}7 %" in public
    assert _signs(dashboard) == _signs(public) == {sign}


def test_the_public_page_groups_thousands_in_the_reader_s_language(client, cast, published):
    page = client.get(f"/capaian/statistik/{cast.region_a.slug}/").content.decode()
    assert ">1.234<" in page
    client.cookies["jejaring_language"] = "en"
    page = client.get(f"/capaian/statistik/{cast.region_a.slug}/").content.decode()
    assert ">1,234<" in page


def test_the_spreadsheet_keeps_rates_numeric_with_a_percent_format(client, cast, cohort):
    client.force_login(cast.staff_a)
    response = client.get(f"/capaian/?{YEARS}&format=xlsx")
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    rate = sheet.cell(row=2, column=headers.index("Keterserapan (%)") + 1)
    assert rate.value == pytest.approx(42.9)
    assert rate.data_type == "n"
    assert rate.number_format == XLSX_PERCENT
    graduates = sheet.cell(row=2, column=2)
    assert graduates.value == 7
    assert graduates.data_type == "n"
