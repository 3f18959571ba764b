"""The cover list makes as many queries for 200 rows as for 10 (issue 16; see
jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import count

from django.urls import reverse
from django.utils import timezone

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.employers.models import Formation
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.social_security.models import ContributionRate, Coverage
from jejaring.social_security.tests.factories import CoverageFactory, IncidentFactory
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

_kpj = (f"9{n:010d}" for n in count(1))


def _coverages(cast):
    batch = BatchFactory(program__institution=cast.lpks)
    return lambda n: CoverageFactory.create_batch(n, enrolment__batch=batch)


def test_the_cover_list_makes_as_many_queries_for_200_covers_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("social_security:coverage_list"), add_rows=_coverages(cast))


def test_the_cover_api_list_makes_as_many_queries_for_200_covers_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_coverages"), add_rows=_coverages(cast))


# --- incidents, the dashboard, interns, the premium report, one's own cover -------------


def _incidents(cast):
    batch = BatchFactory(program__institution=cast.lpks)
    return lambda n: IncidentFactory.create_batch(n, coverage__enrolment__batch=batch)


def test_the_incident_list_makes_as_many_queries_for_200_incidents_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("social_security:incident_list"), add_rows=_incidents(cast))


def test_the_incident_api_list_makes_as_many_queries_for_200_incidents_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_incidents"), add_rows=_incidents(cast))


def _intern_covers(cast):
    formation = FormationFactory(company=cast.company_a, kind=Formation.Kind.INTERNSHIP, quota=500)
    today = timezone.localdate()

    def add(n):
        for referral in ReferralFactory.create_batch(n, formation=formation, status="started"):
            coverage = Coverage.objects.create(
                region=cast.region_a,
                person=referral.person,
                kind=Coverage.Kind.INTERN,
                referral=referral,
                payer=Coverage.Payer.COMPANY,
                payer_company=cast.company_a,
                declared_income=1_000_000,
                cover_start=today - timedelta(days=10),
                cover_end=today + timedelta(days=80),
                status=Coverage.Status.ACTIVE,
                kpj_number=next(_kpj),
            )
            IncidentFactory(coverage=coverage)

    return add


def test_the_bpjs_dashboard_makes_as_many_queries_for_200_covers_as_for_10(client, cast):
    today = timezone.localdate()
    program = ProgramFactory(institution=cast.lpks)
    interns = _intern_covers(cast)

    def add(n):
        for batch in BatchFactory.create_batch(
            n,
            program=program,
            start_date=today + timedelta(days=3),
            end_date=today + timedelta(days=40),
        ):
            CoverageFactory(
                enrolment=EnrolmentFactory(batch=batch), status=Coverage.Status.TO_REGISTER
            )
        interns(n)

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("social_security:dashboard"), add_rows=add)


def test_company_hr_s_interns_make_as_many_queries_for_200_covers_as_for_10(client, cast):
    client.force_login(cast.hr_a)
    assert_same_queries(
        client, reverse("social_security:company_interns"), add_rows=_intern_covers(cast)
    )


def test_the_premium_report_makes_as_many_queries_for_200_covers_as_for_10(client, cast):
    ContributionRate.objects.create(
        category="bpu",
        valid_from=date(2015, 7, 1),
        jkk_pct=Decimal("1"),
        jkm_monthly=6_800,
        min_declared_income=1_000_000,
    )
    batch = BatchFactory(program__institution=cast.lpks)

    def add(n):
        for _ in range(n):
            CoverageFactory(
                enrolment__batch=batch,
                status=Coverage.Status.ACTIVE,
                kpj_number=next(_kpj),
                cover_start=date(2026, 3, 2),
                cover_end=date(2026, 4, 30),
            )

    client.force_login(cast.staff_a)
    url = reverse("social_security:premium_report") + "?month=2026-03&payer=office"
    assert_same_queries(client, url, add_rows=add)


def test_a_trainee_s_cover_makes_as_many_queries_for_200_covers_as_for_10(client, cast):
    program = ProgramFactory(institution=cast.lpks)

    def add(n):
        for batch in BatchFactory.create_batch(n, program=program):
            coverage = CoverageFactory(
                enrolment=EnrolmentFactory(batch=batch, person=cast.person_1)
            )
            IncidentFactory(coverage=coverage)

    client.force_login(cast.trainee_1)
    assert_same_queries(client, reverse("social_security:my_cover"), add_rows=add)
