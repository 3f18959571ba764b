"""Reference data: the two regions, holidays, vocations, competency units and schemes, the
LSPs with their test sites and assessors, training institutions, programs, instructors, and
the dated configuration (internship rules, BPJS rates, indicator definitions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from jejaring.assessment.models import (
    Assessor,
    CertificationBody,
    CompetencyUnit,
    Scheme,
    SchemeUnit,
    TestSite,
)
from jejaring.demo.loader.catalogue import HOLIDAYS_2026, INSTITUTIONS, SYNONYMS, VOCATIONS
from jejaring.demo.loader.common import Ctx
from jejaring.internships.models import InternshipRuleSet
from jejaring.outcomes.models import IndicatorDefinition
from jejaring.planning.models import VocationSynonym
from jejaring.regions.models import Holiday, Region
from jejaring.social_security.models import ContributionRate
from jejaring.training.models import Instructor, Program, TrainingInstitution, Vocation

# region -> [(registration number, name)]; the first Pekalongan assessor gets a login.
ASSESSORS = {
    "33.75": [
        ("MET.000.012345 2019", "Agus Riyanto"),
        ("MET.000.004517 2018", "Sri Wahyuningsih"),
        ("MET.000.019876 2021", "Bambang Setiawan"),
    ],
    "33.19": [
        ("MET.000.021043 2020", "Dwi Prasetyo Utomo"),
        ("MET.000.017332 2019", "Nur Hidayah"),
    ],
}
MOSTLY_MEN = {"otomotif-sepeda-motor", "pangkas-rambut"}


def load_reference(ctx: Ctx) -> None:
    _regions_and_calendar(ctx)
    _vocations_and_schemes(ctx)
    _certification(ctx)
    _institutions(ctx)
    _programs(ctx)
    _configuration(ctx)


def _regions_and_calendar(ctx: Ctx) -> None:
    ctx.regions["33.75"] = Region.objects.create(
        code="33.75",
        kind=Region.Kind.KOTA,
        name="Kota Pekalongan",
        slug="kota-pekalongan",
        province_code="33",
        province_name="Jawa Tengah",
        office_name="Dinas Perindustrian dan Tenaga Kerja Kota Pekalongan",
        office_short_name="Disperinaker",
        office_address="Jalan Mataram No. 1 (alamat contoh), Kota Pekalongan 51111",
        office_email="disperinaker@pekalongan.example",
        office_phone="+62285421000",
        office_city="Pekalongan",
        signatory_name="Dra. Sri Wahyuni, M.M.",
        signatory_position="Kepala Dinas Perindustrian dan Tenaga Kerja Kota Pekalongan",
        signatory_rank="Pembina Tingkat I",
        signatory_nip="197003121995032004",
    )
    ctx.regions["33.19"] = Region.objects.create(
        code="33.19",
        kind=Region.Kind.KABUPATEN,
        name="Kabupaten Kudus",
        slug="kabupaten-kudus",
        province_code="33",
        province_name="Jawa Tengah",
        office_name="Dinas Tenaga Kerja, Perindustrian, Koperasi dan UKM Kabupaten Kudus",
        office_short_name="Disnakerperinkop UKM",
        office_address="Jalan Conge Ngembalrejo (alamat contoh), Kudus 59322",
        office_email="disnakerperinkop@kudus.example",
        office_phone="+62291438000",
        office_city="Kudus",
        signatory_name="Ir. Bambang Setiawan, M.T.",
        signatory_position=(
            "Kepala Dinas Tenaga Kerja, Perindustrian, Koperasi dan UKM Kabupaten Kudus"
        ),
        signatory_rank="Pembina Utama Muda",
        signatory_nip="196805141994031007",
    )
    Holiday.objects.bulk_create([Holiday(date=day, name=name) for day, name in HOLIDAYS_2026])
    ctx.holidays = frozenset(day for day, _ in HOLIDAYS_2026)


def _vocations_and_schemes(ctx: Ctx) -> None:
    vocations = Vocation.objects.bulk_create(
        [
            Vocation(
                code=spec.code,
                name=spec.name,
                name_en=spec.name_en,
                description=f"Kejuruan {spec.name.lower()}.",
            )
            for spec in VOCATIONS
        ]
    )
    ctx.vocations = {vocation.code: vocation for vocation in vocations}
    units = {
        spec.code: [
            CompetencyUnit(code=f"{spec.unit_prefix}.{n:03d}.01", title=title, title_en=title_en)
            for n, (title, title_en) in enumerate(spec.units, start=1)
        ]
        for spec in VOCATIONS
    }
    CompetencyUnit.objects.bulk_create([unit for group in units.values() for unit in group])
    schemes = Scheme.objects.bulk_create(
        [
            Scheme(
                code=spec.scheme_code,
                name=spec.scheme_name,
                kind=Scheme.Kind.KKNI if spec.kkni_level else Scheme.Kind.OCCUPATION,
                kkni_level=spec.kkni_level,
                vocation=ctx.vocations[spec.code],
            )
            for spec in VOCATIONS
        ]
    )
    links: list[SchemeUnit] = []
    for scheme, spec in zip(schemes, VOCATIONS, strict=True):
        ctx.schemes[spec.code] = scheme
        ctx.scheme_units[scheme.pk] = units[spec.code]
        links.extend(
            SchemeUnit(scheme=scheme, unit=unit, position=n)
            for n, unit in enumerate(units[spec.code], start=1)
        )
    SchemeUnit.objects.bulk_create(links)
    VocationSynonym.objects.bulk_create(
        [
            VocationSynonym(
                phrase=phrase, vocation=ctx.vocations[code], source=VocationSynonym.Source.CURATED
            )
            for phrase, code in SYNONYMS
        ]
    )


def _certification(ctx: Ctx) -> None:
    ctx.lsps["33.75"] = CertificationBody.objects.create(
        name="LSP P2 BLK Kota Pekalongan",
        kind=CertificationBody.Kind.P2,
        license_number="CONTOH-LSP-P2-0451",
    )
    ctx.lsps["33.19"] = CertificationBody.objects.create(
        name="LSP P2 BLK Kabupaten Kudus",
        kind=CertificationBody.Kind.P2,
        license_number="CONTOH-LSP-P2-0498",
    )
    for code, people in ASSESSORS.items():
        ctx.assessors[code] = [
            Assessor.objects.create(
                full_name=name,
                registration_number=number,
                lsp=ctx.lsps[code],
                phone=ctx.phone(),
                email=f"asesor{n}.{code.replace('.', '')}@lsp.example",
                valid_until=date(2027, 12, 31),
            )
            for n, (number, name) in enumerate(people, start=1)
        ]


def _institutions(ctx: Ctx) -> None:
    for spec in INSTITUTIONS:
        institution = TrainingInstitution.objects.create(
            region=ctx.regions[spec.region],
            kind=spec.kind,
            name=spec.name,
            short_name=spec.short_name,
            registration_number=spec.registration,
            address=spec.address,
            phone=ctx.phone(),
            email=f"{spec.key}@pelatihan.example",
        )
        ctx.institutions[spec.key] = institution
        ctx.institution_key[institution.pk] = spec.key
    for key, lsp in [("blk-pkl", "33.75"), ("lpks-busana", "33.75"), ("blk-kds", "33.19")]:
        institution = ctx.institutions[key]
        ctx.test_sites[key] = TestSite.objects.create(
            lsp=ctx.lsps[lsp],
            name=f"TUK Sewaktu {institution.name.replace('Balai Latihan Kerja', 'BLK')}",
            address=institution.address,
            institution=institution,
        )


def _programs(ctx: Ctx) -> None:
    specs = {spec.code: spec for spec in VOCATIONS}
    programs = []
    for institution_spec in INSTITUTIONS:
        institution = ctx.institutions[institution_spec.key]
        is_blk = institution_spec.kind == TrainingInstitution.Kind.BLK
        for code in institution_spec.vocations:
            spec = specs[code]
            scheme = ctx.schemes[code]
            programs.append(
                Program(
                    region=institution.region,
                    institution=institution,
                    vocation=ctx.vocations[code],
                    code=f"{spec.short}-{'240' if is_blk else '200'}",
                    name=spec.program_name,
                    description=(
                        f"Pelatihan {spec.name.lower()} berbasis kompetensi, diakhiri uji "
                        f"kompetensi skema {scheme.name}."
                    ),
                    hours_jp=240 if is_blk else 200,
                    duration_days=28 if is_blk else 25,
                    default_capacity=16 if is_blk else 20,
                    min_attendance_pct=80,
                    scheme=scheme,
                )
            )
    Program.objects.bulk_create(programs)
    through = Program.units.through
    links: list[Any] = []
    for program in programs:
        code = program.vocation.code
        ctx.programs[f"{ctx.institution_key[program.institution.pk]}:{code}"] = program
        links.extend(
            through(program_id=program.pk, competencyunit_id=unit.pk)
            for unit in ctx.scheme_units[ctx.schemes[code].pk]
        )
    through.objects.bulk_create(links)
    _instructors(ctx, programs)


def _instructors(ctx: Ctx, programs: list[Program]) -> None:
    instructors = Instructor.objects.bulk_create(
        [
            Instructor(
                region=program.region,
                institution=program.institution,
                full_name=ctx.person_name("M" if program.vocation.code in MOSTLY_MEN else "F"),
                phone=ctx.phone(),
                status=Instructor.Status.ACTIVE,
                notes=f"Instruktur {program.vocation.name.lower()}.",
            )
            for program in programs
        ]
    )
    through = Instructor.vocations.through
    through.objects.bulk_create(
        [
            through(instructor_id=instructor.pk, vocation_id=program.vocation.pk)
            for instructor, program in zip(instructors, programs, strict=True)
        ]
    )
    for instructor, program in zip(instructors, programs, strict=True):
        ctx.instructors[(program.institution.pk, program.vocation.code)] = instructor


def _configuration(ctx: Ctx) -> None:
    InternshipRuleSet.objects.filter(valid_from=date(2020, 1, 1)).delete()  # migration seed
    InternshipRuleSet.objects.create(
        valid_from=date(2020, 1, 1),
        legal_basis="Permenaker 6/2020",
        max_intern_pct_of_workforce=Decimal("20.00"),
        max_duration_months=12,
        theory_min_pct=10,
        theory_max_pct=25,
        min_age=17,
        parental_consent_below_age=18,
        decision_working_days=3,
    )
    ContributionRate.objects.create(
        category=ContributionRate.Category.NON_WAGE,
        valid_from=date(2015, 7, 1),
        jkk_pct=Decimal("1.000"),
        jkm_monthly=6800,
        min_declared_income=1_000_000,
        legal_basis="PP 44/2015 (contoh konfigurasi)",
    )
    IndicatorDefinition.objects.bulk_create(
        [
            IndicatorDefinition(
                region=region,
                name="Keterserapan 12 bulan (bekerja di perusahaan)",
                window_months=12,
                internship_counts_as_absorbed=False,
                self_employment_counts_as_absorbed=False,
                is_default=True,
            )
            for region in ctx.regions.values()
        ]
    )
