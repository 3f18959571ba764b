"""Reads of job-seeker cards, scoped through `for_actor`: office staff see their region's
cards, the holder their own. Another region's card is NotFound, like none at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jejaring.assessment.models import TrainingCertificate
from jejaring.assessment.selectors import (
    competency_certificate_list_for,
    training_certificate_list_for,
)
from jejaring.core.errors import NotFound
from jejaring.jobseekers.models import CardStatus, JobSeekerCard, JobSeekerReport
from jejaring.jobseekers.services import current_box, report_due_dates


def card_list_for(*, actor: Any, status: str = "", query: str = "") -> QuerySet[JobSeekerCard]:
    """Cards the actor may see, newest registration first; `query` matches a card
    number, a whole NIK or part of a name."""
    qs = JobSeekerCard.objects.for_actor(actor).select_related("person")
    if status:
        qs = qs.filter(status=status)
    query = query.strip()
    if query:
        digits = query.replace(" ", "").replace(".", "")
        if digits.isdigit() and len(digits) == 16:
            qs = qs.filter(person__nik=digits)
        else:
            qs = qs.filter(Q(number__iexact=query) | Q(person__full_name__icontains=query))
    return qs.order_by("-registered_at", "-pk")


def card_get_for(*, actor: Any, card_id: int) -> JobSeekerCard:
    card = (
        JobSeekerCard.objects.for_actor(actor)
        .select_related("person", "region", "issued_by", "checked_by")
        .filter(pk=card_id)
        .first()
    )
    if card is None:
        raise NotFound(_("Kartu tidak ditemukan."), code="card_not_found")
    return card


def own_card_list(*, actor: Any) -> QuerySet[JobSeekerCard]:
    """The signed-in person's own cards, newest first (none for anyone else)."""
    from jejaring.accounts.scope import scope_of

    person_id = scope_of(actor).person_id
    if person_id is None:
        return JobSeekerCard.objects.none()
    return card_list_for(actor=actor).filter(person_id=person_id)


def open_card_for_person(*, person_id: int) -> JobSeekerCard | None:
    """The person's issued card still counting them as a job seeker (active or expired),
    for the services above (matching, placement, outcomes) that already scoped the person."""
    return (
        JobSeekerCard.objects.filter(
            person_id=person_id, status__in=(CardStatus.ACTIVE, CardStatus.EXPIRED)
        )
        .select_related("region")
        .first()
    )


def active_cards_in(*, region_ids: list[int], on: date) -> QuerySet[JobSeekerCard]:
    """Cards of these regions valid on `on` (active and not past their validity), for
    matching and the monthly IPK report; the caller decides which regions the actor may
    read."""
    return JobSeekerCard.objects.filter(
        region_id__in=region_ids,
        status=CardStatus.ACTIVE,
        issued_on__lte=on,
        valid_until__gte=on,
    )


@dataclass(frozen=True)
class ReportBox:
    number: int
    due: date
    report: JobSeekerReport | None
    is_current: bool


def report_boxes(*, card: JobSeekerCard, today: date) -> list[ReportBox]:
    """The four reporting boxes of the card's current period, with their reports."""
    reports = {r.box: r for r in card.reports.filter(cycle=card.renewals)}
    current = current_box(card, today)
    return [
        ReportBox(
            number=number,
            due=due,
            report=reports.get(number),
            is_current=number == current and number not in reports,
        )
        for number, due in enumerate(report_due_dates(card), start=1)
    ]


@dataclass(frozen=True)
class NonFormal:
    """One line of non-formal education on the card: a Jejaring training or a
    competency certificate."""

    kind: str
    name: str
    institution: str
    number: str
    year: int | None


def non_formal_education(*, actor: Any, card: JobSeekerCard) -> list[NonFormal]:
    """The holder's training certificates and competency certificates the actor may see,
    read through the assessment app's selectors (attached automatically to the card)."""
    lines = [
        NonFormal(
            kind=str(_("Pelatihan")),
            name=c.enrolment.batch.program.name,
            institution=c.institution.name,
            number=c.number,
            year=c.issued_on.year,
        )
        for c in training_certificate_list_for(actor=actor).filter(
            enrolment__person_id=card.person_id, status=TrainingCertificate.Status.VALID
        )
    ]
    lines += [
        NonFormal(
            kind=str(_("Sertifikat kompetensi")),
            name=c.scheme.name,
            institution=c.lsp.name,
            number=c.registration_number,
            year=c.issued_on.year,
        )
        for c in competency_certificate_list_for(actor=actor).filter(person_id=card.person_id)
    ]
    return lines


def export_cards(person: Any) -> list[dict[str, Any]]:
    """The person's cards and reports, for their own data export (trainees.dealings)."""
    return [
        {
            "number": card.number,
            "status": card.status,
            "issued_on": str(card.issued_on or ""),
            "valid_until": str(card.valid_until or ""),
            "occupation": card.occupation_title,
            "reports": [str(r.reported_on) for r in card.reports.all()],
        }
        for card in JobSeekerCard.objects.filter(person=person).prefetch_related("reports")
    ]
