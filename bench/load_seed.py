"""The data of `bench/load_pages.py`: N people over the 35 regencies and cities of Jawa
Tengah (province 33), each with an enrolment; graduates with three tracer follow-up points
and most of them answered; placement applications and referrals; social-security cover for
every trainee and graduate; the per-graduate outcome facts; and three accounts.

Everything is set-based SQL (`INSERT … SELECT generate_series`) through `bench/seedsql.py`,
whose column lists come from the models, after `manage.py migrate`. Needs PostgreSQL.

Per region, person k (k = 0, 1, …) is in batch k / 20 of that region; batches run from
2018 to 2026 (those of 2026 are still running). 85 % of the enrolments in finished batches
graduated, the rest withdrew. One graduate in ten applied in the region's published round;
half of those got a referral. One person in 33 has since moved to the next regency: the
office where they trained still sees them through the enrolment (`away_from_home`), the
tenancy filter's second branch.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

PROVINCE = "33"
PASSWORD = "Tolok-ukur-2026"  # noqa: S105 (every account of a synthetic database)
STAFF_USERNAME = "bench.staff"
VIEWER_USERNAME = "bench.viewer"
TRAINEE_USERNAME = "bench.trainee"
STAFF_REGION = "33.74"  # Kota Semarang
PEOPLE_PER_BATCH = 20

FIRST_NAMES = [
    "Siti", "Dewi", "Sri", "Agus", "Budi", "Eko", "Rina", "Wahyu", "Joko", "Ayu",
    "Dwi", "Tri", "Nur", "Putri", "Andi", "Rizki", "Fajar", "Indah", "Yuli", "Bayu",
]  # fmt: skip
MIDDLE_NAMES = [
    "", "Ayu", "Dwi", "Eka", "Nur", "Puspita", "Adi", "Kurnia", "Tri", "Sari", "Wulan", "Bagus",
    "Dian",
]  # fmt: skip
LAST_NAMES = [
    "Rahayu", "Susanti", "Wibowo", "Setiawan", "Purnomo", "Lestari", "Hidayat", "Saputra",
    "Kurniawan", "Rahmawati", "Pratama", "Handayani", "Santoso", "Wulandari", "Nugroho",
    "Maharani", "Prasetyo",
]  # fmt: skip
SEARCH_NAME = "Rahmawati"  # the person search's query: about one person in seventeen


def _array(values: list[str]) -> str:
    return "(ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "])"


@dataclass(frozen=True)
class Seeded:
    people: int
    staff_region_id: int
    batch_id: int
    seconds: float


def is_seeded(people: int) -> bool:
    from jejaring.regions.models import Region
    from jejaring.trainees.models import Person

    return (
        Region.objects.filter(province_code=PROVINCE).count() == 35
        and Person.objects.count() == people
        and Region.objects.count() == 35
    )


def detail_batch_id(region_id: int) -> int:
    """A finished batch of the staff's region with its 20 enrolments (the detail page)."""
    from jejaring.training.models import Batch

    return int(
        Batch.objects.filter(region_id=region_id, status="finished")
        .order_by("id")
        .values_list("id", flat=True)[0]
    )


