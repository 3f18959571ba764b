"""The cover list makes as many queries for 200 rows as for 10 (issue 16; see
jejaring.core.tests.query_budget for why 200 and not 1,000)."""

from __future__ import annotations

from django.urls import reverse

from jejaring.core.tests.query_budget import assert_same_queries
from jejaring.social_security.tests.factories import CoverageFactory
from jejaring.training.tests.factories import BatchFactory


def _coverages(cast):
    batch = BatchFactory(program__institution=cast.lpks)
    return lambda n: CoverageFactory.create_batch(n, enrolment__batch=batch)


def test_the_cover_list_makes_as_many_queries_for_200_covers_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("social_security:coverage_list"), add_rows=_coverages(cast))


def test_the_cover_api_list_makes_as_many_queries_for_200_covers_as_for_10(client, cast):
    client.force_login(cast.staff_a)
    assert_same_queries(client, reverse("api:list_coverages"), add_rows=_coverages(cast))
