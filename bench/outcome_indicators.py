#!/usr/bin/env python3
"""Benchmark: outcome indicators over a million graduates on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jejaring_bench \\
        .venv/bin/python bench/outcome_indicators.py [--graduates 1000000] [--runs 5]

Seeds (once; the rows are recognised by their region code 99.01) a synthetic region with
N graduates spread over 2018–2025, three follow-up points each and a current answer at
most of them, all with set-based INSERT … SELECT generate_series. Then it times the
dashboard's queries through the real code (`jejaring.outcomes.indicators`) and prints
the figures. The bar (docs/quality.md): ≤ 1 s over 1,000,000 graduates.

The facts are built once per database; after a change to how they are computed, rebuild
them with `manage.py refresh_graduate_outcomes --region 99.01` (same DATABASE_URL).

It refuses to run on anything but PostgreSQL, and on a database with other regions in
it, so that it cannot pollute real data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

REGION_CODE = "99.01"


def seed(graduates: int) -> float:
    """Everything set-based; the column lists come from the models (`bench/seedsql.py`), so
    a column added later gets its default instead of breaking the seed."""
    from django.db import connection

    from bench.seedsql import insert_select
    from jejaring.outcomes.models import FollowUp, FollowUpAnswer
    from jejaring.regions.models import Region
    from jejaring.trainees.models import Person
    from jejaring.training.models import (
        Batch,
        Enrolment,
        Program,
        TrainingInstitution,
        Vocation,
    )

    started = time.perf_counter()
    params = {"code": REGION_CODE, "graduates": graduates, "batches": -(-graduates // 20)}
    with connection.cursor() as cursor:
        insert_select(
            cursor,
            Region,
            {
                "code": "%(code)s",
                "kind": "'kota'",
                "name": "'Kota Tolok Ukur'",
                "slug": "'kota-tolok-ukur'",
                "province_code": "'99'",
                "province_name": "'Provinsi Uji'",
                "office_name": "'Dinas Uji'",
                "office_short_name": "'Disnaker'",
            },
            "",
            params,
        )
        insert_select(
            cursor,
            TrainingInstitution,
            {"kind": "k", "name": "'Lembaga ' || k", "region_id": "r.id"},
            "FROM regions_region r, unnest(ARRAY['blk', 'lpks']) AS k WHERE r.code = %(code)s",
            params,
        )
        insert_select(
            cursor,
            Vocation,
            {"code": "'bench-' || v", "name": "'Kejuruan uji ' || v"},
            "FROM generate_series(1, 6) v ON CONFLICT DO NOTHING",
        )
        insert_select(
            cursor,
            Program,
            {
                "code": "'P-' || i.id || '-' || v.id",
                "name": "'Program ' || v.name",
                "hours_jp": "240",
                "duration_days": "28",
                "default_capacity": "20",
                "status": "'active'",
                "region_id": "i.region_id",
                "institution_id": "i.id",
                "vocation_id": "v.id",
            },
            "FROM training_traininginstitution i "
            "JOIN regions_region r ON r.id = i.region_id AND r.code = %(code)s "
            "CROSS JOIN training_vocation v WHERE v.code LIKE 'bench-%%'",
            params,
        )
        start_date = "make_date(2018 + (b %% 8), 1 + (b %% 11), 1)"
        insert_select(
            cursor,
            Batch,
            {
                "code": "'B' || b",
                "name": "'Paket ' || b",
                "year": "2018 + (b %% 8)",
                "funding_source": "(ARRAY['apbn','apbd','dbhcht'])[1 + b %% 3]",
                "capacity": "20",
                "start_date": start_date,
                "end_date": f"{start_date} + 40",
                "status": "'finished'",
                "region_id": "p.region_id",
                "program_id": "p.id",
                "institution_id": "p.institution_id",
            },
            """FROM generate_series(0, %(batches)s - 1) b
            JOIN LATERAL (
                SELECT * FROM training_program p
                WHERE p.region_id = (SELECT id FROM regions_region WHERE code = %(code)s)
                ORDER BY p.id OFFSET (b %% 12) LIMIT 1
            ) p ON true""",
            params,
        )
        insert_select(
            cursor,
            Person,
            {
                "nik": "'9901' || lpad(g::text, 12, '0')",
                "full_name": "'Peserta ' || g",
                "sex": "CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END",
                "birth_date": "make_date(1980 + g %% 25, 1 + g %% 12, 1)",
                "education": "'sma'",
                "region_id": "(SELECT id FROM regions_region WHERE code = %(code)s)",
            },
            "FROM generate_series(1, %(graduates)s) g",
            params,
        )
        insert_select(
            cursor,
            Enrolment,
            {
                "status": "'graduated'",
                "source": "'import'",
                "graduated_on": "b.end_date",
                "batch_id": "b.id",
                "person_id": "p.id",
                "region_id": "b.region_id",
                "institution_id": "b.institution_id",
            },
            """FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM trainees_person
                  WHERE nik LIKE '9901%%') p
            JOIN (SELECT *, row_number() OVER (ORDER BY id) - 1 AS n FROM training_batch
                  WHERE region_id = (SELECT id FROM regions_region WHERE code = %(code)s)) b
              ON b.n = p.n / 20""",
            params,
        )
        insert_select(
            cursor,
            FollowUp,
            {
                "months_after": "m",
                "due_on": "e.graduated_on + m * 30",
                "link_nonce": "md5(e.id::text || m)",
                "enrolment_id": "e.id",
                "institution_id": "e.institution_id",
                "person_id": "e.person_id",
                "region_id": "e.region_id",
            },
            "FROM training_enrolment e CROSS JOIN unnest(ARRAY[3, 6, 12]) m "
            "WHERE e.region_id = (SELECT id FROM regions_region WHERE code = %(code)s)",
            params,
        )
        insert_select(
            cursor,
            FollowUpAnswer,
            {
                "status": "s.status",
                "source": "'phone'",
                "employer_name": "CASE WHEN s.status = 'employed' THEN 'PT Uji' ELSE '' END",
                "business_kind": "CASE WHEN s.status = 'self_employed' THEN 'Usaha' ELSE '' END",
                "started_on": "CASE WHEN s.status IN ('employed', 'self_employed', "
                "'internship') THEN f.due_on - (f.id %% 200)::int END",
                "is_current": "true",
                "follow_up_id": "f.id",
            },
            """FROM outcomes_followup f
            CROSS JOIN LATERAL (SELECT (ARRAY['employed', 'employed', 'employed',
                'not_working', 'self_employed', 'internship', 'studying', 'unknown',
                'employed', 'not_working'])[1 + (f.id * 7919) %% 10] AS status) s
            WHERE f.region_id = (SELECT id FROM regions_region WHERE code = %(code)s)
              AND f.id %% 10 <> 0""",
            params,
        )
        # `FollowUp.answered` is set from these answers by the facts' refresh (main()).
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def dashboard_page(region: object) -> None:
    """The office's dashboard as a staff member of the region gets it: every table,
    the pipeline, the funnel and the response rate, rendered."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from jejaring.accounts.models import Membership, Role

    user, created = get_user_model().objects.get_or_create(username="bench.staff")
    if created:
        Membership.objects.create(user=user, region=region, role=Role.OFFICE_STAFF)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    response = client.get(
        "/capaian/", {"year_from": 2018, "year_to": 2025, "dimension": "vocation"}
    )
    if response.status_code != 200:
        sys.exit(f"dashboard answered {response.status_code}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graduates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--tiny", action="store_true", help="2,000 graduates, one run (the CI smoke test)"
    )
    args = parser.parse_args()
    if args.tiny:
        args.graduates, args.runs = 2_000, 1

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from jejaring.outcomes import summaries
    from jejaring.outcomes.indicators import (
        Definition,
        Dimension,
        Filters,
        Measure,
        graduate_ids,
        graduate_table,
        pipeline_rates,
    )
    from jejaring.outcomes.models import GraduateOutcome
    from jejaring.regions.models import Region
    from jejaring.training.models import Enrolment, Vocation

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to an empty PostgreSQL database made for this benchmark.")
    call_command("migrate", verbosity=0)
    if Region.objects.exclude(code=REGION_CODE).exists():
        sys.exit("This database holds other regions: use an empty database for the benchmark.")
    region = Region.objects.filter(code=REGION_CODE).first()
    if region is None:
        with transaction.atomic():
            seconds = seed(args.graduates)
        region = Region.objects.get(code=REGION_CODE)
        print(f"seeded {args.graduates:,} graduates in {seconds:.1f} s")
    if not GraduateOutcome.objects.filter(region=region).exists():
        started = time.perf_counter()
        with transaction.atomic():
            summaries.refresh(region_ids=[region.pk])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"per-graduate facts built in {time.perf_counter() - started:.1f} s")
    graduates = Enrolment.objects.filter(region=region, status="graduated").count()
    filters = Filters(region_ids=frozenset({region.pk}), year_from=2018, year_to=2025)
    definition = Definition()
    vocation = Vocation.objects.filter(code="bench-1").values_list("pk", flat=True).get()
    one_vocation = replace(filters, vocation_id=vocation)
    print(f"graduates: {graduates:,}; PostgreSQL {connection.pg_version}; runs: {args.runs}")
    print(f"{'query':<40} {'best s':>8} {'median s':>9}")
    cases = [
        (
            "absorption by year (dashboard)",
            lambda: graduate_table(
                filters=filters, definition=definition, dimension=Dimension.YEAR
            ),
        ),
        (
            "absorption by vocation",
            lambda: graduate_table(
                filters=filters, definition=definition, dimension=Dimension.VOCATION
            ),
        ),
        (
            "absorption by age band",
            lambda: graduate_table(
                filters=filters, definition=definition, dimension=Dimension.AGE_BAND
            ),
        ),
        (
            "absorption by sex, one vocation",
            lambda: graduate_table(
                filters=one_vocation, definition=definition, dimension=Dimension.SEX
            ),
        ),
        (
            "drill-down: absorbed, count + page",
            lambda: graduate_ids(filters=filters, definition=definition, measure=Measure.ABSORBED),
        ),
        ("pipeline rates by year", lambda: pipeline_rates(filters=filters)),
        ("dashboard page, by vocation (rendered)", lambda: dashboard_page(region)),
    ]
    for name, run in cases:
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - started)
        print(f"{name:<40} {min(times):>8.3f} {statistics.median(times):>9.3f}")
        if name.startswith("absorption by year"):
            total = result.total  # type: ignore[attr-defined]
            print(
                f"{'':<40} absorbed {total.absorbed:,} of {total.graduates:,} "
                f"({total.absorption.percent} %)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
