"""The public-statistics publish control sits on the outcomes dashboard, not only on the
tracer settings page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.outcomes.models import PublishedStatistics
from jejaring.outcomes.tests.factories import IndicatorDefinitionFactory

pytestmark = pytest.mark.django_db
PUBLISH = reverse("outcomes:publish")


def test_office_staff_publish_from_the_dashboard_and_see_when_they_last_did(client, cast):
    IndicatorDefinitionFactory(region=cast.region_a, is_default=True)
    client.force_login(cast.staff_a)
    page = client.get(reverse("outcomes:dashboard")).content.decode()
    assert "Terbitkan statistik publik" in page
    assert f'action="{PUBLISH}"' in page
    assert "Terakhir diterbitkan" not in page

    year = timezone.localdate().year - 1
    response = client.post(PUBLISH, {"tahun": str(year)})
    assert response.status_code == 302
    assert PublishedStatistics.objects.get().year == year
    page = client.get(reverse("outcomes:dashboard")).content.decode()
    assert f"Terakhir diterbitkan: tahun lulus {year}" in page


def test_a_viewer_sees_the_dashboard_without_the_publish_control(client, cast):
    client.force_login(cast.viewer)
    response = client.get(reverse("outcomes:dashboard"))
    assert response.status_code == 200
    assert f'action="{PUBLISH}"' not in response.content.decode()


def test_the_tracer_settings_page_still_offers_it(client, cast):
    client.force_login(cast.staff_a)
    page = client.get(reverse("outcomes:tracer_settings")).content.decode()
    assert f'action="{PUBLISH}"' in page
