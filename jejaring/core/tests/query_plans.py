"""Query plans of a page (issue 16, item 4): which of a page's queries read the big tables
(people, enrolments, follow-ups) from end to end.

    nodes = seq_scans_of_page(client, url)
    assert not nodes, describe(nodes)

PostgreSQL only. The page's SQL is captured as it ran (Django's PostgreSQL backend records
each query with its parameters inlined), then each SELECT that names one of the big tables
is EXPLAINed with sequential scans switched off for the transaction: the planner still
chooses a sequential scan when no index can serve the query, so a "Seq Scan" node left
over is a query that no index serves, whatever the table's size in the test database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

#: The tables a page must never walk from end to end: a region's people, its
#: enrolments and its follow-ups grow with every year the office runs.
BIG_TABLES = ("trainees_person", "training_enrolment", "outcomes_followup")


@dataclass(frozen=True)
class SeqScan:
    """One sequential scan of a big table, with the query it belongs to."""

    table: str
    sql: str
    node: dict[str, Any]

    def __str__(self) -> str:
        condition = self.node.get("Filter", "(no filter)")
        return f"Seq Scan on {self.table} {condition}\n  in: {self.sql}"


def describe(scans: list[SeqScan]) -> str:
    return "\n".join(str(scan) for scan in scans)


def page_queries(client: Any, url: str, *, warm: bool = False) -> list[str]:
    """The SQL the request for `url` runs; with `warm`, that of a second request (after
    the first filled the per-process caches). The page must answer 200."""
    if warm:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return [query["sql"] for query in captured.captured_queries]


def names_a_big_table(sql: str, tables: tuple[str, ...] = BIG_TABLES) -> bool:
    return any(f'"{table}"' in sql for table in tables)


def plan_of(sql: str) -> dict[str, Any]:
    """The plan PostgreSQL chooses for `sql` (parameters inlined) when sequential scans
    are discouraged; the setting is restored for the rest of the test's transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            (plan,) = cursor.fetchone()
        finally:
            cursor.execute("SET LOCAL enable_seqscan = on")
    document = json.loads(plan) if isinstance(plan, str) else plan
    return document[0]["Plan"]  # type: ignore[no-any-return]


def nodes_on(node: dict[str, Any], tables: tuple[str, ...] = BIG_TABLES) -> list[dict[str, Any]]:
    """Every node of the plan tree that reads one of `tables` (any scan type)."""
    found = [node] if node.get("Relation Name") in tables else []
    for child in node.get("Plans", []):
        found += nodes_on(child, tables)
    return found


def seq_scans(sql: str, tables: tuple[str, ...] = BIG_TABLES) -> list[SeqScan]:
    """The sequential scans of `tables` in the plan of one query."""
    return [
        SeqScan(table=node["Relation Name"], sql=sql, node=node)
        for node in nodes_on(plan_of(sql), tables)
        if node["Node Type"] == "Seq Scan"
    ]


def is_a_read(sql: str) -> bool:
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head in {"SELECT", "WITH"}


def seq_scans_of_page(
    client: Any, url: str, *, warm: bool = False, tables: tuple[str, ...] = BIG_TABLES
) -> list[SeqScan]:
    """The sequential scans of `tables` in the plans of the reads the page at `url` runs."""
    scans: list[SeqScan] = []
    for sql in page_queries(client, url, warm=warm):
        if is_a_read(sql) and names_a_big_table(sql, tables):
            scans += seq_scans(sql, tables)
    return scans
