"""The region the user works in, shown in the header of every page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jejaring.core.scope import scope_of
from jejaring.regions.selectors import home_region_for


def current_region(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_of(user)
    if not scope.roles and not scope.is_superuser:
        return {"current_region": None}
    return {"current_region": home_region_for(actor=user)}
