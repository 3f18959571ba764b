#!/usr/bin/env python3
"""Benchmark: `backup` and `restore` of a database with N people on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jejaring_bench_backup \\
        .venv/bin/python bench/backup_restore.py [--people 1000000]

Migrates the database, seeds (once; recognised by region code 99.02) N people with
set-based INSERT … SELECT generate_series, then times `jejaring.core.backup.create_backup`
into a temporary directory and `restore_backup` into a freshly created database (dropped
afterwards), and prints times, the archive's size and the rows. The bar (issue 14): time
and size printed for 1,000,000 people.

It refuses to run on anything but PostgreSQL, and on a database with other regions in it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

REGION_CODE = "99.02"


def _seed_region() -> int:
    from jejaring.regions.models import Region

    region, _ = Region.objects.get_or_create(
        code=REGION_CODE,
        defaults={
            "kind": Region.Kind.KOTA,
            "name": "Kota Cadangan",
            "slug": "kota-cadangan",
            "province_code": "99",
            "province_name": "Provinsi Uji",
            "office_name": "Dinas Uji",
            "office_short_name": "Disnaker",
        },
    )
    return int(region.pk)


def _seed_people(cursor: Any, region_id: int, start: int, stop: int) -> None:
    from jejaring.trainees.models import Person

    columns, values = [], []
    explicit = {
        "nik": "'9902' || lpad(g::text, 12, '0')",
        "full_name": "'Orang Uji ' || g",
        "sex": "CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END",
        "birth_date": "date '1990-01-01' + (g %% 9000)",
        "birth_place": "'Kota Cadangan'",
        "education": "'sma'",
        "address": "'Jalan Uji No. ' || g",
        "phone": "'+62812' || lpad(g::text, 8, '0')",
        "email": "'orang' || g || '@contoh.test'",
        "region_id": str(region_id),
    }
    for field in Person._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(field.column)
        if field.column in explicit:
            values.append(explicit[field.column])
        elif field.null:
            values.append("NULL")
        elif field.get_internal_type() == "BooleanField":
            values.append("false")
        elif field.get_internal_type() in ("DateTimeField",):
            values.append("now()")
        elif field.get_internal_type() == "JSONField":
            values.append("'{}'::jsonb")
        else:
            values.append("''")
    sql = (
        f"INSERT INTO trainees_person ({', '.join(columns)}) "  # noqa: S608 (model metadata)
        f"SELECT {', '.join(values)} FROM generate_series(%(start)s, %(stop)s) g"
    )
    cursor.execute(sql, {"start": start, "stop": stop})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--tiny", action="store_true", help="1,000 people (CI smoke test)")
    args = parser.parse_args()
    if args.tiny:
        args.people = 1_000

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections
    from django.db.utils import load_backend

    from jejaring.core.backup import create_backup, restore_backup

    if connection.vendor != "postgresql":
        sys.exit("needs PostgreSQL: set DATABASE_URL")
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM regions_region WHERE code <> %s", [REGION_CODE])
        if cursor.fetchone()[0]:
            sys.exit("this database holds other regions; use a database of its own")
        # Through the model, so that a new column's default never goes stale here.
        region_id = _seed_region()
        cursor.execute("SELECT count(*) FROM trainees_person WHERE region_id = %s", [region_id])
        have = cursor.fetchone()[0]
        if have < args.people:
            started = time.perf_counter()
            _seed_people(cursor, region_id, have + 1, args.people)
            cursor.execute("ANALYZE trainees_person")
            print(f"seeded {args.people - have:,} people in {time.perf_counter() - started:.1f} s")
        cursor.execute("SELECT pg_database_size(current_database())")
        db_size = cursor.fetchone()[0]
    print(f"people: {max(have, args.people):,}; database size {db_size / 1e6:.0f} MB")

    with tempfile.TemporaryDirectory() as work:
        media = Path(work) / "media"
        started = time.perf_counter()
        outcome = create_backup(Path(work) / "backups", connection=connection, media_root=media)
        backup_s = time.perf_counter() - started
        print(
            f"backup:  {backup_s:.1f} s, archive {outcome.size / 1e6:.1f} MB, "
            f"{outcome.tables} tables, {outcome.rows:,} rows"
        )
        name = f"{connection.settings_dict['NAME']}_restore"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        settings_dict = {**connection.settings_dict, "NAME": name}
        target = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "bench")
        connections["bench"] = target
        try:
            started = time.perf_counter()
            restored = restore_backup(
                outcome.archive, connection=target, media_root=Path(work) / "restored"
            )
            print(
                f"restore: {time.perf_counter() - started:.1f} s (checksums, pg_restore, row "
                f"counts), {restored.rows:,} rows"
            )
        finally:
            target.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
