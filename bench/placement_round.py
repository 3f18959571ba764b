#!/usr/bin/env python3
"""Benchmark: a whole allocation round through the app on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<your db> \\
        .venv/bin/python bench/placement_round.py [--applicants 100000] [--formations 2000]
        [--choices 5] [--runs 3]

Seeds once (recognised by a region code of its own, 99.5x by size) a synthetic region: N
graduates who took the competency test in one of six vocations (score 50.00–100.00, so
there are many ties), formations accepting one vocation each with quotas of 5–40, and an
open round where every graduate applies with K ranked choices (about one in ten of them
in a vocation they were not tested in, so some choices are ineligible). Then, for each
run, it puts the round back to open, vacuums the dead rows that leaves (untimed, as
autovacuum would between rounds) and times the real services, counting queries:

- `round_close`: every choice judged again (eligibility, reason, priority, tie-break
  date); the verdicts stored when people applied are rewritten only where they changed;
- `round_allocate`: seats, the engine instance from the stored inputs, solve, results with
  explanations;
- `round_publish`: formation rows locked, seats counted again, referrals created.

The bar (docs/quality.md): ≤ 20 s for 100,000 applicants and a constant number of
queries (run it with --applicants 10000 too: the counts are the same). Refuses to run on
anything but PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def _seed(region_code: str, n_app: int, n_form: int, k: int) -> int:
    from jejaring.assessment.models import Candidate
    from jejaring.assessment.tests.factories import SessionFactory
    from jejaring.employers.models import Company, Formation
    from jejaring.placement.models import (
        AllocationRound,
        Application,
        ApplicationChoice,
        RoundFormation,
    )
    from jejaring.regions.tests.factories import RegionFactory
    from jejaring.trainees.models import Person
    from jejaring.training.models import Enrolment
    from jejaring.training.tests.factories import BatchFactory, VocationFactory

    rng = random.Random(20261123)
    region: Any = RegionFactory(
        code=region_code,
        name=f"Kota Tolok Ukur {region_code}",
        slug=f"kota-tolok-ukur-{region_code.replace('.', '-')}",
    )
    vocations: list[Any] = [
        VocationFactory(code=f"bench-pl-{i}", name=f"Kejuruan tolok ukur {i}") for i in range(6)
    ]
    batch: Any = BatchFactory(
        program__institution__region=region,
        program__vocation=vocations[0],
        code=f"BENCH-{region_code}",
    )
    sessions: list[Any] = [
        SessionFactory(
            region=region,
            scheme__vocation=v,
            scheme__code=f"BENCH-{region_code}-{i}",
            scheme__name=f"Skema tolok ukur {region_code} {i}",
            date=date(2026, 4, 15),
        )
        for i, v in enumerate(vocations)
    ]
    companies = Company.objects.bulk_create(
        [
            Company(region=region, name=f"PT Tolok Ukur {i}", is_partner=True, workforce_size=500)
            for i in range(max(1, n_form // 10))
        ]
    )
    formations = Formation.objects.bulk_create(
        [
            Formation(
                region=region,
                company=companies[i % len(companies)],
                kind=Formation.Kind.JOB,
                title=f"Formasi {i}",
                quota=rng.randint(5, 40),
                accepts_all_vocations=False,
                status=Formation.Status.OPEN,
            )
            for i in range(n_form)
        ]
    )
    Formation.vocations.through.objects.bulk_create(
        [
            Formation.vocations.through(formation_id=f.pk, vocation_id=vocations[i % 6].pk)
            for i, f in enumerate(formations)
        ]
    )
    prefix = region_code.replace(".", "")
    people = Person.objects.bulk_create(
        [
            Person(
                region=region,
                nik=f"{prefix}{i:012d}"[:16],
                full_name=f"Lulusan {i}",
                sex="M" if i % 2 else "F",
                birth_date=date(1995, 1, 1) + timedelta(days=i % 3000),
                education="sma",
            )
            for i in range(n_app)
        ],
        batch_size=10_000,
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                region=region,
                batch=batch,
                institution_id=batch.institution_id,
                person=p,
                status=Enrolment.Status.GRADUATED,
                graduated_on=date(2026, 4, 10),
            )
            for p in people
        ],
        batch_size=10_000,
    )
    Candidate.objects.bulk_create(
        [
            Candidate(
                region=region,
                session=sessions[i % 6],
                person=p,
                enrolment=enrolments[i],
                status=Candidate.Status.ASSESSED,
                result="K" if rng.random() < 0.8 else "BK",
                score=Decimal(rng.randint(5000, 10000)) / 100,
                assessed_on=date(2026, 1, 1) + timedelta(days=rng.randint(0, 120)),
            )
            for i, p in enumerate(people)
        ],
        batch_size=10_000,
    )
    rnd = AllocationRound.objects.create(
        region=region,
        name=f"Putaran tolok ukur {n_app}",
        seed=12345,
        max_choices=k,
        status=AllocationRound.Status.OPEN,
    )
    RoundFormation.objects.bulk_create([RoundFormation(round=rnd, formation=f) for f in formations])
    by_vocation = [[f for j, f in enumerate(formations) if j % 6 == v] for v in range(6)]
    now = __import__("django.utils.timezone", fromlist=["now"]).now()
    applications = Application.objects.bulk_create(
        [
            Application(
                region=region,
                round=rnd,
                person=p,
                enrolment=enrolments[i],
                status=Application.Status.SUBMITTED,
                submitted_at=now,
            )
            for i, p in enumerate(people)
        ],
        batch_size=10_000,
    )
    choices = []
    for i, application in enumerate(applications):
        own = by_vocation[i % 6]
        picks = rng.sample(own, k)
        if rng.random() < 0.1:
            picks[rng.randrange(k)] = rng.choice(by_vocation[(i + 1) % 6])
        seen = set()
        rank = 0
        for f in picks:
            if f.pk in seen:
                continue
            seen.add(f.pk)
            rank += 1
            choices.append(ApplicationChoice(application=application, formation=f, rank=rank))
    ApplicationChoice.objects.bulk_create(choices, batch_size=20_000)
    # What applying through the app stores on each choice (its verdict at that moment).
    from jejaring.placement import bulk, services

    bulk.update(
        ApplicationChoice,
        ["eligible", "ineligible_reason", "priority", "tested_on"],
        [row[:5] for row in services.judge_choices(rnd)],
    )
    return rnd.pk


class QueryCounter:
    """Counts the statements sent to the database (a Django execute wrapper)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=100_000)
    parser.add_argument("--formations", type=int, default=2_000)
    parser.add_argument("--choices", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--tiny", action="store_true", help="300 applicants, 30 formations, one run (CI)"
    )
    args = parser.parse_args()
    if args.tiny:
        args.applicants, args.formations, args.runs = 300, 30, 1

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        sys.exit("needs PostgreSQL: set DATABASE_URL=postgres://user@host:5432/dbname")

    from jejaring.accounts.scope import Role
    from jejaring.accounts.tests.factories import MembershipFactory, UserFactory
    from jejaring.placement import services
    from jejaring.placement.models import (
        AllocationResult,
        AllocationRound,
        ApplicationChoice,
        Referral,
        RoundFormation,
    )

    code = f"99.5{len(str(args.applicants))}"
    rnd = AllocationRound.objects.filter(region__code=code).first()
    if rnd is None:
        started = time.perf_counter()
        from django.db import transaction

        with transaction.atomic():
            round_id = _seed(code, args.applicants, args.formations, args.choices)
        with connection.cursor() as cursor:  # as autovacuum would (this server runs none)
            cursor.execute("VACUUM ANALYZE")
        print(f"seeded {args.applicants:,} applicants in {time.perf_counter() - started:.1f} s")
        rnd = AllocationRound.objects.get(pk=round_id)
    from jejaring.accounts.models import Membership

    membership = Membership.objects.filter(region=rnd.region, role=Role.OFFICE_STAFF).first()
    if membership is None:
        staff = UserFactory(username=f"bench-staff-{code}")
        MembershipFactory(user=staff, region=rnd.region, role=Role.OFFICE_STAFF)
    else:
        staff = membership.user

    totals = []
    for run in range(1, args.runs + 1):
        Referral.objects.filter(round=rnd).delete()
        AllocationResult.objects.filter(round=rnd).delete()
        AllocationRound.objects.filter(pk=rnd.pk).update(
            status=AllocationRound.Status.OPEN, closes_at=None
        )
        # Dead rows are cleared as autovacuum would between rounds (this server runs
        # none): the seed's own rewrite of every choice, and the previous run's 100,000
        # results and 45,000 referrals under the same keys, which each run would
        # otherwise pile up and step over. Untimed, like the reset.
        with connection.cursor() as cursor:
            for model in (ApplicationChoice, AllocationResult, Referral, RoundFormation):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        rnd.refresh_from_db()
        row = []
        for step in (services.round_close, services.round_allocate, services.round_publish):
            # Queries are counted with an execute wrapper: CaptureQueriesContext would
            # also render every statement with its parameters (arrays of 500,000 values)
            # as text, which costs seconds the app does not spend.
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                started = time.perf_counter()
                rnd = step(actor=staff, rnd=rnd)
                elapsed = time.perf_counter() - started
            row.append((step.__name__, elapsed, counter.count))
        total = sum(r[1] for r in row)
        totals.append(total)
        print(
            f"run {run}: "
            + ", ".join(f"{name} {s:.2f} s / {q} queries" for name, s, q in row)
            + f"; total {total:.2f} s / {sum(r[2] for r in row)} queries"
        )
    referrals = Referral.objects.filter(round=rnd).count()
    print(
        f"{args.applicants:,} applicants, {args.formations:,} formations, "
        f"{args.choices} choices: {referrals:,} referrals; "
        f"total best {min(totals):.2f} s, median {statistics.median(totals):.2f} s; "
        f"replay identical: {services.round_replay(rnd=rnd)}"
    )


if __name__ == "__main__":
    main()
