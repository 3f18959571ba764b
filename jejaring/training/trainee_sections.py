"""What other apps add to a trainee's own training pages ("Pelatihan saya").

Training sits below the apps that build on it, so it never imports them: an app that adds
something to these pages declares it in its own `trainee_pages.py` as `SECTIONS`, a list
of `TraineeSection`, found the way `nav.py` is."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from jejaring.core.discovery import app_modules


@dataclass(frozen=True)
class TraineeSection:
    """One app's part of the trainee pages, each hook optional.

    `per_enrolment(actor)` maps enrolment ids to what the app shows for that enrolment
    (such as its training certificate); `list_item_template` renders it, as `item`, under
    the enrolment on the list, and `detail_template` on the enrolment's own page.
    `list_context(actor)` is the context, as `section`, of `list_template`: a part of the
    list page after the enrolments. Sections come in `order`."""

    per_enrolment: Callable[[Any], Mapping[int, Any]] | None = None
    list_item_template: str = ""
    detail_template: str = ""
    list_context: Callable[[Any], Mapping[str, Any]] | None = None
    list_template: str = ""
    order: int = 100


@cache
def trainee_sections() -> tuple[TraineeSection, ...]:
    """Every installed app's `trainee_pages.SECTIONS`, in order."""
    sections = [s for module in app_modules("trainee_pages") for s in module.SECTIONS]
    return tuple(sorted(sections, key=lambda section: section.order))


def enrolment_items(actor: Any, *, detail: bool = False) -> Callable[[int], list[tuple[str, Any]]]:
    """For an enrolment id, the (template, item) pairs the sections show with it: on the
    list, or on the enrolment's page when `detail`. Each section reads once."""
    found: list[tuple[str, Mapping[int, Any]]] = []
    for section in trainee_sections():
        template = section.detail_template if detail else section.list_item_template
        if section.per_enrolment is not None and template:
            found.append((template, section.per_enrolment(actor)))

    def items(enrolment_id: int) -> list[tuple[str, Any]]:
        return [
            (template, by_id[enrolment_id]) for template, by_id in found if enrolment_id in by_id
        ]

    return items


def list_sections(actor: Any) -> list[tuple[str, Mapping[str, Any]]]:
    """The (template, context) of each part shown after the enrolments on the list."""
    return [
        (section.list_template, section.list_context(actor))
        for section in trainee_sections()
        if section.list_context is not None and section.list_template
    ]
