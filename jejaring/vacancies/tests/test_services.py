"""Vacancy reporting: drafting, the office's check, filled openings, expiry, formations and
reports of unregistered employers — transitions, validation and tenancy."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from jejaring.core.errors import Conflict, InvalidTransition, NotFound, ValidationError
from jejaring.core.models import AuditEvent
from jejaring.employers.models import Company, Formation
from jejaring.vacancies import audit_actions, kbji, public_reports, selectors, services
from jejaring.vacancies.models import EmployerReport, Vacancy
from jejaring.vacancies.services import VacancyData
from jejaring.vacancies.tests.factories import VacancyFactory, reported_vacancy

pytestmark = pytest.mark.django_db


def data(**overrides):
    values = {
        "title": "Mekanik Mesin Jahit",
        "kbji_code": "7233",
        "openings": 2,
        "closes_on": timezone.localdate() + timedelta(days=14),
        "contact_name": "Bu Rina",
        "contact_phone": "0812-3456-7890",
        "min_education": "smk",
        "skills": "Servis mesin jahit high speed",
        "place_district_code": "33.75.01",
        "pay_min": 2_500_000,
        "pay_max": 3_000_000,
    }
    values.update(overrides)
    return VacancyData(**values)


def test_the_kbji_list_has_every_major_sub_major_and_minor_group():
    levels = [occ.level for occ in kbji.occupations().values()]
    assert (levels.count(1), levels.count(2), levels.count(3)) == (10, 43, 130)
    assert kbji.major_group_of("7233") == "7" and kbji.major_group_of("011") == "0"


def test_hr_drafts_a_vacancy_that_resolves_to_its_major_group_and_is_audited(cast):
    vacancy = services.vacancy_create(actor=cast.hr_a, company=cast.company_a, data=data())
    assert vacancy.status == Vacancy.Status.DRAFT
    assert vacancy.occupation_group == "7"
    assert vacancy.place_regency_code == "33.75"
    assert vacancy.contact_phone == "+6281234567890"
    assert vacancy.source == Vacancy.Source.COMPANY
    assert AuditEvent.objects.filter(action=audit_actions.VACANCY_CREATE).count() == 1


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"kbji_code": "9999"}, "unknown_kbji"),
        ({"openings": 0}, "invalid_openings"),
        ({"pay_min": 3_000_000, "pay_max": 2_000_000}, "invalid_pay_range"),
        ({"closes_on": timezone.localdate() - timedelta(days=1)}, "closing_date_past"),
        ({"place_district_code": "33.19.01"}, "unknown_district"),
        ({"min_education": "phd"}, "invalid_education"),
        ({"contact_phone": "12"}, "invalid_phone"),
        ({"contact_phone": "", "contact_email": ""}, "contact_required"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(cast, overrides, code):
    with pytest.raises(ValidationError) as error:
        services.vacancy_create(actor=cast.hr_a, company=cast.company_a, data=data(**overrides))
    assert error.value.code == code
    assert not Vacancy.objects.exists()


def test_the_closing_date_is_checked_in_the_region_s_time_zone(cast, monkeypatch):
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(services, "today_in", lambda region: tomorrow + timedelta(days=1))
    with pytest.raises(ValidationError):
        services.vacancy_create(
            actor=cast.hr_a, company=cast.company_a, data=data(closes_on=tomorrow)
        )


def test_hr_of_another_company_and_staff_of_another_region_find_nothing(cast):
    with pytest.raises(NotFound):
        services.vacancy_create(actor=cast.hr_b, company=cast.company_a, data=data())
    with pytest.raises(NotFound):
        services.vacancy_create(actor=cast.staff_b, company=cast.company_a, data=data())
    vacancy = VacancyFactory(company=cast.company_a)
    with pytest.raises(NotFound):
        services.vacancy_update(actor=cast.hr_b, vacancy=vacancy, data=data())
    assert list(selectors.vacancy_list_for(actor=cast.hr_b)) == []
    assert list(selectors.vacancy_list_for(actor=cast.staff_b)) == []


def test_submit_then_the_office_returns_with_a_reason_and_hr_resubmits_and_it_is_published(
    cast,
):
    vacancy = services.vacancy_create(actor=cast.hr_a, company=cast.company_a, data=data())
    services.vacancy_submit(actor=cast.hr_a, vacancy=vacancy)
    with pytest.raises(ValidationError):
        services.vacancy_review(actor=cast.staff_a, vacancy=vacancy, decision="return")
    returned = services.vacancy_review(
        actor=cast.staff_a, vacancy=vacancy, decision="return", note="Gaji di bawah UMK."
    )
    assert returned.status == Vacancy.Status.RETURNED
    assert returned.status_note == "Gaji di bawah UMK."
    services.vacancy_update(actor=cast.hr_a, vacancy=vacancy, data=data(pay_min=2_700_000))
    services.vacancy_submit(actor=cast.hr_a, vacancy=vacancy)
    published = services.vacancy_review(actor=cast.staff_a, vacancy=vacancy, decision="publish")
    assert published.status == Vacancy.Status.PUBLISHED
    assert published.published_at is not None and published.reviewed_by == cast.staff_a
    statuses = [
        event.changes["status"]
        for event in AuditEvent.objects.filter(action=audit_actions.VACANCY_STATUS).order_by("pk")
    ]
    assert statuses == [
        ["draft", "submitted"],
        ["submitted", "returned"],
        ["returned", "submitted"],
        ["submitted", "published"],
    ]


def test_only_the_office_of_the_region_reviews_and_only_submitted_vacancies(cast):
    vacancy = VacancyFactory(company=cast.company_a, status=Vacancy.Status.SUBMITTED)
    with pytest.raises(NotFound):
        services.vacancy_review(actor=cast.hr_a, vacancy=vacancy, decision="publish")
    with pytest.raises(NotFound):
        services.vacancy_review(actor=cast.staff_b, vacancy=vacancy, decision="publish")
    draft = VacancyFactory(company=cast.company_a)
    with pytest.raises(InvalidTransition):
        services.vacancy_review(actor=cast.staff_a, vacancy=draft, decision="publish")
    published = VacancyFactory(company=cast.company_a, status=Vacancy.Status.PUBLISHED)
    with pytest.raises(InvalidTransition):
        services.vacancy_update(actor=cast.hr_a, vacancy=published, data=data())


def test_filling_every_opening_marks_the_vacancy_filled_and_never_more(cast):
    vacancy = VacancyFactory(company=cast.company_a, status=Vacancy.Status.PUBLISHED, openings=3)
    with pytest.raises(InvalidTransition):
        services.vacancy_fill_record(
            actor=cast.hr_a, vacancy=VacancyFactory(company=cast.company_a), count=1
        )
    services.vacancy_fill_record(actor=cast.hr_a, vacancy=vacancy, count=2)
    with pytest.raises(Conflict):
        services.vacancy_fill_record(actor=cast.hr_a, vacancy=vacancy, count=2)
    filled = services.vacancy_fill_record(actor=cast.staff_a, vacancy=vacancy, count=1)
    assert (filled.filled, filled.status) == (3, Vacancy.Status.FILLED)
    with pytest.raises(NotFound):
        services.vacancy_fill_record(actor=cast.hr_b, vacancy=vacancy, count=1)


def test_openings_filled_after_the_closing_date_still_count(cast):
    vacancy = VacancyFactory(company=cast.company_a, status=Vacancy.Status.EXPIRED, openings=1)
    assert services.vacancy_fill_record(actor=cast.hr_a, vacancy=vacancy).status == "filled"


def test_the_daily_command_expires_published_vacancies_past_their_closing_date(cast):
    today = timezone.localdate()
    past = VacancyFactory(company=cast.company_a, status="published", closes_on=today)
    VacancyFactory.create_batch(
        2, company=cast.company_a, status="published", closes_on=today + timedelta(days=1)
    )
    draft = VacancyFactory(company=cast.company_a, closes_on=today)
    tomorrow = (today + timedelta(days=1)).isoformat()
    call_command("vacancies_expire", "--today", tomorrow)
    call_command("vacancies_expire", "--today", tomorrow)
    past.refresh_from_db()
    draft.refresh_from_db()
    assert past.status == Vacancy.Status.EXPIRED and past.ended_at is not None
    assert draft.status == Vacancy.Status.DRAFT
    assert Vacancy.objects.filter(status="expired").count() == 1
    assert AuditEvent.objects.filter(action=audit_actions.VACANCY_STATUS).count() == 1


def test_a_published_vacancy_becomes_a_job_formation_for_its_open_positions_once(cast):
    vacancy = VacancyFactory(
        company=cast.company_a, status="published", openings=5, filled=2, kbji_code="7233"
    )
    formation = services.vacancy_formation_create(
        actor=cast.hr_a, vacancy=vacancy, accepts_all_vocations=True
    )
    assert formation.kind == Formation.Kind.JOB
    assert (formation.quota, formation.kbji_code, formation.status) == (3, "7233", "draft")
    vacancy.refresh_from_db()
    assert vacancy.formation == formation
    with pytest.raises(Conflict):
        services.vacancy_formation_create(
            actor=cast.hr_a, vacancy=vacancy, accepts_all_vocations=True
        )
    draft = VacancyFactory(company=cast.company_a)
    with pytest.raises(InvalidTransition):
        services.vacancy_formation_create(
            actor=cast.hr_a, vacancy=draft, accepts_all_vocations=True
        )


def employer(**overrides):
    values = {
        "company_name": "CV Batik Pesisir",
        "address": "Jl. Sultan Agung 5, Pekalongan",
        "contact_name": "Pak Darto",
        "contact_phone": "0813 2222 3333",
        "npwp": "01.234.567.8-901.000",
    }
    values.update(overrides)
    return public_reports.EmployerData(**values)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"npwp": "", "nib": ""}, "id_required"),
        ({"npwp": "12.345"}, "invalid_npwp"),
        ({"npwp": "", "nib": "12345"}, "invalid_nib"),
        ({"npwp": "000000000000000"}, "invalid_npwp"),
        ({"company_name": " "}, "name_required"),
    ],
)
def test_the_public_report_checks_npwp_and_nib_formats(cast, overrides, code):
    with pytest.raises(ValidationError) as error:
        public_reports.employer_report_submit(
            region=cast.region_a, employer=employer(**overrides), vacancy=data()
        )
    assert error.value.code == code
    assert not EmployerReport.objects.exists() and not Vacancy.objects.exists()


def test_a_public_report_waits_for_verification_then_follows_the_normal_check(cast):
    vacancy = public_reports.employer_report_submit(
        region=cast.region_a, employer=employer(nib="1234567890123"), vacancy=data()
    )
    report = vacancy.employer_report
    assert (vacancy.status, vacancy.company) == (Vacancy.Status.UNVERIFIED, None)
    assert report.npwp == "012345678901000" and report.nib == "1234567890123"
    assert selectors.waiting_count_for(actor=cast.staff_a) == 1
    with pytest.raises(NotFound):
        public_reports.employer_report_verify(actor=cast.staff_b, report=report)
    company = public_reports.employer_report_verify(actor=cast.staff_a, report=report)
    assert Company.objects.filter(pk=company.pk, name="CV Batik Pesisir").exists()
    assert AuditEvent.objects.filter(action="employers.company.create").count() == 1
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.company) == (Vacancy.Status.SUBMITTED, company)
    services.vacancy_review(actor=cast.staff_a, vacancy=vacancy, decision="publish")
    with pytest.raises(InvalidTransition):
        public_reports.employer_report_verify(actor=cast.staff_a, report=report)


def test_verifying_can_link_an_existing_company_of_the_region_only(cast):
    vacancy = reported_vacancy(cast.region_a)
    from jejaring.employers.tests.factories import CompanyFactory

    elsewhere = CompanyFactory(region=cast.region_b)
    with pytest.raises(NotFound):
        public_reports.employer_report_verify(
            actor=cast.staff_a, report=vacancy.employer_report, company=elsewhere
        )
    public_reports.employer_report_verify(
        actor=cast.staff_a, report=vacancy.employer_report, company=cast.company_a
    )
    vacancy.refresh_from_db()
    assert vacancy.company == cast.company_a
    assert Company.objects.count() == 3


def test_rejecting_a_report_rejects_its_vacancies_with_the_reason(cast):
    vacancy = reported_vacancy(cast.region_a)
    with pytest.raises(ValidationError):
        public_reports.employer_report_reject(
            actor=cast.staff_a, report=vacancy.employer_report, note=""
        )
    public_reports.employer_report_reject(
        actor=cast.staff_a, report=vacancy.employer_report, note="Perusahaan tidak ditemukan."
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.REJECTED


def test_open_vacancies_filter_by_group_place_and_education(cast):
    today = timezone.localdate()
    sewing = VacancyFactory(
        company=cast.company_a, status="published", kbji_code="8153", min_education="sma"
    )
    VacancyFactory(
        company=cast.company_a,
        status="published",
        kbji_code="2512",
        occupation_group="2",
        min_education="s1",
    )
    VacancyFactory(company=cast.company_a, status="submitted")
    VacancyFactory(company=cast.company_a, status="published", closes_on=today - timedelta(1))
    assert selectors.open_vacancies(today=today).count() == 2
    assert list(selectors.open_vacancies(today=today, occupation_group="8")) == [sewing]
    assert list(selectors.open_vacancies(today=today, education="smk")) == [sewing]
    assert selectors.open_vacancies(today=today, place_code="33.19").count() == 0


def test_the_ipk_counts_group_published_vacancies_by_major_group(cast):
    today = timezone.localdate()
    vacancy = services.vacancy_create(actor=cast.hr_a, company=cast.company_a, data=data())
    services.vacancy_submit(actor=cast.hr_a, vacancy=vacancy)
    services.vacancy_review(actor=cast.staff_a, vacancy=vacancy, decision="publish")
    services.vacancy_fill_record(actor=cast.hr_a, vacancy=vacancy, count=1)
    never_published = services.vacancy_create(actor=cast.hr_a, company=cast.company_a, data=data())
    services.vacancy_submit(actor=cast.hr_a, vacancy=never_published)
    counts = selectors.vacancy_counts_by_group(
        region_ids=[cast.region_a.pk], start=today, end=today
    )
    assert counts == {"7": {"registered": 1, "openings": 2, "filled": 1}}
    assert (
        selectors.vacancy_counts_by_group(region_ids=[cast.region_b.pk], start=today, end=today)
        == {}
    )
