"""Partner companies (16 in Kota Pekalongan, plus the retailer that takes every vocation),
a few companies in Kudus, the work network, agreements and internship programs."""

from __future__ import annotations

from datetime import date, timedelta

from jejaring.core.dates import add_working_days
from jejaring.demo.loader.catalogue import COMPANIES, INTERNSHIP_PROGRAMS, NETWORK
from jejaring.demo.loader.common import Ctx, at
from jejaring.employers.models import Agreement, Company, CompanyContact, NetworkPartner
from jejaring.internships.models import InternshipProgram

PKS, MOU = Agreement.Kind.PKS, Agreement.Kind.MOU
ACTIVE, EXPIRED, DRAFT = Agreement.Status.ACTIVE, Agreement.Status.EXPIRED, Agreement.Status.DRAFT
# company, kind, number, valid from, valid until, status
AGREEMENTS = [
    ("batik-garmen", PKS, "560/112/PKS/Disperinaker/II/2022", "2022-02-01", "2024-12-31", EXPIRED),
    ("batik-garmen", PKS, "560/017/PKS/Disperinaker/I/2025", "2025-01-15", "2027-12-31", ACTIVE),
    ("hotel-kencana", PKS, "560/036/PKS/Disperinaker/III/2023", "2023-03-01", "2026-12-31", ACTIVE),
    ("laksana-motor", PKS, "560/071/PKS/Disperinaker/VI/2024", "2024-06-03", "2027-06-02", ACTIVE),
    ("transmart", MOU, "560/044/MoU/Disperinaker/III/2021", "2021-03-15", "2024-03-14", EXPIRED),
    ("transmart", PKS, "560/052/PKS/Disperinaker/IV/2024", "2024-04-01", "2027-03-31", ACTIVE),
    ("pesisir-busana", PKS, "560/140/PKS/Disperinaker/XI/2026", "2026-12-01", "2028-11-30", DRAFT),
    ("konveksi-menara", PKS, "560/009/PKS/Disnakerperinkop/I/2025", "2025-01-10", "2027-01-09",
     ACTIVE),
]  # fmt: skip


def load_employers(ctx: Ctx) -> None:
    companies = Company.objects.bulk_create(
        [
            Company(
                region=ctx.regions[spec.region],
                name=spec.name,
                legal_name=spec.legal_name,
                sector=spec.sector,
                kbli_code=spec.kbli,
                workforce_size=spec.workforce,
                address=(
                    f"{ctx.fake.street_name().replace('Jalan ', 'Jl. ')} No. "
                    f"{ctx.rng.randint(1, 200)}, {ctx.regions[spec.region].name}"
                ),
                phone=ctx.phone(),
                email=f"hrd@{spec.key}.example",
                is_partner=spec.is_partner,
                accepts_all_vocations=spec.key == "transmart",
                created_at=at(date(2019, 11, 4) if spec.region == "33.75" else date(2024, 9, 2)),
            )
            for spec in COMPANIES
        ]
    )
    for company, spec in zip(companies, COMPANIES, strict=True):
        ctx.companies[spec.key] = company
        ctx.company_key[company.pk] = spec.key
        ctx.company_hires[company.pk] = spec.vocations
    CompanyContact.objects.bulk_create(
        [
            CompanyContact(
                company=company,
                full_name=ctx.person_name(ctx.pick("MF")),
                position=ctx.pick(
                    ["Manajer HRD", "Staf Personalia", "Pemilik", "Kepala Bengkel"]
                    if company.workforce_size < 20
                    else ["Manajer HRD", "Staf Personalia", "HR Supervisor"]
                ),
                phone=ctx.phone(),
                email=company.email,
                is_primary=True,
            )
            for company in companies
            if company.is_partner
        ]
    )
    partners = NetworkPartner.objects.bulk_create(
        [
            NetworkPartner(
                region=ctx.regions["33.75"],
                name=name,
                kind=kind,
                contact_name=ctx.person_name(ctx.pick("MF")),
                phone=ctx.phone(),
            )
            for name, kind in NETWORK
        ]
    )
    ctx.partners = {partner.name: partner for partner in partners}
    Agreement.objects.bulk_create(
        [
            Agreement(
                region=ctx.companies[key].region,
                company=ctx.companies[key],
                kind=kind,
                number=number,
                title=(
                    "Kerja sama pelatihan, pemagangan dan penempatan lulusan – "
                    f"{ctx.companies[key].name}"
                ),
                signed_on=(
                    None if status == DRAFT else date.fromisoformat(valid_from) - timedelta(days=7)
                ),
                valid_from=date.fromisoformat(valid_from),
                valid_until=date.fromisoformat(valid_until),
                status=status,
            )
            for key, kind, number, valid_from, valid_until, status in AGREEMENTS
        ]
    )
    _internship_programs(ctx)


