from datetime import date, datetime
from zoneinfo import ZoneInfo

import factory

from jejaring.social_security.models import ContributionRate, Coverage, Incident
from jejaring.training.tests.factories import EnrolmentFactory


class CoverageFactory(factory.django.DjangoModelFactory):
    """A trainee's cover for a batch, paid by the office."""

    class Meta:
        model = Coverage

    enrolment = factory.SubFactory(EnrolmentFactory)
    region = factory.SelfAttribute("enrolment.region")
    person = factory.SelfAttribute("enrolment.person")
    kind = Coverage.Kind.TRAINEE
    payer = Coverage.Payer.OFFICE
    declared_income = 1_000_000
    cover_start = date(2026, 3, 2)
    cover_end = date(2026, 4, 30)
    status = Coverage.Status.REGISTERED


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    coverage = factory.SubFactory(
        CoverageFactory, status=Coverage.Status.ACTIVE, kpj_number="12345678901"
    )
    region = factory.SelfAttribute("coverage.region")
    kind = Incident.Kind.ACCIDENT
    occurred_at = datetime(2026, 3, 10, 9, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    place = "Bengkel las"
    description = "Tangan tergores saat praktik."


def bpu_rate(valid_from: date = date(2020, 1, 1), **values: object) -> ContributionRate:
    defaults: dict[str, object] = {
        "jkk_pct": "1.000",
        "jkm_monthly": 6_800,
        "min_declared_income": 1_000_000,
    }
    defaults.update(values)
    return ContributionRate.objects.create(
        category=ContributionRate.Category.NON_WAGE, valid_from=valid_from, **defaults
    )
