"""BPJS Ketenagakerjaan cover (JKK and JKM) of trainees and interns, and one work
accident."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from jejaring.accounts.models import User
from jejaring.demo.loader.common import TZ, Ctx, at
from jejaring.employers.models import Formation
from jejaring.placement.models import InternshipAgreement, Referral
from jejaring.social_security.models import Coverage, Incident
from jejaring.trainees.models import Person
from jejaring.training.models import Batch, Enrolment

#: Kota Pekalongan has enrolled its BLK trainees and the interns it places since this year.
FIRST_COVERED_YEAR = 2024


def load_social_security(ctx: Ctx, users: dict[str, User]) -> None:
    _coverage(ctx, users["staf.pekalongan"], users["peserta"])


def _kpj(ctx: Ctx) -> str:
    return f"2{ctx.rng.randrange(10**9, 10**10)}"


def _coverage(ctx: Ctx, staff: User, trainee: User) -> None:
    """Trainees of the BLK's packages since FIRST_COVERED_YEAR (the running one active, the
    rest ended) and the demo trainee's own package, so that login shows a card; interns
    at work now (active, paid by their host) and those who finished since then (ended);
    then one accident during the running package."""
    rows: list[Coverage] = []
    running_rows: list[Coverage] = []
    blk = ctx.institutions["blk-pkl"]
    trainee_person_id = Person.objects.get(user=trainee).pk
    for enrolment in ctx.enrolments:
        batch = enrolment.batch
        own = enrolment.person_id == trainee_person_id
        if batch.year < FIRST_COVERED_YEAR or not (batch.institution_id == blk.pk or own):
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
    finished = (Referral.Status.COMPLETED, Referral.Status.HIRED)
    for referral in ctx.referrals:
        if referral.formation.kind != Formation.Kind.INTERNSHIP or referral.pk not in agreements:
            continue
        agreement = agreements[referral.pk]
        # Interns at work now are covered; so were those who finished since then.
        if referral.status == Referral.Status.STARTED:
            status = Coverage.Status.ACTIVE
        elif referral.status in finished and agreement.starts_on.year >= FIRST_COVERED_YEAR:
            status = Coverage.Status.ENDED
        else:
            continue
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
                status=status,
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
