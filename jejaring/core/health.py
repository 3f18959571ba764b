"""Health and readiness, for load balancers, supervisors and scripts.

`/healthz` says the process answers: no database, no cache, no session; a load balancer
can call it every second. `/readyz` runs the checks below and answers JSON:

- **database**: a query answers;
- **migrations**: every migration of the code is applied (checked until it is true once
  per process: a running process never un-applies one);
- **cache**: each configured cache stores and returns a value (the login and
  registration limits live in one of them);
- **worker**: a task worker (`manage.py worker`) kept its heartbeat within
  `READY_WORKER_WITHIN` seconds;
- **queue**: the oldest task waiting to run has waited at most `READY_QUEUE_MAX_AGE`
  seconds.

The first three are *essential*: without them this process cannot serve, so `/readyz`
answers 503 and a load balancer takes the host out. A missing worker or a late queue
makes the whole deployment degraded, not this web process: `/readyz` still answers 200
with `"degraded": true`, so one stopped worker does not take every web host out of the
load balancer; `/readyz?all=1` (for monitoring) and `manage.py check_ready` fail on them.

Both paths are answered by `HealthMiddleware`, first in the chain: before the host check
(a load balancer probes a host by its address), the HTTPS redirect (probes are plain HTTP
on the private network) and the session. The answers name the checks and their state,
never an exception's text (that goes to the log).
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("jejaring.health")

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    essential: bool


@dataclass(frozen=True)
class Readiness:
    checks: tuple[Check, ...]

    @property
    def ready(self) -> bool:
        """This process can serve: every essential check passed."""
        return all(check.ok for check in self.checks if check.essential)

    @property
    def healthy(self) -> bool:
        """Every check passed, the worker and the queue included."""
        return all(check.ok for check in self.checks)

    def as_dict(self) -> dict[str, object]:
        return {
            "ready": self.ready,
            "degraded": self.ready and not self.healthy,
            "checks": [asdict(check) for check in self.checks],
        }


def worker_within() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "READY_WORKER_WITHIN", 60)))


def queue_max_age() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "READY_QUEUE_MAX_AGE", 300)))


def _guarded(name: str, essential: bool, probe: Callable[[], tuple[bool, str]]) -> Check:
    try:
        ok, detail = probe()
    except Exception:
        logger.exception("readiness check %s failed", name)
        return Check(name, False, "error (see the log)", essential)
    return Check(name, ok, detail, essential)


def _database() -> tuple[bool, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return True, connection.vendor


_migrations_applied = False


def _migrations() -> tuple[bool, str]:
    global _migrations_applied
    if _migrations_applied:
        return True, "all applied"
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return False, f"{len(plan)} not applied"
    _migrations_applied = True
    return True, "all applied"


def _caches() -> tuple[bool, str]:
    from django.core.cache import caches

    failed = []
    for alias in settings.CACHES:
        key = f"jejaring:ready:{secrets.token_hex(8)}"
        token = secrets.token_hex(8)
        cache = caches[alias]
        cache.set(key, token, 30)
        if cache.get(key) != token:
            failed.append(alias)
        cache.delete(key)
    if failed:
        return False, "not storing: " + ", ".join(failed)
    return True, ", ".join(settings.CACHES)


def live_workers() -> dict[str, Any]:
    """The workers whose heartbeat is within `READY_WORKER_WITHIN`: how many (`n`) and
    the last heartbeat (`last`, None when there is none). Also read by /metrics."""
    from django.db.models import Count, Max
    from django.utils import timezone

    from jejaring.core.models import WorkerHeartbeat

    recent = WorkerHeartbeat.objects.filter(last_seen__gte=timezone.now() - worker_within())
    return recent.aggregate(n=Count("pk"), last=Max("last_seen"))


def oldest_waiting_since() -> datetime | None:
    """Since when the task that has waited longest to run has been waiting; a task
    scheduled for later waits from its run_after, not from when it was queued. Also read
    by /metrics."""
    from django.db.models import Case, F, When
    from django.db.models.functions import Greatest
    from django_tasks_db.models import DBTaskResult, get_date_max

    waiting = DBTaskResult.objects.ready().annotate(
        since=Case(
            When(run_after=get_date_max(), then=F("enqueued_at")),
            default=Greatest(F("enqueued_at"), F("run_after")),
        )
    )
    since: datetime | None = waiting.order_by("since").values_list("since", flat=True).first()
    return since


def _worker() -> tuple[bool, str]:
    from django.utils import timezone

    workers = live_workers()
    if workers["last"] is None:
        return False, f"no worker seen within {worker_within().total_seconds():.0f} s"
    ago = (timezone.now() - workers["last"]).total_seconds()
    return True, f"{workers['n']} seen, the last {ago:.0f} s ago"


def _queue() -> tuple[bool, str]:
    from django.utils import timezone

    oldest = oldest_waiting_since()
    if oldest is None:
        return True, "empty"
    age = timezone.now() - oldest
    return age <= queue_max_age(), f"oldest waiting {age.total_seconds():.0f} s"


def readiness() -> Readiness:
    database = _guarded("database", True, _database)
    if not database.ok:
        # Everything else reads the database: say so rather than time out four times.
        rest = ("migrations", "worker", "queue")
        skipped = tuple(
            Check(name, False, "database unreachable", name == "migrations") for name in rest
        )
        return Readiness((database, skipped[0], _guarded("cache", True, _caches), *skipped[1:]))
    return Readiness(
        (
            database,
            _guarded("migrations", True, _migrations),
            _guarded("cache", True, _caches),
            _guarded("worker", False, _worker),
            _guarded("queue", False, _queue),
        )
    )


def _json(payload: dict[str, object], status: int) -> HttpResponse:
    response = HttpResponse(
        json.dumps(payload), status=status, content_type="application/json; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    """Answers `/healthz` and `/readyz` before anything else runs (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info.rstrip("/") or "/"
        if path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            response = HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
            response["Cache-Control"] = "no-store"
            return response
        if path == READY_PATH and request.method in ("GET", "HEAD"):
            result = readiness()
            strict = request.GET.get("all") == "1"
            ok = result.healthy if strict else result.ready
            return _json(result.as_dict(), 200 if ok else 503)
        return self.get_response(request)


class QueueDeadlineMiddleware:
    """Drops a request that waited in the queue longer than its client would wait.

    nginx stamps each request with the time it arrived (`X-Request-Start: t=<seconds>`,
    deploy/nginx) and gives up on it after `proxy_read_timeout` (30 s), answering the
    client 504. Under overload a sync worker would still take such a request from the
    queue and do all its work for nobody, which keeps the queue long. This answers it at
    once with 503 instead: no session, no query. The limit is `REQUEST_QUEUE_TIMEOUT`
    seconds (default 30, nginx's timeout); a request without the stamp is never dropped.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.limit = float(getattr(settings, "REQUEST_QUEUE_TIMEOUT", 30))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        waited = queued_for(request.headers.get("X-Request-Start", ""))
        if waited is not None and waited > self.limit:
            logger.warning("dropped a request that waited %.1f s in the queue", waited)
            response = HttpResponse(
                "Server sedang sibuk. Coba lagi sebentar lagi.\n",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "5"
            return response
        return self.get_response(request)


def queued_for(stamp: str) -> float | None:
    """Seconds since `t=<epoch seconds>` (nginx's `${msec}`), or None if it is not one."""
    if not stamp.startswith("t="):
        return None
    try:
        started = float(stamp[2:])
    except ValueError:
        return None
    if not 0 < started < 1e11:  # seconds, not milli- or microseconds
        return None
    return time.time() - started
