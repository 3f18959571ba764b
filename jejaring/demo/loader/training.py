"""Training packages (batches) 2020–2027 and the people enrolled in them.

Kota Pekalongan: a BLK package is 16 people, an LPKS package 20; 2023 has the 23 BLK
packages of the news (15 APBN, 8 APBD), the first three of which drew 300 applicants for 48
places. 2020 has exactly 190 graduates (95 from the BLK, 95 from the LPKS) so that the
absorption of that year can come out at the 42.1 % of the news. Kabupaten Kudus has a few
packages in 2025 and 2026 so that tenancy is visible.

Every package that has started has its sessions (one per working day) and the attendance of
its participants, consistent with their status: graduates reach the program's minimum
attendance and drop-outs fall short of it (`attendance_pct` is computed from the rows, as
finishing a batch computes it); the running package has attendance up to today.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection

from jejaring.core.dates import add_working_days, is_working_day
from jejaring.demo.loader.catalogue import INSTITUTION_BY_KEY
from jejaring.demo.loader.common import Ctx, at, next_monday
from jejaring.demo.loader.people import FEMALE_SHARE, PersonMaker, save_persons
from jejaring.trainees.models import Person
from jejaring.training.identity import applicant_snapshot
from jejaring.training.models import (
    Attendance,
    Batch,
    BatchSession,
    Enrolment,
    FundingSource,
    Program,
)
from jejaring.training.person_links import sync_away_from_home

APBN, APBD, DBHCHT = FundingSource.APBN, FundingSource.APBD, FundingSource.DBHCHT
BLK_PKL, BUSANA, CIPTA, BLK_KDS, LPKS_KDS = (
    "blk-pkl", "lpks-busana", "lpks-cipta", "blk-kds", "lpks-kds"
)  # fmt: skip

# region -> year -> institution -> [(funding source, packages)]
PLAN: dict[str, dict[int, dict[str, list[tuple[str, int]]]]] = {
    "33.75": {
        2020: {BLK_PKL: [(APBN, 4), (APBD, 2)], BUSANA: [(APBN, 3)], CIPTA: [(APBN, 2)]},
        2021: {BLK_PKL: [(APBN, 5), (APBD, 3)], BUSANA: [(APBD, 2)], CIPTA: [(APBN, 2)]},
        2022: {BLK_PKL: [(APBN, 6), (APBD, 3)], BUSANA: [(APBD, 2)], CIPTA: [(APBN, 2)]},
        2023: {BLK_PKL: [(APBN, 15), (APBD, 8)], BUSANA: [(APBD, 2)], CIPTA: [(APBD, 2)]},
        2024: {BLK_PKL: [(APBN, 6), (APBD, 4)], BUSANA: [(APBD, 2)], CIPTA: [(APBN, 2)]},
        2025: {BLK_PKL: [(DBHCHT, 10), (APBN, 4)], BUSANA: [(DBHCHT, 3)], CIPTA: [(DBHCHT, 3)]},
        # The last BLK package of 2026 is the one running now.
        2026: {BLK_PKL: [(DBHCHT, 8), (APBN, 2)], BUSANA: [(DBHCHT, 2)], CIPTA: [(DBHCHT, 1)]},
    },
    "33.19": {
        2025: {BLK_KDS: [(APBN, 2), (DBHCHT, 1)], LPKS_KDS: [(DBHCHT, 1)]},
        2026: {BLK_KDS: [(APBN, 2)], LPKS_KDS: [(DBHCHT, 1)]},
    },
}

# Order in which an institution's programs take turns across a year's packages.
ROTATION = [
    "menjahit-garmen",
    "otomotif-sepeda-motor",
    "perhotelan",
    "operator-komputer",
    "menjahit-garmen",
    "pangkas-rambut",
    "otomotif-sepeda-motor",
    "tata-boga",
]
FUNDING_NOTE = {
    APBN: "APBN – Dana Dekonsentrasi/DIPA Kemnaker",
    APBD: "APBD {region}",
    DBHCHT: "Dana Bagi Hasil Cukai Hasil Tembakau (DBHCHT)",
}
DROP_REASONS = [
    "Kehadiran di bawah 80 % karena sakit",
    "Diterima bekerja sebelum pelatihan selesai",
    "Pindah domisili ke luar kota",
    "Kehadiran di bawah 80 % karena membantu usaha keluarga",
]
WITHDRAW_REASONS = [
    "Mengundurkan diri pada minggu pertama: mendapat pekerjaan",
    "Mengundurkan diri karena jarak tempat tinggal",
    "Mengundurkan diri karena urusan keluarga",
]
MOTIVATIONS = [
    "Ingin cepat bekerja",
    "Ingin membuka usaha sendiri",
    "Menambah keterampilan",
    "Ingin bekerja di perusahaan mitra BLK",
    "",
]
RUNNING_START = date(2026, 11, 2)
FIRST_2023 = {"BLK-PKL-2023-01", "BLK-PKL-2023-02", "BLK-PKL-2023-03"}


def load_training(ctx: Ctx) -> None:
    used_niks: set[str] = set()
    for region_code, years in PLAN.items():
        maker = PersonMaker(ctx, region_code, used_niks)
        batches = _plan_batches(ctx, region_code, years)
        if region_code == "33.75":
            batches += _upcoming_batches(ctx)
        Batch.objects.bulk_create(batches)
        through = Batch.instructors.through
        through.objects.bulk_create(
            [
                through(
                    batch_id=batch.pk,
                    instructor_id=ctx.instructors[
                        (batch.institution.pk, batch.program.vocation.code)
                    ].pk,
                )
                for batch in batches
            ]
        )
        ctx.batches.extend(batches)
        _enrol(ctx, maker, sorted(batches, key=lambda b: (b.start_date, b.code)))
    attendance = _sessions_and_attendance(ctx)
    save_persons(ctx.persons)
    Enrolment.objects.bulk_create(ctx.enrolments, batch_size=500)
    sync_away_from_home(Enrolment.objects.all())
    _save_attendance(attendance)


def _save_attendance(rows: list[tuple[Enrolment, BatchSession, str, datetime]]) -> None:
    """Some 50,000 rows: one prepared INSERT run for every row is several times faster than
    building as many model instances for bulk_create, which would double the demo's load
    time. Values are adapted by the database backend as the ORM would adapt them."""
    quote = connection.ops.quote_name
    columns = ("session_id", "enrolment_id", "status", "note", "recorded_at")
    # Names come from the model and the tuple above, never from input.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(Attendance._meta.db_table),
        ", ".join(quote(column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    adapted: dict[datetime, Any] = {}
    values = []
    for enrolment, session, status, when in rows:
        if when not in adapted:
            adapted[when] = connection.ops.adapt_datetimefield_value(when)
        values.append((session.pk, enrolment.pk, status, "", adapted[when]))
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _plan_batches(
    ctx: Ctx, region_code: str, years: dict[int, dict[str, list[tuple[str, int]]]]
) -> list[Batch]:
    batches = []
    for year, institutions in years.items():
        last_start = date(year, 9, 14) if year == 2026 else date(year, 10, 12)
        for key, fundings in institutions.items():
            sources = [source for source, count in fundings for _ in range(count)]
            running = region_code == "33.75" and year == 2026 and key == BLK_PKL
            finished = len(sources) - (1 if running else 0)
            vocations = [v for v in ROTATION if f"{key}:{v}" in ctx.programs]
            for n, source in enumerate(sources):
                program = ctx.programs[f"{key}:{vocations[(n + year) % len(vocations)]}"]
                if n >= finished:
                    start = RUNNING_START
                elif year == 2023 and key == BLK_PKL and n < 3:
                    start = date(2023, 2, 6)  # the first three packages of the news
                else:
                    first = date(year, 2, 3)
                    start = next_monday(first + (last_start - first) * n / finished)
                batches.append(_batch(ctx, key, program, year, n + 1, source, start))
    return batches


def _batch(
    ctx: Ctx,
    key: str,
    program: Program,
    year: int,
    seq: int,
    source: str,
    start: date,
    status: str | None = None,
) -> Batch:
    institution = ctx.institutions[key]
    # The first day of training is `start` itself, so count from the day before it.
    end = add_working_days(start - timedelta(days=1), program.duration_days, ctx.holidays)
    if status is None:
        status = Batch.Status.FINISHED if end < ctx.today else Batch.Status.RUNNING
    funding = FundingSource(source)
    batch = Batch(
        region=institution.region,
        institution=institution,
        program=program,
        code=f"{INSTITUTION_BY_KEY[key].prefix}-{year}-{seq:02d}",
        name=f"{program.name} – Paket {seq} Tahun {year}",
        year=year,
        funding_source=funding,
        funding_note=FUNDING_NOTE[funding].format(region=institution.region.name),
        capacity=program.default_capacity,
        registration_opens_on=start - timedelta(days=28),
        registration_closes_on=start - timedelta(days=10),
        start_date=start,
        end_date=end,
        location=f"Ruang praktik {program.vocation.name.lower()}, {institution.short_name}",
        min_age=17,
        max_age=40 if key.startswith("blk") else 35,
        min_education="smp",
        residents_only=funding != APBN,
        status=status,
        created_at=at(start - timedelta(days=45)),
    )
    ctx.batch_state[id(batch)] = status
    return batch


def _upcoming_batches(ctx: Ctx) -> list[Batch]:
    """One package open for registration now and one planned, both starting in 2027."""
    sewing = ctx.programs[f"{BLK_PKL}:menjahit-garmen"]
    motor = ctx.programs[f"{BLK_PKL}:otomotif-sepeda-motor"]
    open_batch = _batch(
        ctx, BLK_PKL, sewing, 2027, 1, APBD, date(2027, 1, 11), status=Batch.Status.OPEN
    )
    open_batch.registration_opens_on = date(2026, 11, 9)
    open_batch.registration_closes_on = date(2026, 12, 18)
    planned = _batch(
        ctx, BLK_PKL, motor, 2027, 2, APBN, date(2027, 2, 8), status=Batch.Status.PLANNED
    )
    return [open_batch, planned]


class _Pool:
    """Earlier registrants who may enrol again, with their latest state:
    (person, free from, year of their last enrolment, its vocation)."""

    def __init__(self) -> None:
        self.order: list[int] = []
        self.latest: dict[int, tuple[Person, date, int, str]] = {}

    def note(self, person: Person, free_from: date, year: int, vocation: str) -> None:
        if id(person) not in self.latest:
            self.order.append(id(person))
        self.latest[id(person)] = (person, free_from, year, vocation)

    def pick(self, ctx: Ctx) -> tuple[Person, date, int, str]:
        return self.latest[ctx.pick(self.order)]


def _enrol(ctx: Ctx, maker: PersonMaker, batches: list[Batch]) -> None:
    pool = _Pool()
    for batch in batches:
        state = ctx.batch_state[id(batch)]
        vocation = batch.program.vocation.code
        opens = batch.registration_opens_on or batch.start_date
        taken: set[int] = set()
        if state == Batch.Status.OPEN:
            for _ in range(23):
                person = _person_for(ctx, maker, pool, batch, vocation, taken)
                applied = ctx.days_after(opens, 0, 13)
                _add(ctx, batch, person, Enrolment.Status.APPLIED, applied, Enrolment.Source.SELF)
            continue
        if state == Batch.Status.PLANNED:
            continue
        for status in _statuses(ctx, batch, state):
            person = _person_for(ctx, maker, pool, batch, vocation, taken)
            enrolment = _add(ctx, batch, person, status, ctx.days_after(opens, 0, 15))
            if status == Enrolment.Status.GRADUATED:
                enrolment.graduated_on = batch.end_date
                enrolment.attendance_pct = Decimal(ctx.rng.randint(820, 1000)) / 10
            elif status == Enrolment.Status.DROPPED_OUT:
                enrolment.status_reason = ctx.pick(DROP_REASONS)
                enrolment.attendance_pct = Decimal(ctx.rng.randint(300, 780)) / 10
            elif status == Enrolment.Status.WITHDRAWN:
                enrolment.status_reason = ctx.pick(WITHDRAW_REASONS)
            elif status == Enrolment.Status.TRAINING:
                enrolment.attendance_pct = Decimal(ctx.rng.randint(880, 1000)) / 10
            pool.note(person, batch.end_date + timedelta(days=30), batch.year, vocation)
        if batch.code in FIRST_2023:
            # 300 applicants for the first 48 places of 2023: 84 refused per package.
            for _ in range(84):
                person = _person_for(ctx, maker, pool, batch, vocation, taken, new_only=True)
                applied = ctx.days_after(opens, 0, 17)
                enrolment = _add(ctx, batch, person, Enrolment.Status.REJECTED, applied)
                enrolment.status_reason = "Tidak lolos seleksi: kuota 16 orang per paket terpenuhi"
                pool.note(person, batch.start_date, 0, "rejected")


def _statuses(ctx: Ctx, batch: Batch, state: str) -> list[str]:
    S = Enrolment.Status
    capacity = batch.capacity
    if state == Batch.Status.RUNNING:
        return [S.TRAINING.value] * (capacity - 1) + [S.WITHDRAWN.value]
    is_blk = batch.code.startswith("BLK")
    if batch.year == 2020 and batch.region.code == "33.75":
        # Exactly 95 BLK and 95 LPKS graduates: one BLK drop-out, one per LPKS package.
        leavers = (1 if batch.code.endswith("-01") else 0) if is_blk else 1
    else:
        leavers = ctx.pick([0, 0, 1, 1, 2] if is_blk else [0, 1, 1, 2, 3])
    others = [S.DROPPED_OUT.value if ctx.chance(0.7) else S.WITHDRAWN.value for _ in range(leavers)]
    return [S.GRADUATED.value] * (capacity - leavers) + others


def _person_for(
    ctx: Ctx,
    maker: PersonMaker,
    pool: _Pool,
    batch: Batch,
    vocation: str,
    taken: set[int],
    *,
    new_only: bool = False,
) -> Person:
    """An earlier registrant now and then (never within 2020, never twice in one year, never
    twice in one package), otherwise a new person of an age and sex typical of the trade."""
    person = None
    if not new_only and batch.year > 2020 and pool.order and ctx.chance(0.07):
        for _ in range(12):
            earlier, free_from, last_year, last_vocation = pool.pick(ctx)
            if (
                free_from <= (batch.registration_opens_on or batch.start_date)
                and last_year < batch.year
                and last_vocation != vocation
                and id(earlier) not in taken
                and _age(earlier.birth_date, batch.start_date) <= (batch.max_age or 40)
            ):
                person = earlier
                break
    if person is None:
        person = maker.make(
            sex="F" if ctx.chance(FEMALE_SHARE[vocation]) else "M",
            age_on=batch.start_date,
            vocation_code=vocation,
            registered_on=batch.registration_opens_on or batch.start_date,
        )
        ctx.persons.append(person)
    taken.add(id(person))
    return person


_UNDECIDED = (
    Enrolment.Status.APPLIED,
    Enrolment.Status.SHORTLISTED,
    Enrolment.Status.WAITLISTED,
)


def _typed(person: Person) -> dict[str, str]:
    """What the person typed on the public form: the demo's record itself."""
    return applicant_snapshot(
        full_name=person.full_name,
        education=person.education,
        education_major=person.education_major,
        birth_place=person.birth_place,
        address=person.address,
        domicile_regency_code=person.domicile_regency_code,
        domicile_district_code=person.domicile_district_code,
        domicile_village_code=person.domicile_village_code,
        phone=person.phone,
        email=person.email,
    )


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _add(
    ctx: Ctx,
    batch: Batch,
    person: Person,
    status: str,
    applied: date,
    source: str | None = None,
) -> Enrolment:
    if source is None:
        options = [(Enrolment.Source.OPERATOR.value, 55.0), (Enrolment.Source.SELF.value, 35.0)]
        if batch.year >= 2023:
            options.append((Enrolment.Source.IMPORT.value, 10.0))
        source = ctx.weighted(options)
    decided = None
    if status != Enrolment.Status.APPLIED:
        decided = at(batch.registration_closes_on or batch.start_date, 14)
    # Self-registrations nobody has decided on yet wait for the KTP check at selection.
    unchecked = source == Enrolment.Source.SELF and status in _UNDECIDED
    enrolment = Enrolment(
        region=batch.region,
        batch=batch,
        institution=batch.institution,
        person=person,
        status=status,
        source=source,
        applied_at=at(min(applied, ctx.today), ctx.rng.randint(8, 20), ctx.rng.randrange(60)),
        decided_at=decided,
        motivation=ctx.pick(MOTIVATIONS),
        identity=Enrolment.Identity.UNVERIFIED if unchecked else Enrolment.Identity.CONFIRMED,
        applicant=_typed(person) if unchecked else {},
    )
    ctx.enrolments.append(enrolment)
    return enrolment


