"""`python manage.py worker`: django-tasks-db's `db_worker` with a heartbeat and recovery.

Takes the same options as `db_worker` (queues, --interval, --batch, --max-tasks …). Before
it takes its first task it retries or fails every task a dead worker left running, and its
heartbeat thread keeps doing so every TASK_RECOVER_EVERY seconds (jejaring/core/worker.py).
It never reloads on code changes: a reload would kill a task half-way.
"""

from __future__ import annotations

import logging
from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from jejaring.core import worker

logger = logging.getLogger("jejaring.worker")


class Command(DbWorkerCommand):
    help = (
        "Run the background task worker with a heartbeat; tasks a dead worker left running "
        "are retried (up to TASK_MAX_ATTEMPTS attempts) or failed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None, reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"] or worker.new_worker_id()
        options["worker_id"] = worker_id
        options["reload"] = False
        self.configure_logging(options["verbosity"])
        if not logging.getLogger("jejaring.worker").hasHandlers():
            logging.getLogger("jejaring.worker").addHandler(logging.StreamHandler(self.stderr))
        heartbeat = worker.Heartbeat(worker_id)
        worker.beat(worker_id, heartbeat.started_at)
        for item in worker.recover_lost_tasks(me=worker_id):
            self.stderr.write(
                f"{'retried' if item.retried else 'failed'} task {item.task_id} "
                f"({item.task_path}): {item.reason}"
            )
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=5)
            worker.WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
