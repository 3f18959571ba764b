"""``manage.py match_solve INSTANCE.json -o RESULT.json [--stats]``: a thin wrapper around
the engine's command-line function (``jejaring.placement.engine.cli``)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jejaring.placement.engine.cli import run


class Command(BaseCommand):
    help = (
        "Solve an allocation instance (interchange format) by applicant-proposing deferred "
        "acceptance; writes {applicant id: formation id or null}. Exit code 2 on bad input."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("instance", help="INSTANCE.json")
        parser.add_argument("-o", "--output", required=True, help="RESULT.json")
        parser.add_argument(
            "--stats",
            action="store_true",
            help="print one JSON line to stderr: load_s, solve_s, write_s, proposals, peak_rss_mb",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = run(options["instance"], options["output"], options["stats"], stderr=sys.stderr)
        if code:
            sys.exit(code)
