"""How the apps above the person registry deal with a person, registered with it.

trainees sits below training, assessment and placement and must not import them. Each
of those apps tells the registry, from its AppConfig.ready():

- who sees a person through it (`register_dealing`): for a role, a filter on Person —
  e.g. an operator sees a person with a confirmed enrolment at their institution;
- its part of the person's own data export (`register_export_section`);
- its section of the person page (`register_detail_section`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from jejaring.core.scope import ActorScope, Role

#: (scope) -> a filter on Person for the people this dealing lets the role see.
DealingFilter = Callable[[ActorScope], Q]
#: (person) -> JSON-able rows of the person's data held by the app.
ExportReader = Callable[[Any], list[dict[str, Any]]]
#: (actor, person) -> the context of the app's section template.
DetailReader = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class DetailSection:
    template: str
    read: DetailReader
    order: int = 500


_dealings: dict[Role, list[DealingFilter]] = {}
_exports: dict[str, ExportReader] = {}
_details: list[DetailSection] = []


def register_dealing(role: Role, dealing: DealingFilter) -> None:
    if dealing not in _dealings.setdefault(role, []):
        _dealings[role].append(dealing)


def register_export_section(key: str, reader: ExportReader) -> None:
    _exports[key] = reader


def register_detail_section(section: DetailSection) -> None:
    if section not in _details:
        _details.append(section)
        _details.sort(key=lambda s: s.order)


def dealings_q(role: Role, scope: ActorScope) -> Q:
    """The people `role` sees through every registered dealing (nothing if none)."""
    combined = Q(pk__in=[])
    for dealing in _dealings.get(role, ()):
        combined |= dealing(scope)
    return combined


def export_sections() -> dict[str, ExportReader]:
    return dict(_exports)


def detail_sections() -> list[DetailSection]:
    return list(_details)