def _internship_programs(ctx: Ctx) -> None:
    approved = []
    for key, title, months, theory in INTERNSHIP_PROGRAMS:
        region = ctx.companies[key].region.code
        submitted = date(2020, 3, 2) if region == "33.75" else date(2025, 2, 3)
        approved.append(_program(ctx, key, title, months, theory, submitted, approved=True))
    # One waiting for the office's decision, due within three working days.
    pending = _program(
        ctx,
        "hotel-mutiara",
        "Pemagangan Front Office dan Tata Graha",
        6,
        20,
        date(2026, 11, 20),
        approved=False,
    )
    InternshipProgram.objects.bulk_create([*approved, pending, _overdue_program(ctx)])
    ctx.internship_programs = {
        key: program for (key, *_), program in zip(INTERNSHIP_PROGRAMS, approved, strict=True)
    }


def _program(
    ctx: Ctx, key: str, title: str, months: int, theory: int, submitted: date, *, approved: bool
) -> InternshipProgram:
    company = ctx.companies[key]
    status = InternshipProgram.Status
    return InternshipProgram(
        region=company.region,
        company=company,
        title=title,
        description=(
            f"{title} di {company.name}: praktik kerja langsung di unit produksi/operasional "
            "dengan pembimbing, didahului pembekalan teori."
        ),
        facilities="Ruang kelas, area praktik, alat pelindung diri, loker.",
        supervisors=f"{ctx.person_name('M')} (supervisor), {ctx.person_name('F')} (HRD)",
        plan=(
            f"Bulan 1: orientasi dan teori ({theory} %); bulan 2–{months}: praktik kerja "
            "terbimbing dengan evaluasi bulanan."
        ),
        duration_months=months,
        theory_pct=theory,
        status=status.APPROVED if approved else status.SUBMITTED,
        submitted_at=at(submitted, 10),
        decision_due_on=add_working_days(submitted, 3, ctx.holidays),
        decided_at=at(submitted + timedelta(days=2), 14) if approved else None,
        decision_note="Program memenuhi ketentuan Permenaker 6/2020." if approved else "",
    )


def _overdue_program(ctx: Ctx) -> InternshipProgram:
    """A request the office has not decided in time, flagged as overdue on the office's
    list. Built without the random generators so the rest of the demo stays the same."""
    company = ctx.companies["bengkel-sinar"]
    submitted = date(2026, 11, 12)
    title = "Pemagangan Servis Sepeda Motor Injeksi"
    return InternshipProgram(
        region=company.region,
        company=company,
        title=title,
        description=(
            f"{title} di {company.name}: diagnosis dan servis sistem injeksi dengan "
            "pembimbing, didahului pembekalan teori."
        ),
        facilities="Area servis, alat diagnosis injeksi, alat pelindung diri.",
        supervisors="Kepala bengkel (pembimbing utama), mekanik senior (pendamping)",
        plan="Bulan 1: teori dan keselamatan kerja (15 %); bulan 2–6: praktik servis terbimbing.",
        duration_months=6,
        theory_pct=15,
        status=InternshipProgram.Status.SUBMITTED,
        submitted_at=at(submitted, 9),
        decision_due_on=add_working_days(submitted, 3, ctx.holidays),
    )
