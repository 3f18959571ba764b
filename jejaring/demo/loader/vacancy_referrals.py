"""Referrals from vacancies: the office matched job seekers with the Kota Pekalongan
vacancies and referred them (each vacancy became a job formation), some were hired —
their AK/1 card closed as reported by the employer, and the hire is one of the vacancy's
filled openings — some were turned down, and a few referrals to vacancies open now are
still waiting. Only job seekers who never trained are used, so the tracer figures of the
graduates stay as the outcomes loader wrote them."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

from jejaring.demo.loader.common import Ctx, at
from jejaring.demo.loader.referrals import REJECTED, ROMAN
from jejaring.employers.models import Formation
from jejaring.jobseekers.models import CardStatus, CloseSource, JobSeekerCard, JobSeekerReport
from jejaring.placement.models import Referral
from jejaring.training.models import Enrolment
from jejaring.vacancies.models import Vacancy

REGION = "33.75"
PAST = (Vacancy.Status.FILLED, Vacancy.Status.EXPIRED, Vacancy.Status.CLOSED)


def load_vacancy_referrals(ctx: Ctx) -> None:
    region = ctx.regions[REGION]
    today = ctx.today
    vacancies = list(
        Vacancy.objects.filter(
            region=region,
            company__isnull=False,
            published_at__isnull=False,
            status__in=(*PAST, Vacancy.Status.PUBLISHED),
        )
        .select_related("company")
        .order_by("published_at", "pk")
    )
    trained = Enrolment.objects.values("person_id")
    pool = list(
        JobSeekerCard.objects.filter(region=region, status=CardStatus.ACTIVE, person__region=region)
        .exclude(person_id__in=trained)
        .order_by("issued_on", "pk")
    )
    formations: list[Formation] = []
    plans: list[tuple[Vacancy, Formation]] = []
    for vacancy in vacancies:
        past = vacancy.status in PAST
        if (past and vacancy.filled == 0) or (not past and vacancy.open_positions == 0):
            continue
        published = vacancy.published_at.date() if vacancy.published_at else today
        formation = Formation(
            region=region,
            company=vacancy.company,
            kind=Formation.Kind.JOB,
            title=vacancy.title,
            kbji_code=vacancy.kbji_code if len(vacancy.kbji_code) == 4 else "",
            description=vacancy.description,
            accepts_all_vocations=True,
            quota=vacancy.openings if past else vacancy.open_positions,
            location="Kota Pekalongan",
            monthly_pay=vacancy.pay_min or 0,
            min_education=vacancy.min_education,
            requirements=vacancy.skills,
            closes_on=vacancy.closes_on,
            status=Formation.Status.CLOSED if past else Formation.Status.OPEN,
            created_at=at(published, 10),
        )
        formations.append(formation)
        plans.append((vacancy, formation))
    Formation.objects.bulk_create(formations)
    referrals: list[Referral] = []
    hired_cards: list[JobSeekerCard] = []
    serial = 0
    for vacancy, formation in plans:
        vacancy.formation = formation
        published = vacancy.published_at.date() if vacancy.published_at else today
        if vacancy.status in PAST:
            # Up to two of the filled openings were filled through the office's referral;
            # the employer filled the rest on their own.
            hires = min(vacancy.filled, ctx.rng.randint(1, 2))
            fates = ["hired"] * hires + (["rejected"] if ctx.chance(0.4) else [])
        else:
            fates = ["referred"] if ctx.chance(0.5) else []
        for fate in fates:
            referred = ctx.days_after(published, 1, 6)
            hired_on = min(referred + timedelta(days=ctx.rng.randint(7, 21)), today)
            card = _take(pool, before=referred)
            if card is None:
                break
            serial += 1
            referral = Referral(
                region=region,
                formation=formation,
                company=vacancy.company,
                person_id=card.person_id,
                letter_number=(
                    f"560/{serial:03d}/LOWKER/{ROMAN[referred.month - 1]}/{referred.year}"
                ),
                referred_at=at(referred, 9),
                status=fate,
            )
            if fate == "hired":
                referral.decided_at = at(referred + timedelta(days=3), 11)
                referral.started_on = referral.hired_on = hired_on
                card.status = CardStatus.HIRED
                card.closed_on = hired_on
                card.close_source = CloseSource.EMPLOYER
                card.employer_name = formation.company.name
                card.employer_company_id = vacancy.company_id
                hired_cards.append(card)
            elif fate == "rejected":
                referral.decided_at = at(referred + timedelta(days=5), 11)
                referral.status_reason = ctx.pick(REJECTED)
            referrals.append(referral)
    Referral.objects.bulk_create(referrals)
    Vacancy.objects.bulk_update([vacancy for vacancy, _ in plans], ["formation"])
    JobSeekerCard.objects.bulk_update(
        hired_cards,
        ["status", "closed_on", "close_source", "employer_name", "employer_company_id"],
    )
    # A closed card takes no more six-monthly reports.
    after_hire = Q(pk__in=[])
    for card in hired_cards:
        after_hire |= Q(card_id=card.pk, reported_on__gt=card.closed_on)
    JobSeekerReport.objects.filter(after_hire).delete()


def _take(pool: list[JobSeekerCard], *, before: date) -> JobSeekerCard | None:
    """The first card of the pool issued before `before` (the pool is in issue order)."""
    for index, card in enumerate(pool):
        if card.issued_on and card.issued_on < before:
            return pool.pop(index)
    return None
