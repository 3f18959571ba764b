"""Distribution rounds: formations with quotas, voluntary ranked applications and the
allocation with its explanations (referrals follow in `referrals`).

Every formation ranks by the competency-test score (ties by the round's seeded lottery), so
applicant-proposing deferred acceptance reduces to serving applicants in priority order,
each taking their best eligible choice that still has a seat; that is what is computed here.
Twice a year per region: stage I in June (start in July), stage II in December (start in
January); Kota Pekalongan's stage II of 2026 is open now.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from jejaring.assessment.models import Candidate
from jejaring.core.dates import add_months, age_on
from jejaring.demo.loader.common import Ctx, at, next_monday
from jejaring.demo.loader.referrals import make_referrals
from jejaring.employers.models import Company, Formation
from jejaring.internships.models import InternshipProgram, ProgramFormation
from jejaring.placement.models import (
    AllocationResult,
    AllocationRound,
    Application,
    ApplicationChoice,
    RoundFormation,
)
from jejaring.trainees.models import education_meets
from jejaring.training.models import Enrolment

# region -> [(year, stage)]; the last Kota Pekalongan round is open now.
ROUNDS = {
    "33.75": [(year, stage) for year in range(2020, 2027) for stage in (1, 2)],
    "33.19": [(2025, 2), (2026, 1)],
}
# (vocation, kind) -> (title, KBJI 2014)
TITLES = {
    ("otomotif-sepeda-motor", "job"): ("Mekanik Sepeda Motor", "7231"),
    ("otomotif-sepeda-motor", "internship"): ("Magang Mekanik Sepeda Motor", "7231"),
    ("menjahit-garmen", "job"): ("Operator Jahit", "8153"),
    ("menjahit-garmen", "internship"): ("Magang Operator Jahit", "8153"),
    ("perhotelan", "job"): ("Room Attendant", "9112"),
    ("perhotelan", "internship"): ("Magang Room Attendant", "9112"),
    ("tata-boga", "job"): ("Cook Helper", "9412"),
    ("tata-boga", "internship"): ("Magang Dapur Hotel", "9412"),
    ("pangkas-rambut", "job"): ("Kapster Pangkas Rambut", "5141"),
    ("operator-komputer", "job"): ("Staf Administrasi / Operator Komputer", "4132"),
}
# Monthly pay of job formations, about the city's minimum wage of the year.
PAY = dict(zip(range(2020, 2028), [2_072_000, 2_139_000, 2_156_000, 2_335_000, 2_389_000,
                                   2_540_000, 2_690_000, 2_820_000], strict=True))  # fmt: skip


@dataclass
class Round:
    region_code: str
    year: int
    stage: int
    is_open: bool
    previous_cut: date | None

    @property
    def opens(self) -> date:
        if self.stage == 1:
            return date(self.year, 6, 1)
        return date(self.year, 11, 16 if self.is_open else 23)

    @property
    def closes(self) -> date:
        return date(self.year, 6, 19) if self.stage == 1 else date(self.year, 12, 11)

    @property
    def published(self) -> date:
        return self.closes + timedelta(days=5)

    @property
    def start(self) -> date:
        """When placed people start: July after stage I, January after stage II."""
        if self.stage == 1:
            return next_monday(date(self.year, 7, 6))
        return next_monday(date(self.year + 1, 1, 11))


def load_placement(ctx: Ctx) -> None:
    graduates = sorted(
        (e for e in ctx.enrolments if e.status == Enrolment.Status.GRADUATED),
        key=lambda e: (e.graduated_on, e.pk),
    )
    for region_code, rounds in ROUNDS.items():
        region_grads = [e for e in graduates if e.region.code == region_code]
        placed: set[int] = set()  # persons already at work or in an internship
        letters: dict[int, int] = defaultdict(int)  # referral letter numbers per year
        previous_cut: date | None = None
        for n, (year, stage) in enumerate(rounds):
            is_open = region_code == "33.75" and n == len(rounds) - 1
            spec = Round(region_code, year, stage, is_open, previous_cut)
            _round(ctx, spec, region_grads, placed, letters)
            previous_cut = spec.opens


def _round(
    ctx: Ctx, spec: Round, graduates: list[Enrolment], placed: set[int], letters: dict[int, int]
) -> None:
    seed = ctx.rng.getrandbits(48)
    name = f"Penyaluran Lulusan Tahap {'I' if spec.stage == 1 else 'II'} {spec.year}"
    digest = hashlib.sha256(f"{name}:{seed}".encode()).hexdigest()
    rnd = AllocationRound.objects.create(
        region=ctx.regions[spec.region_code],
        name=name,
        max_choices=3,
        seed=seed,
        input_digest="" if spec.is_open else digest,
        status=AllocationRound.Status.OPEN if spec.is_open else AllocationRound.Status.PUBLISHED,
        opens_at=at(spec.opens, 8),
        closes_at=at(spec.closes, 16),
        allocated_at=None if spec.is_open else at(spec.closes + timedelta(days=4), 10),
        published_at=None if spec.is_open else at(spec.published, 10),
        created_at=at(spec.opens - timedelta(days=10)),
    )
    ctx.rounds.append(rnd)
    formations = _formations(ctx, spec)
    RoundFormation.objects.bulk_create(
        [RoundFormation(round=rnd, formation=f, seats=f.quota) for f in formations]
    )
    applications, choices = _applications(ctx, spec, rnd, formations, graduates, placed)
    if not spec.is_open:
        assigned = _allocate(rnd, applications, choices)
        make_referrals(ctx, rnd, assigned, placed, letters, spec.published, spec.start)


def _formations(ctx: Ctx, spec: Round) -> list[Formation]:
    rows: list[Formation] = []
    for key, company in ctx.companies.items():
        if company.region.code != spec.region_code or not company.is_partner:
            continue
        if key == "transmart" or not ctx.chance(0.8 if spec.region_code == "33.19" else 0.55):
            continue
        vocation = ctx.pick(ctx.company_hires[company.pk])
        internship = (
            key in ctx.internship_programs
            and (vocation, "internship") in TITLES
            and ctx.chance(0.5)
        )
        rows.append(_formation(ctx, spec, company, vocation, internship))
    if spec.region_code == "33.75" and (spec.year, spec.stage) == (2026, 1):
        # Someone must be in an internship now (with BPJS cover): a sure one.
        garment = ctx.companies["batik-garmen"]
        rows = [f for f in rows if f.company is not garment]
        sure = _formation(ctx, spec, garment, "menjahit-garmen", internship=True)
        ctx.sure_formations.add(id(sure))
        rows.append(sure)
    if spec.region_code == "33.75" and ((spec.year, spec.stage) == (2021, 1) or spec.is_open):
        # The retailer that takes every vocation: six hired in 2021, a new call now.
        retailer = _formation(ctx, spec, ctx.companies["transmart"], None, internship=False)
        retailer.quota = 6 if spec.year == 2021 else 8
        ctx.sure_formations.add(id(retailer))
        rows.append(retailer)
    Formation.objects.bulk_create(rows)
    through = Formation.vocations.through
    links = []
    for formation in rows:
        code = ctx.formation_vocation[id(formation)]
        if code is not None:
            links.append(through(formation_id=formation.pk, vocation_id=ctx.vocations[code].pk))
    through.objects.bulk_create(links)
    programs = (
        (formation, _program_of(ctx, formation.company, formation.kind == "internship"))
        for formation in rows
    )
    ProgramFormation.objects.bulk_create(
        ProgramFormation(formation=formation, program=program)
        for formation, program in programs
        if program is not None
    )
    return rows


def _program_of(ctx: Ctx, company: Company, internship: bool) -> InternshipProgram | None:
    """An internship formation runs under its company's approved demo program, if any."""
    return ctx.internship_programs.get(ctx.company_key[company.pk]) if internship else None


