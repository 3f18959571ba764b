"""Send the notification mail that is still unsent (a failed send, a queue that was
down): safe to run often, e.g. every few minutes or daily from a timer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jejaring.notices.services import notification_emails_retry


class Command(BaseCommand):
    help = "Send the notification mail still unsent (with attempts left)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = notification_emails_retry()
        self.stdout.write(f"{sent} notification emails sent")
