"""The public pages: the list of published vacancies and the report form of employers
without an account (bad input, limits, no disclosure)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.vacancies.models import EmployerReport, Vacancy
from jejaring.vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def behind_one_proxy(settings):
    settings.JEJARING_TRUSTED_PROXY_COUNT = 1


def report(**overrides):
    values = {
        "region": "kota-pekalongan",
        "company_name": "CV Batik Pesisir",
        "npwp": "01.234.567.8-901.000",
        "nib": "",
        "address": "Jl. Sultan Agung 5, Pekalongan",
        "title": "Pembatik Tulis",
        "kbji_code": "731",
        "openings": "3",
        "closes_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "contact_name": "Pak Darto",
        "contact_phone": "0813 2222 3333",
        "pay_min": "Rp 2.000.000",
    }
    values.update(overrides)
    return values


def send(client, data, address="36.72.10.5"):
    return client.post("/lowongan/lapor/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def test_the_list_shows_published_open_vacancies_without_contacts(client, cast):
    VacancyFactory(
        company=cast.company_a,
        status="published",
        title="Operator Jahit",
        contact_name="Bu Rina Rahasia",
    )
    VacancyFactory(company=cast.company_a, status="submitted", title="Belum Diperiksa")
    VacancyFactory(
        company=cast.company_a,
        status="published",
        title="Sudah Lewat",
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    page = client.get("/lowongan/").content.decode()
    assert "Operator Jahit" in page and "PT Garmen Sejahtera" in page
    assert "Belum Diperiksa" not in page and "Sudah Lewat" not in page
    assert "Bu Rina Rahasia" not in page


def test_the_list_filters_by_occupation_group_place_and_education(client, cast):
    VacancyFactory(
        company=cast.company_a,
        status="published",
        title="Operator Jahit",
        kbji_code="8153",
        min_education="smp",
    )
    VacancyFactory(
        company=cast.company_a,
        status="published",
        title="Programmer",
        kbji_code="2512",
        occupation_group="2",
        min_education="s1",
    )
    page = client.get("/lowongan/?golongan=2").content.decode()
    assert "Programmer" in page and "Operator Jahit" not in page
    page = client.get("/lowongan/?pendidikan=sma").content.decode()
    assert "Operator Jahit" in page and "Programmer" not in page
    assert "Operator Jahit" not in client.get("/lowongan/?wilayah=33.19").content.decode()
    assert client.get("/lowongan/?golongan=x&cursor=%%%").status_code == 200


def test_the_list_pages_by_key(client, cast):
    VacancyFactory.create_batch(25, company=cast.company_a, status="published")
    first = client.get("/lowongan/")
    assert first.context["page"].has_next
    second = client.get("/lowongan/", {"cursor": first.context["page"].next_cursor})
    ids = {v.pk for v in first.context["page"]} | {v.pk for v in second.context["page"]}
    assert len(ids) == 25


def test_the_detail_of_an_unpublished_vacancy_is_a_404(client, cast):
    published = VacancyFactory(company=cast.company_a, status="published")
    draft = VacancyFactory(company=cast.company_a)
    assert client.get(f"/lowongan/{published.pk}/").status_code == 200
    assert client.get(f"/lowongan/{draft.pk}/").status_code == 404


def test_a_report_is_saved_for_the_office_to_verify(client, cast):
    response = send(client, report())
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.status == Vacancy.Status.UNVERIFIED and vacancy.company is None
    assert vacancy.employer_report.npwp == "012345678901000"
    assert vacancy.pay_min == 2_000_000


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"npwp": "123"}, "NPWP terdiri dari 15 atau 16 angka"),
        ({"npwp": "", "nib": "99"}, "NIB terdiri dari 13 angka"),
        ({"npwp": "", "nib": ""}, "Isi NPWP atau NIB perusahaan"),
        ({"kbji_code": "9999"}, "kbji_code"),
        ({"closes_on": "2020-01-01"}, "Batas lamaran tidak boleh sebelum hari ini"),
        ({"region": "atlantis"}, "region"),
    ],
)
def test_bad_input_gets_a_clear_error_and_writes_nothing(client, cast, overrides, message):
    response = send(client, report(**overrides))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not EmployerReport.objects.exists()


def test_the_answer_does_not_say_whether_the_company_is_registered(client, cast):
    known = send(client, report(company_name="PT Garmen Sejahtera"), address="36.72.10.7")
    unknown = send(client, report(company_name="PT Tidak Ada", npwp="012345678902000"))
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_a_bot_filling_the_honeypot_is_answered_like_a_person_and_nothing_is_saved(client, cast):
    response = send(client, report(website="http://spam.example"))
    assert response.status_code == 302
    assert not EmployerReport.objects.exists()


def test_too_many_reports_from_one_address_are_refused(client, cast):
    for serial in range(5):
        npwp = f"0123456789{serial:02d}000"
        assert send(client, report(npwp=npwp)).status_code == 302
    refused = send(client, report(npwp="012345678999000"))
    assert refused.status_code == 429
    assert "Terlalu banyak laporan" in refused.content.decode()
    assert EmployerReport.objects.count() == 5
    assert send(client, report(npwp="012345678999000"), address="36.72.10.9").status_code == 302


def test_too_many_reports_for_one_npwp_are_refused_from_any_address(client, cast):
    for serial in range(5):
        assert send(client, report(), address=f"36.72.11.{serial}").status_code == 302
    assert send(client, report(), address="36.72.12.1").status_code == 429
