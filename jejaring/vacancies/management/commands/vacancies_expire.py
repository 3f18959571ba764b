"""Daily: published vacancies whose closing date has passed become expired, by each
region's own date. Safe to run any number of times a day."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from jejaring.vacancies.services import vacancies_expire


class Command(BaseCommand):
    help = "Mark published vacancies past their closing date as expired (run daily)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="the day to act as today, YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("--today must be YYYY-MM-DD") from None
        expired = vacancies_expire(on=on)
        self.stdout.write(f"{expired} vacancies expired")
