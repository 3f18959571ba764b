"""Keyset ("seek") pagination: pages that neither count nor skip the whole set.

A page is found by the key of the row next to it, never by an offset: "the 50 rows after
(name, id) = ('Budi', 812)" is a range read on an index over (name, id), as fast on page
500 as on page 1, and no `COUNT(*)` runs over the whole set (an optional count stops at a
cap and shows "1.000+").

    page = seek_page(queryset, ordering=("full_name", "id"), size=50,
                     cursor=request.GET.get("cursor"))
    page.rows, page.next_cursor, page.previous_cursor, page.count_display

The contract:

- `ordering` is the whole order of the page and must be unique: end it with the primary
  key ("id" or "-id"). Each key may be ascending or descending ("-occurred_at").
- Keys are NULL-free columns of the model itself (not spanning relations): a NULL key
  cannot be compared, so a row whose key is NULL would be skipped.
- A cursor is opaque to the client (urlsafe base64 of JSON: the key values of the row next
  to the page and the direction). It is not signed: a tampered cursor only moves the page
  within the queryset, which is already scoped to what the actor may see. A cursor that is
  malformed, has the wrong number of keys or values the columns cannot hold gives the first
  page, never an error.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections, models
from django.db.models import Q, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils.formats import number_format
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from jejaring.core.params import INT64_MAX

T = TypeVar("T")

#: The query parameter the pager's links set.
CURSOR_PARAM = "cursor"
#: How far the optional count goes before it shows "<cap>+".
DEFAULT_COUNT_CAP = 1000
#: The cap of a search's count: counting walks the matches, and past a hundred the user
#: narrows the search rather than reads on.
SEARCH_COUNT_CAP = 100
#: A cursor longer than this is not one of ours.
_MAX_CURSOR_LENGTH = 2000


@dataclass(frozen=True)
class SeekPage(Generic[T]):
    """One page of rows, with cursors to the pages around it."""

    rows: list[T]
    next_cursor: str | None
    previous_cursor: str | None
    #: Rows in the whole set up to `count_cap` (None when no count was asked for).
    count: int | None = None
    count_cap: int | None = None

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def count_is_capped(self) -> bool:
        return self.count is not None and self.count_cap is not None and self.count > self.count_cap

    @property
    def count_display(self) -> str:
        """The count in the active locale's digits ("1.000+" past the cap; "" if none)."""
        if self.count is None:
            return ""
        if self.count_is_capped:
            assert self.count_cap is not None
            return f"{number_format(self.count_cap, force_grouping=True)}+"
        return str(number_format(self.count, force_grouping=True))


@dataclass(frozen=True)
class _Key:
    name: str  # the attribute as given, without "-"
    descending: bool
    field: models.Field[Any, Any]


def seek_page(
    queryset: QuerySet[Any],
    *,
    ordering: Sequence[str],
    size: int,
    cursor: str | None = None,
    count_cap: int | None = None,
    parts: Sequence[QuerySet[Any]] | None = None,
) -> SeekPage[Any]:
    """The page of `queryset` in `ordering` that `cursor` points at (the first page without
    one). Reads `size + 1` rows to know whether another page follows; with `count_cap`,
    also counts the set up to `count_cap + 1` rows (a LIMIT subquery, never the world).

    `parts`: querysets whose union is `queryset` (`for_actor_parts`). Where the database
    can order and limit the arms of a UNION (PostgreSQL), each part's page is read on its
    own, where an index may serve its order, and the database merges them; elsewhere
    `queryset` is read as one."""
    if size < 1:
        raise ValueError("size must be at least 1")
    keys = _keys(queryset.model, ordering)
    forward_order = [_order_by(key, reverse=False) for key in keys]
    backward_order = [_order_by(key, reverse=True) for key in keys]
    position = _decode(cursor, keys)
    read = _Reader(queryset, parts, size + 1)
    rows: list[Any]
    if position is None:
        rows = read(None, forward_order)
        more_before, more_after = False, len(rows) > size
        rows = rows[:size]
    else:
        values, backward = position
        if backward:
            found = read(_beyond(keys, values, reverse=True), backward_order)
            more_before, more_after = len(found) > size, True
            rows = list(reversed(found[:size]))
        else:
            found = read(_beyond(keys, values, reverse=False), forward_order)
            more_before, more_after = True, len(found) > size
            rows = found[:size]
        if not rows:
            # The rows next to the cursor are gone (deleted, or a hand-made cursor past
            # the end): start again from the beginning rather than show an empty page.
            return seek_page(
                queryset, ordering=ordering, size=size, count_cap=count_cap, parts=parts
            )
    count = None
    if count_cap is not None:
        count = read.count(count_cap + 1)
    return SeekPage(
        rows=rows,
        next_cursor=_encode(keys, rows[-1], backward=False) if more_after and rows else None,
        previous_cursor=_encode(keys, rows[0], backward=True) if more_before and rows else None,
        count=count,
        count_cap=count_cap,
    )


