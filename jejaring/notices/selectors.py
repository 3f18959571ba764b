"""Reads of notifications: one's own, and the WhatsApp queue of an office."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from jejaring.accounts.scope import scope_of
from jejaring.core.errors import NotFound
from jejaring.notices.models import Notification


def notification_list_for(*, actor: Any) -> QuerySet[Notification]:
    """The actor's own notifications, newest first (nobody sees another's)."""
    return Notification.objects.filter(user_id=actor.pk).order_by("-created_at", "-pk")


def unread_count_for(*, actor: Any) -> int:
    if not getattr(actor, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user_id=actor.pk, read_at__isnull=True).count()


def whatsapp_queue_for(*, actor: Any) -> QuerySet[Notification]:
    """Notifications of the regions where the actor is office staff that only WhatsApp
    can carry (a phone number, no email) and nobody has marked sent, oldest first."""
    regions = scope_of(actor).office_region_ids
    return (
        Notification.objects.filter(region_id__in=regions, email="", whatsapp_sent_at__isnull=True)
        .exclude(phone="")
        .order_by("created_at", "pk")
    )


def whatsapp_get_for(*, actor: Any, notification_id: int) -> Notification:
    notification = (
        Notification.objects.filter(
            pk=notification_id, region_id__in=scope_of(actor).office_region_ids
        )
        .exclude(phone="")
        .first()
    )
    if notification is None:
        raise NotFound(_("Notifikasi tidak ditemukan."))
    return notification
