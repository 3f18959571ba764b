"""Home pages are assembled from what each app contributes, the way the menu is.

An app that has something to show a role on its home page lists it in `<app>/home.py`:
`CARDS` (headline numbers) and `PANELS` (a section rendered from the app's own template).
The core knows no app's tables; it only orders the contributions for the role shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe

from jejaring.core.scope import Role

#: (actor, today) -> the numbers or context a contribution shows.
Reader = Callable[..., Any]


@dataclass(frozen=True)
class HomeCard:
    """Headline numbers: `read(actor=, today=)` returns [(number, label), ...]."""

    role: Role
    read: Reader
    order: int = 500


@dataclass(frozen=True)
class HomePanel:
    """A section: `template` rendered with what `read(actor=, today=)` returns."""

    role: Role
    template: str
    read: Reader
    order: int = 500


@dataclass(frozen=True)
class Card:
    number: Any
    label: str | Promise


@cache
def _contributions() -> tuple[tuple[HomeCard, ...], tuple[HomePanel, ...]]:
    cards: list[HomeCard] = []
    panels: list[HomePanel] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jejaring."):
            continue
        try:
            module = import_module(f"{config.name}.home")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.home":
                raise
            continue
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
        Card(number, label)
        for card in all_cards
        if card.role == role
        for number, label in card.read(actor=actor, today=today)
    ]
    panels: list[SafeString] = [
        mark_safe(  # noqa: S308 - rendered by Django's autoescaping template engine
            render_to_string(panel.template, panel.read(actor=actor, today=today), request)
        )
        for panel in all_panels
        if panel.role == role
    ]
    return {"cards": cards, "panels": panels}


def _recent_audit(*, actor: Any, today: date) -> dict[str, Any]:
    from jejaring.core.selectors import recent_audit_for

    return recent_audit_for(actor=actor, today=today)


PANELS = [HomePanel(Role.OFFICE_STAFF, "core/home/office_recent_audit.html", _recent_audit, 900)]
