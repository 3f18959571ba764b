#!/usr/bin/env python3
"""Benchmark: the monthly IPK report over a million job seekers and 100,000 vacancies on
PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jej_ipk_bench \\
        .venv/bin/python bench/ipk_report.py [--job-seekers 1000000] [--vacancies 100000]

Seeds (once; the rows are recognised by their province code 99) ten synthetic regions of
one province, each with a tenth of the job seekers (a person and an AK/1 card each, issued
over three years: active, lapsed, placed or closed) and of the vacancies (published over
a year; open, filled, closed or expired), all with set-based INSERT … SELECT
generate_series whose column lists come from the models (`bench/seedsql.py`). Then it
times the report through the real code (`jejaring.outcomes.labour_market`) for one region
and for the province's roll-up over all of them, exact and protected (the small-cell
rule), and prints the figures. The bar (issue 20): ≤ 2 s over 1,000,000 job seekers.

It refuses to run on anything but PostgreSQL, and on a database with other regions in
it, so that it cannot pollute real data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

PROVINCE = "99"
REGIONS = 10


def seed(job_seekers: int, vacancies: int) -> float:
    from django.db import connection

    from bench.seedsql import insert_select
    from jejaring.employers.models import Company
    from jejaring.jobseekers.models import JobSeekerCard
    from jejaring.regions.models import Region
    from jejaring.trainees.models import Person
    from jejaring.vacancies.models import Vacancy

    started = time.perf_counter()
    params = {"province": PROVINCE, "regions": REGIONS, "n": job_seekers, "v": vacancies}
    # The region of row g: the (g mod 10)-th of the province's regions, by id.
    region_of = (
        "(SELECT array_agg(id ORDER BY id) FROM regions_region "
        "WHERE province_code = %(province)s)[1 + g %% %(regions)s]"
    )
    with connection.cursor() as cursor:
        insert_select(
            cursor,
            Region,
            {
                "code": "%(province)s || '.' || lpad(r::text, 2, '0')",
                "kind": "'kota'",
                "name": "'Kota Uji ' || r",
                "slug": "'kota-uji-' || r",
                "province_code": "%(province)s",
                "province_name": "'Provinsi Uji'",
                "office_name": "'Dinas Uji ' || r",
                "office_short_name": "'Disnaker'",
                "timezone": "'Asia/Jakarta'",
                "is_active": "true",
            },
            "FROM generate_series(1, %(regions)s) r",
            params,
        )
        insert_select(
            cursor,
            Person,
            {
                "nik": "'99' || lpad(g::text, 14, '0')",
                "full_name": "'Pencari Kerja ' || g",
                "sex": "CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END",
                "birth_date": "make_date(1965 + g %% 43, 1 + g %% 12, 1 + g %% 28)",
                "education": "'sma'",
                "region_id": region_of,
            },
            "FROM generate_series(1, %(n)s) g",
            params,
        )
        # Issued over three years up to June 2025; two in ten placed, one closed, the
        # rest active, or expired once their two years have run out.
        issued = "(date '2022-07-01' + (g %% 1095))"
        closed = f"({issued} + (g * 7 %% 700))"
        status = (
            f"CASE WHEN g %% 10 IN (0, 1) AND {closed} <= date '2025-06-30' THEN 'hired' "
            f"WHEN g %% 10 = 2 AND {closed} <= date '2025-06-30' THEN 'closed' "
            f"WHEN {issued} + 729 < date '2025-06-30' THEN 'expired' ELSE 'active' END"
        )
        insert_select(
            cursor,
            JobSeekerCard,
            {
                "person_id": "p.id",
                "region_id": "p.region_id",
                "status": status,
                "channel": "'counter'",
                "education": "(ARRAY['sd','smp','sma','smk','d3','s1','smk','sma'])[1 + g %% 8]",
                "occupation_code": "(ARRAY['7531','8153','5223','2512','4110','9112','3115',''])"
                "[1 + g %% 8]",
                "occupation_title": "'Operator'",
                "wanted_location": "'Kota Uji'",
                "year": f"extract(year FROM {issued})",
                "sequence": "g",
                "number": "'AK1-' || g",
                "issued_on": issued,
                "period_start": issued,
                "valid_until": f"{issued} + 729",
                "closed_on": f"CASE WHEN {status} IN ('hired', 'closed') THEN {closed} END",
                "close_source": f"CASE WHEN {status} IN ('hired', 'closed') THEN 'office' "
                "ELSE '' END",
            },
            "FROM (SELECT id, region_id, substr(nik, 3)::int AS g FROM trainees_person "
            "WHERE nik LIKE '99%%') p",
            params,
        )
        insert_select(
            cursor,
            Company,
            {"name": "'PT Uji ' || c || '-' || r.id", "region_id": "r.id"},
            "FROM regions_region r CROSS JOIN generate_series(1, 20) c "
            "WHERE r.province_code = %(province)s",
            params,
        )
        published = "(timestamptz '2024-07-01 09:00+07' + (v * 37 %% 365) * interval '1 day')"
        ended = f"CASE WHEN v %% 4 <> 0 THEN {published} + (1 + v %% 90) * interval '1 day' END"
        vstatus = (
            "CASE WHEN v %% 4 = 0 THEN 'published' WHEN v %% 3 = 0 THEN 'filled' "
            "WHEN v %% 3 = 1 THEN 'closed' ELSE 'expired' END"
        )
        openings = "(1 + v %% 10)"
        insert_select(
            cursor,
            Vacancy,
            {
                "company_id": "c.id",
                "region_id": "c.region_id",
                "source": "'company'",
                "title": "'Lowongan ' || v",
                "kbji_code": "k.code",
                "occupation_group": "left(k.code, 1)",
                "openings": openings,
                "filled": f"CASE WHEN v %% 4 = 0 THEN 0 WHEN v %% 3 = 0 THEN {openings} "
                f"WHEN v %% 3 = 1 THEN 0 ELSE {openings} / 2 END",
                "min_education": "(ARRAY['','sma','smk','d3','s1'])[1 + v %% 5]",
                "place_regency_code": "'99.01'",
                "closes_on": f"({published})::date + 60",
                "contact_name": "'HRD'",
                "status": vstatus,
                "submitted_at": published,
                "published_at": published,
                "ended_at": ended,
                "created_at": published,
            },
            """FROM generate_series(1, %(v)s) v
            CROSS JOIN LATERAL (SELECT (ARRAY['7531','8153','5223','2512','4110','9112',
                '3115','6111','1211','0110'])[1 + v %% 10] AS code) k
            JOIN (SELECT id, region_id, row_number() OVER (ORDER BY id) - 1 AS n
                  FROM employers_company) c ON c.n = v %% (20 * %(regions)s)""",
            params,
        )
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--job-seekers", type=int, default=1_000_000)
    parser.add_argument("--vacancies", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--tiny", action="store_true", help="2,000 job seekers, 200 vacancies, one run (CI)"
    )
    args = parser.parse_args()
    if args.tiny:
        args.job_seekers, args.vacancies, args.runs = 2_000, 200, 1

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from jejaring.jobseekers.models import JobSeekerCard
    from jejaring.outcomes.labour_market.figures import monthly_figures
    from jejaring.outcomes.labour_market.report import _tables
    from jejaring.outcomes.labour_market.terms import FLOWS, SEEKERS, VACANCIES, Key, Month
    from jejaring.regions.models import Region
    from jejaring.vacancies.models import Vacancy

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to an empty PostgreSQL database made for this benchmark.")
    call_command("migrate", verbosity=0)
    if Region.objects.exclude(province_code=PROVINCE).exists():
        sys.exit("This database holds other regions: use an empty database for the benchmark.")
    if not Region.objects.filter(province_code=PROVINCE).exists():
        with transaction.atomic():
            seconds = seed(args.job_seekers, args.vacancies)
        print(
            f"seeded {args.job_seekers:,} job seekers and {args.vacancies:,} vacancies "
            f"in {seconds:.1f} s"
        )
    regions = list(Region.objects.filter(province_code=PROVINCE).order_by("pk"))
    every = [region.pk for region in regions]
    cards = JobSeekerCard.objects.filter(region_id__in=every).count()
    vacancies = Vacancy.objects.filter(region_id__in=every).count()
    month = Month(2025, 5)
    print(
        f"cards: {cards:,}; vacancies: {vacancies:,}; regions: {len(regions)}; "
        f"month {month}; PostgreSQL {connection.pg_version}; runs: {args.runs}"
    )
    print(f"{'report':<44} {'best s':>8} {'median s':>9}")
    cases = [
        ("one region (a tenth), exact", lambda: monthly_figures(region_ids=every[:1], month=month)),
        ("province roll-up (all), exact", lambda: monthly_figures(region_ids=every, month=month)),
        ("province roll-up (all), protected", lambda: _tables(every, month, True)),
    ]
    for name, run in cases:
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - started)
        print(f"{name:<44} {min(times):>8.3f} {statistics.median(times):>9.3f}")
        if name.startswith("province roll-up (all), exact"):
            for kind, label in ((SEEKERS, "job seekers"), (VACANCIES, "positions")):
                flows = ", ".join(
                    f"{flow} {result.get(Key(kind, flow)):,}"  # type: ignore[attr-defined]
                    for flow in FLOWS
                )
                print(f"{'':<4}{label}: {flows}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
