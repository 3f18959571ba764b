"""Phrases of the notices app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.notices import audit_actions as actions

PHRASES = {
    actions.WHATSAPP_SENT: _("Mengirim pemberitahuan WhatsApp"),
}
