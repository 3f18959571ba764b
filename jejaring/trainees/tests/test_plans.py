"""The person list's queries are served by indexes (issue 16): on a seeded PostgreSQL
database, with sequential scans discouraged, no query of the page reads the whole person
table, and the visible set's count is a bitmap over the region and primary-key indexes."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.urls import reverse

from jejaring.core.tests.query_plans import (
    names_a_big_table,
    nodes_on,
    page_queries,
    plan_of,
    seq_scans,
)
from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.models import Person
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

PEOPLE_PER_REGION = 1500
PERSON = ("trainees_person",)


def _seed(cast: Any) -> None:
    other = RegionFactory(code="33.20")
    people = [
        PersonFactory.build(region=region, full_name=f"Orang {region.pk} {n:05d}")
        for region in (cast.region_a, cast.region_b, other)
        for n in range(PEOPLE_PER_REGION)
    ]
    Person.objects.bulk_create(people, batch_size=1000)
    # One person of Kudus enrolled with Pekalongan: seen there through the dealing.
    EnrolmentFactory(
        person=Person.objects.filter(region=cast.region_b).first(),
        batch=BatchFactory(program=ProgramFactory(institution__region=cast.region_a)),
        identity="confirmed",
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE trainees_person")
        cursor.execute("ANALYZE training_enrolment")


@pytest.mark.parametrize("params", [{}, {"q": "orang 1"}], ids=["first page", "name search"])
def test_the_person_list_reads_no_person_table_sequentially(client, cast, params):
    _seed(cast)
    client.force_login(cast.staff_a)
    url = reverse("trainees:person_list") + ("?" + urlencode(params) if params else "")
    queries = [sql for sql in page_queries(client, url) if names_a_big_table(sql, PERSON)]
    assert queries
    for sql in queries:
        assert nodes_on(plan_of(sql), PERSON), sql
        assert not seq_scans(sql, PERSON), sql


def test_counting_the_people_staff_see_uses_the_region_and_primary_key_indexes(cast):
    _seed(cast)
    sql, params = Person.objects.for_actor(cast.staff_a).order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        counted = cursor.mogrify(f"SELECT count(*) FROM ({sql}) AS visible", params)  # noqa: S608
    nodes = nodes_on(plan_of(counted), PERSON)
    assert nodes
    for node in nodes:
        assert node["Node Type"] != "Seq Scan"
        # Every read of the table is bounded by an index condition, never a full walk.
        assert "Index Cond" in node or "Recheck Cond" in node or node["Plans"], node
    assert Person.objects.for_actor(cast.staff_a).count() == PEOPLE_PER_REGION + 2 + 1
