"""The person list's queries are served by indexes (issue 16): on a seeded PostgreSQL
database, with sequential scans discouraged, no query of the page reads the whole person
table, and the visible set's count is a bitmap over the region and primary-key indexes."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jejaring.regions.tests.factories import RegionFactory
from jejaring.trainees.models import Person
from jejaring.trainees.tests.factories import PersonFactory
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

PEOPLE_PER_REGION = 1500


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


def _plan(sql: str, params: Any) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
        cursor.execute("SET LOCAL enable_seqscan = on")
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def _person_nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    found = [node] if node.get("Relation Name") == "trainees_person" else []
    for child in node.get("Plans", []):
        found += _person_nodes(child)
    return found


def _page_queries(client: Any, params: dict[str, str]) -> list[dict[str, Any]]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("trainees:person_list"), params).status_code == 200
    return [q for q in queries.captured_queries if '"trainees_person"' in q["sql"]]


@pytest.mark.parametrize("params", [{}, {"q": "orang 1"}], ids=["first page", "name search"])
def test_the_person_list_reads_no_person_table_sequentially(client, cast, params):
    _seed(cast)
    client.force_login(cast.staff_a)
    queries = _page_queries(client, params)
    assert queries
    for query in queries:
        # The captured SQL has its parameters inlined; EXPLAIN it as it ran.
        nodes = _person_nodes(_plan(query["sql"], None))
        assert nodes, query["sql"]
        assert all(node["Node Type"] != "Seq Scan" for node in nodes), query["sql"]


def test_counting_the_people_staff_see_uses_the_region_and_primary_key_indexes(cast):
    _seed(cast)
    sql, params = Person.objects.for_actor(cast.staff_a).order_by().query.sql_with_params()
    counted = f"SELECT count(*) FROM ({sql}) AS visible"  # noqa: S608 - the ORM's own SQL
    nodes = _person_nodes(_plan(counted, params))
    assert nodes
    for node in nodes:
        assert node["Node Type"] != "Seq Scan"
        # Every read of the table is bounded by an index condition, never a full walk.
        assert "Index Cond" in node or "Recheck Cond" in node or node["Plans"], node
    assert Person.objects.for_actor(cast.staff_a).count() == PEOPLE_PER_REGION + 2 + 1
