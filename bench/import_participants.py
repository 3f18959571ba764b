#!/usr/bin/env python3
"""Benchmark: importing a batch's participants from an XLSX file, through the real import
job (store the upload, check every row, write people and enrolments in one transaction).

    .venv/bin/python bench/import_participants.py [--rows 10000 30000] [--validate-only 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jejaring_bench_import \\
        .venv/bin/python bench/import_participants.py

Without DATABASE_URL it uses a fresh SQLite file in the temporary directory (never the demo
database under data/). On PostgreSQL it wants an empty database made for it (it refuses one
holding regions) and leaves its rows there: drop the database afterwards.

For each size it prints: building the XLSX (not part of the import), the first check as the
upload triggers it, a second check on its own (`import_job_validate`), and the write
(`import_job_write`, which reads and checks the file again inside its transaction before
writing). A batch's quota is a small integer (at most 32,767 places), so sizes above that
are checked only (`--validate-only`): they are rejected for the quota after every row has
been looked at, which is the cost being measured. The bar (docs/quality.md): 100,000 rows
≤ 60 s, all or nothing.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Test settings: tasks run at commit in this process, uploads stay in memory.
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
# One file per process, so that two runs at once (two test suites) do not share it.
SQLITE_FILE = Path(tempfile.gettempdir()) / f"jejaring-bench-import-{os.getpid()}.sqlite3"
if not os.environ.get("DATABASE_URL"):
    SQLITE_FILE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"

REGION_CODE = "33.75"
DISTRICTS = ("33.75.01", "33.75.02", "33.75.03", "33.75.04")


def participant_rows(first: int, count: int) -> list[list[str]]:
    """`count` distinct valid people of Kota Pekalongan, numbered from `first`."""
    from jejaring.trainees.nik import format_nik

    rows = []
    for i in range(first, first + count):
        born = date(1975, 1, 1) + timedelta(days=(i // 4) % 10_000)
        sex = "F" if i % 2 else "M"
        nik = format_nik(
            district_code=DISTRICTS[i % 4], birth_date=born, sex=sex, serial=1 + i // 40_000
        )
        rows.append(
            [
                nik,
                f"Peserta Uji {i}",
                born.strftime("%d/%m/%Y"),
                "Pekalongan",
                "P" if sex == "F" else "L",
                "SMK",
                f"Jl. Merdeka No. {i % 300}, Medono",
                "33.75.01.1002",
                "0812 3456 7890" if i % 3 == 0 else "",
                f"peserta{i}@example.com" if i % 5 == 0 else "",
            ]
        )
    return rows


def workbook(rows: list[list[str]]) -> bytes:
    import openpyxl

    from jejaring.training.imports import COLUMNS

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Peserta")
    sheet.append([column.header for column in COLUMNS])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000, 30_000])
    parser.add_argument("--validate-only", type=int, nargs="*", default=[100_000])
    parser.add_argument(
        "--tiny", action="store_true", help="write 100 rows, check 200 (CI smoke test)"
    )
    args = parser.parse_args()
    if args.tiny:
        args.rows, args.validate_only = [100], [200]

    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import connection

    from jejaring.accounts.scope import Role
    from jejaring.accounts.tests.factories import MembershipFactory, UserFactory
    from jejaring.core import imports
    from jejaring.core.models import ImportJob
    from jejaring.regions.models import Region
    from jejaring.regions.tests.factories import RegionFactory
    from jejaring.training.imports import KIND
    from jejaring.training.models import Batch, Enrolment
    from jejaring.training.tests.factories import BatchFactory, ProgramFactory

    call_command("migrate", verbosity=0)
    if Region.objects.exists():
        sys.exit("This database is not empty: use a fresh database for the benchmark.")
    region = RegionFactory(code=REGION_CODE, name="Kota Pekalongan", slug="kota-pekalongan")
    staff = UserFactory(username="bench.staff")
    MembershipFactory(user=staff, region=region, role=Role.OFFICE_STAFF)
    program = ProgramFactory(institution__region=region)

    vendor = connection.vendor
    if vendor == "postgresql":
        version = str(getattr(connection, "pg_version", ""))
    else:
        import sqlite3

        version = sqlite3.sqlite_version
    print(f"database: {vendor} {version}")
    header = (
        f"{'rows':>8} {'build xlsx':>11} {'upload+check':>13} {'check':>8} {'write':>8} "
        f"{'rows/s write':>13}  result"
    )
    print(header)
    first = 0
    cases = [(n, True) for n in args.rows] + [(n, False) for n in args.validate_only]
    for count, write in cases:
        started = time.perf_counter()
        data = workbook(participant_rows(first, count))
        first += count
        built = time.perf_counter() - started
        batch = cast(
            Batch,
            BatchFactory(program=program, capacity=min(count, 32_767), status=Batch.Status.OPEN),
        )

        started = time.perf_counter()
        job = imports.import_job_create(
            actor=staff, kind=KIND, file=SimpleUploadedFile("peserta.xlsx", data), target=batch
        )
        uploaded = time.perf_counter() - started

        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.PENDING)
        started = time.perf_counter()
        job = imports.import_job_validate(job_id=job.pk)
        checked = time.perf_counter() - started

        written, result = 0.0, job.get_status_display()
        if write and job.status == ImportJob.Status.VALIDATED:
            started = time.perf_counter()
            imports.import_job_confirm(actor=staff, job=job)
            written = time.perf_counter() - started
            job.refresh_from_db()
            enrolled = Enrolment.objects.filter(batch=batch).count()
            result = f"{job.get_status_display()}, {enrolled:,} enrolments"
        elif job.errors:
            result += f" ({job.errors[0]['message'][:60]})"
        rate = f"{count / written:>13,.0f}" if written else f"{'':>13}"
        print(
            f"{count:>8,} {built:>10.1f}s {uploaded:>12.1f}s {checked:>7.1f}s "
            f"{written:>7.1f}s {rate}  {result}"
        )
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    finally:
        if os.environ["DATABASE_URL"] == f"sqlite:///{SQLITE_FILE}":
            SQLITE_FILE.unlink(missing_ok=True)
