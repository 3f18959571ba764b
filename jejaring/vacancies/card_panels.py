"""The vacancies suggested to a job seeker, as a panel of the card's pages
(registered with `jejaring.jobseekers.panels` in the app's ready())."""

from __future__ import annotations

from datetime import date
from typing import Any

from jejaring.accounts.scope import scope_of
from jejaring.jobseekers.models import CardStatus, JobSeekerCard
from jejaring.jobseekers.panels import Panel
from jejaring.vacancies import matches


def suggestions_panel(*, actor: Any, card: JobSeekerCard, today: date) -> Panel | None:
    """The vacancies suggested to an active card's holder, on the card's page (office
    staff: links to the vacancy and its match list) and the holder's own page (links to
    the public vacancy page)."""
    if card.status != CardStatus.ACTIVE:
        return None
    return Panel(
        "vacancies/_suggestions.html",
        {
            "suggestions": matches.card_suggestions(card=card, today=today),
            "staff": scope_of(actor).is_office_of(card.region_id),
        },
    )
