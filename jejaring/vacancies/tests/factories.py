from datetime import timedelta

import factory
from django.utils import timezone

from jejaring.employers.tests.factories import CompanyFactory
from jejaring.vacancies.models import EmployerReport, Vacancy


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    company = factory.SubFactory(CompanyFactory)
    region = factory.SelfAttribute("company.region")
    source = Vacancy.Source.COMPANY
    title = factory.Sequence(lambda n: f"Operator Jahit {n}")
    kbji_code = "8153"
    occupation_group = factory.LazyAttribute(lambda o: o.kbji_code[0])
    openings = 3
    place_regency_code = factory.LazyAttribute(lambda o: o.region.code)
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    contact_name = "Bu Rina"
    contact_phone = "+6281234567890"
    status = Vacancy.Status.DRAFT


class EmployerReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerReport

    company_name = factory.Sequence(lambda n: f"CV Batik Baru {n}")
    npwp = "012345678901000"
    address = "Jl. Hayam Wuruk 1, Pekalongan"
    contact_name = "Pak Darto"
    contact_phone = "+6281298765432"


def reported_vacancy(region, **kwargs):
    """A vacancy sent through the public form, waiting for the employer's verification."""
    report = EmployerReportFactory(region=region)
    return VacancyFactory(
        company=None,
        region=region,
        employer_report=report,
        source=Vacancy.Source.PUBLIC_FORM,
        status=Vacancy.Status.UNVERIFIED,
        place_regency_code=region.code,
        **kwargs,
    )
