"""Prometheus metrics at `/metrics` (prometheus-client).

Measured in the process that does the work:
- `jejaring_http_requests_total{route,method,status}` and
  `jejaring_http_request_duration_seconds{route,method}`: every request, by its URL
  pattern (`orang/<int:person_id>/`, never the id itself; "unmatched" for a 404 that
  matched no pattern), so the label set stays small;

Read from the database at each scrape (the same numbers whichever host answers):
- `jejaring_task_queue_depth`, `jejaring_task_queue_oldest_seconds`: tasks waiting to run;
- `jejaring_task_workers`: workers whose heartbeat is within `READY_WORKER_WITHIN`;
- `jejaring_tasks_finished_last_hour{task,status}` and
  `jejaring_task_seconds_max_last_hour{task}`: tasks that ended in the last hour, whichever
  worker on whichever host ran them, and the longest run of each;
- whatever the apps add in their `metrics.py` (`FAMILIES`: functions returning metric
  families), e.g. import jobs and allocation rounds by status.

gunicorn runs several worker processes: with `PROMETHEUS_MULTIPROC_DIR` set (the
deploy/gunicorn.conf.py sets it up), every process writes its counts to that directory
and a scrape adds them up. Without it (development, tests) each process counts for
itself. Scrape every app host: each reports the requests it served.

Access: `Authorization: Bearer $METRICS_TOKEN` when `METRICS_TOKEN` is set; without a
token only a direct connection from the loopback address is answered (and nginx's site in
deploy/ never forwards `/metrics`). Anything else gets a 404.
"""

from __future__ import annotations

import hmac
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import REGISTRY, Collector

logger = logging.getLogger("jejaring.metrics")

METRICS_PATH = "/metrics"

HTTP_REQUESTS = Counter(
    "jejaring_http_requests",
    "HTTP requests answered, by URL pattern, method and status.",
    ["route", "method", "status"],
)
HTTP_DURATION = Histogram(
    "jejaring_http_request_duration_seconds",
    "Time to answer an HTTP request, by URL pattern and method.",
    ["route", "method"],
    buckets=(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
#: () -> metric families, from each app's `metrics.py`.
FamilySource = Callable[[], Iterable[Metric]]


def route_of(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return str(match.route or match.view_name or "unmatched")[:120]


class MetricsMiddleware:
    """Times every request and counts it by route; answers `/metrics` itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.rstrip("/") == METRICS_PATH and request.method == "GET":
            return metrics_view(request)
        started = time.perf_counter()
        response = self.get_response(request)
        route = route_of(request)
        method = request.method if request.method in _METHODS else "other"
        HTTP_DURATION.labels(route, method).observe(time.perf_counter() - started)
        HTTP_REQUESTS.labels(route, method, str(response.status_code)).inc()
        return response


_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def may_scrape(request: HttpRequest) -> bool:
    token = str(getattr(settings, "METRICS_TOKEN", "") or "")
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    forwarded = request.headers.get("X-Forwarded-For") or request.headers.get("Forwarded")
    return not forwarded and request.META.get("REMOTE_ADDR") in {"127.0.0.1", "::1"}


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not may_scrape(request):
        return HttpResponse("Not Found", status=404, content_type="text/plain")
    registry: CollectorRegistry
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    try:
        from_database = generate_latest(_database_registry())
        up = 1
    except Exception:
        logger.exception("metrics: the database figures could not be read")
        from_database, up = b"", 0
    database_up = (
        "# HELP jejaring_metrics_database_up Whether the database figures could be read.\n"
        f"# TYPE jejaring_metrics_database_up gauge\njejaring_metrics_database_up {up}\n"
    ).encode()
    body = generate_latest(registry) + from_database + database_up
    response = HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseCollector(Collector):
    """The figures read at scrape time from the database (see the module)."""

    def collect(self) -> Iterator[Metric]:
        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult

        from jejaring.core.discovery import app_modules
        from jejaring.core.health import live_workers, oldest_waiting_since

        now = timezone.now()
        depth = GaugeMetricFamily("jejaring_task_queue_depth", "Tasks waiting to run.")
        depth.add_metric([], DBTaskResult.objects.ready().count())
        yield depth
        since = oldest_waiting_since()
        oldest = GaugeMetricFamily(
            "jejaring_task_queue_oldest_seconds", "How long the oldest waiting task has waited."
        )
        oldest.add_metric([], (now - since).total_seconds() if since else 0.0)
        yield oldest
        workers = GaugeMetricFamily(
            "jejaring_task_workers", "Task workers whose heartbeat is recent."
        )
        workers.add_metric([], live_workers()["n"])
        yield workers
        yield from _finished_tasks(now - timedelta(hours=1))
        for module in app_modules("metrics"):
            for source in getattr(module, "FAMILIES", ()):
                yield from source()


def _finished_tasks(since: datetime) -> Iterator[Metric]:
    from django.db.models import Count, DurationField, ExpressionWrapper, F, Max
    from django_tasks_db.models import DBTaskResult

    rows = list(
        DBTaskResult.objects.filter(finished_at__gte=since)
        .values("task_path", "status")
        .annotate(
            n=Count("pk"),
            longest=Max(
                ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
            ),
        )
        .order_by("task_path", "status")
    )
    finished = GaugeMetricFamily(
        "jejaring_tasks_finished_last_hour",
        "Background tasks that ended in the last hour, by task and final status.",
        labels=["task", "status"],
    )
    longest = GaugeMetricFamily(
        "jejaring_task_seconds_max_last_hour",
        "The longest run of each task among those that ended in the last hour.",
        labels=["task"],
    )
    worst: dict[str, float] = {}
    for row in rows:
        finished.add_metric([row["task_path"], row["status"]], row["n"])
        if row["longest"] is not None:
            seconds = row["longest"].total_seconds()
            worst[row["task_path"]] = max(worst.get(row["task_path"], 0.0), seconds)
    for path, seconds in sorted(worst.items()):
        longest.add_metric([path], seconds)
    yield finished
    yield longest


def _import_jobs() -> Iterator[Metric]:
    from django.db.models import Count

    from jejaring.core.models import ImportJob

    rows = ImportJob.objects.values("kind", "status").annotate(n=Count("pk")).order_by()
    yield by_status(
        "jejaring_import_jobs", "Import jobs by kind and status.", rows, ["kind", "status"]
    )


#: The core's own figures (the apps add theirs in their `metrics.py`).
FAMILIES: list[FamilySource] = [_import_jobs]


def _database_registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector())
    return registry


def by_status(
    name: str, documentation: str, rows: Iterable[dict[str, Any]], labels: list[str]
) -> Metric:
    """A gauge family from grouped rows (`values(*labels).annotate(n=Count("pk"))`)."""
    family = GaugeMetricFamily(name, documentation, labels=labels)
    for row in rows:
        family.add_metric([str(row[label]) for label in labels], row["n"])
    return family
