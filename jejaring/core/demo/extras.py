"""A little of the later capabilities, so their screens have data: the coordination
meeting with industry needs (the garment-machine mechanic of the news), next year's plan
with its instructor gap, the 2025 DBHCHT envelope, BPJS Ketenagakerjaan cover of trainees
and interns, and one work accident."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from jejaring.accounts.models import User
from jejaring.core.demo.common import TZ, Ctx, at
from jejaring.employers.models import Formation
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.planning.models import (
    CoordinationMeeting,
    FundingEnvelope,
    IndustryNeed,
    InstructorNeed,
    PlanLine,
    TrainingPlan,
)
from jejaring.social_security.models import Coverage, Incident
from jejaring.training.models import Batch, Enrolment, FundingSource

MEETING_DAY = date(2026, 10, 8)

# (company key or partner name, description, quantity, kind, vocation, mapping)
NEEDS = [
    (
        "batik-garmen",
        "Mekanik mesin jahit: servis dan setel mesin jahit high speed, obras dan overdeck",
        6,
        IndustryNeed.Kind.JOB,
        "mekanik-mesin-jahit",
        IndustryNeed.Mapping.NO_PROGRAM,
    ),
    (
        "pesisir-busana",
        "Operator jahit mesin high speed",
        15,
        IndustryNeed.Kind.EITHER,
        "menjahit-garmen",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "krapyak-garmen",
        "Teknisi mesin obras dan overdeck",
        2,
        IndustryNeed.Kind.JOB,
        None,
        IndustryNeed.Mapping.UNMAPPED,
    ),
    (
        "hotel-kencana",
        "Room attendant dan petugas area umum",
        4,
        IndustryNeed.Kind.EITHER,
        "perhotelan",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "hotel-mutiara",
        "Resepsionis (front office) yang bisa berbahasa Inggris",
        2,
        IndustryNeed.Kind.JOB,
        None,
        IndustryNeed.Mapping.UNMAPPED,
    ),
    (
        "laksana-motor",
        "Mekanik sepeda motor injeksi (EFI)",
        5,
        IndustryNeed.Kind.JOB,
        "otomotif-sepeda-motor",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "bengkel-sinar",
        "Mekanik motor matic",
        2,
        IndustryNeed.Kind.INTERNSHIP,
        "otomotif-sepeda-motor",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "Asosiasi Pengusaha Garmen Pekalongan",
        "Operator jahit untuk perusahaan anggota",
        30,
        IndustryNeed.Kind.EITHER,
        "menjahit-garmen",
        IndustryNeed.Mapping.CONFIRMED,
    ),
]


def load_extras(ctx: Ctx, users: dict[str, User]) -> None:
    needs = _meeting_and_needs(ctx, users["staf.pekalongan"])
    _plan(ctx, needs)
    FundingEnvelope.objects.create(
        region=ctx.regions["33.75"],
        year=2025,
        funding_source=FundingSource.DBHCHT,
        amount=4_307_000_000,
        note="1.320 orang: BLK 20×16, LPKS 9×20, BLK komunitas 1×20, tempat pelatihan "
        "perusahaan 15×20, dan paket kewirausahaan dua hari di 27 kelurahan",
    )
    _coverage(ctx, users["staf.pekalongan"])


def _meeting_and_needs(ctx: Ctx, staff: User) -> dict[str, IndustryNeed]:
    region = ctx.regions["33.75"]
    meeting = CoordinationMeeting.objects.create(
        region=region,
        held_on=MEETING_DAY,
        title="Rapat koordinasi jejaring kerja: penyelarasan pelatihan dengan kebutuhan industri",
        location="Aula Disperinaker Kota Pekalongan",
        attendees="Disperinaker, UPTD BLK, dua LPKS, perwakilan perusahaan mitra dan asosiasi",
        aspirations=(
            "Industri garmen membutuhkan mekanik garmen untuk servis mesin-mesin produksi; "
            "dinas mengoordinasikan pencarian instruktur. Hotel meminta room attendant siap "
            "kerja; bengkel meminta mekanik sepeda motor injeksi."
        ),
    )
    keys = [
        "batik-garmen",
        "pesisir-busana",
        "krapyak-garmen",
        "konveksi-setono",
        "hotel-kencana",
        "hotel-mutiara",
        "laksana-motor",
        "bengkel-sinar",
        "transmart",
    ]
    meeting.companies.set([ctx.companies[k] for k in keys])
    meeting.partners.set(list(ctx.partners.values())[:3])
    mapped_at = at(MEETING_DAY + timedelta(days=6), 10)
    rows = []
    for who, description, quantity, kind, vocation, mapping in NEEDS:
        company = ctx.companies.get(who)
        rows.append(
            IndustryNeed(
                region=region,
                company=company,
                partner=None if company else ctx.partners[who],
                meeting=meeting,
                description=description,
                quantity=quantity,
                kind=kind,
                needed_by=date(2027, 3, 1),
                location="Kota Pekalongan",
                vocation=ctx.vocations[vocation] if vocation else None,
                mapping=mapping,
                mapped_by=staff if mapping != IndustryNeed.Mapping.UNMAPPED else None,
                mapped_at=mapped_at if mapping != IndustryNeed.Mapping.UNMAPPED else None,
                notes=(
                    "Belum ada program maupun instruktur di BLK/LPKS Kota Pekalongan."
                    if mapping == IndustryNeed.Mapping.NO_PROGRAM
                    else ""
                ),
                created_at=at(MEETING_DAY, 11),
            )
        )
    IndustryNeed.objects.bulk_create(rows)
    mechanic = rows[0]
    mechanic.units.set(ctx.scheme_units[ctx.schemes["mekanik-mesin-jahit"].pk])
    return {
        "mechanic": mechanic,
        "sewing": rows[1],
        "hotel": rows[3],
        "motor": rows[5],
        "association": rows[7],
    }


def _plan(ctx: Ctx, needs: dict[str, IndustryNeed]) -> None:
    region = ctx.regions["33.75"]
    plan = TrainingPlan.objects.create(
        region=region,
        year=2027,
        title="Rencana Pelatihan Kerja Tahun 2027",
        status=TrainingPlan.Status.DRAFT,
        created_at=at(date(2026, 10, 20), 9),
        comments="Disusun dari hasil rapat koordinasi jejaring kerja Oktober 2026.",
    )
    blk, busana = ctx.institutions["blk-pkl"], ctx.institutions["lpks-busana"]
    C = PlanLine.Channel
    dbh = FundingSource.DBHCHT
    specs = [
        (
            C.BLK,
            blk,
            "blk-pkl:otomotif-sepeda-motor",
            "otomotif-sepeda-motor",
            "Mekanik Sepeda Motor",
            4,
            16,
            28,
            52_000_000,
            dbh,
            ["motor"],
        ),
        (
            C.BLK,
            blk,
            "blk-pkl:menjahit-garmen",
            "menjahit-garmen",
            "Menjahit Pakaian dengan Mesin Jahit High Speed",
            5,
            16,
            28,
            52_000_000,
            dbh,
            ["sewing", "association"],
        ),
        (
            C.BLK,
            blk,
            "blk-pkl:perhotelan",
            "perhotelan",
            "Room Attendant",
            2,
            16,
            28,
            52_000_000,
            FundingSource.APBN,
            ["hotel"],
        ),
        (
            C.BLK,
            blk,
            None,
            "mekanik-mesin-jahit",
            "Mekanik Mesin Jahit Garmen (program baru)",
            1,
            16,
            28,
            68_000_000,
            dbh,
            ["mechanic"],
        ),
        (
            C.LPKS,
            busana,
            "lpks-busana:menjahit-garmen",
            "menjahit-garmen",
            "Menjahit Garmen (LPKS)",
            3,
            20,
            25,
            60_000_000,
            dbh,
            ["sewing"],
        ),
        (
            C.KELURAHAN,
            None,
            None,
            None,
            "Kewirausahaan dua hari di 27 kelurahan",
            27,
            20,
            2,
            7_500_000,
            dbh,
            [],
        ),
    ]
    lines = []
    for (
        channel,
        institution,
        program,
        vocation,
        title,
        packages,
        people,
        days,
        cost,
        fund,
        ev,
    ) in specs:
        line = PlanLine.objects.create(
            plan=plan,
            channel=channel,
            institution=institution,
            program=ctx.programs[program] if program else None,
            vocation=ctx.vocations[vocation] if vocation else None,
            title=title,
            packages=packages,
            people_per_package=people,
            days_per_package=days,
            cost_per_package=cost,
            funding_source=fund,
        )
        line.evidence.set([needs[k] for k in ev])
        lines.append(line)
    InstructorNeed.objects.create(
        region=region,
        plan_line=lines[3],
        vocation=ctx.vocations["mekanik-mesin-jahit"],
        description="Instruktur mekanik mesin jahit industri (high speed, obras, overdeck) "
        "dengan sertifikat kompetensi",
        status=InstructorNeed.Sourcing.SEARCHING,
        note="Dijajaki melalui Asosiasi Pengusaha Garmen Pekalongan dan BLK lain di Jawa Tengah.",
    )


def _kpj(ctx: Ctx) -> str:
    return f"2{ctx.rng.randrange(10**9, 10**10)}"


def _coverage(ctx: Ctx, staff: User) -> None:
    """Trainees of the BLK's 2026 packages (the running one active, the rest ended) and the
    interns who started in 2026, then one accident during the running package."""
    rows: list[Coverage] = []
    running_rows: list[Coverage] = []
    blk = ctx.institutions["blk-pkl"]
    for enrolment in ctx.enrolments:
        batch = enrolment.batch
        if batch.institution_id != blk.pk or batch.year != 2026:
            continue
        state = ctx.batch_state[id(batch)]
        if state not in (Batch.Status.RUNNING, Batch.Status.FINISHED):
            continue
        if enrolment.status == Enrolment.Status.WITHDRAWN:
            continue
        running = state == Batch.Status.RUNNING
        coverage = Coverage(
            region=enrolment.region,
            person=enrolment.person,
            kind=Coverage.Kind.TRAINEE,
            enrolment=enrolment,
            payer=Coverage.Payer.OFFICE,
            kpj_number=_kpj(ctx),
            declared_income=1_000_000,
            cover_start=batch.start_date,
            cover_end=batch.end_date,
            status=Coverage.Status.ACTIVE if running else Coverage.Status.ENDED,
            created_at=at(batch.start_date - timedelta(days=5), 10),
        )
        rows.append(coverage)
        if running:
            running_rows.append(coverage)
    agreements = {
        a.referral_id: a
        for a in InternshipAgreement.objects.filter(referral__in=[r for r in ctx.referrals if r.pk])
    }
    for referral in ctx.referrals:
        if (
            referral.formation.kind != Formation.Kind.INTERNSHIP
            or referral.status != Referral.Status.STARTED
        ):
            continue
        agreement = agreements[referral.pk]
        rows.append(
            Coverage(
                region=referral.region,
                person=referral.person,
                kind=Coverage.Kind.INTERN,
                referral=referral,
                payer=Coverage.Payer.COMPANY,
                payer_company=referral.company,
                kpj_number=_kpj(ctx),
                declared_income=max(1_000_000, referral.formation.monthly_pay),
                cover_start=agreement.starts_on,
                cover_end=agreement.ends_on,
                status=Coverage.Status.ACTIVE,
                created_at=at(agreement.starts_on - timedelta(days=4), 10),
            )
        )
    Coverage.objects.bulk_create(rows)
    if not running_rows:
        return
    victim = running_rows[3]
    Incident.objects.create(
        region=victim.region,
        coverage=victim,
        kind=Incident.Kind.ACCIDENT,
        occurred_at=datetime(2026, 11, 12, 10, 40, tzinfo=TZ),
        place=victim.enrolment.batch.location if victim.enrolment else "",
        description=(
            "Saat praktik, jari telunjuk kiri peserta terjepit dan tergores alat kerja. "
            "Instruktur memberi pertolongan pertama, lalu peserta dibawa ke IGD rumah sakit "
            "terdekat."
        ),
        injury="Luka robek ringan pada jari telunjuk kiri (4 jahitan).",
        claim_status=Incident.ClaimStatus.IN_PROCESS,
        claim_number="JKK/3375/2026/000123",
        reported_by=staff,
        created_at=at(date(2026, 11, 12), 15),
    )
