"""Email holders of BNSP competency certificates that expire soon; safe to run daily:
each holder is reminded once per certificate."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jejaring.assessment.services import competency_expiry_remind


class Command(BaseCommand):
    help = "Remind holders of competency certificates expiring within N days (default 90)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is not None and not 1 <= days <= 3650:
            raise CommandError("--days must be between 1 and 3650")
        count = competency_expiry_remind(days=days)
        self.stdout.write(f"{count} reminder(s) sent")
