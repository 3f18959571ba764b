"""The follow-up list makes as many queries for 200 rows as for 10 (issue 16; see
jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.employers.tests.factories import FormationFactory
from jejaring.outcomes.tests.factories import FollowUpAnswerFactory, FollowUpFactory, graduate
from jejaring.placement.models import Referral
from jejaring.placement.tests.factories import ReferralFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory


def _follow_ups(cast):
    batch = BatchFactory(program__institution=cast.lpks)

    def add(n):
        for enrolment in EnrolmentFactory.create_batch(
            n, batch=batch, status=Enrolment.Status.GRADUATED, graduated_on=date(2024, 6, 28)
        ):
            FollowUpFactory(region=cast.region_a, enrolment=enrolment)

    return add


def test_the_follow_up_list_makes_as_many_queries_for_200_follow_ups_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    url = reverse("outcomes:follow_up_list") + "?tampil=all"
    assert_same_queries(client, url, add_rows=_follow_ups(cast))


def test_the_follow_up_api_list_makes_as_many_queries_for_200_follow_ups_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_follow_ups"), add_rows=_follow_ups(cast))


# --- the dashboard, its drill-down, a trainee's and a company's pages (issue 16, item 4) --

YEARS = "year_from=2024&year_to=2024"


@pytest.fixture
def computing_figures(settings):
    """No cache for the dashboard's figures (jejaring.core.versions): each request
    computes them."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }


def _graduates(cast):
    """Graduates of 2024, each of their own institution and program, half of them
    employed."""

    def add(n):
        for i in range(n):
            follow_up = FollowUpFactory(
                region=cast.region_a, enrolment=graduate(region=cast.region_a)
            )
            if i % 2:
                FollowUpAnswerFactory(follow_up=follow_up, started_on=date(2024, 9, 1))

    return add


@pytest.mark.parametrize("dimension", ["year", "institution"])
def test_the_dashboard_makes_as_many_queries_for_200_graduates_as_for_10(
    client, cast, computing_figures, dimension
):
    client.force_login(cast.staff_a)
    url = reverse("outcomes:dashboard") + f"?{YEARS}&dimension={dimension}"
    assert_same_queries(client, url, add_rows=_graduates(cast))


def test_a_viewer_s_dashboard_makes_as_many_queries_for_200_graduates_as_for_10(
    client, cast, computing_figures
):
    client.force_login(cast.viewer)
    url = reverse("outcomes:dashboard") + f"?{YEARS}&dimension=institution"
    assert_same_queries(client, url, add_rows=_graduates(cast))


def test_the_drill_down_makes_as_many_queries_for_200_graduates_as_for_10(
    client, cast, computing_figures
):
    client.force_login(cast.staff_a)
    url = reverse("outcomes:drill_down") + f"?{YEARS}&ukuran=graduates&dimension=year&kunci=2024"
    assert_same_queries(client, url, add_rows=_graduates(cast))


def test_a_trainee_s_follow_ups_make_as_many_queries_for_200_as_for_10(client, cast):
    program = ProgramFactory(institution=cast.lpks)

    def add(n):
        for batch in BatchFactory.create_batch(n, program=program):
            enrolment = EnrolmentFactory(
                batch=batch,
                person=cast.person_1,
                status=Enrolment.Status.GRADUATED,
                graduated_on=date(2024, 6, 28),
            )
            FollowUpFactory(region=cast.region_a, enrolment=enrolment)

    client.force_login(cast.trainee_1)
    assert_same_queries(client, reverse("outcomes:my_follow_ups"), add_rows=add)


def test_company_confirmations_make_as_many_queries_for_200_referrals_as_for_10(client, cast):
    formation = FormationFactory(company=cast.company_a, quota=500)
    client.force_login(cast.hr_a)
    assert_same_queries(
        client,
        reverse("outcomes:company_confirmations"),
        add_rows=lambda n: ReferralFactory.create_batch(
            n, formation=formation, status=Referral.Status.STARTED
        ),
    )
