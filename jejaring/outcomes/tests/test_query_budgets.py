"""The follow-up list makes as many queries for 200 rows as for 10 (issue 16; see
jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.outcomes.tests.factories import FollowUpFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory


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
