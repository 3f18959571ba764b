"""Template filters and tags shared by every page: money, percentages, masked NIKs,
status badges, and ``{% capture %}`` which lets base.html leave out an empty heading.

Load with ``{% load jejaring %}``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.apps import apps
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from jejaring.core.masking import mask_nik
from jejaring.core.numbers import EMPTY, format_number, format_percent, format_rupiah

register = template.Library()

# Status values (the stored TextChoices values, not their labels) grouped by how a
# reader should feel about them. Anything not listed is shown as neutral.
_BADGE_OK = frozenset(
    {
        "active",
        "valid",
        "graduated",
        "hired",
        "approved",
        "open",
        "accepted",
        "running",
        "training",
        "started",
        "completed",
        "finished",
        "ratified",
        "signed",
        "published",
        "allocated",
        "registered",
        "paid",
        "present",
        "employed",
        "self_employed",
        "internship",
        "confirmed",
        "contracted",
        "k",
    }
)
_BADGE_WARN = frozenset(
    {
        "pending",
        "submitted",
        "waitlisted",
        "selection",
        "applied",
        "shortlisted",
        "returned",
        "referred",
        "to_register",
        "reported",
        "in_process",
        "late",
        "excused",
        "ongoing",
        "candidate",
        "searching",
        "unmapped",
        "bk",
    }
)
_BADGE_BAD = frozenset(
    {
        "rejected",
        "revoked",
        "cancelled",
        "dropped_out",
        "withdrawn",
        "declined",
        "terminated",
        "expired",
        "absent",
        "not_working",
    }
)


@register.filter
def rupiah(value: object) -> str:
    """Whole rupiah in Indonesian notation whatever the page language:
    ``1500000`` -> ``"Rp 1.500.000"``, ``-2500`` -> ``"-Rp 2.500"``, ``None`` -> ``"—"``.
    See jejaring.core.numbers.format_rupiah."""
    return format_rupiah(value)


@register.filter
def number(value: object, decimals: object = 0) -> str:
    """A number in the active language with thousands grouped: ``{{ 1234567|number }}``
    -> ``"1.234.567"`` in Indonesian, ``"1,234,567"`` in English; ``{{ x|number:1 }}``
    with one decimal (``"2,5"``). ``None`` -> ``"—"``. Use it instead of ``floatformat``
    (jejaring.core.numbers.format_number)."""
    try:
        places = int(str(decimals))
    except ValueError:
        places = 0
    return format_number(value, places)


@register.filter
def percent(value: object, scale: str = "ratio") -> str:
    """A share in the active language: ``0.421`` -> ``"42,1 %"`` in Indonesian,
    ``"42.1 %"`` in English. ``None`` -> ``"—"``.

    By default the value is a ratio (0 to 1). Pass ``"pct"`` when it is already a
    percentage (``{{ 42.1|percent:"pct" }}``, one decimal), ``"whole"`` for a percentage
    with no decimals (an attendance of 87 %), or ``"exact"`` for a stored rate written as
    it is, without trailing zeros (a tariff of 1.000 -> ``"1 %"``). A value that is not a
    number is returned unchanged (jejaring.core.numbers.format_percent)."""
    if scale == "exact":
        return format_percent(value, None)
    if scale == "whole":
        return format_percent(value, 0)
    return format_percent(value, 1, ratio=scale != "pct")


@register.filter
def masked_nik(value: object) -> str:
    """A NIK with its middle hidden (see jejaring.core.masking.mask_nik); ``"—"`` if empty."""
    if value is None or value == "":
        return EMPTY
    return mask_nik(str(value))


@register.filter
def badge_class(value: object) -> str:
    """The badge modifier for a status value: ``"badge-ok"``, ``"badge-warn"``,
    ``"badge-bad"`` or ``"badge-muted"``. Use as
    ``<span class="badge {{ obj.status|badge_class }}">{{ obj.get_status_display }}</span>``.
    """
    key = str(value or "").strip().lower()
    if key in _BADGE_OK:
        return "badge-ok"
    if key in _BADGE_WARN:
        return "badge-warn"
    if key in _BADGE_BAD:
        return "badge-bad"
    return "badge-muted"


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        context[self.name] = SafeString(self.nodelist.render(context))
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """``{% capture as name %}...{% endcapture %}`` renders its body (blocks included) into
    the variable ``name`` instead of the page, so a layout can test whether a child
    template filled a block: ``{% if name.strip %}<h1>{{ name }}</h1>{% endif %}``."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@lru_cache(maxsize=256)
def _choice_labels(label: str, field_name: str, language: str | None) -> dict[Any, str]:
    field = apps.get_model(label)._meta.get_field(field_name)
    return {value: str(label) for value, label in field.flatchoices}


@register.filter
def choice_label(obj: Any, field_name: str) -> str:
    """``{{ person|choice_label:"sex" }}``: the label of a choice field, as
    ``get_sex_display`` gives it, but from a table built once per model, field and
    language. Django's display method hashes every lazy label of the choices on each
    call, which on a list of 50 rows was a thousand translation look-ups."""
    value = getattr(obj, field_name)
    labels = _choice_labels(obj._meta.label, field_name, get_language())
    return labels.get(value, str(value))
