"""A real process for the crash-safety tests (tests/test_crash_safety.py): the task worker
(`manage.py worker`) or a service call, run against the test database, that can be told to
stop dead in the middle of its write so that the test can SIGKILL it there.

Environment:
    CRASH_DB_NAME       the test database to use (the test process's own)
    CRASH_MEDIA_ROOT    where uploaded files are (the test saved them there)
    CRASH_PAUSE_SQL     pause after the CRASH_PAUSE_AFTER-th statement starting with this
    CRASH_PAUSE_AFTER   (default 1); the pause creates CRASH_MARKER, then sleeps
    CRASH_MARKER        a file whose existence says "I am in the middle now"

Arguments: `worker [db_worker options…]` or `allocate ROUND_ID ACTOR_ID`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

from django.conf import settings

settings.DATABASES["default"]["NAME"] = os.environ["CRASH_DB_NAME"]
settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
settings.MEDIA_ROOT = os.environ["CRASH_MEDIA_ROOT"]
settings.STORAGES = {
    **settings.STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402


def _install_pause() -> None:
    prefix = os.environ.get("CRASH_PAUSE_SQL", "")
    if not prefix:
        return
    after = int(os.environ.get("CRASH_PAUSE_AFTER", "1"))
    marker = Path(os.environ["CRASH_MARKER"])
    seen = [0]

    def pause(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if sql.lstrip().startswith(prefix):
            seen[0] += 1
            if seen[0] == after:
                marker.write_text(str(os.getpid()))
                time.sleep(600)
        return result

    def wrap(sender: Any, connection: Any, **kwargs: Any) -> None:
        connection.execute_wrappers.append(pause)

    connection_created.connect(wrap, weak=False)


def main(argv: list[str]) -> None:
    _install_pause()
    if argv[0] == "worker":
        call_command("worker", *argv[1:])
    elif argv[0] == "allocate":
        from jejaring.accounts.models import User
        from jejaring.placement import services
        from jejaring.placement.models import AllocationRound

        rnd = AllocationRound.objects.get(pk=int(argv[1]))
        services.round_allocate(actor=User.objects.get(pk=int(argv[2])), rnd=rnd)
    else:
        raise SystemExit(f"unknown mode {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
