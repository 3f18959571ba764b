"""Planning: the coordination meeting with industry needs (the garment-machine mechanic of
the news), next year's plan with its instructor gap, and the 2025 DBHCHT envelope."""

from __future__ import annotations

from datetime import date, timedelta

from jejaring.accounts.models import User
from jejaring.demo.loader.common import Ctx, at
from jejaring.planning.models import (
    CoordinationMeeting,
    FundingEnvelope,
    IndustryNeed,
    InstructorNeed,
    PlanLine,
    TrainingPlan,
)
from jejaring.planning.services import synonyms_load_curated
from jejaring.training.models import FundingSource

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
        "mitra-motor",
        "Mekanik servis berkala dan kelistrikan motor",
        3,
        IndustryNeed.Kind.JOB,
        "otomotif-sepeda-motor",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "bengkel-rejeki",
        "Montir motor matic untuk bengkel",
        1,
        IndustryNeed.Kind.INTERNSHIP,
        "otomotif-sepeda-motor",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "bengkel-buaran",
        "Tenaga servis sepeda motor",
        2,
        IndustryNeed.Kind.INTERNSHIP,
        None,
        IndustryNeed.Mapping.UNMAPPED,
    ),
    (
        "hotel-graha",
        "Housekeeping dan laundry hotel",
        3,
        IndustryNeed.Kind.EITHER,
        "perhotelan",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "hotel-sekar",
        "Cook helper untuk dapur hotel",
        2,
        IndustryNeed.Kind.INTERNSHIP,
        "tata-boga",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "hotel-jlamprang",
        "Pelayan restoran dan room service",
        2,
        IndustryNeed.Kind.JOB,
        None,
        IndustryNeed.Mapping.UNMAPPED,
    ),
    (
        "konveksi-setono",
        "Penjahit konveksi pakaian seragam",
        10,
        IndustryNeed.Kind.JOB,
        "menjahit-garmen",
        IndustryNeed.Mapping.CONFIRMED,
    ),
    (
        "jahit-medono",
        "Operator obras dan finishing",
        3,
        IndustryNeed.Kind.EITHER,
        None,
        IndustryNeed.Mapping.UNMAPPED,
    ),
    (
        "pangkas-gentleman",
        "Barber yang bisa potong rambut modern",
        2,
        IndustryNeed.Kind.JOB,
        "pangkas-rambut",
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


def load_planning(ctx: Ctx, users: dict[str, User]) -> None:
    # The curated phrase list shipped with the app, beside the demo's own phrases.
    synonyms_load_curated()
    needs = _meeting_and_needs(ctx, users["staf.pekalongan"], users["hrd.garmen"])
    _plan(ctx, needs)
    _plan_2025(ctx, users["staf.pekalongan"])
    FundingEnvelope.objects.bulk_create(
        [
            FundingEnvelope(
                region=ctx.regions["33.75"],
                year=2027,
                funding_source=FundingSource.DBHCHT,
                amount=1_000_000_000,
                note="Usulan pagu DBHCHT 2027 untuk pelatihan kerja",
            ),
            FundingEnvelope(
                region=ctx.regions["33.75"],
                year=2027,
                funding_source=FundingSource.APBN,
                amount=150_000_000,
                note="Perkiraan dana APBN 2027 untuk UPTD BLK",
            ),
        ]
    )
    FundingEnvelope.objects.create(
        region=ctx.regions["33.75"],
        year=2025,
        funding_source=FundingSource.DBHCHT,
        amount=4_307_000_000,
        note="1.320 orang: BLK 20×16, LPKS 9×20, BLK komunitas 1×20, tempat pelatihan "
        "perusahaan 15×20, dan paket kewirausahaan dua hari di 27 kelurahan",
    )


def _meeting_and_needs(ctx: Ctx, staff: User, garment_hr: User) -> dict[str, IndustryNeed]:
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
                # The garment company's HR typed its need in; the rest came from the meeting.
                submitted_by=garment_hr if who == "batik-garmen" else staff,
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
        "association": rows[-1],
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


def _plan_2025(ctx: Ctx, staff: User) -> None:
    """The 2025 DBHCHT plan of the news, approved: BLK 20 packages x 16, LPKS 9 x 20,
    community BLK 1 x 20, a company-run training site 15 x 20 and a two-day
    entrepreneurship package in each of 27 kelurahan x 20, within Rp 4.307 billion."""
    plan = TrainingPlan.objects.create(
        region=ctx.regions["33.75"],
        year=2025,
        title="Rencana Pelatihan Kerja Tahun 2025 (DBHCHT)",
        status=TrainingPlan.Status.APPROVED,
        created_at=at(date(2024, 9, 16), 9),
        submitted_at=at(date(2024, 10, 1), 10),
        decided_at=at(date(2024, 10, 15), 14),
        decided_by=staff,
        comments="Disetujui sesuai pagu DBHCHT 2025.",
    )
    C = PlanLine.Channel
    dbh = FundingSource.DBHCHT
    PlanLine.objects.bulk_create(
        [
            PlanLine(
                plan=plan,
                channel=channel,
                institution=ctx.institutions[key] if key else None,
                title=title,
                packages=packages,
                people_per_package=people,
                days_per_package=days,
                cost_per_package=cost,
                funding_source=dbh,
            )
            for channel, key, title, packages, people, days, cost in [
                (C.BLK, "blk-pkl", "Pelatihan berbasis kompetensi di UPTD BLK", 20, 16, 28,
                 95_000_000),
                (C.LPKS, "lpks-busana", "Pelatihan di LPKS", 9, 20, 25, 75_000_000),
                (C.COMMUNITY_BLK, None, "BLK Komunitas", 1, 20, 20, 60_000_000),
                (C.COMPANY_SITE, None, "Tempat pelatihan perusahaan", 15, 20, 20, 80_000_000),
                (C.KELURAHAN, None, "Kewirausahaan dua hari di 27 kelurahan", 27, 20, 2,
                 17_000_000),
            ]
        ]
    )  # fmt: skip
