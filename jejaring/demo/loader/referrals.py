"""Referrals (penyaluran) of allocated applicants to companies, what became of them, and
the written agreement of every internship that started."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from jejaring.core.dates import add_months
from jejaring.demo.loader.common import Ctx, at
from jejaring.employers.models import Formation
from jejaring.placement.models import AllocationRound, Application, InternshipAgreement, Referral

DECLINED = [
    "Memilih melanjutkan kuliah",
    "Lokasi kerja terlalu jauh dari rumah",
    "Sudah diterima bekerja di tempat lain",
    "Memilih membuka usaha sendiri",
]
REJECTED = [
    "Tidak lolos wawancara perusahaan",
    "Tidak lolos tes praktik di perusahaan",
    "Tidak memenuhi syarat pemeriksaan kesehatan",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
#: Statuses of a referral that mean the person works or interns there.
AT_WORK = (Referral.Status.STARTED, Referral.Status.COMPLETED, Referral.Status.HIRED)


def make_referrals(
    ctx: Ctx,
    rnd: AllocationRound,
    assigned: Sequence[tuple[Application, Formation]],
    placed: set[int],
    letters: dict[int, int],
    published: date,
    start: date,
) -> None:
    office = rnd.region.office_short_name.split()[0]
    referrals = []
    for app, formation in assigned:
        letters[published.year] += 1
        referred = ctx.days_after(published, 1, 3)
        number = letters[published.year]
        referral = Referral(
            region=rnd.region,
            formation=formation,
            company=formation.company,
            person=app.person,
            round=rnd,
            application=app,
            letter_number=f"560/{number:03d}/{office}/{ROMAN[referred.month - 1]}/{published.year}",
            referred_at=at(referred, 9),
            decided_at=at(referred + timedelta(days=10), 11),
        )
        _fate(ctx, referral, formation, start)
        ctx.referral_enrolment[id(referral)] = app.enrolment
        referrals.append(referral)
        if referral.status in AT_WORK:
            placed.add(app.person.pk)
            ctx.referral_by_enrolment[app.enrolment.pk] = referral
    Referral.objects.bulk_create(referrals)
    ctx.referrals.extend(referrals)
    _internship_agreements(ctx, referrals)


def _fate(ctx: Ctx, referral: Referral, formation: Formation, start: date) -> None:
    """Status and dates of one referral; nothing happens after the demo's today."""
    S = Referral.Status
    # The retailer took on all six it was sent; the sure internship of 2026 started.
    roll = 0.0 if id(formation) in ctx.sure_formations else ctx.rng.random()
    if roll > 0.87:
        referral.status = S.DECLINED if roll > 0.935 else S.REJECTED
        referral.status_reason = ctx.pick(DECLINED if referral.status == S.DECLINED else REJECTED)
        return
    started = start + timedelta(days=ctx.rng.randint(0, 7))
    referral.started_on = started
    if formation.kind == Formation.Kind.JOB:
        hired = add_months(started, 3)  # appointed after probation
        if hired <= ctx.today:
            referral.status, referral.hired_on = S.HIRED, hired
        else:
            referral.status = S.STARTED
        return
    ended = formation.period_end or add_months(started, 6)
    if ended > ctx.today:
        referral.status = S.STARTED
        return
    referral.ended_on = ended
    if ctx.chance(0.6):
        referral.status, referral.hired_on = S.HIRED, ended
    else:
        referral.status = S.COMPLETED


def _internship_agreements(ctx: Ctx, referrals: list[Referral]) -> None:
    rows = []
    for referral in referrals:
        formation = referral.formation
        if formation.kind != Formation.Kind.INTERNSHIP or referral.started_on is None:
            continue
        starts = referral.started_on
        key = ctx.company_key[formation.company.pk].upper()
        # Unique like the letter it follows: its sequence and year.
        _, sequence, *_, letter_year = referral.letter_number.split("/")
        rows.append(
            InternshipAgreement(
                region=referral.region,
                referral=referral,
                number=f"PKS-MAG/{sequence}/{key}/{letter_year}",
                starts_on=starts,
                ends_on=formation.period_end or add_months(starts, 6),
                stipend_transport=400_000,
                stipend_meals=500_000,
                stipend_incentive=formation.monthly_pay - 900_000,
                rights_and_duties=(
                    "Peserta berhak atas bimbingan, uang saku, perlindungan JKK dan JKM, serta "
                    "sertifikat pemagangan; peserta wajib menaati tata tertib perusahaan."
                ),
                status=InternshipAgreement.Status.RATIFIED,
                signed_at=at(starts - timedelta(days=5), 10),
                ratified_at=at(starts - timedelta(days=3), 13),
            )
        )
    InternshipAgreement.objects.bulk_create(rows)
