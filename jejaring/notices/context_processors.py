"""`unread_notifications`: how many of the user's notifications are unread, for the
menu's badge (one indexed count; 0 for anonymous visitors)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from jejaring.notices.selectors import unread_count_for


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # Lazy: pages that never show the badge run no query.
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count_for(actor=user))}
