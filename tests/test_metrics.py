"""/metrics (jejaring.core.metrics): who may read it, and what it counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from prometheus_client import REGISTRY

from jejaring.core.models import ImportJob, WorkerHeartbeat
from jejaring.placement.models import AllocationRound
from jejaring.regions.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def scrape(client: Client | None = None, **headers: str) -> tuple[int, str]:
    response = (client or Client()).get("/metrics", **headers)
    return response.status_code, response.content.decode()


def value(text: str, name: str, **labels: str) -> float | None:
    """The sample `name{labels}` of a scrape, labels in any order."""
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, number = line.rpartition(" ")
        if head.split("{", 1)[0] != name:
            continue
        found = dict(
            part.split("=", 1)
            for part in head.partition("{")[2].rstrip("}").split(",")
            if "=" in part
        )
        if {key: val.strip('"') for key, val in found.items()} == labels:
            return float(number)
    return None


def test_requests_are_counted_and_timed_by_url_pattern_not_by_id() -> None:
    labels = {"route": "akun/masuk/", "method": "GET", "status": "200"}
    before = REGISTRY.get_sample_value("jejaring_http_requests_total", labels) or 0.0
    client = Client()
    for _ in range(3):
        assert client.get("/akun/masuk/").status_code == 200
    client.get("/orang/12345/")  # a pattern with an id: counted under its pattern
    status, text = scrape(client)
    assert status == 200
    assert value(text, "jejaring_http_requests_total", **labels) == before + 3
    # No label names the id (a value elsewhere may contain the digits by chance).
    labels_seen = [line.partition("{")[2].partition("}")[0] for line in text.splitlines()]
    assert not any("12345" in seen for seen in labels_seen)
    assert any('route="orang/<int:person_id>/"' in seen for seen in labels_seen)
    count = value(
        text, "jejaring_http_request_duration_seconds_count", route="akun/masuk/", method="GET"
    )
    assert count is not None and count >= 3


def test_queue_workers_finished_tasks_imports_and_rounds_are_read_from_the_database() -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="host:1:x", hostname="host", pid=1, started_at=now, last_seen=now
    )
    waiting = DBTaskResult.objects.create(
        args_kwargs={"args": [[]], "kwargs": {}},
        task_path="jejaring.notices.tasks.send_notification_emails",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=waiting.pk).update(enqueued_at=now - timedelta(seconds=90))
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="jejaring.core.imports.import_job_write_task",
        backend_name="default",
        run_after=get_date_max(),
        status="SUCCESSFUL",
        started_at=now - timedelta(seconds=40),
        finished_at=now - timedelta(seconds=10),
    )
    region = RegionFactory()
    ImportJob.objects.create(
        region=region,
        kind=ImportJob.Kind.PARTICIPANTS,
        file="imports/peserta.csv",
        original_name="peserta.csv",
        status=ImportJob.Status.VALIDATED,
    )
    AllocationRound.objects.create(region=region, name="Putaran", seed=1)
    status, text = scrape()
    assert status == 200
    assert value(text, "jejaring_task_queue_depth") == 1
    oldest = value(text, "jejaring_task_queue_oldest_seconds")
    assert oldest is not None and 90 <= oldest < 120
    assert value(text, "jejaring_task_workers") == 1
    write_task = "jejaring.core.imports.import_job_write_task"
    assert (
        value(text, "jejaring_tasks_finished_last_hour", task=write_task, status="SUCCESSFUL") == 1
    )
    assert value(text, "jejaring_task_seconds_max_last_hour", task=write_task) == 30
    assert value(text, "jejaring_import_jobs", kind="participants", status="validated") == 1
    assert value(text, "jejaring_allocation_rounds", status="draft") == 1
    assert value(text, "jejaring_metrics_database_up") == 1


def test_only_the_loopback_reads_it_without_a_token() -> None:
    assert scrape(Client(REMOTE_ADDR="10.0.0.7"))[0] == 404
    # Through a proxy on the same machine the address is the loopback's, but the proxy
    # says whom it forwards for: refused.
    assert scrape(HTTP_X_FORWARDED_FOR="203.0.113.9")[0] == 404
    assert scrape()[0] == 200


@override_settings(METRICS_TOKEN="s3cret-token-for-the-scraper")
def test_with_a_token_only_the_token_reads_it() -> None:
    assert scrape()[0] == 404  # the loopback alone is no longer enough
    assert scrape(HTTP_AUTHORIZATION="Bearer wrong")[0] == 404
    status, text = scrape(
        Client(REMOTE_ADDR="10.0.0.7"), HTTP_AUTHORIZATION="Bearer s3cret-token-for-the-scraper"
    )
    assert status == 200 and "jejaring_http_requests_total" in text
