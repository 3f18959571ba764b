"""The outcomes API: aggregates for office staff and viewers, records scoped like pages."""

from datetime import date

import pytest

from jejaring.outcomes.tests.factories import FollowUpAnswerFactory, FollowUpFactory, graduate

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(cast):
    enrolment = graduate(region=cast.region_a)
    follow_up = FollowUpFactory(region=cast.region_a, enrolment=enrolment)
    FollowUpAnswerFactory(follow_up=follow_up, started_on=date(2024, 8, 1))
    return follow_up


def test_indicators_come_with_their_parts(client, cast, follow_up):
    client.force_login(cast.staff_a)
    body = client.get("/api/outcomes/indicators?year_from=2024&year_to=2024").json()
    assert body["total"]["absorption"] == {"numerator": 1, "denominator": 1, "percent": "100.0"}
    assert body["window_months"] == 12 and "Terserap" in body["definition"]


def test_a_trainee_gets_no_indicators(client, cast):
    client.force_login(cast.trainee_1)
    response = client.get("/api/outcomes/indicators")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_bad_year_range_is_a_clear_422(client, cast):
    client.force_login(cast.staff_a)
    response = client.get("/api/outcomes/indicators?year_from=2026&year_to=2020")
    assert response.status_code == 422


def test_staff_record_an_answer_and_outsiders_get_404(client, cast, follow_up):
    client.force_login(cast.staff_a)
    response = client.post(
        f"/api/outcomes/follow-ups/{follow_up.pk}/answers",
        {"status": "not_working"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert follow_up.answers.get(is_current=True).status == "not_working"
    client.force_login(cast.staff_b)
    assert client.get(f"/api/outcomes/follow-ups/{follow_up.pk}").status_code == 404


def test_an_answer_without_its_start_date_is_refused(client, cast, follow_up):
    client.force_login(cast.staff_a)
    response = client.post(
        f"/api/outcomes/follow-ups/{follow_up.pk}/answers",
        {"status": "employed", "employer_name": "Toko"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "started_on_required"


def test_public_statistics_need_no_login_and_unknown_regions_are_404(client):
    assert client.get("/api/outcomes/public/nowhere").status_code == 404