@dataclass(frozen=True)
class SeekSource:
    """A queryset with the parts whose union it is (`seek_page`'s `parts`), for an API
    list that `SeekPages` pages."""

    queryset: QuerySet[Any]
    parts: Sequence[QuerySet[Any]] | None = None
    #: The count's cap for this list, if not the paginator's (e.g. a smaller one for a
    #: search, whose count walks the matches).
    count_cap: int | None = None


class _Reader:
    """Reads a page of rows, and the capped count, from one queryset or a union of parts."""

    def __init__(
        self, queryset: QuerySet[Any], parts: Sequence[QuerySet[Any]] | None, limit: int
    ) -> None:
        self.queryset = queryset
        self.limit = limit
        features = connections[queryset.db].features
        self.parts = (
            list(parts)
            if parts is not None and features.supports_slicing_ordering_in_compound
            else None
        )

    def __call__(self, beyond: Q | None, order: list[str]) -> list[Any]:
        if self.parts is None:
            qs = self.queryset if beyond is None else self.queryset.filter(beyond)
            return list(qs.order_by(*order)[: self.limit])
        if not self.parts:
            return []
        arms = [
            (part if beyond is None else part.filter(beyond))
            .select_related(None)
            .order_by(*order)[: self.limit]
            for part in self.parts
        ]
        # UNION (not ALL): a row two parts hold is listed once.
        merged = arms[0] if len(arms) == 1 else arms[0].union(*arms[1:]).order_by(*order)
        rows = list(merged[: self.limit])
        # A union cannot join: what the queryset selected with its rows is read after.
        related = self.queryset.query.select_related
        if isinstance(related, dict) and related:
            prefetch_related_objects(rows, *related)
        return rows

    def count(self, limit: int) -> int:
        if self.parts is None or len(self.parts) == 1:
            source = self.queryset if self.parts is None else self.parts[0]
            return source.order_by()[:limit].count()
        if not self.parts:
            return 0
        arms = [part.order_by().values("pk")[:limit] for part in self.parts]
        return min(arms[0].union(*arms[1:]).count(), limit)


def _keys(model: type[models.Model], ordering: Sequence[str]) -> list[_Key]:
    if not ordering:
        raise ValueError("a seek ordering needs at least one key")
    keys = []
    for item in ordering:
        name = item.removeprefix("-")
        if "__" in name:
            raise ValueError(f"seek key {name!r} spans a relation; use a column of the model")
        try:
            field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        except FieldDoesNotExist:
            raise ValueError(f"{model.__name__} has no field {name!r}") from None
        assert isinstance(field, models.Field)
        keys.append(_Key(name=name, descending=item.startswith("-"), field=field))
    return keys


def _order_by(key: _Key, *, reverse: bool) -> str:
    return f"-{key.name}" if key.descending != reverse else key.name


