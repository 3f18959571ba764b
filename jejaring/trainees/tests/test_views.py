"""The person registry pages as staff and trainees use them."""

import json

import pytest
from django.urls import reverse

from jejaring.core.models import AuditEvent
from jejaring.trainees.models import Person
from jejaring.trainees.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_staff_see_their_people_with_the_nik_masked(client, cast):
    person = PersonFactory(region=cast.region_a, full_name="Budi Santoso")
    client.force_login(cast.staff_a)
    response = client.get(reverse("trainees:person_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Budi Santoso" in html
    assert person.nik not in html
    assert person.masked_nik in html


def test_the_person_list_needs_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    PersonFactory.create_batch(30, region=cast.region_a)
    client.force_login(cast.staff_a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("trainees:person_list")).status_code == 200


def test_a_whole_nik_finds_the_person_but_a_partial_one_does_not(client, cast):
    person = PersonFactory(region=cast.region_a, full_name="Dewi Lestari")
    client.force_login(cast.staff_a)
    found = client.get(reverse("trainees:person_list"), {"q": person.nik})
    assert "Dewi Lestari" in found.content.decode()
    partial = client.get(reverse("trainees:person_list"), {"q": person.nik[:8]})
    assert "Dewi Lestari" not in partial.content.decode()


def test_registering_with_an_impossible_birth_date_shows_the_error_next_to_the_nik(client, cast):
    client.force_login(cast.staff_a)
    before = Person.objects.count()
    response = client.post(
        reverse("trainees:person_create"),
        {"nik": "3375013102950001", "full_name": "Andi", "education": "sma"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "bukan tanggal lahir yang mungkin" in html
    assert Person.objects.count() == before


def test_registering_a_person_redirects_to_their_page(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("trainees:person_create"),
        {
            "nik": "3375 0141 0195 0001",
            "full_name": "Siti Rahmawati",
            "education": "smk",
            "phone": "0812 3456 7890",
            "domicile_regency_code": "33.75",
            "domicile_district_code": "33.75.01",
        },
    )
    person = Person.objects.get(nik="3375014101950001")
    assert response.status_code == 302
    assert response["Location"] == reverse("trainees:person_detail", args=[person.pk])
    assert person.domicile_district_code == "33.75.01"


def test_a_district_outside_the_chosen_regency_is_refused(client, cast):
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("trainees:person_create"),
        {
            "nik": "3375014101950001",
            "full_name": "Siti",
            "education": "smk",
            "domicile_regency_code": "33.75",
            "domicile_district_code": "33.19.01",
        },
    )
    assert response.status_code == 200
    assert not Person.objects.filter(nik="3375014101950001").exists()


def test_revealing_the_nik_by_htmx_returns_it_and_audits_it(client, cast):
    person = PersonFactory(region=cast.region_a)
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("trainees:person_reveal_nik", args=[person.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert person.nik in response.content.decode()
    assert AuditEvent.objects.filter(action="trainees.person.reveal_nik").count() == 1


def test_company_hr_gets_a_404_for_a_person_not_referred_to_them(client, cast):
    client.force_login(cast.hr_a)
    response = client.get(reverse("trainees:person_detail", args=[cast.person_1.pk]))
    assert response.status_code == 404


def test_a_trainee_downloads_their_own_data(client, cast):
    client.force_login(cast.trainee_1)
    response = client.post(reverse("trainees:my_data_export"))
    assert response.status_code == 200
    assert json.loads(response.content)["full_name"] == cast.person_1.full_name


def test_the_address_picker_lists_the_districts_of_kota_pekalongan(client):
    response = client.get(reverse("regions:area_options"), {"level": "district", "parent": "33.75"})
    assert response.status_code == 200
    assert "Pekalongan Barat" in response.content.decode()
    assert client.get(reverse("regions:area_options"), {"level": "x"}).status_code == 400