def _formation(
    ctx: Ctx, spec: Round, company: Company, vocation: str | None, internship: bool
) -> Formation:
    kind = "internship" if internship else "job"
    if vocation is None:
        title, kbji = "Pramuniaga dan Kasir (semua kejuruan)", "5223"
    else:
        title, kbji = TITLES[(vocation, kind)]
    program = _program_of(ctx, company, internship)
    size = company.workforce_size
    if internship:  # at most 20 % of the workforce (Permenaker 6/2020)
        quota = max(1, min(int(size * 0.2), ctx.rng.randint(2, 4)))
    else:
        quota = 1 if size < 20 else ctx.rng.randint(1, 2) if size < 100 else ctx.rng.randint(2, 4)
    start = spec.start
    formation = Formation(
        region=company.region,
        company=company,
        kind=kind,
        title=title,
        kbji_code=kbji,
        description=f"{title} di {company.name}.",
        accepts_all_vocations=vocation is None,
        quota=quota,
        location=company.region.name,
        period_start=start,
        period_end=add_months(start, program.duration_months) if program else None,
        monthly_pay=ctx.pick([1_200_000, 1_400_000, 1_500_000]) if internship else PAY[start.year],
        min_result=ctx.pick(list(Formation.MinimumResult.values)),
        min_score=Decimal("75.00") if ctx.chance(0.15) else None,
        min_age=17 if internship else 18,
        max_age=ctx.pick([30, 35, None]),
        min_education=ctx.pick(["smp", "sma", "sma"]),
        requirements="Sehat jasmani dan rohani; bersedia bekerja bergilir (shift).",
        closes_on=spec.closes,
        status=Formation.Status.OPEN if spec.is_open else Formation.Status.CLOSED,
        created_at=at(spec.opens - timedelta(days=14)),
    )
    ctx.formation_vocation[id(formation)] = vocation
    return formation