def _beyond(keys: list[_Key], values: list[Any], *, reverse: bool) -> Q:
    """Rows strictly after `values` in the keys' order (before it if `reverse`):
    (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ..., with "k1 >= v1" repeated outside the OR so
    that the planner sees a range on the leading column of the index."""
    alternatives = Q(pk__in=[])
    for index, key in enumerate(keys):
        step = Q(**{f"{key.name}__{_comparison(key, reverse, strict=True)}": values[index]})
        for earlier, value in zip(keys[:index], values[:index], strict=True):
            step &= Q(**{earlier.name: value})
        alternatives |= step
    first = keys[0]
    leading = Q(**{f"{first.name}__{_comparison(first, reverse, strict=False)}": values[0]})
    return leading & alternatives


def _comparison(key: _Key, reverse: bool, *, strict: bool) -> str:
    upward = key.descending == reverse
    return ("gt" if upward else "lt") + ("" if strict else "e")


def _encode(keys: list[_Key], row: Any, *, backward: bool) -> str:
    values = [row[key.name] if isinstance(row, dict) else getattr(row, key.name) for key in keys]
    payload = json.dumps({"k": values, "b": backward}, default=_json_value, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _json_value(value: Any) -> str:
    # Full precision: Django's JSON encoder cuts microseconds to milliseconds, which would
    # put the cursor before its own row.
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot put a {type(value).__name__} in a seek cursor")


def _decode(cursor: str | None, keys: list[_Key]) -> tuple[list[Any], bool] | None:
    """The key values and direction in `cursor`, or None for anything not a valid cursor."""
    if not cursor or len(cursor) > _MAX_CURSOR_LENGTH:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    values, backward = payload.get("k"), payload.get("b")
    if not isinstance(values, list) or len(values) != len(keys) or not isinstance(backward, bool):
        return None
    cleaned = []
    for key, value in zip(keys, values, strict=True):
        if not _scalar(value):
            return None
        try:
            cleaned.append(key.field.to_python(value))
        except (ValidationError, TypeError, ValueError, OverflowError):
            return None
        if cleaned[-1] is None:
            return None
    return cleaned, backward


def _scalar(value: Any) -> bool:
    """A JSON value a column can be compared with: no NULL (keys are NULL-free), no NUL
    byte (PostgreSQL refuses it), no integer wider than a bigint."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -INT64_MAX - 1 <= value <= INT64_MAX
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, str):
        return "\x00" not in value
    return False


class SeekPages(PaginationBase):
    """django-ninja pagination by keyset: `@paginate(SeekPages, ordering=("full_name", "id"),
    page_size=50)`. The answer holds the items, `next` and `previous` cursors (pass one back
    as `cursor`), and `count`, the size of the set up to `count_cap` (`count_capped` says
    the set is larger)."""

    class Input(Schema):
        cursor: str = Field("", max_length=_MAX_CURSOR_LENGTH, pattern=r"^[-A-Za-z0-9_=]*$")

    class Output(Schema):
        items: list[Any]
        count: int
        count_capped: bool
        next: str | None
        previous: str | None

    def __init__(
        self,
        *,
        ordering: Sequence[str],
        page_size: int = 50,
        count_cap: int = DEFAULT_COUNT_CAP,
        **kwargs: Any,
    ) -> None:
        self.ordering = tuple(ordering)
        self.page_size = page_size
        self.count_cap = count_cap
        super().__init__(**kwargs)

    def paginate_queryset(
        self,
        queryset: QuerySet[Any] | SeekSource,
        pagination: Any,
        request: HttpRequest,
        **params: Any,
    ) -> dict[str, Any]:
        source = queryset if isinstance(queryset, SeekSource) else SeekSource(queryset)
        count_cap = source.count_cap or self.count_cap
        page = seek_page(
            source.queryset,
            ordering=self.ordering,
            size=self.page_size,
            cursor=pagination.cursor,
            count_cap=count_cap,
            parts=source.parts,
        )
        assert page.count is not None
        return {
            "items": page.rows,
            "count": min(page.count, count_cap),
            "count_capped": page.count_is_capped,
            "next": page.next_cursor,
            "previous": page.previous_cursor,
        }
