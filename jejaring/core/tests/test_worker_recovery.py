"""A task left running by a dead worker is retried, then failed, and the import job behind
it ends failed with what to do; a live worker's task is left alone (jejaring/core/worker.py).
The real-process kill tests are in tests/test_crash_safety.py."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jejaring.core import worker
from jejaring.core.models import ImportJob, WorkerHeartbeat

WRITE = "jejaring.core.imports.import_job_write_task"
VALIDATE = "jejaring.core.imports.import_job_validate_task"
HOST = socket.gethostname()[:40]


@pytest.fixture(scope="module")
def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def job(cast: Any, status: str) -> ImportJob:
    return ImportJob.objects.create(
        region=cast.region_a,
        kind=ImportJob.Kind.PARTICIPANTS,
        created_by=cast.staff_a,
        file="imports/peserta.csv",
        original_name="peserta.csv",
        status=status,
        total_rows=3,
    )


def running(task_path: str, job_id: int, worker_ids: list[str], **extra: Any) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        task_path=task_path,
        args_kwargs={"args": [job_id], "kwargs": {}},
        backend_name="default",
        worker_ids=worker_ids,
        started_at=extra.get("started_at", timezone.now()),
    )


def test_a_task_whose_worker_process_is_gone_is_put_back_in_the_queue(cast, dead_pid):
    importing = job(cast, ImportJob.Status.IMPORTING)
    task = running(WRITE, importing.pk, [f"{HOST}:{dead_pid}:abcdefgh"])

    recovered = worker.recover_lost_tasks()

    assert [(r.task_id, r.retried) for r in recovered] == [(str(task.pk), True)]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
    importing.refresh_from_db()
    assert importing.status == ImportJob.Status.IMPORTING


def test_after_the_last_attempt_the_task_fails_and_the_import_job_says_what_to_do(
    cast, dead_pid, client
):
    importing = job(cast, ImportJob.Status.IMPORTING)
    ids = [f"{HOST}:{dead_pid}:attempt{n}" for n in range(worker.max_attempts())]
    task = running(WRITE, importing.pk, ids)

    recovered = worker.recover_lost_tasks()

    assert [r.retried for r in recovered] == [False]
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "jejaring.core.worker.WorkerLost"
    importing.refresh_from_db()
    assert importing.status == ImportJob.Status.FAILED
    client.force_login(cast.staff_a)
    page = client.get(reverse("imports:job_detail", args=[importing.pk])).content.decode()
    assert "hubungi admin" in page
    assert "Impor sekarang" in page


def test_a_file_that_keeps_killing_its_checker_is_rejected(cast, dead_pid):
    checking = job(cast, ImportJob.Status.VALIDATING)
    ids = [f"{HOST}:{dead_pid}:attempt{n}" for n in range(worker.max_attempts())]
    running(VALIDATE, checking.pk, ids)

    worker.recover_lost_tasks()

    checking.refresh_from_db()
    assert checking.status == ImportJob.Status.REJECTED
    assert "unggah lagi" in checking.errors[0]["message"]


def test_a_live_workers_task_is_left_alone(cast):
    importing = job(cast, ImportJob.Status.IMPORTING)
    me = f"{HOST}:{os.getpid()}:livelive"
    worker.beat(me, timezone.now())
    task = running(WRITE, importing.pk, [me])

    assert worker.recover_lost_tasks() == []
    task.refresh_from_db()
    assert task.status == TaskResultStatus.RUNNING


def test_a_worker_on_another_host_without_a_recent_heartbeat_is_dead(cast, settings):
    importing = job(cast, ImportJob.Status.IMPORTING)
    other = "elsewhere:4242:abcdefgh"
    long_ago = timezone.now() - timedelta(seconds=settings.TASK_WORKER_STALE_AFTER + 5)
    WorkerHeartbeat.objects.create(
        worker_id=other, hostname="elsewhere", pid=4242, started_at=long_ago, last_seen=long_ago
    )
    running(WRITE, importing.pk, [other])

    assert [r.retried for r in worker.recover_lost_tasks()] == [True]


def test_a_plain_db_worker_task_is_lost_only_after_the_running_limit(cast, settings):
    importing = job(cast, ImportJob.Status.IMPORTING)
    recent = running(WRITE, importing.pk, ["a-random-db-worker-id"])
    old = running(
        WRITE,
        importing.pk,
        ["another-db-worker-id"],
        started_at=timezone.now() - timedelta(seconds=settings.TASK_RUNNING_LIMIT + 5),
    )

    recovered = worker.recover_lost_tasks()

    assert [r.task_id for r in recovered] == [str(old.pk)]
    recent.refresh_from_db()
    assert recent.status == TaskResultStatus.RUNNING


def test_a_task_that_fails_with_an_error_does_not_leave_its_job_waiting(cast, monkeypatch):
    from jejaring.core import imports

    checking = job(cast, ImportJob.Status.PENDING)

    def boom(**kwargs: Any) -> None:
        raise RuntimeError("parser crashed")

    monkeypatch.setattr(imports, "import_job_validate", boom)
    imports.import_job_validate_task.enqueue(checking.pk)

    checking.refresh_from_db()
    assert checking.status == ImportJob.Status.REJECTED


def test_the_job_page_says_when_no_worker_is_running(cast, client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    waiting = job(cast, ImportJob.Status.PENDING)
    client.force_login(cast.staff_a)
    url = reverse("imports:job_detail", args=[waiting.pk])

    assert "manage.py worker" in client.get(url).content.decode()
    worker.beat("some-host:1:abcdefgh", timezone.now())
    assert "manage.py worker" not in client.get(url).content.decode()
