"""HTMX helpers: one view renders a full page or just the fragment HTMX asked for."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page_or_partial(
    request: HttpRequest,
    template: str,
    partial: str,
    context: dict[str, Any],
    *,
    status: int = 200,
) -> HttpResponse:
    """Render `partial` for an HTMX request, otherwise the full `template` (which
    includes the partial), so every fragment also works without JavaScript."""
    is_htmx = bool(getattr(request, "htmx", False))
    return render(request, partial if is_htmx else template, context, status=status)
