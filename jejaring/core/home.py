"""Home pages are assembled from what each app contributes, the way the menu is.

An app that has something to show a role on its home page lists it in `<app>/home.py`:
`CARDS` (headline numbers) and `PANELS` (a section rendered from the app's own template).
The core knows no app's tables; it only orders the contributions for the role shown.

A contribution that names `topics` (jejaring.core.versions) is an aggregate figure: it is
computed once per version of those topics in the actor's regions, for everyone with the
same scope, and read from the cache until a write bumps a version; the page shows when it
was computed. Lists of the actor's own records name no topics and are read each time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from jejaring.core import versions
from jejaring.core.discovery import app_modules
from jejaring.core.scope import Role

#: (actor, today) -> the numbers or context a contribution shows.
Reader = Callable[..., Any]


@dataclass(frozen=True)
class HomeCard:
    """Headline numbers: `read(actor=, today=)` returns [(number, label), ...]."""

    role: Role
    read: Reader
    order: int = 500
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class HomePanel:
    """A section: `template` rendered with what `read(actor=, today=)` returns."""

    role: Role
    template: str
    read: Reader
    order: int = 500
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Card:
    number: Any
    label: str | Promise
    as_of: datetime | None = None


@dataclass(frozen=True)
class Panel:
    html: SafeString
    as_of: datetime | None = None


@cache
def _contributions() -> tuple[tuple[HomeCard, ...], tuple[HomePanel, ...]]:
    cards: list[HomeCard] = []
    panels: list[HomePanel] = []
    for module in app_modules("home"):
        cards.extend(getattr(module, "CARDS", ()))
        panels.extend(getattr(module, "PANELS", ()))
    return (
        tuple(sorted(cards, key=lambda c: c.order)),
        tuple(sorted(panels, key=lambda p: p.order)),
    )


def home_for(request: HttpRequest, role: Role, today: date) -> dict[str, Any]:
    """The cards and rendered panels of `role`'s home page for the requesting user."""
    actor = request.user
    all_cards, all_panels = _contributions()
    cards = [
        Card(number, label, as_of)
        for card in all_cards
        if card.role == role
        for (number, label), as_of in _each(_read(card, actor, today))
    ]
    panels = []
    for panel in all_panels:
        if panel.role != role:
            continue
        context, as_of = _read(panel, actor, today)
        html = render_to_string(panel.template, context, request)
        panels.append(Panel(mark_safe(html), as_of))  # noqa: S308 - autoescaped template
    return {"cards": cards, "panels": panels}


def _read(contribution: HomeCard | HomePanel, actor: Any, today: date) -> tuple[Any, Any]:
    """What the contribution shows, and since when (None: read just now)."""
    if not contribution.topics:
        return contribution.read(actor=actor, today=today), None
    figure = versions.cached(
        (
            "home",
            contribution.read.__module__,
            contribution.read.__qualname__,
            contribution.role.value,
            versions.seen_by(actor),
            today,
        ),
        lambda: contribution.read(actor=actor, today=today),
        region_ids=versions.regions_of(actor),
        topics=contribution.topics,
    )
    return figure.value, figure.as_of


def _each(read: tuple[Any, Any]) -> list[tuple[Any, Any]]:
    numbers, as_of = read
    return [(number, as_of) for number in numbers]


def _recent_audit(*, actor: Any, today: date) -> dict[str, Any]:
    from jejaring.core.selectors import recent_audit_for

    return recent_audit_for(actor=actor, today=today)


PANELS = [HomePanel(Role.OFFICE_STAFF, "core/home/office_recent_audit.html", _recent_audit, 900)]
