"""Job seekers (AK/1) of Kota Pekalongan over the year before the demo's today: graduates
of its trainings who are not working (the ones the absorption figures leave out) and
people who never trained, each with a card numbered per year, their six-monthly reports,
a few renewals, and some closed as hired. Rows are written in bulk, as the rest of the
loader writes them; the numbering counters end where the cards do."""

from __future__ import annotations

from datetime import timedelta

from jejaring.core.dates import add_months
from jejaring.demo.loader.common import Ctx, at
from jejaring.demo.loader.people import PersonMaker, save_persons
from jejaring.jobseekers.models import (
    CardCounter,
    CardStatus,
    Channel,
    CloseSource,
    JobSeekerCard,
    JobSeekerReport,
)
from jejaring.jobseekers.services import card_number, report_due_dates
from jejaring.outcomes.models import FollowUpAnswer, OutcomeStatus
from jejaring.trainees.models import Person

REGION = "33.75"
NEW_PEOPLE = 140
WANTS = [
    ("7531", "Penjahit"),
    ("7533", "Penyulam dan pembatik"),
    ("5120", "Juru masak"),
    ("4110", "Staf administrasi"),
    ("7231", "Mekanik kendaraan bermotor"),
    ("7411", "Teknisi listrik bangunan"),
    ("8153", "Operator mesin jahit"),
    ("5223", "Pramuniaga"),
    ("3514", "Teknisi web"),
    ("9329", "Buruh pabrik"),
]
PLACES = ["Kota Pekalongan", "Kabupaten Pekalongan", "Kabupaten Batang", "Jawa Tengah"]
EMPLOYERS = ["PT Pajitex", "CV Batik Jaya", "Hotel Santika Pekalongan", "PT Kunango Jantan"]


def load_jobseekers(ctx: Ctx) -> None:
    region = ctx.regions[REGION]
    working = set(
        FollowUpAnswer.objects.filter(
            is_current=True,
            status__in=[OutcomeStatus.EMPLOYED, OutcomeStatus.SELF_EMPLOYED],
        ).values_list("follow_up__person_id", flat=True)
    )
    graduates = [
        e.person
        for e in ctx.enrolments
        if e.region_id == region.pk and e.graduated_on and e.person_id not in working
    ]
    not_absorbed = list({person.pk: person for person in graduates}.values())[:120]
    maker = PersonMaker(ctx, REGION, set(Person.objects.values_list("nik", flat=True)))
    newcomers = [
        maker.make(
            sex=ctx.pick(["M", "F"]),
            age_on=ctx.today,
            vocation_code="",
            registered_on=ctx.today - timedelta(days=ctx.rng.randrange(20, 365)),
        )
        for _ in range(NEW_PEOPLE)
    ]
    save_persons(newcomers)
    people = [*not_absorbed, *newcomers]

    cards: list[JobSeekerCard] = []
    counters: dict[int, int] = {}
    # The last complete month, whose IPK report must show every flow (issue 20): the
    # first three cards are placed, closed otherwise, and lapse in it.
    month_first = (ctx.today.replace(day=1) - timedelta(days=1)).replace(day=1)
    for index, person in enumerate(sorted(people, key=lambda p: p.created_at)):
        # Issued within the last year; a tenth are renewals of cards two years older.
        issued_on = ctx.today - timedelta(days=ctx.rng.randrange(5, 365))
        renewed = ctx.chance(0.1)
        if index == 0:
            issued_on, renewed = add_months(month_first + timedelta(days=9), -24), False
        elif index in (1, 2):
            issued_on, renewed = month_first - timedelta(days=40), False
        first_issue = add_months(issued_on, -24) if renewed else issued_on
        counters[first_issue.year] = counters.get(first_issue.year, 0) + 1
        sequence = counters[first_issue.year]
        code, title = ctx.pick(WANTS)
        status = CardStatus.ACTIVE
        if ctx.chance(0.04) and index > 2:
            status = CardStatus.SUBMITTED
        card = JobSeekerCard(
            region=region,
            person=person,
            status=status,
            channel=Channel.ONLINE if ctx.chance(0.45) else Channel.COUNTER,
            registered_at=at(first_issue - timedelta(days=ctx.rng.randrange(0, 6))),
            education=person.education,
            education_major=person.education_major,
            graduation_year=max(person.birth_date.year + 18, 2000),
            skills=ctx.pick(["Menjahit", "Komputer perkantoran", "Memasak", "Mengemudi", ""]),
            occupation_code=code,
            occupation_title=title,
            wanted_location=ctx.pick(PLACES),
            ktp_checked=True,
            diploma_checked=True,
        )
        if status == CardStatus.ACTIVE:
            card.year, card.sequence = first_issue.year, sequence
            card.number = card_number(region, first_issue.year, sequence)
            card.issued_on = first_issue
            card.renewals = 1 if renewed else 0
            card.period_start = issued_on
            card.valid_until = add_months(issued_on, 24)
            if ctx.chance(0.12):
                card.status = CardStatus.HIRED
                card.closed_on = issued_on + timedelta(
                    days=ctx.rng.randrange(1, max(2, (ctx.today - issued_on).days))
                )
                card.close_source = ctx.pick(list(CloseSource))
                card.employer_name = ctx.pick(EMPLOYERS)
            if index == 0:
                card.status = CardStatus.EXPIRED
            elif index == 1:
                card.status, card.close_source = CardStatus.CLOSED, CloseSource.HOLDER
                card.closed_on = month_first + timedelta(days=12)
                card.status_note = "Pindah domisili ke luar daerah"
                card.employer_name = ""
            elif index == 2:
                card.status, card.close_source = CardStatus.HIRED, CloseSource.EMPLOYER
                card.closed_on = month_first + timedelta(days=15)
                card.employer_name = EMPLOYERS[0]
        else:
            counters[first_issue.year] -= 1
        cards.append(card)
    JobSeekerCard.objects.bulk_create(cards, batch_size=500)
    CardCounter.objects.bulk_create(
        [CardCounter(region=region, year=year, last=last) for year, last in counters.items()]
    )

    reports = []
    for card in cards:
        if card.period_start is None:
            continue
        end = card.closed_on or ctx.today
        for box, due in enumerate(report_due_dates(card), start=1):
            if due <= end and ctx.chance(0.8):
                reported_on = min(due + timedelta(days=ctx.rng.randrange(0, 20)), end)
                reports.append(
                    JobSeekerReport(
                        region=region,
                        card=card,
                        cycle=card.renewals,
                        box=box,
                        reported_on=reported_on,
                        channel=ctx.pick(list(Channel)),
                    )
                )
    JobSeekerReport.objects.bulk_create(reports, batch_size=500)
