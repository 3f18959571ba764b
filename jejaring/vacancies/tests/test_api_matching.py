"""Matching over the API: the same selectors, services and tenancy as the pages."""

import json

import pytest

from jejaring.jobseekers.tests.factories import IssuedCardFactory
from jejaring.placement.models import Referral
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.vacancies.models import Vacancy
from jejaring.vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def published(cast, **extra):
    return VacancyFactory(
        company=cast.company_a, status=Vacancy.Status.PUBLISHED, kbji_code="8153", **extra
    )


def seeker_card(region, person=None):
    person = person or PersonFactory(region=region, domicile_regency_code=region.code)
    return IssuedCardFactory(region=region, person=person, occupation_code="8153")


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_office_reads_the_candidates_and_refers_them(client, cast):
    vacancy = published(cast)
    held = seeker_card(cast.region_a)
    client.force_login(cast.staff_a)
    found = client.get(f"/api/vacancies/{vacancy.pk}/matches").json()
    assert [m["person_id"] for m in found] == [held.person_id]
    assert found[0]["masked_nik"] != held.person.nik and found[0]["points"] == sum(
        r["points"] for r in found[0]["reasons"]
    )
    made = post(client, f"/api/vacancies/{vacancy.pk}/referrals", {"person_ids": [held.person_id]})
    assert made.status_code == 201, made.content
    assert made.json()[0]["letter_number"].startswith("560/PNY-L/")
    again = post(client, f"/api/vacancies/{vacancy.pk}/referrals", {"person_ids": [held.person_id]})
    assert again.status_code == 409 and again.json()["code"] == "already_referred"
    assert Referral.objects.count() == 1


def test_bad_bodies_are_refused_and_nothing_is_referred(client, cast):
    vacancy = published(cast)
    client.force_login(cast.staff_a)
    for data in ({"person_ids": []}, {"person_ids": ["x"]}, {}):
        response = post(client, f"/api/vacancies/{vacancy.pk}/referrals", data)
        assert response.status_code == 422
    assert not Referral.objects.exists()


@pytest.mark.parametrize("who", ["staff_b", "hr_a"])
def test_only_the_vacancy_s_office_reads_or_refers(client, cast, who):
    vacancy = published(cast)
    held = seeker_card(cast.region_a)
    client.force_login(getattr(cast, who))
    assert client.get(f"/api/vacancies/{vacancy.pk}/matches").status_code == 404
    response = post(
        client, f"/api/vacancies/{vacancy.pk}/referrals", {"person_ids": [held.person_id]}
    )
    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_the_holder_and_the_office_read_a_card_s_suggested_vacancies(client, cast):
    vacancy = published(cast)
    held = seeker_card(cast.region_a, person=cast.person_1)
    for user in (cast.trainee_1, cast.staff_a):
        client.force_login(user)
        found = client.get(f"/api/vacancies/for-card/{held.pk}").json()
        assert [s["vacancy_id"] for s in found] == [vacancy.pk]
        assert found[0]["reasons"][0]["text"].startswith("Pendidikan")
    for user in (cast.trainee_2, cast.staff_b):
        client.force_login(user)
        assert client.get(f"/api/vacancies/for-card/{held.pk}").status_code == 404
