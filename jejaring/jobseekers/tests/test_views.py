"""The AK/1 pages: the office's list and counter work, the holder's page, the public
online registration, the card PDF and its public check."""

import json
import subprocess
from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from jejaring.core.documents import code_for, format_code
from jejaring.core.models import AuditEvent
from jejaring.jobseekers.models import CardStatus, JobSeekerCard
from jejaring.jobseekers.tests.factories import CardFactory, IssuedCardFactory
from jejaring.trainees.models import Person
from jejaring.trainees.nik import format_nik

pytestmark = pytest.mark.django_db


def _pdf_text(content: bytes, tmp_path, pdftotext) -> str:
    path = tmp_path / "ak1.pdf"
    path.write_bytes(content)
    # A fixed tool on a file this test wrote: no untrusted input reaches the command.
    return subprocess.run(  # noqa: S603
        [pdftotext, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_staff_see_their_region_s_cards_with_the_nik_masked(client, cast):
    mine = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    IssuedCardFactory(region=cast.region_b)
    client.force_login(cast.staff_a)
    page = client.get(reverse("jobseekers:card_list")).content.decode()
    assert cast.person_1.full_name in page
    assert mine.number in page
    assert cast.person_1.nik not in page
    assert JobSeekerCard.objects.count() == 2
    assert page.count("/pencari-kerja/") >= 1
    assert (
        client.get(reverse("jobseekers:card_list") + "?q=" + cast.person_1.nik).status_code == 200
    )


def test_another_region_s_card_is_a_404_for_staff_and_holders(client, cast):
    other = IssuedCardFactory(region=cast.region_b)
    for actor in (cast.staff_a, cast.trainee_1):
        client.force_login(actor)
        assert client.get(reverse("jobseekers:card_detail", args=[other.pk])).status_code == 404
        assert client.get(reverse("jobseekers:card_download", args=[other.pk])).status_code == 404


def test_the_counter_registers_then_issues_a_card(client, cast, photo):
    client.force_login(cast.staff_a)
    nik = format_nik(district_code="33.75.03", birth_date=date(1998, 7, 9), sex="M", serial=12)
    response = client.post(
        reverse("jobseekers:card_register"),
        {
            "person-nik": nik,
            "person-full_name": "Budi Santoso",
            "person-sex": "M",
            "person-birth_date": "1998-07-09",
            "wish-education": "sma",
            "wish-occupation_title": "Operator produksi",
            "wish-wanted_location": "Kota Pekalongan",
        },
    )
    card = JobSeekerCard.objects.get(person__nik=nik)
    assert response.status_code == 302
    assert card.person.is_verified  # registered at the counter: the KTP was seen
    response = client.post(
        reverse("jobseekers:card_issue", args=[card.pk]),
        {"ktp": "on", "diploma": "on", "photo": photo()},
    )
    card.refresh_from_db()
    assert card.status == CardStatus.ACTIVE
    assert card.number.startswith("3375-")


def test_issuing_without_the_documents_changes_nothing(client, cast, photo):
    card = CardFactory(region=cast.region_a, person=cast.person_1)
    client.force_login(cast.staff_a)
    response = client.post(
        reverse("jobseekers:card_issue", args=[card.pk]), {"photo": photo()}, follow=True
    )
    assert "Periksa KTP" in response.content.decode()
    card.refresh_from_db()
    assert card.status == CardStatus.SUBMITTED and not card.number


def test_someone_registers_online_and_gets_the_same_answer_for_a_known_nik(client, cast):
    url = reverse("jobseekers:public_register", args=[cast.region_a.slug])
    base = {
        "person-full_name": "Dewi Lestari",
        "person-phone": "081234500001",
        "person-consent": "on",
        "wish-education": "smk",
        "wish-occupation_title": "Penjahit",
        "wish-wanted_location": "Pekalongan",
    }
    new_nik = format_nik(district_code="33.75.02", birth_date=date(2002, 2, 2), sex="F", serial=3)
    first = client.post(
        url, {**base, "person-nik": new_nik, "person-sex": "F", "person-birth_date": "2002-02-02"}
    )
    known = cast.person_1
    second = client.post(
        url,
        {
            **base,
            "person-nik": known.nik,
            "person-sex": known.sex,
            "person-birth_date": known.birth_date.isoformat(),
        },
    )
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    known.refresh_from_db()
    assert known.full_name != "Dewi Lestari"
    assert Person.objects.get(nik=new_nik).verified_at is None


class _Selects(HTMLParser):
    """The attributes of every <select> on a page, by id."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        found = {name: value or "" for name, value in attrs}
        if tag == "select" and "id" in found:
            self.by_id[found["id"]] = found


def test_the_online_form_s_address_picker_fills_the_prefixed_lists(client, cast):
    """The registration form's fields carry the prefix `person-`: choosing a regency must
    fill that form's district list (and a district its village list), as HTMX would."""
    page = client.get(reverse("jobseekers:public_register", args=[cast.region_a.slug]))
    selects = _Selects()
    selects.feed(page.content.decode())
    for chosen, value, expected in (
        ("id_person-domicile_regency_code", "33.75", "Pekalongan Barat"),
        ("id_person-domicile_district_code", "33.75.01", "Podosugih"),
    ):
        picker = selects.by_id[chosen]
        assert picker["hx-target"].removeprefix("#") in selects.by_id
        params = {**json.loads(picker["hx-vals"]), picker["name"]: value}
        options = client.get(picker["hx-get"], params).content.decode()
        assert expected in options


def test_an_online_registrant_s_district_and_village_are_kept(client, cast):
    nik = format_nik(district_code="33.75.01", birth_date=date(2002, 2, 2), sex="F", serial=5)
    response = client.post(
        reverse("jobseekers:public_register", args=[cast.region_a.slug]),
        {
            "person-nik": nik,
            "person-full_name": "Dewi Lestari",
            "person-sex": "F",
            "person-birth_date": "2002-02-02",
            "person-domicile_regency_code": "33.75",
            "person-domicile_district_code": "33.75.01",
            "person-domicile_village_code": "33.75.01.1003",
            "person-phone": "081234500001",
            "person-consent": "on",
            "wish-education": "smk",
            "wish-occupation_title": "Penjahit",
            "wish-wanted_location": "Pekalongan",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(nik=nik)
    assert (person.domicile_district_code, person.domicile_village_code) == (
        "33.75.01",
        "33.75.01.1003",
    )


def test_an_online_registrant_from_another_region_is_told_where_to_go(client, cast):
    nik = format_nik(district_code="33.19.02", birth_date=date(2002, 2, 2), sex="F", serial=3)
    response = client.post(
        reverse("jobseekers:public_register", args=[cast.region_a.slug]),
        {
            "person-nik": nik,
            "person-full_name": "Dewi Lestari",
            "person-sex": "F",
            "person-birth_date": "2002-02-02",
            "person-phone": "081234500001",
            "person-consent": "on",
            "wish-education": "smk",
            "wish-occupation_title": "Penjahit",
            "wish-wanted_location": "Pekalongan",
        },
    )
    assert response.status_code == 422
    assert cast.region_b.office_name in response.content.decode()
    assert not JobSeekerCard.objects.exists()


def test_the_holder_sees_reports_and_closes_their_own_card(client, cast):
    card = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    client.force_login(cast.trainee_1)
    page = client.get(reverse("jobseekers:my_cards")).content.decode()
    assert card.number in page
    client.post(
        reverse("jobseekers:card_close_hired", args=[card.pk]),
        {"started_on": date.today().isoformat(), "employer_name": "PT Garmen Sejahtera"},
    )
    card.refresh_from_db()
    assert card.status == CardStatus.HIRED
    assert card.close_source == "holder"


def test_the_card_pdf_has_both_pages_and_a_code_that_verifies_publicly(
    client, cast, tmp_path, pdftotext
):
    card = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    client.force_login(cast.staff_a)
    response = client.get(reverse("jobseekers:card_download", args=[card.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content, tmp_path, pdftotext)
    words = format_code(code_for(card))
    assert card.number in text
    assert cast.person_1.nik in text
    assert "Laporan ke-4" in text
    assert "Pendidikan nonformal" in text
    assert "Pengantar Kerja" in text
    assert words in text
    assert AuditEvent.objects.filter(action="jobseekers.card.print").count() == 1
    client.logout()
    page = client.get(f"/verifikasi/{words}/").content.decode()
    assert "Kartu pencari kerja" in page
    assert "SAH" in page and "berlaku" in page
    assert cast.person_1.full_name[:3] in page
    for secret in (cast.person_1.full_name, cast.person_1.nik, card.number, "Penjahit"):
        assert secret not in page


def test_the_holder_downloads_their_card(client, cast):
    card = IssuedCardFactory(region=cast.region_a, person=cast.person_1)
    client.force_login(cast.trainee_1)
    assert client.get(reverse("jobseekers:card_download", args=[card.pk])).status_code == 200
    client.force_login(cast.trainee_2)
    assert client.get(reverse("jobseekers:card_download", args=[card.pk])).status_code == 404


def test_a_closed_card_verifies_as_closed_and_an_unknown_code_as_not_found(client, cast):
    card = IssuedCardFactory(region=cast.region_a, person=cast.person_1, status=CardStatus.HIRED)
    words = format_code(code_for(card))
    page = client.get(f"/verifikasi/{words}/")
    assert "Ditutup".upper() in page.content.decode()
    missing = client.get("/verifikasi/ZZZZ-ZZZZ-ZZZZ/")
    assert missing.status_code == 404
    by_number = client.get(f"/verifikasi/{card.number}/")
    assert by_number.status_code == 404
