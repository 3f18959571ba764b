"""The task worker's safety net: heartbeats, and recovery of tasks a dead worker left running.

django-tasks-db claims a task by marking it RUNNING and appending the worker's id to
`worker_ids`; if that worker then dies (SIGKILL, the kernel's out-of-memory killer, a
native abort inside a file parser, a power cut) nothing ever looks at the row again and
the import job behind it waits forever. `manage.py worker` therefore names each worker
`host:pid:random`, keeps a `WorkerHeartbeat` row fresh from a thread, and, when it starts
and every `TASK_RECOVER_EVERY` seconds, looks at every RUNNING task. A task is *lost* when

- its worker's process is gone (same host: the pid no longer exists), or
- its worker's heartbeat is older than `TASK_WORKER_STALE_AFTER` (another host, or a hung
  machine), or
- it was claimed by a worker that keeps no heartbeat (a plain `db_worker`) and has been
  running for longer than `TASK_RUNNING_LIMIT`.

A lost task goes back to READY while it has had fewer than `TASK_MAX_ATTEMPTS` attempts
(one per claim, counted by `worker_ids`); after that it is FAILED with `WorkerLost`, and
the give-up handler registered for its task ends the domain row behind it (an import job
becomes failed or rejected with a message saying what to do) in the same transaction.
Every task must therefore be idempotent: ours are (see jejaring/core/imports.py).

A task that fails with an ordinary exception also reaches its give-up handler (through
django-tasks' `task_finished` signal), so a job never waits on a task that has ended.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from jejaring.core.models import WorkerHeartbeat

logger = logging.getLogger("jejaring.worker")

GiveUp = Callable[[list[Any], dict[str, Any], str], None]
_GIVE_UP: dict[str, GiveUp] = {}


class WorkerLost(Exception):
    """The worker running a task died; recorded as the task's error."""


def max_attempts() -> int:
    return int(getattr(settings, "TASK_MAX_ATTEMPTS", 3))


def stale_after() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "TASK_WORKER_STALE_AFTER", 120)))


def running_limit() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "TASK_RUNNING_LIMIT", 3600)))


def heartbeat_every() -> float:
    return float(getattr(settings, "TASK_HEARTBEAT_EVERY", 10))


def recover_every() -> float:
    return float(getattr(settings, "TASK_RECOVER_EVERY", 60))


def on_give_up(task_path: str) -> Callable[[GiveUp], GiveUp]:
    """Register what ends the domain row of a task (by its dotted path) that failed for
    good. The handler gets the task's args, kwargs and a reason, runs inside the
    transaction that fails the task, and must be idempotent."""

    def register(handler: GiveUp) -> GiveUp:
        _GIVE_UP[task_path] = handler
        return handler

    return register


def new_worker_id() -> str:
    host = socket.gethostname()[:40]
    return f"{host}:{os.getpid()}:{get_random_string(8)}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _parse_worker_id(worker_id: str) -> tuple[str, int] | None:
    parts = worker_id.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1])


def lost_reason(
    worker_id: str,
    beat: WorkerHeartbeat | None,
    started_at: datetime | None,
    now: datetime,
) -> str:
    """Why a RUNNING task claimed by `worker_id` is lost, or "" while it may still run."""
    host = socket.gethostname()[:40]
    parsed = _parse_worker_id(worker_id)
    if beat is not None:
        if beat.hostname == host and not _pid_alive(beat.pid):
            return f"worker {worker_id} (pid {beat.pid}) is gone"
        if now - beat.last_seen > stale_after():
            return f"worker {worker_id} sent no heartbeat since {beat.last_seen.isoformat()}"
        return ""
    if parsed is not None and parsed[0] == host and not _pid_alive(parsed[1]):
        return f"worker {worker_id} (pid {parsed[1]}) is gone"
    if started_at is None or now - started_at > running_limit():
        return f"running longer than {running_limit()} without a heartbeat from {worker_id}"
    return ""


