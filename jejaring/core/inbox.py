"""The "Perlu tindakan" inbox at the top of every home page: what needs the user now.

Each app lists what it knows needs someone in `<app>/inbox.py` as `SOURCES`, a list of
`InboxSource(role, read)`; `read(actor=, today=)` returns `InboxItem`s, each a link to the
exact page where the work is done, with how many records wait there and by when. The core
knows no app's tables: it asks the sources of every role the user holds and puts the
items most urgent first (overdue, then the nearest due date, then the biggest count).

A source keeps to a few indexed queries whatever the number of rows (one aggregate per
kind of work, or one grouped query limited to a few rows), so the home page stays fast
with a million people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from typing import Any

from django.db.models import Count, Min, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from jejaring.core.discovery import app_modules
from jejaring.core.policies import OFFICE, policy_for
from jejaring.core.scope import Role, scope_of

#: (actor, today) -> list[InboxItem]
InboxReader = Callable[..., list["InboxItem"]]

#: At most this many items of one kind (one per batch, session, round …) are listed.
PER_KIND = 5

#: Counts stop here ("999+"): counting every unanswered follow-up of a big region on each
#: home page would cost more than the number tells.
COUNT_CAP = 999


@dataclass(frozen=True)
class InboxItem:
    """One row of the inbox: `count` records wait at `url`, the first of them by `due`."""

    title: str | Promise
    url: str
    count: int = 1
    due: date | None = None
    detail: str | Promise = ""
    #: Past its due date (set by `inbox_for` from `due` unless the source says so).
    overdue: bool = False

    @property
    def count_label(self) -> str:
        return f"{COUNT_CAP}+" if self.count > COUNT_CAP else str(self.count)


@dataclass(frozen=True)
class InboxSource:
    role: Role
    read: InboxReader
    order: int = 500


@cache
def _sources() -> tuple[InboxSource, ...]:
    found: list[InboxSource] = []
    for module in app_modules("inbox"):
        found.extend(getattr(module, "SOURCES", ()))
    return tuple(sorted(found, key=lambda s: s.order))


def urgency(item: InboxItem) -> tuple[bool, bool, date, int, str]:
    """The sort key: overdue first, then by due date (undated last), then bigger counts."""
    return (not item.overdue, item.due is None, item.due or date.max, -item.count, str(item.title))


def inbox_for(actor: Any, today: date, roles: Iterable[Role] | None = None) -> list[InboxItem]:
    """The items of every role the actor holds (or of `roles`), most urgent first. Items
    that count nothing are left out; the same link named twice (two roles) shows once."""
    held = scope_of(actor).roles if roles is None else frozenset(roles)
    items: dict[tuple[str, str], InboxItem] = {}
    for source in _sources():
        if source.role not in held:
            continue
        for item in source.read(actor=actor, today=today):
            if item.count <= 0:
                continue
            if item.due is not None and item.due < today and not item.overdue:
                item = replace(item, overdue=True)
            items.setdefault((item.url, str(item.title)), item)
    return sorted(items.values(), key=urgency)


# --- helpers for the sources ----------------------------------------------------------


def as_role(actor: Any, role: Role, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """`queryset` limited to what the actor reaches in `role` alone: an inbox item of one
    role never counts the records another role of the same user sees."""
    if role == Role.OFFICE_STAFF:
        return policy_for(queryset.model).permitted(actor, OFFICE, queryset)
    scope = scope_of(actor)
    if scope.is_superuser:
        return queryset
    policy = policy_for(queryset.model)
    return queryset.filter(policy._role_q(scope, [role]))


@dataclass(frozen=True)
class Summary:
    count: int
    due: date | None
    first_id: int | None


def summarise(queryset: QuerySet[Any], due_field: str | None = None) -> Summary:
    """How many records (up to just past `COUNT_CAP`), the earliest `due_field` and the
    smallest id, in one query (the id is the record's own page when there is only one).
    The records are read in `due_field` order, so the earliest is among those counted."""
    aggregates: dict[str, Any] = {"n": Count("pk"), "first": Min("pk")}
    if due_field:
        aggregates["due"] = Min(due_field)
    capped = queryset.order_by(due_field or "pk", "pk")[: COUNT_CAP + 1]
    row = capped.aggregate(**aggregates)
    due = row.get("due")
    if isinstance(due, datetime):
        due = timezone.localdate(due) if timezone.is_aware(due) else due.date()
    return Summary(row["n"], due, row["first"])


def one_or_list(
    summary: Summary,
    *,
    title: str | Promise,
    one_url: Callable[[int], str],
    list_url: str,
    detail: str | Promise = "",
    overdue: bool = False,
) -> list[InboxItem]:
    """One item for a kind of work: the record's own page when only one waits, else the
    list filtered to what waits. Nothing when nothing waits."""
    if not summary.count or summary.first_id is None:
        return []
    url = one_url(summary.first_id) if summary.count == 1 else list_url
    return [InboxItem(title, url, summary.count, summary.due, detail, overdue)]
