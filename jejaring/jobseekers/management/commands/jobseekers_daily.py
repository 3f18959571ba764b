"""The daily AK/1 run: end cards whose two years are over, then remind holders whose
report is due or whose card ends soon (in the app, by email, or as a WhatsApp text office
staff send). Safe to run more than once a day: each reminder goes once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jejaring.jobseekers.services import cards_expire, cards_remind


class Command(BaseCommand):
    help = "Expire AK/1 cards past their validity and send report and renewal reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = cards_expire()
        told = cards_remind()
        self.stdout.write(f"{expired} card(s) expired, {told} reminder(s) sent")
