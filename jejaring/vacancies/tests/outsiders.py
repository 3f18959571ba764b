"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from __future__ import annotations


def _vacancy(cast):
    from jejaring.employers.tests.factories import CompanyFactory
    from jejaring.vacancies.tests.factories import VacancyFactory

    return VacancyFactory(company=CompanyFactory(region=cast.region_b), status="published").pk


def _employer_report(cast):
    from jejaring.vacancies.tests.factories import EmployerReportFactory

    return EmployerReportFactory(region=cast.region_b).pk


OUTSIDERS = {"vacancy_id": _vacancy, "employer_report_id": _employer_report}
EXEMPT_PARAMETERS = {
    "public_vacancy_id": "the public page of a published vacancy: public by design (only "
    "published, open vacancies resolve; others are a 404, tested in test_public.py)",
}
