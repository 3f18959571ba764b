"""Every benchmark in bench/ runs at a tiny size, so that a schema or code change that
breaks one fails the build instead of being found the next time someone measures
(issue 16). These check that each script finishes and prints its figures, not the figures
themselves (a timed assertion on a shared machine is flaky; docs/quality.md).

Each script runs as a subprocess from the repository root, as documented in bench/README.md,
with the development settings it chooses itself. A script that needs a database gets a
migrated one made for it and dropped afterwards: on PostgreSQL a copy of the test database
(`CREATE DATABASE … TEMPLATE`, much faster than migrating), on SQLite a file copy of the
in-memory test database (SQLite's online backup API). Scripts that need PostgreSQL are
marked `postgres` and run in the PostgreSQL pass.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 240


def run_bench(*args: str, database_url: str | None = None) -> str:
    """Runs `python bench/<args>` and returns its output; fails on a non-zero exit."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    result = subprocess.run(  # noqa: S603 (our own interpreter and scripts)
        [sys.executable, f"bench/{args[0]}", *args[1:]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(args)} exited {result.returncode}:\n{output[-4000:]}"
    return result.stdout


def _is_postgres() -> bool:
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


def _server_url(name: str) -> str:
    """The PostgreSQL of the test run, database `name`."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    if parts.scheme.startswith("postgres"):
        return urlunsplit(parts._replace(path="/" + name))
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


# The tests that copy the test database ask for it without a transaction (a database being
# copied must have no open session) and with no apps, so that nothing is flushed after them:
# they write only to their copies.
copies_the_test_database = pytest.mark.django_db(transaction=True, available_apps=[])


@pytest.fixture
def migrated_database(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """A migrated, empty database of its own for one script: (DATABASE_URL, the test
    database's name), copied from the test database; dropped afterwards."""
    from django.db import connection, connections

    name = re.sub(r"[^a-z0-9_]", "_", request.node.name.lower())[:40]
    template = str(connection.settings_dict["NAME"])
    if not _is_postgres():
        path = Path(request.getfixturevalue("tmp_path")) / "bench.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        yield f"sqlite:///{path}", template
        return
    import psycopg

    clone = f"{template}_{name}"[:63]
    connections.close_all()  # a template database must have no other sessions
    with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{clone}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{clone}" TEMPLATE "{template}"')
    try:
        yield _server_url(clone), template
    finally:
        with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{clone}" WITH (FORCE)')


# --- no database ----------------------------------------------------------------------


def test_the_instance_generator_writes_an_instance() -> None:
    output = run_bench("hr_instance.py", "20", "4", "3", "1")
    assert json.loads(output).keys() == {"applicants", "formations"}


def test_the_engine_benchmark_runs_at_a_tiny_size() -> None:
    output = run_bench("match_engine.py", "--tiny")
    assert "proposals" in output
    assert "identical     True" in output


def test_the_engine_against_the_library_runs_at_a_tiny_size() -> None:
    output = run_bench("match_vs_library.py", "--tiny")
    assert "identical  True" in output


def test_the_hostile_files_benchmark_runs_at_a_tiny_size() -> None:
    output = run_bench("hostile_files.py", "--tiny")
    assert "worst:" in output


# --- a database -----------------------------------------------------------------------


@copies_the_test_database
def test_the_import_benchmark_runs_at_a_tiny_size(migrated_database: tuple[str, str]) -> None:
    url, _ = migrated_database
    output = run_bench("import_participants.py", "--tiny", database_url=url)
    assert "100 enrolments" in output


@pytest.mark.postgres
@copies_the_test_database
def test_the_outcome_indicators_benchmark_seeds_and_runs_at_a_tiny_size(
    migrated_database: tuple[str, str],
) -> None:
    url, _ = migrated_database
    output = run_bench("outcome_indicators.py", "--tiny", database_url=url)
    assert "seeded 2,000 graduates" in output
    assert "dashboard page, by vocation (rendered)" in output


@pytest.mark.postgres
@copies_the_test_database
def test_the_placement_round_benchmark_runs_at_a_tiny_size(
    migrated_database: tuple[str, str],
) -> None:
    url, _ = migrated_database
    output = run_bench("placement_round.py", "--tiny", database_url=url)
    assert "replay identical: True" in output


@pytest.mark.postgres
@copies_the_test_database
def test_the_backup_benchmark_runs_at_a_tiny_size(migrated_database: tuple[str, str]) -> None:
    url, _ = migrated_database
    output = run_bench("backup_restore.py", "--tiny", database_url=url)
    assert "restore:" in output


@pytest.mark.postgres
@copies_the_test_database
def test_the_load_benchmark_seeds_serves_and_drives_every_page_at_a_tiny_size(
    migrated_database: tuple[str, str],
) -> None:
    url, _ = migrated_database
    # load_pages creates its database itself: here a second copy of the migrated template,
    # made from the one of the fixture (which this test does not otherwise use).
    clone = urlsplit(url).path.lstrip("/")
    database = f"{clone[:55]}_load"
    try:
        output = run_bench(
            "load_pages.py", "--tiny", "--reseed", "--database", database, "--template", clone,
            database_url=url,
        )  # fmt: skip
    finally:
        import psycopg

        with psycopg.connect(_server_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    assert "seeded 700 people" in output
    for page in ("staff home", "person list, page 500", "viewer dashboard", "trainee home"):
        assert re.search(rf"^{re.escape(page)}.* 2 +\d+ ", output, re.MULTILINE), page
    assert re.search(r"open loop overall: \d+ requests, .* errors 0", output)
    line = r"^(\S.*?) +\d+ +\d+ +\S+ +\S+ +\S+ +[\d.]+ +(\d+)(?:  first error: .*)?$"
    rows = re.findall(line, output, re.MULTILINE)
    assert len(rows) == 2 * 16, output  # every page at 1 and 2 clients
    assert all(errors == "0" for _, errors in rows), output
    assert "machine at end" in output


@pytest.mark.postgres
@copies_the_test_database
def test_the_ipk_report_benchmark_seeds_and_runs_at_a_tiny_size(
    migrated_database: tuple[str, str],
) -> None:
    url, _ = migrated_database
    output = run_bench("ipk_report.py", "--tiny", database_url=url)
    assert "seeded 2,000 job seekers and 200 vacancies" in output
    assert "province roll-up (all), protected" in output
