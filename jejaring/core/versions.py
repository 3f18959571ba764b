"""Figures that are read, not recomputed (issue 16): a data version per region and topic,
and a short-lived cache keyed on it.

A write that changes what a dashboard or a home card counts calls
`bump(region_ids, topic)` inside its transaction; the region's version of that topic is
replaced once the transaction commits, so the next reader recomputes. A reader calls
`cached(parts, compute, region_ids=..., topics=...)` with everything that decides the
figure (the actor's scope, the filters and window): the figure is computed once per
version and then read from the cache, with the time it was computed (`as_of`), which the
page shows. A write that bypasses the services is seen when the entry expires (`TIMEOUT`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, Generic, TypeVar

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from jejaring.core.models import DataVersion
from jejaring.core.scope import scope_of

PEOPLE = "people"
TRAINING = "training"
OUTCOMES = "outcomes"
PLACEMENT = "placement"
EMPLOYERS = "employers"
ENTERPRISE = "enterprise"

#: The version every bump also replaces: figures over all regions (a superuser's) key on it.
ANY_REGION = 0
#: Seconds a cached figure lives at most, whatever the versions say.
TIMEOUT = 300
CACHE = "default"

T = TypeVar("T")


@dataclass(frozen=True)
class Cached(Generic[T]):
    value: T
    as_of: datetime


def bump(region_ids: int | Iterable[int | None] | None, *topics: str) -> None:
    """Replace the versions of `topics` in these regions (and in "any region") once the
    current transaction commits (at once outside a transaction)."""
    if region_ids is None or isinstance(region_ids, int):
        region_ids = [region_ids]
    ids = frozenset({ANY_REGION, *(pk for pk in region_ids if pk is not None)})
    # Robust: the write has committed; a failed bump is logged and its figures expire
    # with TIMEOUT, rather than turning a saved write into an error page.
    transaction.on_commit(partial(_replace, ids, frozenset(topics)), robust=True)


def _replace(region_ids: frozenset[int], topics: frozenset[str]) -> None:
    token = _token()
    rows = DataVersion.objects.filter(region_id__in=region_ids, topic__in=topics)
    with transaction.atomic():
        # Every bump takes "any region" too: rows are locked in one order, so two bumps
        # at once wait for each other instead of deadlocking.
        list(rows.select_for_update().order_by("region_id", "topic").values_list("pk"))
        rows.update(token=token)
        DataVersion.objects.bulk_create(
            [
                DataVersion(region_id=pk, topic=topic, token=token)
                for pk in region_ids
                for topic in topics
            ],
            ignore_conflicts=True,
        )


def _token() -> int:
    return secrets.randbits(62)


def versions(region_ids: Iterable[int] | None, topics: Iterable[str]) -> tuple[Any, ...]:
    """The current versions of `topics` in these regions (None: in any region), in one
    indexed read. A version never written yet is started with a random token, so a figure
    cached for other data under the same ids (another test, a restored database) never
    matches."""
    ids = {ANY_REGION} if region_ids is None else set(region_ids)
    topics = sorted(set(topics))
    found = {
        (pk, topic): token
        for pk, topic, token in DataVersion.objects.filter(
            region_id__in=ids, topic__in=topics
        ).values_list("region_id", "topic", "token")
    }
    missing = [(pk, topic) for pk in ids for topic in topics if (pk, topic) not in found]
    if missing:
        DataVersion.objects.bulk_create(
            [DataVersion(region_id=pk, topic=topic, token=_token()) for pk, topic in missing],
            ignore_conflicts=True,
        )
        found.update(
            {
                (pk, topic): token
                for pk, topic, token in DataVersion.objects.filter(
                    region_id__in=ids, topic__in=topics
                ).values_list("region_id", "topic", "token")
            }
        )
    return tuple(sorted(found.items()))


def canonical(value: Any) -> Any:
    """`value` with its sets sorted and mappings ordered, so that equal inputs give the
    same cache key in every process."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__qualname__,
            tuple(
                (field.name, canonical(getattr(value, field.name)))
                for field in dataclasses.fields(value)
            ),
        )
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((canonical(item) for item in value), key=repr))
    if isinstance(value, dict):
        return tuple(sorted((repr(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(canonical(item) for item in value)
    return value


def seen_by(actor: Any) -> tuple[Any, ...]:
    """Everything in the actor's scope that decides what they may see, without who they
    are: actors with the same scope share a cached figure."""
    scope = scope_of(actor)
    return tuple(
        (field.name, canonical(getattr(scope, field.name)))
        for field in dataclasses.fields(scope)
        if field.name != "user_id"
    )


def regions_of(actor: Any) -> frozenset[int] | None:
    """Every region the actor holds a role in (None: all regions, for a superuser)."""
    scope = scope_of(actor)
    if scope.is_superuser:
        return None
    # region_ids already joins the office, operator, assessor and company regions.
    return scope.region_ids | scope.viewer_region_ids


def cached(
    parts: Any,
    compute: Callable[[], T],
    *,
    region_ids: Iterable[int] | None,
    topics: Iterable[str],
    timeout: int = TIMEOUT,
) -> Cached[T]:
    """`compute()`'s result for `parts` at the current versions of `topics` in these
    regions, computed at most once per version (and language) while the entry lives.

    `parts` must hold everything the result depends on besides the data: what the actor
    may see (their scope, never their identity), the filters and window. Cache the shown
    result (suppressed where suppression applies), never raw counts."""
    key_source = repr((canonical(parts), versions(region_ids, topics), get_language()))
    key = "figures:" + hashlib.sha256(key_source.encode()).hexdigest()
    cache = caches[CACHE]
    hit = cache.get(key)
    if isinstance(hit, Cached):
        return hit
    fresh = Cached(compute(), timezone.now())
    cache.set(key, fresh, timeout)
    return fresh
