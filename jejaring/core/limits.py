"""Rate limits in the shared "limits" cache: how often something may happen per subject
(a client address, a NIK, …) within a sliding period.

The caller checks before the write and records after it succeeded, so only what was
accepted counts:

    checks = [(PER_ADDRESS, address), (PER_NIK, nik)]
    if limits.exceeded(checks):
        ...refuse...
    do_the_write()
    limits.record(checks)

Each accepted event claims one numbered slot with `cache.add`, which is atomic on every
backend (a primary-key insert in the database cache, SET NX in Redis), and the slot
expires one period after it was claimed; so concurrent writers never lose a count and
the window slides. Subjects are stored only as a keyed hash (HMAC with the secret key):
the cache never holds a clear NIK or address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.utils.crypto import salted_hmac

#: The cache alias: shared by every process and kept across restarts (see settings).
CACHE_ALIAS = "limits"


@dataclass(frozen=True)
class Rate:
    """At most `count` events per subject in any `seconds`-long period."""

    name: str
    count: int
    seconds: int

    def __post_init__(self) -> None:
        if self.count < 1 or self.seconds < 1:
            raise ValueError("a rate needs a positive count and period")

    @property
    def slots(self) -> int:
        # Requests that pass the check together may all be accepted; room for twice the
        # count keeps them counted without letting the key space grow without bound.
        return 2 * self.count


Check = tuple[Rate, str]


def _cache() -> BaseCache:
    return caches[CACHE_ALIAS]


def _slot_keys(rate: Rate, subject: str) -> list[str]:
    digest = salted_hmac("jejaring.core.limits", f"{rate.name}\0{subject}").hexdigest()
    return [f"limit:{rate.name}:{digest}:{slot}" for slot in range(rate.slots)]


def used(rate: Rate, subject: str) -> int:
    """How many events of `subject` were recorded within the last period."""
    return len(_cache().get_many(_slot_keys(rate, subject)))


def exceeded(checks: Iterable[Check]) -> bool:
    """True when any subject has used up its rate; subjects that are empty are skipped
    (a request without a usable address is limited by its other subjects)."""
    return any(subject and used(rate, subject) >= rate.count for rate, subject in checks)


def record(checks: Iterable[Check]) -> None:
    """Count one accepted event for each subject. Call it after the write succeeded."""
    cache = _cache()
    for rate, subject in checks:
        if not subject:
            continue
        for key in _slot_keys(rate, subject):
            if cache.add(key, 1, timeout=rate.seconds):
                break
