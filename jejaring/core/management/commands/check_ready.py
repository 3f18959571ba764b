"""Whether this deployment is ready, for scripts: the checks of `/readyz`.

    manage.py check_ready               # every check: database, migrations, cache,
                                        # a worker seen recently, the queue's age
    manage.py check_ready --essential   # only what a web process needs to serve

Prints one line per check and exits 0 when the checks asked for pass, 1 otherwise (so a
deploy script can wait for it, and a monitor can alert on it)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejaring.core.health import readiness


class Command(BaseCommand):
    help = "Checks the database, migrations, caches, task workers and queue (as /readyz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--essential",
            action="store_true",
            help="only the checks a web process needs (database, migrations, cache)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = readiness()
        for check in result.checks:
            mark = "ok  " if check.ok else "FAIL"
            kind = "" if check.essential else " (deployment)"
            self.stdout.write(f"{mark} {check.name}{kind}: {check.detail}")
        passed = result.ready if options["essential"] else result.healthy
        if not passed:
            raise CommandError("not ready", returncode=1)
        self.stdout.write("ready")
