"""Migrations that keep data (issue 14): a database at the previous release's migrations,
holding the demo, is migrated to the current code, and every record that existed before
is unchanged — every column of every table that the previous release had — while the
data migrations of this release fill the new columns as documented.

For the next release: set ``PREVIOUS_RELEASE`` to the migrations this release ships
(``python manage.py showmigrations --plan`` at its tag, the last migration of each app),
replace ``check_this_release`` with the checks of the new data migrations, and list in
``MAY_CHANGE`` any old column a migration is meant to rewrite.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jejaring.demo.loader import load_demo

#: The previous release (before issue 13/14, 23 November 2026): the last migration of each
#: app. Migrating to these unapplies everything newer.
PREVIOUS_RELEASE: list[tuple[str, str]] = [
    ("accounts", "0004_initial"),
    ("assessment", "0002_initial"),
    ("core", "0001_initial"),
    ("employers", "0003_seed_permenaker_6_2020"),
    ("outcomes", "0007_follow_up_answered"),
    ("placement", "0003_applicationchoice_tested_on"),
    ("planning", "0002_initial"),
    ("regions", "0001_initial"),
    ("social_security", "0002_coverage_coverage_kpj"),
    ("trainees", "0001_initial"),
    ("training", "0001_initial"),
]

#: (table, column) of the previous release that this release's migrations may rewrite.
MAY_CHANGE: set[tuple[str, str]] = set()
#: Tables that grow by design when migrating.
GROWS = {"django_migrations"}

Snapshot = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def snapshot(columns_of: dict[str, list[str]] | None = None) -> Snapshot:
    """Every table's rows ordered by primary key; only ``columns_of[table]`` if given."""
    result: Snapshot = {}
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in sorted(columns_of or tables):
            described = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            columns = (columns_of or {}).get(table, described)
            keys = connection.introspection.get_primary_key_columns(cursor, table) or columns
            select = ", ".join(_quote(c) for c in columns)
            order = ", ".join(_quote(c) for c in keys)
            cursor.execute(f"SELECT {select} FROM {_quote(table)} ORDER BY {order}")  # noqa: S608
            result[table] = (columns, [tuple(row) for row in cursor.fetchall()])
    return result


def _rows(snap: Snapshot, table: str) -> list[dict[str, Any]]:
    columns, rows = snap[table]
    return [dict(zip(columns, row, strict=True)) for row in rows]


def check_this_release(before: Snapshot, after: Snapshot) -> None:
    """training 0002_identity_verification and planning 0003_plan_submitted_by."""
    undecided = {"applied", "shortlisted", "waitlisted"}
    enrolments = _rows(before, "training_enrolment")
    typed = {e["person_id"] for e in enrolments if e["source"] == "self"}
    vouched = {
        e["person_id"]
        for e in enrolments
        if not (e["source"] == "self" and e["status"] in undecided)
    }
    typed_only = typed - vouched
    assert typed_only, "the demo should hold people who only self-registered, undecided"

    # A person is verified at their creation unless all they have is undecided
    # self-registrations; those enrolments wait for a KTP check.
    for person in _rows(after, "trainees_person"):
        expected = None if person["id"] in typed_only else person["created_at"]
        assert person["verified_at"] == expected, person["id"]
    for enrolment in _rows(after, "training_enrolment"):
        waits = (
            enrolment["source"] == "self"
            and enrolment["status"] in undecided
            and enrolment["person_id"] in typed_only
        )
        assert enrolment["identity"] == ("unverified" if waits else "confirmed")

    # A submitted plan's submitter comes from the latest submit audit event.
    events = [
        event
        for event in _rows(before, "core_auditevent")
        if event["action"] == "planning.plan.submit"
    ]
    submitter: dict[str, Any] = {}
    for event in sorted(events, key=lambda event: event["id"]):
        submitter[str(event["target_id"])] = event["actor_id"]
    for plan in _rows(after, "planning_trainingplan"):
        if plan["submitted_at"] is not None:
            assert plan["submitted_by_id"] == submitter.get(str(plan["id"])), plan["id"]


def test_previous_release_with_demo_migrates_keeping_data(transactional_db: None) -> None:
    load_demo()
    executor = MigrationExecutor(connection)
    # The demo written by the current code, taken back to the previous release's schema:
    # what a database of that release holds (reverse migrations drop only what is new).
    executor.migrate(PREVIOUS_RELEASE)
    before = snapshot()
    assert sum(len(rows) for _columns, rows in before.values()) > 10_000

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    after_old_columns = snapshot({table: columns for table, (columns, _rows) in before.items()})
    changed = []
    for table, (columns, rows) in before.items():
        if table in GROWS:
            continue
        after_rows = after_old_columns[table][1]
        if len(after_rows) != len(rows):
            changed.append(f"{table}: {len(rows)} rows before, {len(after_rows)} after")
            continue
        for index, column in enumerate(columns):
            if (table, column) in MAY_CHANGE:
                continue
            if any(old[index] != new[index] for old, new in zip(rows, after_rows, strict=True)):
                changed.append(f"{table}.{column}")
    assert changed == []
    check_this_release(before, snapshot())
