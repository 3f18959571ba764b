"""Navigation by role, and the region the user works in, for every page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import Role, scope_of


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]


#: Menu entries in display order; later features add theirs here.
NAVIGATION: list[NavEntry] = [
    NavEntry(_("Beranda"), "core:home", frozenset(Role)),
    NavEntry(
        _("Data orang"),
        "trainees:person_list",
        frozenset({Role.OFFICE_STAFF, Role.OPERATOR}),
    ),
    NavEntry(_("Data saya"), "trainees:my_data", frozenset({Role.TRAINEE})),
    NavEntry(_("Jejak audit"), "core:audit", frozenset({Role.OFFICE_STAFF})),
]


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_of(user)
    if not scope.roles and not scope.is_superuser:
        return {"nav_items": [], "user_roles": [], "current_region": None}
    roles = scope.roles if not scope.is_superuser else frozenset(Role)
    items = []
    for entry in NAVIGATION:
        if entry.roles & roles:
            url = reverse(entry.url_name)
            active = request.path == url if url == "/" else request.path.startswith(url)
            items.append(NavItem(entry.label, url, active))
    from jejaring.regions.selectors import home_region_for

    return {
        "nav_items": items,
        "user_roles": [role.label for role in Role if role in scope.roles],
        "current_region": home_region_for(actor=user),
    }
