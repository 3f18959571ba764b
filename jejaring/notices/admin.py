"""Admin for notifications; for the platform's superusers only (see jejaring.core.admin).

Read-only: a notification records what was sent to whom. The recipient's email and phone
are left out of the pages (a failed mail is retried by `manage.py notifications_send`)."""

from django.contrib import admin

from jejaring.core.admin import ReadOnlyAdmin
from jejaring.notices.models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = (
        "kind",
        "user",
        "region",
        "created_at",
        "read_at",
        "email_sent_at",
        "email_attempts",
        "whatsapp_sent_at",
    )
    list_filter = ("kind", "region")
    list_select_related = ("user", "region")
    date_hierarchy = "created_at"
    exclude = ("email", "phone", "params")
