"""Sections that higher apps add to a company's page, so that employers imports none of
them: internships lists the company's internship programs. An app adds its section in its
AppConfig.ready(); a section returns the template context it fills."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jejaring.employers.models import Company

Section = Callable[..., dict[str, Any]]

_sections: list[Section] = []


def add_section(section: Section) -> Section:
    """Add a section (`section(actor=..., company=...) -> context`); adding it twice is a
    no-op."""
    if section not in _sections:
        _sections.append(section)
    return section


def sections_context(*, actor: Any, company: Company) -> dict[str, Any]:
    """The context every added section gives for this company's page."""
    context: dict[str, Any] = {}
    for section in _sections:
        context.update(section(actor=actor, company=company))
    return context
