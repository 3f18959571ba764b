"""Every role's home page makes as many queries for 200 records as for 10 (issue 16,
item 4; see jejaring.core.tests.query_budget for why 200 and not 1,000), and so does the
API's list of people (its app, trainees, is being reworked; the test lives here).

The home pages' aggregate figures are cached per data version (jejaring.core.versions);
these tests turn that cache off, so that every request computes what it shows."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from jejaring.assessment.tests.factories import CandidateFactory, SessionFactory
from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.employers.tests.factories import FormationFactory
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

HOME = "core:home"


def computing_figures(settings) -> None:
    """No cache for the figures (jejaring.core.versions): each request computes them."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }


@pytest.fixture(autouse=True)
def _uncached(settings):
    computing_figures(settings)


def test_office_staff_s_home_makes_as_many_queries_for_200_enrolments_as_for_10(client, cast):
    program = ProgramFactory(institution=cast.lpks)
    elsewhere = BatchFactory(program=ProgramFactory(institution__region=cast.region_b))
    this_year = timezone.localdate().replace(month=1, day=2)
    statuses = list(Batch.Status)

    def add(n):
        for i, batch in enumerate(
            BatchFactory.create_batch(n, program=program, status=statuses[n % len(statuses)])
        ):
            if i % 2:
                EnrolmentFactory(batch=batch, status=Enrolment.Status.TRAINING)
            else:
                EnrolmentFactory(
                    batch=batch, status=Enrolment.Status.GRADUATED, graduated_on=this_year
                )
        # People of the region who applied elsewhere: identity matches in the inbox.
        EnrolmentFactory.create_batch(
            n, batch=elsewhere, person__region=cast.region_a, identity="awaiting_home"
        )

    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse(HOME), add_rows=add)


def test_an_operator_s_home_makes_as_many_queries_for_200_batches_as_for_10(client, cast):
    program = ProgramFactory(institution=cast.lpks)

    def add(n):
        for batch in BatchFactory.create_batch(
            n,
            program=program,
            status=Batch.Status.OPEN,
            start_date=date(2020, 1, 2),
            end_date=date(2020, 1, 31),
        ):
            EnrolmentFactory(batch=batch, status=Enrolment.Status.APPLIED)

    client.force_login(cast.operator)
    assert_same_queries(client, reverse(HOME), add_rows=add)


def test_a_viewer_s_home_makes_as_many_queries_for_200_graduates_as_for_10(client, cast):
    program = ProgramFactory(institution=cast.lpks)
    year = timezone.localdate().year

    def add(n):
        batch = BatchFactory(program=program)
        for i in range(n):
            EnrolmentFactory(
                batch=batch,
                status=Enrolment.Status.GRADUATED,
                graduated_on=date(year - i % 7, 6, 1),
            )

    client.force_login(cast.viewer)
    assert_same_queries(client, reverse(HOME), add_rows=add)


def test_an_assessor_s_home_makes_as_many_queries_for_200_sessions_as_for_10(client, cast):
    def add(n):
        for session in SessionFactory.create_batch(
            n, region=cast.region_a, assessors=[cast.assessor]
        ):
            CandidateFactory(session=session)

    client.force_login(cast.assessor_user)
    assert_same_queries(client, reverse(HOME), add_rows=add)


def test_company_hr_s_home_makes_as_many_queries_for_200_referrals_as_for_10(client, cast):
    def add(n):
        for formation in FormationFactory.create_batch(n, company=cast.company_a):
            ReferralFactory(formation=formation)

    client.force_login(cast.hr_a)
    assert_same_queries(client, reverse(HOME), add_rows=add)


def test_a_trainee_s_home_makes_as_many_queries_for_200_records_as_for_10(client, cast):
    program = ProgramFactory(institution=cast.lpks)

    def add(n):
        for batch in BatchFactory.create_batch(n, program=program):
            enrolment = EnrolmentFactory(
                batch=batch, person=cast.person_1, status=Enrolment.Status.ACCEPTED
            )
            CandidateFactory(
                session__region=cast.region_a, enrolment=enrolment, person=cast.person_1
            )
        for formation in FormationFactory.create_batch(n, company=cast.company_a):
            ReferralFactory(formation=formation, person=cast.person_1)

    client.force_login(cast.trainee_1)
    assert_same_queries(client, reverse(HOME), add_rows=add)


def test_the_person_api_list_makes_as_many_queries_for_200_people_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(
        client,
        reverse("api:list_persons"),
        add_rows=lambda n: PersonFactory.create_batch(n, region=cast.region_a),
    )