def seed(people: int, *, say: Any = print) -> Seeded:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils.text import slugify

    from bench.seedsql import insert_select
    from jejaring.accounts.models import Membership
    from jejaring.accounts.scope import Role
    from jejaring.employers.models import Company, Formation
    from jejaring.outcomes import summaries
    from jejaring.outcomes.models import FollowUp, FollowUpAnswer
    from jejaring.placement.models import AllocationRound, Application, Referral
    from jejaring.regions.areas import regencies_of
    from jejaring.regions.models import Region
    from jejaring.social_security.models import Coverage
    from jejaring.trainees.models import Person
    from jejaring.training.models import (
        Batch,
        Enrolment,
        Program,
        TrainingInstitution,
        Vocation,
    )
    from jejaring.training.person_links import sync_away_from_home

    started = time.perf_counter()
    regencies = regencies_of(PROVINCE)
    n_regions = len(regencies)
    per_region = -(-people // n_regions)
    params: dict[str, Any] = {
        "people": people,
        "regions": n_regions,
        "batches": -(-per_region // PEOPLE_PER_BATCH),
    }

    def step(name: str, model: Any, explicit: dict[str, str], from_sql: str) -> None:
        t = time.perf_counter()
        rows = insert_select(cursor, model, explicit, from_sql, params)
        say(f"  {name:<28} {rows:>10,} rows {time.perf_counter() - t:7.1f} s")

    with transaction.atomic(), connection.cursor() as cursor:
        Region.objects.bulk_create(
            [
                Region(
                    code=code,
                    kind=Region.Kind.KOTA if name.startswith("Kota") else Region.Kind.KABUPATEN,
                    name=name,
                    slug=slugify(name),
                    province_code=PROVINCE,
                    province_name="Jawa Tengah",
                    office_name=f"Dinas Tenaga Kerja {name}",
                    office_short_name="Disnaker",
                )
                for code, name in regencies
            ]
        )
        # Region number r (0–34) → id, as a temporary table the statements join.
        cursor.execute(
            "CREATE TEMP TABLE bench_region ON COMMIT DROP AS "
            "SELECT row_number() OVER (ORDER BY code) - 1 AS r, id, code "
            "FROM regions_region WHERE province_code = %s",
            [PROVINCE],
        )
        step(
            "institutions",
            TrainingInstitution,
            {"kind": "k", "name": "(CASE k WHEN 'blk' THEN 'BLK ' ELSE 'LPK ' END) || r.code",
             "region_id": "r.id"},
            "FROM bench_region r, unnest(ARRAY['blk', 'lpks']) AS k",
        )  # fmt: skip
        step(
            "vocations",
            Vocation,
            {"code": "'bench-load-' || v", "name": "'Kejuruan ' || v"},
            "FROM generate_series(1, 6) v ON CONFLICT DO NOTHING",
        )
        step(
            "programs",
            Program,
            {"code": "'P-' || v.id", "name": "'Program ' || v.name", "hours_jp": "240",
             "duration_days": "30", "default_capacity": "20", "region_id": "i.region_id",
             "institution_id": "i.id", "vocation_id": "v.id"},
            "FROM training_traininginstitution i CROSS JOIN training_vocation v "
            "WHERE v.code LIKE 'bench-load-%%'",
        )  # fmt: skip
        cursor.execute(
            "CREATE TEMP TABLE bench_program ON COMMIT DROP AS "
            "SELECT row_number() OVER (PARTITION BY region_id ORDER BY id) - 1 AS n, * "
            "FROM training_program"
        )
        year = "(2018 + j %% 9)"
        start = f"make_date({year}, 1 + (j / 9) %% 10, 1 + j %% 28)"
        step(
            "batches",
            Batch,
            {"code": "'L' || j", "name": "'Paket ' || p.name || ' ' || j", "year": year,
             "funding_source": "(ARRAY['apbn', 'apbd', 'dbhcht'])[1 + j %% 3]",
             "capacity": str(PEOPLE_PER_BATCH), "start_date": start,
             "end_date": f"{start} + 40", "location": "'Kampus BLK'",
             "min_education": "'sma'",
             "status": f"CASE WHEN {year} = 2026 THEN 'running' ELSE 'finished' END",
             "region_id": "r.id", "program_id": "p.id", "institution_id": "p.institution_id"},
            "FROM bench_region r CROSS JOIN generate_series(0, %(batches)s - 1) j "
            "JOIN bench_program p ON p.region_id = r.id AND p.n = j %% 12",
        )  # fmt: skip
        cursor.execute(
            "CREATE TEMP TABLE bench_batch ON COMMIT DROP AS "
            "SELECT b.id, b.region_id, b.institution_id, b.start_date, b.end_date, b.status, "
            "substr(b.code, 2)::int AS j FROM training_batch b JOIN bench_region r "
            "ON r.id = b.region_id"
        )
        cursor.execute("CREATE INDEX ON bench_batch (region_id, j)")
        name = (
            f"{_array(FIRST_NAMES)}[1 + g %% {len(FIRST_NAMES)}] || "
            f"coalesce(nullif(' ' || {_array(MIDDLE_NAMES)}[1 + (g / 20) %% "
            f"{len(MIDDLE_NAMES)}], ' '), '') || ' ' || "
            f"{_array(LAST_NAMES)}[1 + (g / 7) %% {len(LAST_NAMES)}]"
        )
        step(
            "people",
            Person,
            {"nik": "replace(r.code, '.', '') || lpad(((g - 1) / %(regions)s)::text, 12, '0')",
             "full_name": name, "sex": "CASE WHEN g %% 2 = 0 THEN 'M' ELSE 'F' END",
             "birth_date": "date '1980-01-01' + (g %% 9000)", "birth_place": "'Semarang'",
             "education": "(ARRAY['sma', 'smk', 'smp', 'd3'])[1 + g %% 4]",
             "address": "'Jl. Pemuda No. ' || (g %% 300)", "domicile_regency_code": "r.code",
             "phone": "'0812' || lpad(g::text, 8, '0')", "region_id": "r.id",
             "consent_version": "'2025-01'"},
            "FROM generate_series(1, %(people)s) g "
            "JOIN bench_region r ON r.r = (g - 1) %% %(regions)s",
        )  # fmt: skip
        # Person k of a region (by id) joins batch k / 20 of that region.
        step(
            "enrolments",
            Enrolment,
            {"status": "CASE WHEN b.status = 'running' THEN 'training' "
                       "WHEN p.k %% 20 < 17 THEN 'graduated' ELSE 'withdrawn' END",
             "source": "'operator'", "applied_at": "b.start_date - 30",
             "decided_at": "b.start_date - 20",
             "graduated_on": "CASE WHEN b.status = 'finished' AND p.k %% 20 < 17 "
                             "THEN b.end_date END",
             "identity": "'confirmed'", "batch_id": "b.id", "person_id": "p.id",
             "region_id": "b.region_id", "institution_id": "b.institution_id"},
            "FROM (SELECT id, region_id, row_number() OVER (PARTITION BY region_id ORDER BY id) "
            "- 1 AS k FROM trainees_person) p "
            "JOIN bench_batch b ON b.region_id = p.region_id AND b.j = p.k / 20",
        )  # fmt: skip
        t = time.perf_counter()
        cursor.execute(
            "UPDATE trainees_person p SET region_id = n.id, domicile_regency_code = n.code "
            "FROM bench_region r, bench_region n WHERE p.region_id = r.id "
            "AND n.r = (r.r + 1) %% %(regions)s AND p.id %% 33 = 0",
            params,
        )
        moved = cursor.rowcount
        away = sync_away_from_home(Enrolment.objects.alias(k=F("person_id") % 33).filter(k=0))
        say(
            f"  {'moved away':<28} {moved:>10,} rows {time.perf_counter() - t:7.1f} s"
            f" ({away:,} enrolments away from home)"
        )
        step(
            "follow-ups",
            FollowUp,
            {"months_after": "m", "due_on": "e.graduated_on + m * 30",
             "link_nonce": "md5(e.id::text || '-' || m)", "enrolment_id": "e.id",
             "institution_id": "e.institution_id", "person_id": "e.person_id",
             "region_id": "e.region_id"},
            "FROM training_enrolment e CROSS JOIN unnest(ARRAY[3, 6, 12]) m "
            "WHERE e.status = 'graduated'",
        )  # fmt: skip
        step(
            "follow-up answers",
            FollowUpAnswer,
            {"status": "s.status", "source": "'phone'",
             "employer_name": "CASE WHEN s.status = 'employed' THEN 'PT Maju Jaya' ELSE '' END",
             "business_kind": "CASE WHEN s.status = 'self_employed' THEN 'Warung' ELSE '' END",
             "started_on": "CASE WHEN s.status IN ('employed', 'self_employed', 'internship') "
                           "THEN f.due_on - (f.id %% 200)::int END",
             "is_current": "true", "recorded_at": "f.due_on + 3", "follow_up_id": "f.id"},
            "FROM outcomes_followup f CROSS JOIN LATERAL (SELECT (ARRAY['employed', 'employed', "
            "'employed', 'not_working', 'self_employed', 'internship', 'studying', 'unknown', "
            "'employed', 'not_working'])[1 + (f.id * 7919) %% 10] AS status) s "
            "WHERE f.id %% 7 <> 0",
        )  # fmt: skip
        step(
            "companies",
            Company,
            {"name": "'PT Mitra ' || r.code || '-' || c", "sector": "'Manufaktur'",
             "workforce_size": "100 + c", "is_partner": "true", "region_id": "r.id"},
            "FROM bench_region r CROSS JOIN generate_series(1, 10) c",
        )  # fmt: skip
        step(
            "formations",
            Formation,
            {"kind": "'job'", "title": "'Operator produksi ' || f", "quota": "10",
             "accepts_all_vocations": "true", "min_education": "'sma'",
             "status": "'open'", "company_id": "c.id", "region_id": "c.region_id"},
            "FROM employers_company c CROSS JOIN generate_series(1, 2) f",
        )  # fmt: skip
        step(
            "allocation rounds",
            AllocationRound,
            {"name": "'Putaran 2025'", "seed": "r.r + 1", "status": "'published'",
             "opens_at": "timestamptz '2025-06-01'", "closes_at": "timestamptz '2025-06-30'",
             "allocated_at": "timestamptz '2025-07-01'",
             "published_at": "timestamptz '2025-07-02'", "region_id": "r.id"},
            "FROM bench_region r",
        )  # fmt: skip
        step(
            "applications",
            Application,
            {"status": "'submitted'", "submitted_at": "timestamptz '2025-06-15'",
             "lottery_number": "e.id", "round_id": "a.id", "person_id": "e.person_id",
             "enrolment_id": "e.id", "region_id": "e.region_id"},
            "FROM training_enrolment e JOIN placement_allocationround a "
            "ON a.region_id = e.region_id WHERE e.status = 'graduated' AND e.id %% 10 = 0",
        )  # fmt: skip
        cursor.execute(
            "CREATE TEMP TABLE bench_formation ON COMMIT DROP AS SELECT id, company_id, "
            "region_id, row_number() OVER (PARTITION BY region_id ORDER BY id) - 1 AS n "
            "FROM employers_formation"
        )
        step(
            "referrals",
            Referral,
            {"status": "(ARRAY['referred', 'accepted', 'started', 'hired'])[1 + a.id %% 4]",
             "letter_number": "'562/' || a.id", "referred_at": "timestamptz '2025-07-02'",
             "formation_id": "f.id", "company_id": "f.company_id", "person_id": "a.person_id",
             "round_id": "a.round_id", "application_id": "a.id", "region_id": "a.region_id"},
            "FROM placement_application a JOIN bench_formation f "
            "ON f.region_id = a.region_id AND f.n = a.id %% 20 WHERE a.id %% 2 = 0",
        )  # fmt: skip
        step(
            "social-security cover",
            Coverage,
            {"kind": "'trainee'", "enrolment_id": "e.id", "payer": "'office'",
             "kpj_number": "lpad(e.id::text, 11, '0')", "declared_income": "2000000",
             "cover_start": "b.start_date", "cover_end": "b.end_date",
             "status": "CASE WHEN b.status = 'running' THEN 'active' ELSE 'ended' END",
             "person_id": "e.person_id", "region_id": "e.region_id"},
            "FROM training_enrolment e JOIN bench_batch b ON b.id = e.batch_id "
            "WHERE e.status IN ('training', 'graduated')",
        )  # fmt: skip

        staff_region = Region.objects.get(code=STAFF_REGION)
        users = get_user_model().objects
        staff = users.create_user(STAFF_USERNAME, password=PASSWORD, full_name="Staf Tolok Ukur")
        Membership.objects.create(user=staff, region=staff_region, role=Role.OFFICE_STAFF)
        viewer = users.create_user(VIEWER_USERNAME, password=PASSWORD, full_name="Pemantau")
        Membership.objects.bulk_create(
            [
                Membership(user=viewer, region=region, role=Role.VIEWER)
                for region in Region.objects.filter(province_code=PROVINCE)
            ]
        )
        trainee = users.create_user(TRAINEE_USERNAME, password=PASSWORD, full_name="Peserta")
        person_id = (
            Referral.objects.filter(region=staff_region).order_by("id").values("person_id")[:1]
        )
        Person.objects.filter(pk__in=person_id).update(user=trainee)
    seeded = time.perf_counter() - started
    say(f"  rows written in {seeded:.1f} s")

    t = time.perf_counter()
    with transaction.atomic():
        graduates = summaries.refresh(region_ids=list(Region.objects.values_list("pk", flat=True)))
    say(f"  outcome facts of {graduates:,} graduates in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    connection.ensure_connection()
    autocommit = connection.get_autocommit()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if autocommit else "ANALYZE")
    say(f"  VACUUM ANALYZE in {time.perf_counter() - t:.1f} s")
    return Seeded(
        people=people,
        staff_region_id=staff_region.pk,
        batch_id=detail_batch_id(staff_region.pk),
        seconds=time.perf_counter() - started,
    )
