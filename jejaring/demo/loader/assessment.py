"""Competency tests after each finished package, their results per unit, and the two kinds
of certificate: the institution's training certificate and the BNSP competency certificate.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from jejaring.assessment.models import (
    AssessmentSession,
    Candidate,
    CompetencyCertificate,
    SessionAssessor,
    TrainingCertificate,
    UnitAssessment,
    UnitResult,
)
from jejaring.assessment.services import certificate_number
from jejaring.core.dates import add_months, add_working_days
from jejaring.demo.loader.common import Ctx, at
from jejaring.training.models import Batch, Enrolment

#: Share of the assessed who are found competent (K).
COMPETENT_SHARE = 0.85


def load_assessment(ctx: Ctx) -> None:
    finished = [b for b in ctx.batches if ctx.batch_state[id(b)] == Batch.Status.FINISHED]
    graduates: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in ctx.enrolments:
        if enrolment.status == Enrolment.Status.GRADUATED:
            graduates[id(enrolment.batch)].append(enrolment)
    sessions = [_session(ctx, batch) for batch in finished]
    AssessmentSession.objects.bulk_create(sessions)
    SessionAssessor.objects.bulk_create(
        [
            SessionAssessor(session=session, assessor=assessor)
            for session in sessions
            for assessor in ctx.session_assessors[id(session)]
        ]
    )
    candidates: list[Candidate] = []
    for session, batch in zip(sessions, finished, strict=True):
        for enrolment in graduates[id(batch)]:
            candidates.append(_candidate(ctx, session, enrolment))
    Candidate.objects.bulk_create(candidates, batch_size=500)
    units: list[UnitAssessment] = []
    for candidate in candidates:
        assert candidate.enrolment is not None
        ctx.candidates[candidate.enrolment.pk] = candidate
        units.extend(_unit_results(ctx, candidate))
    UnitAssessment.objects.bulk_create(units, batch_size=1000)
    _training_certificates(ctx, finished, graduates)
    _competency_certificates(ctx, candidates)
    _retake_session(ctx, candidates)


def _session(ctx: Ctx, batch: Batch) -> AssessmentSession:
    region_code = batch.region.code
    key = ctx.institution_key[batch.institution.pk]
    # The LPKS with its own TUK tests there; everyone else at their region's BLK.
    site = (
        ctx.test_sites.get(key)
        or ctx.test_sites["blk-kds" if region_code == "33.19" else "blk-pkl"]
    )
    day = add_working_days(batch.end_date, ctx.rng.randint(2, 5), ctx.holidays)
    pool = ctx.assessors[region_code]
    lead = pool[0] if ctx.chance(0.65) else ctx.pick(pool[1:])
    second = ctx.pick([a for a in pool if a is not lead])
    session = AssessmentSession(
        region=batch.region,
        scheme=batch.program.scheme,
        lsp=ctx.lsps[region_code],
        test_site=site,
        batch=batch,
        institution=batch.institution,
        date=day,
        status=AssessmentSession.Status.COMPLETED,
    )
    ctx.session_assessors[id(session)] = [lead, second]
    return session


def _candidate(ctx: Ctx, session: AssessmentSession, enrolment: Enrolment) -> Candidate:
    competent = ctx.chance(COMPETENT_SHARE)
    score = min(98.0, max(70.0, ctx.rng.gauss(82, 7))) if competent else ctx.rng.uniform(60, 69.5)
    return Candidate(
        region=session.region,
        session=session,
        person=enrolment.person,
        enrolment=enrolment,
        apl01_submitted_at=at(enrolment.batch.end_date - timedelta(days=5), 10),
        status=Candidate.Status.ASSESSED,
        result=Candidate.Result.COMPETENT if competent else Candidate.Result.NOT_YET_COMPETENT,
        score=Decimal(f"{score:.2f}"),
        assessed_on=session.date,
    )


def _unit_results(ctx: Ctx, candidate: Candidate) -> list[UnitAssessment]:
    units = ctx.scheme_units[candidate.session.scheme_id]
    assessors = ctx.session_assessors[id(candidate.session)]
    assessor = ctx.pick(assessors)
    failed: set[int] = set()
    if candidate.result == Candidate.Result.NOT_YET_COMPETENT:
        failed = set(ctx.rng.sample(range(len(units)), ctx.rng.choice([1, 1, 2])))
    return [
        UnitAssessment(
            candidate=candidate,
            unit=unit,
            assessor=assessor,
            result=UnitResult.NOT_YET_COMPETENT if n in failed else UnitResult.COMPETENT,
            evidence_note=(
                "Praktik belum memenuhi kriteria unjuk kerja; disarankan uji ulang."
                if n in failed
                else ""
            ),
            recorded_at=at(candidate.session.date, 15),
        )
        for n, unit in enumerate(units)
    ]


def _training_certificates(
    ctx: Ctx, finished: list[Batch], graduates: dict[int, list[Enrolment]]
) -> None:
    # Numbered as the service numbers them: per institution and year of issue, gap-free.
    sequence: dict[tuple[int, int], int] = defaultdict(int)
    tokens: set[str] = set()
    certificates = []
    # LPK Busana Batik has not issued its latest package's certificates yet: work waiting
    # in its operator's inbox ("Perlu tindakan").
    lpks = [b for b in finished if ctx.institution_key[b.institution.pk] == "lpks-busana"]
    waiting = max(lpks, key=lambda b: (b.end_date, b.code)) if lpks else None
    for batch in sorted(finished, key=lambda b: (b.end_date, b.code)):
        issued_on = min(batch.end_date + timedelta(days=3), ctx.today)
        for enrolment in sorted(graduates[id(batch)], key=lambda e: e.person.full_name):
            token = ctx.token()
            while token in tokens:
                token = ctx.token()
            tokens.add(token)
            if batch is waiting:
                continue  # the token is drawn all the same: the rest of the demo is unchanged
            key = (batch.institution_id, issued_on.year)
            sequence[key] += 1
            certificate = TrainingCertificate(
                region=batch.region,
                enrolment=enrolment,
                institution=batch.institution,
                number=certificate_number(batch.institution, issued_on.year, sequence[key]),
                verification_token=token,
                issued_on=issued_on,
            )
            certificates.append(certificate)
            ctx.certificates[enrolment.pk] = certificate
    TrainingCertificate.objects.bulk_create(certificates, batch_size=500)


def _competency_certificates(ctx: Ctx, candidates: list[Candidate]) -> None:
    sequence: dict[int, int] = defaultdict(int)
    rows = []
    for candidate in candidates:
        if candidate.result != Candidate.Result.COMPETENT or not ctx.chance(0.7):
            continue
        issued = candidate.session.date + timedelta(days=ctx.rng.randint(25, 50))
        if issued > ctx.today:
            continue  # still being processed by BNSP
        lsp = candidate.session.lsp
        sequence[lsp.pk] += 1
        lsp_number = lsp.license_number.rsplit("-", 1)[-1]
        rows.append(
            CompetencyCertificate(
                region=candidate.region,
                person=candidate.person,
                candidate=candidate,
                scheme=candidate.session.scheme,
                lsp=lsp,
                registration_number=(
                    f"{candidate.session.scheme.code[4:7]} {lsp_number} "
                    f"{sequence[lsp.pk]:07d} {issued.year}"
                ),
                issued_on=issued,
                valid_until=add_months(issued, 36),
            )
        )
    CompetencyCertificate.objects.bulk_create(rows, batch_size=500)


def _retake_session(ctx: Ctx, candidates: list[Candidate]) -> None:
    """A re-assessment of BK units held three days ago whose results the lead assessor
    (the `asesor` login) has not entered yet: work waiting in their inbox."""
    lead = ctx.assessors["33.75"][0]
    not_yet = [
        c
        for c in candidates
        if c.result == Candidate.Result.NOT_YET_COMPETENT
        and c.region.code == "33.75"
        and c.session.date.year == ctx.today.year
    ]
    if not not_yet:
        return
    first = max(not_yet, key=lambda c: (c.session.date, c.pk))
    earlier = first.session
    session = AssessmentSession.objects.create(
        region=earlier.region,
        scheme=earlier.scheme,
        lsp=earlier.lsp,
        test_site=earlier.test_site,
        batch=earlier.batch,
        institution=earlier.institution,
        date=ctx.today - timedelta(days=3),
        status=AssessmentSession.Status.ONGOING,
    )
    SessionAssessor.objects.create(session=session, assessor=lead)
    Candidate.objects.bulk_create(
        [
            Candidate(
                region=session.region,
                session=session,
                person=c.person,
                enrolment=c.enrolment,
                retake_of=c,
                apl01_submitted_at=at(session.date - timedelta(days=7), 10),
            )
            for c in not_yet
            if c.session is earlier
        ]
    )
