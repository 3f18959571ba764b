"""Tell alumni that a follow-up point is due (in the app, by email, or as a WhatsApp
text for office staff to send): safe to run daily, each point is announced once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jejaring.outcomes.services.reminders import follow_ups_due_remind


class Command(BaseCommand):
    help = "Notify alumni whose follow-up point is due and unanswered (once per point)."

    def handle(self, *args: Any, **options: Any) -> None:
        told = follow_ups_due_remind()
        self.stdout.write(f"{told} alumni notified")
