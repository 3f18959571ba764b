"""Cells of the entrepreneurship indicator tables: a withheld figure (None) is written "*"."""

from __future__ import annotations

from django import template

from jejaring.core.numbers import format_number, format_percent

register = template.Library()
WITHHELD = "*"


@register.filter
def cell(value: object) -> str:
    return WITHHELD if value is None else format_number(value)


@register.filter
def pct_cell(value: object) -> str:
    return WITHHELD if value is None else format_percent(value, 1)
