"""Vacancies over the API: the same services and tenancy as the pages."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.vacancies.models import Vacancy
from jejaring.vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def body(**overrides):
    values = {
        "title": "Kasir",
        "kbji_code": "5230",
        "openings": 2,
        "closes_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "contact_name": "Bu Sari",
        "contact_phone": "081234567890",
        "pay_min": 2_100_000,
        "pay_max": 2_400_000,
    }
    values.update(overrides)
    return values


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_hr_drafts_and_submits_and_the_office_publishes_through_the_api(client, cast):
    client.force_login(cast.hr_a)
    created = post(client, f"/api/vacancies/companies/{cast.company_a.pk}", body())
    assert created.status_code == 201, created.content
    vacancy_id = created.json()["id"]
    assert created.json()["occupation_group"] == "5"
    assert post(client, f"/api/vacancies/{vacancy_id}/submit").json()["status"] == "submitted"
    assert (
        post(client, f"/api/vacancies/{vacancy_id}/review", {"decision": "publish"}).status_code
        == 404
    )
    client.force_login(cast.staff_a)
    reviewed = post(client, f"/api/vacancies/{vacancy_id}/review", {"decision": "publish"})
    assert reviewed.json()["status"] == "published"
    filled = post(client, f"/api/vacancies/{vacancy_id}/fills", {"count": 2})
    assert filled.json()["status"] == "filled"


def test_bad_input_is_a_422_with_a_code(client, cast):
    client.force_login(cast.hr_a)
    response = post(
        client,
        f"/api/vacancies/companies/{cast.company_a.pk}",
        body(pay_min=3_000_000, pay_max=1_000_000),
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_pay_range"
    assert not Vacancy.objects.exists()


def test_another_company_s_or_region_s_vacancy_is_a_404(client, cast):
    vacancy = VacancyFactory(company=cast.company_b, status="published")
    client.force_login(cast.hr_a)
    assert client.get(f"/api/vacancies/{vacancy.pk}").status_code == 404
    assert post(client, f"/api/vacancies/{vacancy.pk}/fills", {"count": 1}).status_code == 404
    assert client.get("/api/vacancies").json()["items"] == []
    client.force_login(cast.staff_b)
    assert client.get(f"/api/vacancies/{vacancy.pk}").status_code == 404
    assert post(client, f"/api/vacancies/{vacancy.pk}/close").status_code == 404


def test_the_occupation_list_is_public(client):
    response = client.get("/api/vacancies/occupations")
    assert response.status_code == 200
    codes = {row["code"]: row for row in response.json()}
    assert codes["7233"]["major_group"] == "7"
    assert len([code for code in codes if len(code) == 1]) == 10
