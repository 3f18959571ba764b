"""The AK/1 API: scoped like the pages, errors as {code, message, detail}."""

import json
from datetime import date, timedelta

import pytest
from django.utils import timezone

from jejaring.jobseekers.models import CardStatus, JobSeekerReport
from jejaring.jobseekers.tests.factories import IssuedCardFactory

pytestmark = pytest.mark.django_db


def test_staff_list_their_region_s_cards_only(client, cast):
    mine = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    IssuedCardFactory(region=cast.region_b)
    client.force_login(cast.staff_a)
    body = client.get("/api/jobseekers/cards").json()
    assert [item["id"] for item in body["items"]] == [mine.pk]
    assert body["items"][0]["masked_nik"] != cast.person_1.nik


def test_another_region_s_card_is_a_404(client, cast):
    other = IssuedCardFactory(region=cast.region_b)
    client.force_login(cast.staff_a)
    assert client.get(f"/api/jobseekers/cards/{other.pk}").status_code == 404
    response = client.post(
        f"/api/jobseekers/cards/{other.pk}/reports", "{}", content_type="application/json"
    )
    assert response.status_code == 404


def test_the_holder_reports_online_through_the_api(client, cast):
    start = timezone.localdate() - timedelta(days=190)
    card = IssuedCardFactory(
        region=cast.region_a,
        person=cast.person_1,
        issued_on=start,
        period_start=start,
        valid_until=start + timedelta(days=730),
    )
    client.force_login(cast.trainee_1)
    response = client.post(
        f"/api/jobseekers/cards/{card.pk}/reports",
        json.dumps({"note": "masih mencari"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["box"] == 1
    again = client.post(
        f"/api/jobseekers/cards/{card.pk}/reports", "{}", content_type="application/json"
    )
    assert again.status_code == 409
    assert again.json()["code"] == "report_exists"
    assert JobSeekerReport.objects.count() == 1


def test_closing_as_hired_with_a_future_date_is_refused_and_changes_nothing(client, cast):
    card = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    client.force_login(cast.staff_a)
    response = client.post(
        f"/api/jobseekers/cards/{card.pk}/hired",
        json.dumps(
            {
                "started_on": (date.today() + timedelta(days=5)).isoformat(),
                "employer_name": "PT X",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    ok = client.post(
        f"/api/jobseekers/cards/{card.pk}/hired",
        json.dumps({"started_on": date.today().isoformat(), "employer_name": "PT X"}),
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == "hired"
