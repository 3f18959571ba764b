"""/healthz, /readyz and `manage.py check_ready` (jejaring.core.health)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from jejaring.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def beat(seconds_ago: float = 1) -> None:
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.create(
        worker_id=f"host:1:{seconds_ago}", hostname="host", pid=1, started_at=seen, last_seen=seen
    )


def queue_task(waited: timedelta) -> None:
    row = DBTaskResult.objects.create(
        args_kwargs={"args": [[]], "kwargs": {}},
        task_path="jejaring.notices.tasks.send_notification_emails",
        backend_name="default",
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - waited)


def checks_of(response) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    return {check["name"]: check for check in response.json()["checks"]}


@override_settings(ALLOWED_HOSTS=["jejaring.example.go.id"], SECURE_SSL_REDIRECT=True, DEBUG=False)
def test_healthz_answers_a_plain_http_probe_by_address_without_touching_the_database() -> None:
    client = Client(HTTP_HOST="10.0.0.5")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    assert len(queries) == 0
    # Any other path from that address is still refused (the host check is in force).
    assert client.get("/akun/masuk/").status_code == 400


@override_settings(ALLOWED_HOSTS=["jejaring.example.go.id"], SECURE_SSL_REDIRECT=True)
def test_readyz_without_a_worker_is_ready_but_degraded_and_fails_the_strict_check() -> None:
    client = Client(HTTP_HOST="10.0.0.5")
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True and body["degraded"] is True
    checks = checks_of(response)
    assert checks["database"]["ok"] and checks["migrations"]["ok"] and checks["cache"]["ok"]
    assert checks["worker"]["ok"] is False
    assert "no worker seen within 60 s" in str(checks["worker"]["detail"])
    assert checks["queue"] == {
        "name": "queue", "ok": True, "detail": "empty", "essential": False
    }  # fmt: skip
    assert client.get("/readyz?all=1").status_code == 503


def test_readyz_with_a_live_worker_and_a_short_queue_is_healthy() -> None:
    beat(seconds_ago=3)
    queue_task(waited=timedelta(seconds=20))
    response = Client().get("/readyz/?all=1")
    assert response.status_code == 200
    assert response.json()["degraded"] is False
    checks = checks_of(response)
    assert checks["worker"]["detail"] == "1 seen, the last 3 s ago"
    assert checks["queue"]["detail"] == "oldest waiting 20 s"


def test_a_stale_heartbeat_or_an_old_queued_task_fails_the_strict_check() -> None:
    beat(seconds_ago=600)  # a worker that stopped ten minutes ago
    assert checks_of(Client().get("/readyz"))["worker"]["ok"] is False
    beat(seconds_ago=2)
    queue_task(waited=timedelta(minutes=30))
    response = Client().get("/readyz?all=1")
    assert response.status_code == 503
    assert checks_of(response)["queue"] == {
        "name": "queue", "ok": False, "detail": "oldest waiting 1800 s", "essential": False
    }  # fmt: skip


def test_a_task_scheduled_for_later_is_not_counted_as_waiting() -> None:
    beat()
    row = DBTaskResult.objects.create(
        args_kwargs={"args": [[]], "kwargs": {}},
        task_path="jejaring.notices.tasks.send_notification_emails",
        backend_name="default",
        run_after=timezone.now() + timedelta(hours=1),
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - timedelta(days=1))
    assert checks_of(Client().get("/readyz?all=1"))["queue"]["detail"] == "empty"


def test_check_ready_prints_each_check_and_fails_without_a_worker(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(CommandError, match="not ready"):
        call_command("check_ready")
    out = capsys.readouterr().out
    assert "ok   database" in out and "FAIL worker (deployment)" in out
    call_command("check_ready", "--essential")
    assert capsys.readouterr().out.rstrip().endswith("ready")
    beat()
    call_command("check_ready")
    assert "ok   worker (deployment): 1 seen" in capsys.readouterr().out


def run_check_ready(database_url: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check_ready", "--essential"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_ready_fails_on_a_database_without_migrations(tmp_path: Path) -> None:
    result = run_check_ready(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "ok   database: sqlite" in result.stdout
    assert "FAIL migrations: " in result.stdout and " not applied" in result.stdout


def test_check_ready_fails_when_the_database_is_unreachable() -> None:
    # Nothing listens on port 1 of the loopback: the connection is refused at once.
    result = run_check_ready("postgres://postgres@127.0.0.1:1/nothing")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL database: error (see the log)" in result.stdout
    assert "FAIL migrations: database unreachable" in result.stdout
    # The answer names no exception text; the log has it.
    assert "Connection refused" not in result.stdout


def test_a_request_that_waited_past_the_queue_timeout_is_dropped_unworked() -> None:
    import time

    client = Client()
    stale = f"t={time.time() - 45:.3f}"
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/akun/masuk/", HTTP_X_REQUEST_START=stale)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert len(queries) == 0
    fresh = f"t={time.time() - 2:.3f}"
    assert client.get("/akun/masuk/", HTTP_X_REQUEST_START=fresh).status_code == 200
    # Something else in the header (milliseconds, text) is ignored, never a reason to drop.
    for odd in (f"t={int((time.time() - 45) * 1000)}", "t=kemarin", "1700000000"):
        assert client.get("/akun/masuk/", HTTP_X_REQUEST_START=odd).status_code == 200
