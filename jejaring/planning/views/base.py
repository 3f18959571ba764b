"""What every planning page shares: who counts as staff, and the plan year asked for."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from jejaring.accounts.scope import Role, scope_of

_STAFF = (Role.OFFICE_STAFF,)


def _is_staff(request: HttpRequest) -> bool:
    return scope_of(request.user).is_office


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("tahun", ""))
    except ValueError:
        return timezone.localdate().year + 1
    return year if 2000 <= year <= 2100 else timezone.localdate().year + 1
