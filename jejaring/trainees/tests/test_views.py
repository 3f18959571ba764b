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


def _queries_for_person_list(client, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("trainees:person_list"), params or {}).status_code == 200
    return len(queries)


def test_the_person_list_issues_as_many_queries_for_200_people_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    PersonFactory.create_batch(10, region=cast.region_a)
    with_10 = _queries_for_person_list(client)
    PersonFactory.create_batch(190, region=cast.region_a)
    with_200 = _queries_for_person_list(client)
    assert with_200 == with_10
    searched = _queries_for_person_list(client, {"q": "a"})
    assert searched == with_10


def test_the_person_list_pages_forward_and_back_by_cursor_keeping_the_search(client, cast):
    import re

    # A name no generated (Faker) name of the cast contains: the search finds these 55 only.
    for n in range(55):
        PersonFactory(region=cast.region_a, full_name=f"Sari Qwertyx {n:02d}")
    client.force_login(cast.staff_a)
    first = client.get(reverse("trainees:person_list"), {"q": "qwertyx"}).content.decode()
    assert "Sari Qwertyx 00" in first
    assert "Sari Qwertyx 49" in first
    assert "Sari Qwertyx 50" not in first
    assert "55 data" in first
    next_link = re.search(r'href="\?q=qwertyx&amp;cursor=([^"]+)" rel="next"', first)
    assert next_link
    second = client.get(
        reverse("trainees:person_list"), {"q": "qwertyx", "cursor": next_link.group(1)}
    ).content.decode()
    assert "Sari Qwertyx 50" in second
    assert "Sari Qwertyx 54" in second
    assert "Sari Qwertyx 49" not in second
    assert 'rel="next"' not in second
    previous_link = re.search(r'href="\?q=qwertyx&amp;cursor=([^"]+)" rel="prev"', second)
    assert previous_link
    back = client.get(
        reverse("trainees:person_list"), {"q": "qwertyx", "cursor": previous_link.group(1)}
    ).content.decode()
    assert "Sari Qwertyx 00" in back
    assert "Sari Qwertyx 50" not in back


def test_a_page_number_or_a_broken_cursor_shows_the_first_page(client, cast):
    PersonFactory(region=cast.region_a, full_name="Agus Salim")
    client.force_login(cast.staff_a)
    for params in ({"page": "500"}, {"cursor": "%%%"}, {"cursor": "eyJrIjpbXX0"}):
        response = client.get(reverse("trainees:person_list"), params)
        assert response.status_code == 200
        assert "Agus Salim" in response.content.decode()


def test_a_name_search_counts_up_to_a_hundred_and_then_says_more(client, cast):
    PersonFactory.create_batch(101, region=cast.region_a, full_name="Dewi Lestari")
    client.force_login(cast.staff_a)
    html = client.get(reverse("trainees:person_list"), {"q": "lestari"}).content.decode()
    assert "100+ data" in html
    listed = client.get(reverse("trainees:person_list")).content.decode()
    # The list itself counts on to 1,000: the 101 and the cast's two trainees.
    assert "103 data" in listed