ATTENDED = (Attendance.Status.PRESENT, Attendance.Status.LATE)
MISSED = (Attendance.Status.EXCUSED, Attendance.Status.ABSENT)


def _sessions_and_attendance(
    ctx: Ctx,
) -> list[tuple[Enrolment, BatchSession, str, datetime]]:
    """Save one session per working day of every package that has started and decide each
    participant's attendance; returns the attendance rows to save once the enrolments have
    their ids. Uses a random source of its own so that the steps after training draw the
    same numbers as before attendance existed."""
    rng = random.Random(f"attendance-{ctx.seed}")
    by_batch: dict[int, list[Enrolment]] = {}
    for enrolment in ctx.enrolments:
        by_batch.setdefault(id(enrolment.batch), []).append(enrolment)
    sessions: dict[int, list[BatchSession]] = {}
    for batch in ctx.batches:
        if ctx.batch_state[id(batch)] not in (Batch.Status.RUNNING, Batch.Status.FINISHED):
            continue
        instructor = ctx.instructors[(batch.institution.pk, batch.program.vocation.code)]
        day, days = batch.start_date, []
        while day <= batch.end_date:
            if is_working_day(day, ctx.holidays):
                days.append(day)
            day += timedelta(days=1)
        sessions[id(batch)] = [
            BatchSession(
                batch=batch,
                date=day,
                starts_at=time(8),
                ends_at=time(15),
                topic=f"Pertemuan {n}",
                instructor=instructor,
            )
            for n, day in enumerate(days, start=1)
        ]
    BatchSession.objects.bulk_create([s for batch in sessions.values() for s in batch])

    rows: list[tuple[Enrolment, BatchSession, str, datetime]] = []
    for batch in ctx.batches:
        held = [s for s in sessions.get(id(batch), []) if s.date <= ctx.today]
        if not held:
            continue
        minimum = batch.program.min_attendance_pct
        # The fewest sessions that reach the minimum.
        enough = math.ceil(minimum * len(held) / 100)
        for enrolment in by_batch.get(id(batch), []):
            if enrolment.status not in (
                Enrolment.Status.GRADUATED,
                Enrolment.Status.DROPPED_OUT,
                Enrolment.Status.TRAINING,
            ):
                continue
            wanted = round(float(enrolment.attendance_pct or 0) * len(held) / 100)
            if enrolment.status == Enrolment.Status.DROPPED_OUT:
                attended = max(min(wanted, enough - 1), 0)
                # A drop-out stops coming: the missed days are mostly the last ones.
                chosen = set(range(attended))
            else:
                attended = min(max(wanted, enough), len(held))
                chosen = set(rng.sample(range(len(held)), attended))
            for index, session in enumerate(held):
                if index in chosen:
                    status = Attendance.Status.LATE if rng.random() < 0.06 else ATTENDED[0]
                else:
                    status = MISSED[0] if rng.random() < 0.5 else MISSED[1]
                rows.append((enrolment, session, status, at(session.date, 15, 30)))
            enrolment.attendance_pct = (Decimal(attended) * 100 / len(held)).quantize(
                Decimal("0.01")
            )
    return rows
