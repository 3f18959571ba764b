"""Audit actions of notifications (stored names: never change one)."""

from __future__ import annotations

WHATSAPP_SENT = "notification.whatsapp_sent"
