"""Vacancy pages for company HR and office staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from jejaring.vacancies.models import EmployerReport, Vacancy
from jejaring.vacancies.tests.factories import VacancyFactory, reported_vacancy

pytestmark = pytest.mark.django_db


def form(**overrides):
    values = {
        "title": "Operator Jahit",
        "kbji_code": "8153",
        "openings": "4",
        "min_education": "smp",
        "skills": "Menjahit dengan mesin high speed",
        "place_district_code": "33.75.02",
        "pay_min": "Rp 2.300.000",
        "pay_max": "2.800.000",
        "closes_on": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "contact_name": "Bu Rina",
        "contact_phone": "0812 3456 7890",
    }
    values.update(overrides)
    return values


def test_hr_reports_a_vacancy_and_submits_it_and_the_office_publishes_it(client, cast):
    client.force_login(cast.hr_a)
    response = client.post(f"/lowongan-kerja/perusahaan/{cast.company_a.pk}/baru/", form())
    vacancy = Vacancy.objects.get()
    assert response.status_code == 302
    assert (vacancy.pay_min, vacancy.pay_max, vacancy.occupation_group) == (
        2_300_000,
        2_800_000,
        "8",
    )
    client.post(f"/lowongan-kerja/{vacancy.pk}/ajukan/")
    client.force_login(cast.staff_a)
    home = client.get("/beranda/").content.decode()
    assert "lowongan menunggu diperiksa" in home
    page = client.get(f"/lowongan-kerja/{vacancy.pk}/").content.decode()
    assert "Pemeriksaan dinas" in page and "Rp 2.300.000" in page
    client.post(f"/lowongan-kerja/{vacancy.pk}/periksa/", {"decision": "publish"})
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED


def test_a_pay_range_upside_down_or_not_in_rupiah_is_shown_next_to_the_field(client, cast):
    client.force_login(cast.hr_a)
    url = f"/lowongan-kerja/perusahaan/{cast.company_a.pk}/baru/"
    page = client.post(url, form(pay_min="3.000.000", pay_max="2.000.000")).content.decode()
    assert "Gaji tertinggi tidak boleh di bawah gaji terendah" in page
    page = client.post(url, form(pay_min="tiga juta")).content.decode()
    assert "Tulis dalam rupiah" in page
    assert not Vacancy.objects.exists()


def test_hr_of_company_a_cannot_open_company_b_s_vacancy(client, cast):
    vacancy = VacancyFactory(company=cast.company_b, title="Resepsionis Hotel")
    client.force_login(cast.hr_a)
    assert client.get(f"/lowongan-kerja/{vacancy.pk}/").status_code == 404
    assert client.post(f"/lowongan-kerja/{vacancy.pk}/ajukan/").status_code == 404
    assert "Resepsionis Hotel" not in client.get("/lowongan-kerja/").content.decode()
    assert client.get(f"/lowongan-kerja/perusahaan/{cast.company_b.pk}/baru/").status_code == 404


def test_staff_of_region_b_cannot_open_region_a_s_vacancy_or_report(client, cast):
    vacancy = VacancyFactory(company=cast.company_a, status="submitted")
    report = reported_vacancy(cast.region_a).employer_report
    client.force_login(cast.staff_b)
    assert client.get(f"/lowongan-kerja/{vacancy.pk}/").status_code == 404
    assert (
        client.post(f"/lowongan-kerja/{vacancy.pk}/periksa/", {"decision": "publish"}).status_code
        == 404
    )
    assert client.get(f"/lowongan-kerja/laporan-umum/{report.pk}/").status_code == 404
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.SUBMITTED


def test_hr_cannot_review_their_own_vacancy(client, cast):
    vacancy = VacancyFactory(company=cast.company_a, status="submitted")
    client.force_login(cast.hr_a)
    assert (
        client.post(f"/lowongan-kerja/{vacancy.pk}/periksa/", {"decision": "publish"}).status_code
        == 404
    )


def test_recording_more_filled_than_openings_shows_a_message_and_changes_nothing(client, cast):
    vacancy = VacancyFactory(company=cast.company_a, status="published", openings=2)
    client.force_login(cast.hr_a)
    response = client.post(f"/lowongan-kerja/{vacancy.pk}/terisi/", {"count": 5}, follow=True)
    assert "Hanya tersisa 2 lowongan" in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.filled == 0


def test_the_office_verifies_a_public_report_as_a_new_company(client, cast):
    vacancy = reported_vacancy(cast.region_a)
    client.force_login(cast.staff_a)
    assert (
        vacancy.employer_report.company_name
        in client.get("/lowongan-kerja/laporan-umum/").content.decode()
    )
    response = client.post(
        f"/lowongan-kerja/laporan-umum/{vacancy.employer_report_id}/verifikasi/", {"company": ""}
    )
    assert response.status_code == 302
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.SUBMITTED
    assert vacancy.company.name == vacancy.employer_report.company_name
    assert vacancy.employer_report.status == EmployerReport.Status.VERIFIED


def test_a_published_vacancy_becomes_a_formation_from_its_page(client, cast):
    vacancy = VacancyFactory(company=cast.company_a, status="published")
    client.force_login(cast.staff_a)
    assert "Jadikan formasi" in client.get(f"/lowongan-kerja/{vacancy.pk}/").content.decode()
    response = client.post(
        f"/lowongan-kerja/{vacancy.pk}/formasi/", {"accepts_all_vocations": "on"}
    )
    vacancy.refresh_from_db()
    assert response.status_code == 302 and vacancy.formation is not None


def test_hr_sees_their_vacancies_on_the_home_page(client, cast):
    VacancyFactory(company=cast.company_a, title="Mekanik Garmen")
    VacancyFactory(company=cast.company_b, title="Pramusaji Hotel")
    client.force_login(cast.hr_a)
    home = client.get("/beranda/").content.decode()
    assert "Mekanik Garmen" in home and "Pramusaji Hotel" not in home
