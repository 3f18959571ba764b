"""Entrepreneurship in Kota Pekalongan: the graduates who were not absorbed and run a
business, followed up at 6, 12 and 24 months (some still answering at 12 and 24 months,
some closed, some silent); the two-day entrepreneurship package of the 2025 plan in each of
the 27 kelurahan; mentoring, an NIB and a KUR referral; and five TKM Pemula groups at
every step of the grant — one accounted for, one whose grant of 2025 was never accounted
for, one whose report waits for the office's check, one selected and one just submitted.

Businesses come from the tracer: a graduate whose current answer says "wirausaha" gets a
business with the tracer's start date and kind, linked to the training. Group members are
people of the kelurahan who are not employed and aged 17–55, as the grant rule requires;
the rule is the region's default TKM Pemula row (`jejaring.enterprise.defaults`)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import Q

from jejaring.accounts.models import User
from jejaring.core.dates import add_months, age_on
from jejaring.demo.loader.common import Ctx, at
from jejaring.employers.models import Formation
from jejaring.enterprise.models import (
    FOLLOW_UP_POINTS,
    BudgetLine,
    Business,
    BusinessFollowUp,
    BusinessFollowUpAnswer,
    BusinessKind,
    EnterpriseGroup,
    GrantProposal,
    GrantRule,
    GrantScheme,
    GroupMember,
    MentoringVisit,
    ReportFile,
    RevenueBand,
    SupportCase,
)
from jejaring.jobseekers.models import CardStatus, JobSeekerCard
from jejaring.outcomes.models import FollowUpAnswer, OutcomeStatus
from jejaring.placement.models import Referral
from jejaring.regions.areas import load_areas
from jejaring.trainees.models import Person

#: Vocation of the training -> (field of business, KBLI 2020 code or "").
_KIND_OF = {
    "otomotif-sepeda-motor": (BusinessKind.TRADE, ""),
    "menjahit-garmen": (BusinessKind.CREATIVE, ""),
    "perhotelan": (BusinessKind.TRADE, "96200"),
    "pangkas-rambut": (BusinessKind.TRADE, "96111"),
    "operator-komputer": (BusinessKind.TRADE, ""),
    "tata-boga": (BusinessKind.FOOD, "56210"),
}
_REVENUE = [
    (RevenueBand.UNDER_1M, 2),
    (RevenueBand.FROM_1M, 5),
    (RevenueBand.FROM_5M, 3),
    (RevenueBand.FROM_15M, 1),
]
_MENTORS = ["Siti Rohmah (pendamping PLUT-KUMKM)", "Agus Salim (penyuluh Dinperinaker)"]
_PDF = b"%PDF-1.4\n% kuitansi demo\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def load_enterprise(ctx: Ctx, users: dict[str, User]) -> None:
    region = ctx.regions["33.75"]
    staff = users["staf.pekalongan"]
    available = _not_employed(region)
    businesses = _alumni_businesses(ctx, region, staff)
    _support(ctx, region, businesses)
    _kelurahan_packages(ctx, region, available)
    _groups(ctx, region, staff, available)


def _not_employed(region: Any) -> list[Person]:
    """People of the region who may join a group: no job through a referral, no AK/1 card
    closed as hired, and no current tracer answer saying they work for a company."""
    referred = Referral.objects.filter(
        Q(status=Referral.Status.HIRED)
        | Q(status=Referral.Status.STARTED, formation__kind=Formation.Kind.JOB),
        ended_on__isnull=True,
    ).values("person_id")
    hired = JobSeekerCard.objects.filter(status=CardStatus.HIRED).values("person_id")
    working = FollowUpAnswer.objects.filter(is_current=True, status=OutcomeStatus.EMPLOYED).values(
        "follow_up__person_id"
    )
    return list(
        Person.objects.filter(region=region)
        .exclude(pk__in=referred)
        .exclude(pk__in=hired)
        .exclude(pk__in=working)
        .exclude(domicile_village_code="")
        .order_by("pk")
    )


def _alumni_businesses(ctx: Ctx, region: Any, staff: User) -> list[Business]:
    """A business for each graduate whose current tracer answer is "wirausaha"."""
    answers = (
        FollowUpAnswer.objects.filter(
            is_current=True,
            status=OutcomeStatus.SELF_EMPLOYED,
            started_on__isnull=False,
            follow_up__enrolment__region=region,
        )
        .select_related("follow_up__enrolment__batch__program__vocation", "follow_up__person")
        .order_by("follow_up__enrolment_id", "follow_up__months_after")
    )
    first: dict[int, FollowUpAnswer] = {}
    for answer in answers:
        first.setdefault(answer.follow_up.enrolment_id, answer)
    businesses: list[Business] = []
    fates: dict[int, tuple[date | None, int]] = {}  # id(business) -> (closes on, workers)
    for answer in first.values():
        enrolment = answer.follow_up.enrolment
        person = answer.follow_up.person
        started = answer.started_on
        assert started is not None
        kind, kbli = _KIND_OF.get(enrolment.batch.program.vocation.code, (BusinessKind.TRADE, ""))
        # About a quarter close within their first year, a third by their second.
        roll = ctx.rng.random()
        closes = None
        if roll < 0.25:
            closes = started + timedelta(days=ctx.rng.randint(120, 360))
        elif roll < 0.35:
            closes = started + timedelta(days=ctx.rng.randint(380, 700))
        if closes is not None and closes > ctx.today:
            closes = None
        workers = ctx.weighted([(0, 5), (1, 3), (2, 2), (3, 1)])
        business = Business(
            region=region,
            person=person,
            enrolment=enrolment,
            name=answer.business_kind or str(kind.label),
            idea=answer.business_kind,
            kind=kind,
            kbli_code=kbli,
            place_regency_code=region.code,
            place_district_code=person.domicile_district_code,
            place_village_code=person.domicile_village_code,
            stage=Business.Stage.CLOSED if closes else Business.Stage.OPERATING,
            started_on=started,
            closed_on=closes,
            nib=answer.business_registration,
            members=1,
            workers=0,
            revenue_band=RevenueBand.NONE,
            created_by=staff,
            created_at=at(max(started, answer.recorded_at.date()), 10),
        )
        businesses.append(business)
        fates[id(business)] = (closes, workers)
    Business.objects.bulk_create(businesses, batch_size=500)
    _follow_ups(ctx, businesses, fates)
    return businesses


def _follow_ups(
    ctx: Ctx, businesses: list[Business], fates: dict[int, tuple[date | None, int]]
) -> None:
    follow_ups: list[BusinessFollowUp] = []
    answers: list[BusinessFollowUpAnswer] = []
    for business in businesses:
        assert business.started_on is not None
        closes, workers = fates[id(business)]
        silent = ctx.chance(0.1)
        for months in FOLLOW_UP_POINTS:
            due = add_months(business.started_on, months)
            follow_up = BusinessFollowUp(
                region=business.region,
                business=business,
                months_after=months,
                due_on=due,
                link_nonce=ctx.token(),
                link_sent_at=at(due, 8) if due <= ctx.today else None,
            )
            follow_ups.append(follow_up)
            if due > ctx.today or silent or not ctx.chance(0.85):
                continue
            operating = closes is None or closes > due
            # Workers come with time: none at six months for most.
            hired = min(workers, months // 6) if operating else 0
            band = ctx.weighted(_REVENUE) if operating else RevenueBand.NONE
            answers.append(
                BusinessFollowUpAnswer(
                    follow_up=follow_up,
                    operating=operating,
                    workers=hired,
                    revenue_band=band,
                    nib=business.nib if months == 24 else "",
                    source=ctx.weighted(
                        [
                            (BusinessFollowUpAnswer.Source.LINK, 3),
                            (BusinessFollowUpAnswer.Source.STAFF, 1),
                        ]
                    ),
                    is_current=True,
                    recorded_at=at(min(ctx.today, due + timedelta(ctx.rng.randint(0, 20))), 11),
                )
            )
            business.workers, business.revenue_band = hired, band
    BusinessFollowUp.objects.bulk_create(follow_ups, batch_size=1000)
    BusinessFollowUpAnswer.objects.bulk_create(answers, batch_size=1000)
    Business.objects.bulk_update(businesses, ["workers", "revenue_band"], batch_size=500)


def _support(ctx: Ctx, region: Any, businesses: list[Business]) -> None:
    """Mentoring for a dozen running businesses, help with an NIB for a few, and one KUR
    referral letter to a bank."""
    running = [b for b in businesses if b.stage == Business.Stage.OPERATING]
    cases: list[SupportCase] = []
    for business in running[:12]:
        assert business.started_on is not None
        start = min(ctx.today, business.started_on + timedelta(days=ctx.rng.randint(30, 90)))
        cases.append(
            SupportCase(
                region=region,
                kind=SupportCase.Kind.MENTORING,
                person=business.person,
                business=business,
                started_on=start,
                ended_on=min(ctx.today, start + timedelta(days=180)),
                description="Pendampingan pembukuan sederhana dan pemasaran daring.",
            )
        )
    for business in [b for b in running[12:] if not b.nib][:4]:
        assert business.started_on is not None
        cases.append(
            SupportCase(
                region=region,
                kind=SupportCase.Kind.NIB_HELP,
                person=business.person,
                business=business,
                started_on=min(ctx.today, business.started_on + timedelta(days=60)),
                description="Pendaftaran NIB usaha mikro melalui OSS di Mal Pelayanan Publik.",
            )
        )
    if running:
        bank = running[-1]
        cases.append(
            SupportCase(
                region=region,
                kind=SupportCase.Kind.KUR_REFERRAL,
                person=bank.person,
                business=bank,
                started_on=ctx.today - timedelta(days=40),
                bank_name="BRI Kantor Cabang Pekalongan",
                loan_amount=25_000_000,
                letter_number="500.15/412/Dinperinaker/2026",
                description="Tambahan modal kerja dan peralatan.",
            )
        )
    SupportCase.objects.bulk_create(cases)
    visits = []
    for case in cases:
        if case.kind != SupportCase.Kind.MENTORING:
            continue
        day = case.started_on
        for _ in range(ctx.rng.randint(1, 3)):
            if day > ctx.today:
                break
            visits.append(
                MentoringVisit(
                    case=case,
                    visited_on=day,
                    mentor=ctx.pick(_MENTORS),
                    notes=ctx.pick(
                        [
                            "Pencatatan kas harian sudah rutin; disarankan memisah uang usaha.",
                            "Foto produk untuk marketplace diperbaiki; harga dihitung ulang.",
                            "Pemilik ingin menambah satu pekerja; dibahas upah dan BPJS.",
                        ]
                    ),
                )
            )
            day += timedelta(days=ctx.rng.randint(30, 60))
    MentoringVisit.objects.bulk_create(visits)


def _kelurahan_packages(ctx: Ctx, region: Any, available: list[Person]) -> None:
    """The 2025 plan's two-day entrepreneurship package in each of the 27 kelurahan: up to
    20 people of the kelurahan each (Rp 17 million per package, Rp 850,000 a person)."""
    by_village: dict[str, list[Person]] = defaultdict(list)
    for person in available:
        by_village[person.domicile_village_code].append(person)
    areas = load_areas()
    day = date(2025, 2, 3)
    cases = []
    for district, _name in areas.districts_of(region.code):
        for village, village_name in areas.villages_of(district):
            for person in by_village.get(village, [])[:20]:
                cases.append(
                    SupportCase(
                        region=region,
                        kind=SupportCase.Kind.TRAINING,
                        person=person,
                        started_on=day,
                        ended_on=day + timedelta(days=1),
                        amount=850_000,
                        description=f"Paket kewirausahaan dua hari Kelurahan {village_name} "
                        "(Rencana Pelatihan 2025, DBHCHT)",
                    )
                )
            day += timedelta(days=7)
    SupportCase.objects.bulk_create(cases, batch_size=500)


#: name, kind, KBLI, kelurahan, members, proposed, what happened after.
_GROUPS = [
    ("KUB Batik Tulis Kergon", BusinessKind.CREATIVE, "", "33.75.01", 12,
     date(2024, 3, 4), "accounted"),
    ("Kelompok Olahan Ikan Panjang Wetan", BusinessKind.FISHERIES, "", "33.75.03", 10,
     date(2025, 2, 10), "unaccounted"),
    ("Kelompok Bengkel Motor Krapyak", BusinessKind.TRADE, "", "33.75.03", 11,
     date(2025, 5, 12), "reported"),
    ("Kelompok Konveksi Medono", BusinessKind.CREATIVE, "", "33.75.01", 13,
     date(2026, 6, 8), "selected"),
    ("Kelompok Kue Basah Banyurip", BusinessKind.FOOD, "10792", "33.75.04", 10,
     date(2026, 10, 19), "submitted"),
]  # fmt: skip


def _groups(ctx: Ctx, region: Any, staff: User, available: list[Person]) -> None:
    rule = GrantRule.objects.get(region=region, scheme=GrantScheme.TKM_PEMULA)
    taken: set[int] = set()
    for name, kind, kbli, district, size, proposed, fate in _GROUPS:
        formed = proposed - timedelta(days=30)
        people = [
            p
            for p in available
            if p.domicile_district_code == district
            and p.pk not in taken
            and rule.min_age <= age_on(p.birth_date, formed) <= rule.max_age
        ][:size]
        taken.update(p.pk for p in people)
        village = people[0].domicile_village_code
        group = EnterpriseGroup.objects.create(
            region=region,
            name=name,
            scheme=GrantScheme.TKM_PEMULA,
            kind=kind,
            kbli_code=kbli,
            place_regency_code=region.code,
            place_district_code=district,
            place_village_code=village,
            created_at=at(formed, 9),
        )
        GroupMember.objects.bulk_create(
            GroupMember(
                group=group,
                person=person,
                role=GroupMember.Role.CHAIR if index == 0 else GroupMember.Role.MEMBER,
                joined_on=formed,
                age_when_checked=age_on(person.birth_date, formed),
                checked_by=staff,
            )
            for index, person in enumerate(people)
        )
        _proposal(ctx, region, staff, rule, group, people[0], proposed, fate)


def _proposal(
    ctx: Ctx,
    region: Any,
    staff: User,
    rule: GrantRule,
    group: EnterpriseGroup,
    chair: Person,
    proposed: date,
    fate: str,
) -> None:
    S = GrantProposal.Status
    status = {
        "accounted": S.ACCOUNTED,
        "unaccounted": S.DISBURSED,
        "reported": S.REPORTED,
        "selected": S.SELECTED,
        "submitted": S.SUBMITTED,
    }[fate]
    decided = proposed + timedelta(days=35)
    disbursed = decided + timedelta(days=40)
    reported = disbursed + timedelta(days=120)
    if fate == "reported":
        reported = ctx.today - timedelta(days=12)
    proposal = GrantProposal.objects.create(
        region=region,
        group=group,
        scheme=group.scheme,
        rule=rule,
        proposed_on=proposed,
        business_plan=f"{group.name}: usaha bersama anggota dengan pemasaran ke pasar dan "
        "toko daring; modal Rp 20 juta untuk peralatan dan bahan awal tiga bulan.",
        status=status,
        decided_at=at(decided, 14) if status != S.SUBMITTED else None,
        disbursed_on=disbursed if fate in ("accounted", "unaccounted", "reported") else None,
        disbursed_amount=rule.amount if fate in ("accounted", "unaccounted", "reported") else None,
        reported_at=at(reported, 10) if fate in ("accounted", "reported") else None,
        checked_at=at(reported + timedelta(days=14), 13) if fate == "accounted" else None,
        checked_by=staff if fate == "accounted" else None,
        status_note=(
            "Laporan belum diserahkan; sudah diingatkan dua kali lewat ketua kelompok."
            if fate == "unaccounted"
            else ""
        ),
    )
    tools = rule.amount * rule.tools_percent // 100
    lines = BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                proposal=proposal,
                category=BudgetLine.Category.TOOLS,
                description="Peralatan produksi utama",
                planned=tools * 2 // 3,
            ),
            BudgetLine(
                proposal=proposal,
                category=BudgetLine.Category.TOOLS,
                description="Peralatan pendukung dan kemasan",
                planned=tools - tools * 2 // 3,
            ),
            BudgetLine(
                proposal=proposal,
                category=BudgetLine.Category.MATERIALS,
                description="Bahan baku tiga bulan pertama",
                planned=rule.amount - tools,
            ),
        ]
    )
    if fate in ("accounted", "reported"):
        for line in lines:
            line.spent = line.planned - ctx.rng.randrange(0, 300_000, 25_000)
            receipt = ReportFile(
                proposal=proposal, line=line, kind=ReportFile.Kind.RECEIPT, uploaded_by=None
            )
            receipt.file.save(f"nota-{proposal.pk}-{line.pk}.pdf", ContentFile(_PDF), save=False)
            receipt.uploaded_at = at(reported - timedelta(days=3), 15)
            receipt.save()
        BudgetLine.objects.bulk_update(lines, ["spent"])
    if proposal.disbursed_on is not None:
        start = proposal.disbursed_on + timedelta(days=10)
        Business.objects.create(
            region=region,
            person=chair,
            group=group,
            name=group.name.replace("Kelompok ", "Usaha ").replace("KUB ", "Usaha "),
            idea=proposal.business_plan,
            kind=group.kind,
            kbli_code=group.kbli_code,
            place_regency_code=region.code,
            place_district_code=group.place_district_code,
            place_village_code=group.place_village_code,
            stage=Business.Stage.OPERATING,
            started_on=start,
            members=group.members.count(),
            workers=2 if fate == "accounted" else 0,
            revenue_band=RevenueBand.FROM_5M if fate == "accounted" else RevenueBand.FROM_1M,
            created_by=staff,
            created_at=at(start, 10),
        )
        SupportCase.objects.create(
            region=region,
            kind=SupportCase.Kind.MENTORING,
            group=group,
            started_on=start,
            description="Pendampingan kelompok penerima bantuan TKM Pemula.",
        )
