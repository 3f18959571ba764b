"""Background work of notifications: thin wrappers around services."""

from __future__ import annotations

from django_tasks import task

from jejaring.notices.services import notification_emails_send


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Send the mail of these notifications (idempotent: sent mail is skipped)."""
    return notification_emails_send(notification_ids=notification_ids)
