"""Small helpers the company-facing pages share (employers, internships, placement)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import FileResponse, Http404, HttpRequest

from jejaring.accounts.scope import Role, scope_of
from jejaring.core.errors import NotFound
from jejaring.employers import selectors

STAFF_AND_HR = (Role.OFFICE_STAFF, Role.COMPANY_HR)


def get_or_404(fn: Any, **kwargs: Any) -> Any:
    """A selector's NotFound as the page's 404."""
    try:
        return fn(**kwargs)
    except NotFound:
        raise Http404 from None


def own_companies(request: HttpRequest) -> Any:
    """Company HR's own companies, for the "new" buttons of list pages; office staff
    start from a company's page instead."""
    own = scope_of(request.user).company_ids
    return selectors.company_list_for(actor=request.user).filter(pk__in=own)


def download(field: Any) -> FileResponse:
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=True, filename=Path(field.name).name)
