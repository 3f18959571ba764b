"""Navigation by role, for every page (the region shown is regions' context processor)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jejaring.core.discovery import app_modules
from jejaring.core.scope import Role, scope_of


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    #: Position in the menu: lower comes first. Core entries use 0-99 and 900+.
    order: int = 500


#: The core's menu entries. Each app adds its own in `<app>/nav.py` as a list named
#: `ENTRIES`, so that apps never edit one shared list.
CORE_ENTRIES: list[NavEntry] = [
    NavEntry(_("Beranda"), "core:home", frozenset(Role), order=0),
    NavEntry(
        _("Data orang"),
        "trainees:person_list",
        frozenset({Role.OFFICE_STAFF, Role.OPERATOR}),
        order=10,
    ),
    NavEntry(_("Data saya"), "trainees:my_data", frozenset({Role.TRAINEE}), order=20),
    NavEntry(_("Jejak audit"), "core:audit", frozenset({Role.OFFICE_STAFF}), order=900),
]


@cache
def navigation_entries() -> tuple[NavEntry, ...]:
    """Every menu entry, the core's and each installed app's `nav.ENTRIES`, in order."""
    entries = list(CORE_ENTRIES)
    for module in app_modules("nav"):
        entries.extend(module.ENTRIES)
    return tuple(sorted(entries, key=lambda entry: entry.order))


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_of(user)
    if not scope.roles and not scope.is_superuser:
        return {"nav_items": [], "user_roles": []}
    roles = scope.roles if not scope.is_superuser else frozenset(Role)
    items = []
    for entry in navigation_entries():
        if entry.roles & roles:
            url = reverse(entry.url_name)
            active = request.path == url if url == "/" else request.path.startswith(url)
            items.append(NavItem(entry.label, url, active))
    return {
        "nav_items": items,
        "user_roles": [role.label for role in Role if role in scope.roles],
    }
