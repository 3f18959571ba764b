"""Phrases of the accounts app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.accounts import audit_actions as actions

PHRASES = {
    actions.USER_INVITE: _("Mengundang pengguna baru"),
    actions.LOCKOUT_RELEASE: _("Membuka kunci masuk yang terblokir"),
}
