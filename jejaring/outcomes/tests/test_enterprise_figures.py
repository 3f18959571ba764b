"""The entrepreneurship figures beside absorption: on the dashboard (exact for the office,
with links to the businesses behind them; withheld small counts for a viewer) and on the
public statistics page (published with the same suppression)."""

import re
from datetime import date

import pytest

from jejaring.enterprise.models import Business, BusinessFollowUp, BusinessFollowUpAnswer
from jejaring.enterprise.tests.factories import BusinessFactory
from jejaring.outcomes.models import PublishedStatistics
from jejaring.outcomes.tests.factories import IndicatorDefinitionFactory, graduate

pytestmark = pytest.mark.django_db

YEARS = "year_from=2024&year_to=2024"


def _business(enrolment, *, operating_at_12):
    business = BusinessFactory(
        region=enrolment.region,
        person=enrolment.person,
        enrolment=enrolment,
        stage=Business.Stage.OPERATING if operating_at_12 else Business.Stage.CLOSED,
        started_on=date(2024, 9, 1),
        workers=2 if operating_at_12 else 0,
    )
    point = BusinessFollowUp.objects.create(
        region=business.region, business=business, months_after=12, due_on=date(2025, 9, 1)
    )
    BusinessFollowUpAnswer.objects.create(
        follow_up=point, operating=operating_at_12, revenue_band="1to5", source="link"
    )
    return business


@pytest.fixture
def alumni(cast):
    """Twelve 2024 graduates of region A; six started a business, five of them still
    operating at 12 months (two workers each), one closed."""
    enrolments = [graduate(region=cast.region_a) for _ in range(12)]
    for number, enrolment in enumerate(enrolments[:6]):
        _business(enrolment, operating_at_12=number < 5)
    return enrolments


def test_office_staff_see_survival_beside_absorption_and_can_open_the_businesses(
    client, cast, alumni
):
    client.force_login(cast.staff_a)
    text = client.get(f"/capaian/?{YEARS}").content.decode()
    assert "Wirausaha alumni" in text
    assert 'ukuran=operating_12">5</a> / 6 (83,3 %)' in text  # survival at 12 months
    assert "usaha yang menjawab penelusuran 12 bulan" in text  # its denominator, defined
    assert "/wirausaha/indikator/rincian/?tahun=2024&amp;ukuran=operating_12" in text


def test_a_share_without_a_base_is_a_dash_not_the_withheld_sign(client, cast, alumni):
    client.force_login(cast.staff_a)
    text = client.get(f"/capaian/?{YEARS}").content.decode()
    # Nobody has reached the 24-month point yet: nothing to divide by, nothing withheld.
    assert 'ukuran=operating_24">0</a> / 0 (—)' in text
    assert "(*)" not in text


def test_a_viewer_sees_the_figures_withheld_like_absorption_and_no_drill_down(client, cast, alumni):
    client.force_login(cast.viewer)
    text = client.get(f"/capaian/?{YEARS}").content.decode()
    assert "Wirausaha alumni" in text
    assert "ukuran=operating_12" not in text
    assert "5 / 6" not in text and "83,3 %" not in text  # the one closed business is withheld


def test_published_statistics_carry_survival_with_small_counts_withheld(client, cast, alumni):
    IndicatorDefinitionFactory(region=cast.region_a, is_default=True)
    client.force_login(cast.staff_a)
    assert client.post("/capaian/terbitkan/", {"tahun": "2024"}).status_code == 302
    figures = PublishedStatistics.objects.get().payload["entrepreneurship"]
    assert figures["graduates"] == 12
    assert figures["jobs"] is None or figures["jobs"] == 10
    # 6 started of 12 leaves 6 who did not; 5 of 6 operating leaves 1 closed: withheld.
    assert figures["operating_12"] is None and figures["survival_12_percent"] is None
    client.logout()
    page = client.get(f"/capaian/statistik/{cast.region_a.slug}/").content.decode()
    assert "Wirausaha lulusan 2024" in page
    numbers = {int(n) for n in re.findall(r'class="num">(\d+)<', page)}
    assert all(n == 0 or n >= 5 for n in numbers)
