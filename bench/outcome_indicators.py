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

SEED_SQL = """
INSERT INTO regions_region (code, kind, name, slug, province_code, province_name, office_name,
    office_short_name, office_address, office_email, office_phone, timezone, is_active)
VALUES (%(code)s, 'kota', 'Kota Tolok Ukur', 'kota-tolok-ukur', '99', 'Provinsi Uji',
    'Dinas Uji', 'Disnaker', '', '', '', 'Asia/Jakarta', true);

INSERT INTO training_traininginstitution (kind, name, short_name, registration_number,
    head_name, address, village_code, phone, email, is_active, region_id)
SELECT k, 'Lembaga ' || k, '', '', '', '', '', '', '', true, r.id
FROM regions_region r, unnest(ARRAY['blk', 'lpks']) AS k WHERE r.code = %(code)s;

INSERT INTO training_vocation (code, name, name_en, description, is_active)
SELECT 'bench-' || v, 'Kejuruan uji ' || v, '', '', true FROM generate_series(1, 6) v
ON CONFLICT DO NOTHING;

INSERT INTO training_program (code, name, description, hours_jp, duration_days,
    default_capacity, min_attendance_pct, is_entrepreneurship, status, region_id,
    institution_id, vocation_id)
SELECT 'P-' || i.id || '-' || v.id, 'Program ' || v.name, '', 240, 28, 20, 80, false,
    'active', i.region_id, i.id, v.id
FROM training_traininginstitution i
JOIN regions_region r ON r.id = i.region_id AND r.code = %(code)s
CROSS JOIN training_vocation v WHERE v.code LIKE 'bench-%%';

INSERT INTO training_batch (code, name, year, funding_source, funding_note, capacity,
    start_date, end_date, location, min_education, residents_only, status, status_reason,
    created_at, region_id, program_id, institution_id)
SELECT 'B' || b, 'Paket ' || b, 2018 + (b %% 8), (ARRAY['apbn','apbd','dbhcht'])[1 + b %% 3],
    '', 20, make_date(2018 + (b %% 8), 1 + (b %% 11), 1),
    make_date(2018 + (b %% 8), 1 + (b %% 11), 1) + 40, '', '', false, 'finished', '', now(),
    p.region_id, p.id, p.institution_id
FROM generate_series(0, %(batches)s - 1) b
JOIN LATERAL (
    SELECT * FROM training_program p
    WHERE p.region_id = (SELECT id FROM regions_region WHERE code = %(code)s)
    ORDER BY p.id OFFSET (b %% 12) LIMIT 1
) p ON true;

INSERT INTO trainees_person (nik, nik_needs_review, full_name, sex, birth_date, birth_place,
    education, education_major, address, domicile_village_code, domicile_district_code,
    domicile_regency_code, phone, email, disability, consent_version, created_at,
    updated_at, region_id)
SELECT '9901' || lpad(g::text, 12, '0'), false, 'Peserta ' || g,
    CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END, make_date(1980 + g %% 25, 1 + g %% 12, 1),
    '', 'sma', '', '', '', '', '', '', '', '', '', now(), now(),
    (SELECT id FROM regions_region WHERE code = %(code)s)
FROM generate_series(1, %(graduates)s) g;

INSERT INTO training_enrolment (status, status_reason, source, applied_at, graduated_on,
    motivation, batch_id, person_id, region_id, institution_id)
SELECT 'graduated', '', 'import', now(), b.end_date, '', b.id, p.id, b.region_id,
    b.institution_id
FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM trainees_person
      WHERE nik LIKE '9901%%') p
JOIN (SELECT *, row_number() OVER (ORDER BY id) - 1 AS n FROM training_batch
      WHERE region_id = (SELECT id FROM regions_region WHERE code = %(code)s)) b
  ON b.n = p.n / 20;

INSERT INTO outcomes_followup (months_after, due_on, link_nonce, enrolment_id,
    institution_id, person_id, region_id)
SELECT m, e.graduated_on + m * 30, md5(e.id::text || m), e.id, e.institution_id,
    e.person_id, e.region_id
FROM training_enrolment e CROSS JOIN unnest(ARRAY[3, 6, 12]) m
WHERE e.region_id = (SELECT id FROM regions_region WHERE code = %(code)s);

INSERT INTO outcomes_followupanswer (status, source, employer_name, via_referral,
    business_kind, business_registration, started_on, is_current, recorded_at, follow_up_id)
SELECT s.status, 'phone', CASE WHEN s.status = 'employed' THEN 'PT Uji' ELSE '' END, false,
    CASE WHEN s.status = 'self_employed' THEN 'Usaha' ELSE '' END, '',
    CASE WHEN s.status IN ('employed', 'self_employed', 'internship')
         THEN f.due_on - (f.id %% 200)::int END,
    true, now(), f.id
FROM outcomes_followup f
CROSS JOIN LATERAL (SELECT (ARRAY['employed', 'employed', 'employed', 'not_working',
    'self_employed', 'internship', 'studying', 'unknown', 'employed', 'not_working'])
    [1 + (f.id * 7919) %% 10] AS status) s
WHERE f.region_id = (SELECT id FROM regions_region WHERE code = %(code)s)
  AND f.id %% 10 <> 0;
"""


def seed(graduates: int) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        params = {"code": REGION_CODE, "graduates": graduates, "batches": -(-graduates // 20)}
        for statement in SEED_SQL.split(";\n\n"):
            if statement.strip():
                cursor.execute(statement, params)
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
    args = parser.parse_args()

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