@dataclass(frozen=True)
class Recovered:
    task_id: str
    task_path: str
    retried: bool
    reason: str


def recover_lost_tasks(*, me: str = "", now: datetime | None = None) -> list[Recovered]:
    """Retry or fail every task left RUNNING by a dead worker (module docstring)."""
    now = now or timezone.now()
    running = list(DBTaskResult.objects.running().values_list("id", "worker_ids", "started_at"))
    last = {task_id: (ids[-1] if ids else "") for task_id, ids, _started in running}
    beats = WorkerHeartbeat.objects.in_bulk([w for w in last.values() if w])
    done = []
    for task_id, _ids, started_at in running:
        worker_id = last[task_id]
        if worker_id == me:
            continue
        reason = lost_reason(worker_id, beats.get(worker_id), started_at, now)
        if reason:
            outcome = _recover(task_id, worker_id, reason)
            if outcome is not None:
                done.append(outcome)
    return done


def _recover(task_id: Any, worker_id: str, reason: str) -> Recovered | None:
    with transaction.atomic():
        row = (
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(id=task_id, status=TaskResultStatus.RUNNING)
            .first()
        )
        if row is None or (row.worker_ids[-1] if row.worker_ids else "") != worker_id:
            return None  # finished meanwhile, or another worker is recovering it
        attempts = len(row.worker_ids)
        if attempts < max_attempts():
            row.status = TaskResultStatus.READY
            row.started_at = None
            row.save(update_fields=["status", "started_at"])
            logger.warning(
                "Task %s (%s) retried, attempt %d of %d: %s",
                row.id,
                row.task_path,
                attempts + 1,
                max_attempts(),
                reason,
            )
            return Recovered(str(row.id), row.task_path, True, reason)
        why = f"{reason}; gave up after {attempts} attempts"
        row.set_failed(WorkerLost(why))
        _give_up(row.task_path, row.args_kwargs, why)
        logger.error("Task %s (%s) failed: %s", row.id, row.task_path, why)
        return Recovered(str(row.id), row.task_path, False, why)


def _give_up(task_path: str, args_kwargs: dict[str, Any], reason: str) -> None:
    handler = _GIVE_UP.get(task_path)
    if handler is not None:
        handler(list(args_kwargs.get("args", [])), dict(args_kwargs.get("kwargs", {})), reason)


@receiver(task_finished)
def _task_failed(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if task_result.status != TaskResultStatus.FAILED:
        return
    errors = getattr(task_result, "errors", None) or []
    reason = errors[-1].exception_class_path if errors else "failed"
    with transaction.atomic():
        _give_up(
            task_result.task.module_path,
            {"args": task_result.args, "kwargs": task_result.kwargs},
            reason,
        )


def worker_alive(*, now: datetime | None = None) -> bool:
    """Whether some worker sent a heartbeat recently (for pages that wait on one)."""
    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(last_seen__gte=now - stale_after()).exists()


def beat(worker_id: str, started_at: datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:40],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


class Heartbeat(threading.Thread):
    """Keeps this worker's heartbeat fresh and recovers lost tasks now and then. Runs in its
    own thread (with its own database connection) so that a long task does not look dead."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name="jejaring-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def run(self) -> None:
        next_recovery = timezone.now() + timedelta(seconds=recover_every())
        while not self.stopping.wait(heartbeat_every()):
            try:
                close_old_connections()
                beat(self.worker_id, self.started_at)
                if timezone.now() >= next_recovery:
                    next_recovery = timezone.now() + timedelta(seconds=recover_every())
                    recover_lost_tasks(me=self.worker_id)
            except Exception:
                # SQLite may be locked by the task's own long write; try again next beat.
                logger.exception("Heartbeat of %s failed", self.worker_id)
                connection.close()
        connection.close()

    def stop(self) -> None:
        self.stopping.set()
