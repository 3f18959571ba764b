"""Matching pages: the office's candidate list, referring after a confirmation, and the
suggested vacancies on the card's page and on the holder's own page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jejaring.jobseekers.tests.factories import IssuedCardFactory
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import graduate
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.tests.factories import VocationFactory
from jejaring.vacancies.models import Vacancy
from jejaring.vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db


def published(cast, **extra):
    return VacancyFactory(
        company=cast.company_a,
        status=Vacancy.Status.PUBLISHED,
        kbji_code="8153",
        occupation_group="8",
        **extra,
    )


def seeker_card(region, person=None, **extra):
    person = person or PersonFactory(region=region, domicile_regency_code=region.code)
    return IssuedCardFactory(region=region, person=person, occupation_code="8153", **extra)


def test_the_office_sees_ranked_candidates_with_reasons_and_masked_niks(client, cast):
    vacancy = published(cast)
    held = seeker_card(cast.region_a)
    client.force_login(cast.staff_a)
    page = client.get(f"/lowongan-kerja/{vacancy.pk}/kandidat/").content.decode()
    assert held.person.full_name in page
    assert held.person.nik not in page and held.person.nik[:4] + "••••" in page
    assert "Jabatan yang diinginkan sama (KBJI 8153)" in page
    assert "Salurkan yang dipilih" in page


def test_the_vacancy_page_links_the_office_to_its_candidates(client, cast):
    vacancy = published(cast)
    client.force_login(cast.staff_a)
    assert (
        f"/lowongan-kerja/{vacancy.pk}/kandidat/"
        in client.get(f"/lowongan-kerja/{vacancy.pk}/").content.decode()
    )
    client.force_login(cast.hr_a)
    assert (
        f"/lowongan-kerja/{vacancy.pk}/kandidat/"
        not in client.get(f"/lowongan-kerja/{vacancy.pk}/").content.decode()
    )


@pytest.mark.parametrize("who", ["staff_b", "hr_a", "hr_b", "trainee_1"])
def test_nobody_but_the_vacancy_s_office_finds_the_candidates(client, cast, who):
    vacancy = published(cast)
    person = seeker_card(cast.region_a).person
    client.force_login(getattr(cast, who))
    assert client.get(f"/lowongan-kerja/{vacancy.pk}/kandidat/").status_code == 404
    response = client.post(
        f"/lowongan-kerja/{vacancy.pk}/salurkan/", {"person": [person.pk], "confirm": "1"}
    )
    assert response.status_code == 404
    assert not Referral.objects.exists()


def test_referring_asks_for_confirmation_then_refers_everyone_chosen(client, cast):
    vacancy = published(cast)
    people = [seeker_card(cast.region_a).person for _ in range(2)]
    client.force_login(cast.staff_a)
    url = f"/lowongan-kerja/{vacancy.pk}/salurkan/"
    asked = client.post(url, {"person": [p.pk for p in people]})
    assert asked.status_code == 200 and "Salurkan ke lowongan ini?" in asked.content.decode()
    assert not Referral.objects.exists()
    done = client.post(url, {"person": [p.pk for p in people], "confirm": "1"})
    assert done.status_code == 302
    assert set(Referral.objects.values_list("person_id", flat=True)) == {p.pk for p in people}
    page = client.get(f"/lowongan-kerja/{vacancy.pk}/kandidat/").content.decode()
    assert page.count("Disalurkan") == 2


def test_every_row_on_the_page_can_be_referred_at_once(client, cast):
    vacancy = published(cast, openings=5)
    people = [seeker_card(cast.region_a).person for _ in range(3)]
    client.force_login(cast.staff_a)
    client.post(
        f"/lowongan-kerja/{vacancy.pk}/salurkan/",
        {"select_page": "person", "person_page": [p.pk for p in people], "confirm": "1"},
    )
    assert Referral.objects.count() == 3


def test_a_full_quota_is_an_error_on_the_page_and_refers_nobody(client, cast):
    vacancy = published(cast, openings=1)
    people = [seeker_card(cast.region_a).person for _ in range(2)]
    client.force_login(cast.staff_a)
    response = client.post(
        f"/lowongan-kerja/{vacancy.pk}/salurkan/",
        {"person": [p.pk for p in people], "confirm": "1"},
        follow=True,
    )
    assert "Kuota formasi sudah penuh" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_candidate_list_reads_a_fixed_number_of_queries(client, cast):
    vacancy = published(cast, openings=30)
    sewing = VocationFactory(code="menjahit-garmen", name="Menjahit Garmen")
    client.force_login(cast.staff_a)
    seeker_card(cast.region_a)
    graduate(region=cast.region_a, vocation=sewing, education="smk")
    client.post(
        f"/lowongan-kerja/{vacancy.pk}/salurkan/",
        {"person": [seeker_card(cast.region_a).person.pk], "confirm": "1"},
    )
    url = f"/lowongan-kerja/{vacancy.pk}/kandidat/"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(8):
        seeker_card(cast.region_a)
        graduate(region=cast.region_a, vocation=sewing, education="smk")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["rows"]) == 19
    assert len(many) == len(few)


def test_the_card_page_shows_suggested_vacancies_with_reasons_to_staff(client, cast):
    vacancy = published(cast)
    held = seeker_card(cast.region_a)
    client.force_login(cast.staff_a)
    page = client.get(f"/pencari-kerja/{held.pk}/").content.decode()
    assert "Lowongan yang cocok" in page
    assert f"/lowongan-kerja/{vacancy.pk}/kandidat/" in page
    assert "Jabatan yang diinginkan sama (KBJI 8153)" in page


def test_the_holder_sees_suggested_vacancies_linking_to_their_public_page(client, cast):
    vacancy = published(cast)
    seeker_card(cast.region_a, person=cast.person_1)
    client.force_login(cast.trainee_1)
    page = client.get("/pencari-kerja/saya/").content.decode()
    assert f"/lowongan/{vacancy.pk}/" in page
    assert f"/lowongan-kerja/{vacancy.pk}/" not in page
    assert "Jabatan yang diinginkan sama (KBJI 8153)" in page
