"""Tracer follow-ups of graduates at 3, 6 and 12 months, and their answers.

Absorption rate of graduation year Y (the definition the demo is built to, and the office's
default indicator definition):

* graduates of Y: enrolments with status "graduated" and `graduated_on` in Y (each
  enrolment is one graduate; nobody graduates twice in one year in the demo);
* absorbed: those graduates with at least one follow-up whose *current* answer has status
  "employed" and `started_on` no later than `graduated_on` + 12 months. Internship and
  self-employment do not count.

Kota Pekalongan 2020 comes out at exactly 80 of 190 = 42.1 % (40 of 95 at the BLK and 40
of 95 at the LPKS, so the BLK alone is 42.1 % too); 2021–2024 are set to about 45, 48, 52
and 55 %; 2025 and 2026 are partial because not every follow-up is due yet. Employment
through a referral comes from the referral's dates; the rest of the absorbed found work on
their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from jejaring.core.dates import add_months
from jejaring.demo.loader.common import Ctx, at
from jejaring.outcomes import summaries
from jejaring.outcomes.models import FollowUp, FollowUpAnswer, OutcomeStatus
from jejaring.placement.models import Referral
from jejaring.training.models import Enrolment

POINTS = (3, 6, 12)
WINDOW_MONTHS = 12
TARGET_RATES = {2021: 0.45, 2022: 0.48, 2023: 0.52, 2024: 0.55}
#: Elsewhere (2025, 2026, Kudus) each graduate not placed by referral finds work on their own
#: with this chance, some of them after the demo's today (not visible yet).
PARTIAL_FOUND_WORK = 0.5
#: 2020, per institution kind: 40 of 95 at the BLK and 40 of 95 at the LPKS.
TARGET_2020 = {"blk": (95, 40), "lpks": (95, 40)}

EMPLOYERS_ELSEWHERE = [
    "Toko Batik Pesisir Kauman",
    "Pabrik garmen di KEK Batang",
    "Minimarket di Wiradesa",
    "Konveksi rumahan di Buaran",
    "Hotel di Semarang",
    "Bengkel motor di Kajen",
    "Rumah makan di Kabupaten Pekalongan",
    "PT Sinar Pantura Logistik",
    "Pabrik tekstil di Kabupaten Pekalongan",
    "Kafe di Jalan Hayam Wuruk",
    "Toko ponsel di Pasar Banjarsari",
    "Pabrik rokok di Kudus",
]
BUSINESSES = {
    "otomotif-sepeda-motor": ["Bengkel motor rumahan", "Jasa servis motor panggilan"],
    "menjahit-garmen": ["Jasa jahit dan permak pakaian", "Konveksi rumahan (makloon)"],
    "perhotelan": ["Usaha laundry kiloan", "Jasa kebersihan rumah dan kos"],
    "pangkas-rambut": ["Pangkas rambut di rumah", "Barbershop kecil"],
    "operator-komputer": ["Jasa pengetikan dan fotokopi", "Toko daring di marketplace"],
    "tata-boga": ["Katering rumahan", "Usaha kue basah", "Warung makan"],
}


@dataclass
class _State:
    status: str
    company: Any = None
    employer_name: str = ""
    via_referral: bool = False
    started_on: date | None = None
    business_kind: str = ""
    income: int | None = None


@dataclass
class _Track:
    enrolment: Enrolment
    timeline: list[tuple[date, _State]] = field(default_factory=list)
    forced: bool = False

    def state_on(self, day: date) -> _State:
        current = self.timeline[0][1]
        for since, state in sorted(self.timeline, key=lambda entry: entry[0]):
            if since <= day:
                current = state
        return current


def load_outcomes(ctx: Ctx) -> None:
    graduates = sorted(
        (e for e in ctx.enrolments if e.status == Enrolment.Status.GRADUATED),
        key=lambda e: (e.graduated_on, e.pk),
    )
    tracks = [_base_track(ctx, e) for e in graduates]
    later_enrolment = _starts_again_within_a_year(ctx)
    groups: dict[tuple[str, int, str], list[_Track]] = defaultdict(list)
    for track in tracks:
        e = track.enrolment
        assert e.graduated_on is not None
        kind = str(e.institution.kind) if e.graduated_on.year == 2020 else "*"
        groups[(e.region.code, e.graduated_on.year, kind)].append(track)
    for (region_code, year, kind), members in sorted(groups.items()):
        if region_code == "33.75" and (year == 2020 or year in TARGET_RATES):
            if year == 2020:
                expected, target = TARGET_2020[kind]
                if len(members) != expected:
                    raise RuntimeError(f"2020 {kind}: {len(members)} graduates, not {expected}")
            else:
                target = round(TARGET_RATES[year] * len(members))
            _hit_target(ctx, members, target, later_enrolment)
        else:
            for track in members:
                if len(track.timeline) == 1 and ctx.chance(PARTIAL_FOUND_WORK):
                    _found_work(ctx, track)
    for track in tracks:
        if not _employed_by_window(ctx, track):
            _other_fate(ctx, track)
    _write(ctx, tracks)
    # The per-graduate facts the indicators read, as the tracer's services keep them.
    summaries.refresh(enrolment_ids=[track.enrolment.pk for track in tracks])


def _base_track(ctx: Ctx, enrolment: Enrolment) -> _Track:
    assert enrolment.graduated_on is not None
    track = _Track(enrolment, [(enrolment.graduated_on, _State(OutcomeStatus.NOT_WORKING))])
    referral: Referral | None = ctx.referral_by_enrolment.get(enrolment.pk)
    if referral is None or referral.started_on is None:
        return track
    company = referral.company
    pay = referral.formation.monthly_pay
    if referral.formation.kind == "job":
        track.timeline.append(
            (
                referral.started_on,
                _State(
                    OutcomeStatus.EMPLOYED,
                    company,
                    company.name,
                    True,
                    referral.started_on,
                    income=pay,
                ),
            )
        )
        return track
    track.timeline.append(
        (
            referral.started_on,
            _State(
                OutcomeStatus.INTERNSHIP,
                company,
                company.name,
                True,
                referral.started_on,
                income=pay,
            ),
        )
    )
    if referral.status == Referral.Status.HIRED and referral.hired_on:
        track.timeline.append(
            (
                referral.hired_on,
                _State(
                    OutcomeStatus.EMPLOYED,
                    company,
                    company.name,
                    True,
                    referral.hired_on,
                    income=pay + 800_000,
                ),
            )
        )
    elif referral.ended_on:
        track.timeline.append((referral.ended_on, _State(OutcomeStatus.NOT_WORKING)))
    return track


def _starts_again_within_a_year(ctx: Ctx) -> set[int]:
    """Graduations followed within 12 months by another package of the same person."""
    starts: dict[int, list[date]] = defaultdict(list)
    for e in ctx.enrolments:
        starts[e.person_id].append(e.batch.start_date)
    return {
        id(e)
        for e in ctx.enrolments
        if e.graduated_on
        and any(
            e.graduated_on < s <= add_months(e.graduated_on, WINDOW_MONTHS)
            for s in starts[e.person_id]
        )
    }


def _window_end(track: _Track) -> date:
    assert track.enrolment.graduated_on is not None
    return add_months(track.enrolment.graduated_on, WINDOW_MONTHS)


def _employed_by_window(ctx: Ctx, track: _Track) -> bool:
    last_due = min(_window_end(track), ctx.today)
    return track.state_on(last_due).status == OutcomeStatus.EMPLOYED


def _hit_target(ctx: Ctx, members: list[_Track], target: int, busy: set[int]) -> None:
    through_referral = [t for t in members if _employed_by_window(ctx, t)]
    if len(through_referral) > target:
        raise RuntimeError(f"{len(through_referral)} placed by referral, above target {target}")
    free = [t for t in members if len(t.timeline) == 1]
    preferred = [t for t in free if id(t.enrolment) not in busy]
    others = [t for t in free if id(t.enrolment) in busy]
    ctx.rng.shuffle(preferred)
    chosen = (preferred + others)[: target - len(through_referral)]
    if len(chosen) < target - len(through_referral):
        raise RuntimeError("not enough graduates left to reach the absorption target")
    for track in chosen:
        _found_work(ctx, track, within_window=True)
    for track in through_referral + chosen:
        track.forced = True


def _found_work(ctx: Ctx, track: _Track, *, within_window: bool = False) -> None:
    e = track.enrolment
    assert e.graduated_on is not None
    start = e.graduated_on + timedelta(days=ctx.rng.randint(20, 330))
    if within_window:
        start = min(start, _window_end(track) - timedelta(days=7))
    region = e.region.code
    local = [
        c
        for k, c in ctx.companies.items()
        if c.region.code == region
        and k != "transmart"
        and e.batch.program.vocation.code in ctx.company_hires[c.pk]
    ]
    company = ctx.pick(local) if local and ctx.chance(0.45) else None
    name = company.name if company else ctx.pick(EMPLOYERS_ELSEWHERE)
    income = ctx.rng.randrange(1_700_000, 3_200_000, 50_000)
    track.timeline.append(
        (start, _State(OutcomeStatus.EMPLOYED, company, name, False, start, income=income))
    )


def _other_fate(ctx: Ctx, track: _Track) -> None:
    if len(track.timeline) > 1:
        return  # an internship that ended without a job: stays as it is
    e = track.enrolment
    assert e.graduated_on is not None
    roll = ctx.rng.random()
    if roll < 0.42:
        start = e.graduated_on + timedelta(days=ctx.rng.randint(15, 300))
        kind = ctx.pick(BUSINESSES[e.batch.program.vocation.code])
        track.timeline.append(
            (
                start,
                _State(
                    OutcomeStatus.SELF_EMPLOYED,
                    started_on=start,
                    business_kind=kind,
                    income=ctx.rng.randrange(800_000, 3_000_000, 50_000),
                ),
            )
        )
    elif roll < 0.49:
        start = e.graduated_on + timedelta(days=ctx.rng.randint(40, 200))
        track.timeline.append((start, _State(OutcomeStatus.STUDYING, started_on=start)))


def _write(ctx: Ctx, tracks: list[_Track]) -> None:
    follow_ups: list[FollowUp] = []
    answers: list[FollowUpAnswer] = []
    for track in tracks:
        e = track.enrolment
        assert e.graduated_on is not None
        silent = not track.forced and ctx.chance(0.1)
        for months in POINTS:
            due = add_months(e.graduated_on, months)
            follow_up = FollowUp(
                region=e.region,
                enrolment=e,
                person=e.person,
                institution=e.institution,
                months_after=months,
                due_on=due,
                link_nonce=ctx.token(),
                link_sent_at=at(due, 8) if due <= ctx.today else None,
            )
            follow_ups.append(follow_up)
            if due > ctx.today or silent:
                continue
            must = track.forced and months == WINDOW_MONTHS
            if not must and not ctx.chance(0.8):
                continue  # no reply at this point: counted as unknown
            answers.extend(_answers(ctx, follow_up, track.state_on(due), must))
    FollowUp.objects.bulk_create(follow_ups, batch_size=1000)
    FollowUpAnswer.objects.bulk_create(answers, batch_size=1000)
    _tally(ctx, answers)


def _answers(ctx: Ctx, follow_up: FollowUp, state: _State, must: bool) -> list[FollowUpAnswer]:
    due = follow_up.due_on
    latest = (ctx.today - due).days
    recorded = due + timedelta(days=ctx.rng.randint(0, min(25, latest)))
    rows = []
    if not must and ctx.chance(0.05):
        return [
            FollowUpAnswer(
                follow_up=follow_up,
                status=OutcomeStatus.UNKNOWN,
                source=FollowUpAnswer.Source.PHONE_SURVEY,
                is_current=True,
                recorded_at=at(recorded, 11),
            )
        ]
    if latest > 40 and ctx.chance(0.05):
        # History: a first, rougher answer later corrected; only the last one is current.
        rows.append(
            FollowUpAnswer(
                follow_up=follow_up,
                source=FollowUpAnswer.Source.PHONE_SURVEY,
                is_current=False,
                status=ctx.pick([OutcomeStatus.UNKNOWN, OutcomeStatus.NOT_WORKING]),
                recorded_at=at(recorded, 10),
            )
        )
        recorded += timedelta(days=ctx.rng.randint(7, 14))
    if state.status in (OutcomeStatus.EMPLOYED, OutcomeStatus.INTERNSHIP) and state.via_referral:
        source = ctx.pick([FollowUpAnswer.Source.REFERRAL, FollowUpAnswer.Source.COMPANY])
    elif state.company is not None:
        source = ctx.pick([FollowUpAnswer.Source.COMPANY, FollowUpAnswer.Source.SELF])
    else:
        source = ctx.pick([FollowUpAnswer.Source.SELF, FollowUpAnswer.Source.PHONE_SURVEY])
    registered = state.status == OutcomeStatus.SELF_EMPLOYED and ctx.chance(0.3)
    rows.append(
        FollowUpAnswer(
            follow_up=follow_up,
            status=state.status,
            source=source,
            company=state.company,
            employer_name=state.employer_name,
            via_referral=state.via_referral,
            business_kind=state.business_kind,
            business_registration=f"{ctx.rng.randrange(10**12, 10**13)}" if registered else "",
            started_on=state.started_on,
            monthly_income=state.income,
            is_current=True,
            recorded_at=at(recorded, ctx.rng.randint(9, 16)),
        )
    )
    return rows


def _tally(ctx: Ctx, answers: list[FollowUpAnswer]) -> None:
    """Absorption per region and graduation year, from the rows just written, by the
    definition in the module docstring; the 2020 figure is checked here."""
    absorbed: set[int] = set()
    for answer in answers:
        if answer.is_current and answer.status == OutcomeStatus.EMPLOYED and answer.started_on:
            e = answer.follow_up.enrolment
            assert e.graduated_on is not None
            if answer.started_on <= add_months(e.graduated_on, WINDOW_MONTHS):
                absorbed.add(e.pk)
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for e in ctx.enrolments:
        if e.status == Enrolment.Status.GRADUATED and e.graduated_on:
            cell = counts[(e.region.code, e.graduated_on.year)]
            cell[0] += 1
            cell[1] += e.pk in absorbed
    ctx.absorption = {key: (g, a) for key, (g, a) in sorted(counts.items())}
    if ctx.absorption.get(("33.75", 2020)) != (190, 80):
        raise RuntimeError(f"2020 absorption is {ctx.absorption.get(('33.75', 2020))}")