def _applications(
    ctx: Ctx,
    spec: Round,
    rnd: AllocationRound,
    formations: list[Formation],
    graduates: list[Enrolment],
    placed: set[int],
) -> tuple[list[Application], list[ApplicationChoice]]:
    """New graduates apply with a 60 % chance; earlier ones still within reach of the
    12-month window sometimes apply again. One application per person and round."""
    latest: dict[int, Enrolment] = {}
    for e in graduates:
        assert e.graduated_on is not None
        if e.graduated_on >= spec.opens or e.person.pk in placed:
            continue
        fresh = spec.previous_cut is None or e.graduated_on >= spec.previous_cut
        recent = add_months(e.graduated_on, 10) >= spec.start
        if (fresh and ctx.chance(0.6)) or (not fresh and recent and ctx.chance(0.3)):
            latest[e.person.pk] = e
    lottery = random.Random(rnd.seed)
    applications: list[Application] = []
    choices: list[ApplicationChoice] = []
    anyone = next((f for f in formations if f.accepts_all_vocations), None)
    for enrolment in sorted(latest.values(), key=lambda e: (e.graduated_on, e.pk)):
        vocation = enrolment.batch.program.vocation.code
        fitting = [f for f in formations if ctx.formation_vocation[id(f)] == vocation]
        options = ctx.rng.sample(fitting, min(len(fitting), ctx.rng.randint(1, 3)))
        if anyone is not None and (not spec.is_open or ctx.chance(0.4)):
            options = [*options[:2], anyone]
        if not options:
            continue
        draft = spec.is_open and ctx.chance(0.15)
        submitted = ctx.days_after(spec.opens, 0, (spec.closes - spec.opens).days)
        application = Application(
            region=rnd.region,
            round=rnd,
            person=enrolment.person,
            enrolment=enrolment,
            status=Application.Status.DRAFT if draft else Application.Status.SUBMITTED,
            submitted_at=None if draft else at(min(submitted, ctx.today), ctx.rng.randint(8, 21)),
            lottery_number=None if spec.is_open else lottery.getrandbits(31),
        )
        applications.append(application)
        candidate = ctx.candidates.get(enrolment.pk)
        for rank, formation in enumerate(options, start=1):
            # Eligibility and priority are fixed when a round closes.
            reason = "" if spec.is_open else _ineligible(enrolment, candidate, formation)
            decided = not spec.is_open
            choices.append(
                ApplicationChoice(
                    application=application,
                    formation=formation,
                    rank=rank,
                    eligible=not reason if decided else None,
                    ineligible_reason=reason,
                    priority=candidate.score if decided and not reason and candidate else None,
                    tested_on=candidate.assessed_on
                    if decided and not reason and candidate
                    else None,
                )
            )
    Application.objects.bulk_create(applications)
    ApplicationChoice.objects.bulk_create(choices)
    return applications, choices


def _ineligible(enrolment: Enrolment, candidate: Candidate | None, formation: Formation) -> str:
    person = enrolment.person
    if candidate is None or candidate.score is None:
        return "no_assessment"
    if (
        formation.min_result == Formation.MinimumResult.COMPETENT
        and candidate.result != Candidate.Result.COMPETENT
    ):
        return "not_competent"
    if formation.min_score is not None and candidate.score < formation.min_score:
        return "score_below_minimum"
    if not education_meets(person.education, formation.min_education):
        return "education"
    start = formation.period_start
    assert start is not None
    age = age_on(person.birth_date, start)
    too_old = formation.max_age is not None and age > formation.max_age
    too_young = formation.min_age is not None and age < formation.min_age
    return "age" if too_old or too_young else ""


def _allocate(
    rnd: AllocationRound, applications: list[Application], choices: list[ApplicationChoice]
) -> list[tuple[Application, Formation]]:
    by_app: dict[int, list[ApplicationChoice]] = defaultdict(list)
    for choice in choices:
        by_app[id(choice.application)].append(choice)
    seats = {choice.formation.pk: choice.formation.quota for choice in choices}
    admitted: dict[int, list[Decimal]] = defaultdict(list)
    won: dict[int, ApplicationChoice] = {}

    def priority(app: Application) -> tuple[Decimal, int]:
        scores = [c.priority for c in by_app[id(app)] if c.priority is not None]
        return (-(scores[0] if scores else Decimal(0)), app.lottery_number or 0)

    for app in sorted(applications, key=priority):
        for choice in by_app[id(app)]:
            if choice.eligible and seats[choice.formation.pk] > 0:
                seats[choice.formation.pk] -= 1
                admitted[choice.formation.pk].append(choice.priority or Decimal(0))
                won[id(app)] = choice
                break
    results = []
    assigned = []
    for app in applications:
        got = won.get(id(app))
        explanation: list[dict[str, object]] = []
        for choice in by_app[id(app)]:
            if got is not None and choice.rank >= got.rank:
                break
            entry: dict[str, object] = {"formation": choice.formation.pk, "rank": choice.rank}
            if not choice.eligible:
                entry.update(reason="ineligible", detail=choice.ineligible_reason)
            else:
                cutoff = min(admitted[choice.formation.pk], default=None)
                entry.update(reason="full", cutoff=None if cutoff is None else str(cutoff))
            explanation.append(entry)
        results.append(
            AllocationResult(
                round=rnd,
                application=app,
                formation=got.formation if got else None,
                choice_rank=got.rank if got else None,
                explanation=explanation,
            )
        )
        if got is not None:
            assigned.append((app, got.formation))
    AllocationResult.objects.bulk_create(results)
    return assigned
