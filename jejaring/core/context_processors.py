"""Navigation by role and by task, for every page (the region shown is regions' context
processor).

Every app lists its menu entries in `<app>/nav.py` (`ENTRIES`); each entry names the
section of the menu it belongs to. The menu shows a user the entries of their roles,
grouped by section in a fixed order: a section with one entry is a plain link, a larger
one a fold-out group (a dropdown on a desktop, a sub-list on a phone)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jejaring.core.discovery import app_modules
from jejaring.core.scope import Role, scope_of


class Section(models.TextChoices):
    """The menu's sections, in the order they are shown. HOME holds the few links that
    always stand on their own (the home page, a trainee's own data)."""

    HOME = "home", _("Beranda")
    TRAINING = "training", _("Pelatihan")
    ASSESSMENT = "assessment", _("Uji kompetensi")
    PLACEMENT = "placement", _("Perusahaan & penyaluran")
    SOCIAL_SECURITY = "social_security", _("BPJS")
    OUTCOMES = "outcomes", _("Capaian")
    PLANNING = "planning", _("Perencanaan")
    ADMIN = "admin", _("Administrasi")


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    #: Position inside its section: lower comes first.
    order: int = 500
    #: The section it is grouped under. None is a mistake a test catches (the entry is
    #: then shown under Administrasi rather than breaking every page).
    section: Section | None = field(default=None, kw_only=True)
    #: Shown to platform superusers only (whatever `roles` says), e.g. the Django admin.
    superuser_only: bool = field(default=False, kw_only=True)


#: A superuser works on every region's records as the office does, but has no company,
#: person or assessor profile of their own: the pages of those roles ("my company",
#: "my data") are not theirs unless they also hold the role.
SUPERUSER_ROLES = frozenset({Role.OFFICE_STAFF, Role.OPERATOR, Role.ASSESSOR, Role.VIEWER})

#: The core's menu entries. Each app adds its own in `<app>/nav.py` as a list named
#: `ENTRIES`, so that apps never edit one shared list.
CORE_ENTRIES: list[NavEntry] = [
    NavEntry(_("Beranda"), "core:home", frozenset(Role), order=0, section=Section.HOME),
    NavEntry(
        _("Data orang"),
        "trainees:person_list",
        frozenset({Role.OFFICE_STAFF, Role.OPERATOR}),
        order=10,
        section=Section.TRAINING,
    ),
    NavEntry(
        _("Data saya"),
        "trainees:my_data",
        frozenset({Role.TRAINEE}),
        order=20,
        section=Section.HOME,
    ),
    NavEntry(
        _("Riwayat impor"),
        "imports:job_list",
        frozenset({Role.OFFICE_STAFF, Role.OPERATOR}),
        order=880,
        section=Section.ADMIN,
    ),
    NavEntry(
        _("Jejak audit"),
        "core:audit",
        frozenset({Role.OFFICE_STAFF}),
        order=900,
        section=Section.ADMIN,
    ),
    NavEntry(
        _("Admin sistem"),
        "admin:index",
        frozenset(),
        order=990,
        section=Section.ADMIN,
        superuser_only=True,
    ),
]


@cache
def navigation_entries() -> tuple[NavEntry, ...]:
    """Every menu entry, the core's and each installed app's `nav.ENTRIES`, in section
    order and, inside a section, by `order`."""
    entries = list(CORE_ENTRIES)
    for module in app_modules("nav"):
        entries.extend(module.ENTRIES)
    sections = list(Section)
    return tuple(
        sorted(entries, key=lambda entry: (sections.index(section_of(entry)), entry.order))
    )


def section_of(entry: NavEntry) -> Section:
    return entry.section if isinstance(entry.section, Section) else Section.ADMIN


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    active: bool


@dataclass(frozen=True)
class NavGroup:
    """One section of a user's menu: `single` groups render as a plain link."""

    section: Section
    label: str | Promise
    items: tuple[NavItem, ...]

    @property
    def single(self) -> bool:
        return self.section == Section.HOME or len(self.items) == 1

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)


def entries_for(*, roles: frozenset[Role], is_superuser: bool) -> list[NavEntry]:
    """The entries a user with these roles sees (each URL once)."""
    seen_roles = roles | SUPERUSER_ROLES if is_superuser else roles
    chosen: list[NavEntry] = []
    urls: set[str] = set()
    for entry in navigation_entries():
        visible = is_superuser if entry.superuser_only else bool(entry.roles & seen_roles)
        if visible and entry.url_name not in urls:
            urls.add(entry.url_name)
            chosen.append(entry)
    return chosen


def _active_url(path: str, urls: list[str]) -> str | None:
    """The menu URL the current page sits under: the longest one that prefixes the path
    (so /perusahaan/formasi/3/ is under Formasi, not under Perusahaan)."""
    matches = [url for url in urls if (path == url if url == "/" else path.startswith(url))]
    return max(matches, key=len) if matches else None


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_of(user)
    if not scope.roles and not scope.is_superuser:
        return {"nav_groups": [], "nav_items": [], "user_roles": []}
    entries = entries_for(roles=scope.roles, is_superuser=scope.is_superuser)
    urls = [reverse(entry.url_name) for entry in entries]
    active = _active_url(request.path, urls)
    items = [
        NavItem(entry.label, url, url == active) for entry, url in zip(entries, urls, strict=True)
    ]
    groups: list[NavGroup] = []
    for entry, item in zip(entries, items, strict=True):
        section = section_of(entry)
        if groups and groups[-1].section == section:
            groups[-1] = NavGroup(section, section.label, (*groups[-1].items, item))
        else:
            groups.append(NavGroup(section, section.label, (item,)))
    return {
        "nav_groups": groups,
        "nav_items": items,
        "user_roles": [role.label for role in Role if role in scope.roles],
    }
