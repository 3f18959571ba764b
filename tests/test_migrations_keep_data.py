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

#: The previous release (stop 12, issues 13 and 14, 2 December 2026): the last migration of
#: each app. Migrating to these unapplies everything newer.
PREVIOUS_RELEASE: list[tuple[str, str]] = [
    ("accounts", "0004_initial"),
    ("assessment", "0002_initial"),
    ("core", "0003_worker_heartbeat"),
    ("employers", "0003_seed_permenaker_6_2020"),
    ("outcomes", "0007_follow_up_answered"),
    ("placement", "0003_applicationchoice_tested_on"),
    ("planning", "0003_plan_submitted_by"),
    ("regions", "0001_initial"),
    ("social_security", "0002_coverage_coverage_kpj"),
    ("trainees", "0002_identity_verification"),
    ("training", "0002_identity_verification"),
]

#: (table, column) of the previous release that this release's migrations may rewrite.
#: The moved internship models and competency catalogue keep their tables; their content
#: types are relabelled.
MAY_CHANGE: set[tuple[str, str]] = {("django_content_type", "app_label")}
#: (table, column) of the previous release that this release drops after moving its data.
DROPPED: set[tuple[str, str]] = {
    ("accounts_membership", "institution_id"),
    ("accounts_membership", "company_id"),
    ("accounts_membership", "assessor_id"),
    ("training_batch", "plan_line_id"),
    ("employers_formation", "internship_program_id"),
}
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
    """accounts 0005_membership_generic_target, the internships app taking over the
    internship models' content types, planning 0005_plan_line_batch_from_training,
    training 0004 taking over the competency catalogue's content types, and internships
    0003_program_formation_from_employers."""
    types = {
        row["id"]: (row["app_label"], row["model"]) for row in _rows(after, "django_content_type")
    }
    links = {
        "operator": ("institution_id", ("training", "traininginstitution")),
        "company_hr": ("company_id", ("employers", "company")),
        "assessor": ("assessor_id", ("assessment", "assessor")),
    }
    old = {row["id"]: row for row in _rows(before, "accounts_membership")}
    assert {row["role"] for row in old.values()} >= set(links), "the demo should hold each role"
    for membership in _rows(after, "accounts_membership"):
        link = links.get(membership["role"])
        if link is None:
            assert membership["target_type_id"] is None and membership["target_id"] is None
            continue
        column, model = link
        assert membership["target_id"] == old[membership["id"]][column], membership["id"]
        assert types[membership["target_type_id"]] == model, membership["id"]

    moved = {"internshipruleset", "internshipprogram"}
    labels = {model: app for app, model in types.values() if model in moved}
    assert set(labels.values()) <= {"internships"}, labels

    catalogue = {"certificationbody", "competencyunit", "scheme", "schemeunit"}
    catalogue_types = {
        row["id"]: row["model"]
        for row in _rows(before, "django_content_type")
        if row["app_label"] == "assessment" and row["model"] in catalogue
    }
    assert set(catalogue_types.values()) == catalogue
    assert {pk: types[pk] for pk in catalogue_types} == {
        pk: ("training", model) for pk, model in catalogue_types.items()
    }

    old_lines = {
        row["id"]: row["plan_line_id"]
        for row in _rows(before, "training_batch")
        if row["plan_line_id"] is not None
    }
    assert old_lines, "some batches should realise a plan line"
    new_lines = {
        row["batch_id"]: row["plan_line_id"] for row in _rows(after, "planning_planlinebatch")
    }
    assert new_lines == old_lines

    old_programs = {
        row["id"]: row["internship_program_id"]
        for row in _rows(before, "employers_formation")
        if row["internship_program_id"] is not None
    }
    assert old_programs, "some demo formations should run under an internship program"
    new_programs = {
        row["formation_id"]: row["program_id"]
        for row in _rows(after, "internships_programformation")
    }
    assert new_programs == old_programs


def _link_batches_to_plan_lines() -> None:
    """The demo creates no batch from a plan line; link some, the way planning does, so
    that the previous release's column holds lines for the migration to carry over."""
    from jejaring.planning.models import PlanLine, PlanLineBatch
    from jejaring.training.models import Batch

    lines = list(PlanLine.objects.order_by("pk")[:2])
    batches = Batch.objects.order_by("pk")[:5]
    PlanLineBatch.objects.bulk_create(
        PlanLineBatch(batch=batch, plan_line=lines[index % len(lines)])
        for index, batch in enumerate(batches)
    )


def test_previous_release_with_demo_migrates_keeping_data(transactional_db: None) -> None:
    load_demo()
    _link_batches_to_plan_lines()
    executor = MigrationExecutor(connection)
    # The demo written by the current code, taken back to the previous release's schema:
    # what a database of that release holds (reverse migrations drop only what is new).
    executor.migrate(PREVIOUS_RELEASE)
    before = snapshot()
    assert sum(len(rows) for _columns, rows in before.values()) > 10_000

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    after_old_columns = snapshot(
        {
            table: [column for column in columns if (table, column) not in DROPPED]
            for table, (columns, _rows) in before.items()
        }
    )
    changed = []
    for table, (columns, rows) in before.items():
        if table in GROWS:
            continue
        kept, after_rows = after_old_columns[table]
        if len(after_rows) != len(rows):
            changed.append(f"{table}: {len(rows)} rows before, {len(after_rows)} after")
            continue
        for index, column in enumerate(columns):
            if (table, column) in MAY_CHANGE or (table, column) in DROPPED:
                continue
            new_index = kept.index(column)
            pairs = zip(rows, after_rows, strict=True)
            if any(old[index] != new[new_index] for old, new in pairs):
                changed.append(f"{table}.{column}")
    assert changed == []
    check_this_release(before, snapshot())
