"""Sections that the apps above add to a card's page (office staff) and to the holder's
own page, without this app importing them (as `nav.py` and `home.py` do for menus): an
app registers a maker in its AppConfig.ready(); a maker returns a `Panel` — a template
and its context — or None to add nothing for that card."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from jejaring.jobseekers.models import JobSeekerCard


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


PanelMaker = Callable[..., Panel | None]
_makers: list[PanelMaker] = []


def register(maker: PanelMaker) -> None:
    """Add a maker, called as maker(actor=..., card=..., today=...); twice is a no-op."""
    if maker not in _makers:
        _makers.append(maker)


def panels_for(*, actor: Any, card: JobSeekerCard, today: date) -> list[Panel]:
    """The panels of a card the actor has already been allowed to see."""
    found = (maker(actor=actor, card=card, today=today) for maker in _makers)
    return [panel for panel in found if panel is not None]
