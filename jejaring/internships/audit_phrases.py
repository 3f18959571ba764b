"""Phrases of the internships app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.internships import audit_actions as actions

PHRASES = {
    actions.INTERNSHIP_PROGRAM_CREATE: _("Membuat program pemagangan"),
    actions.INTERNSHIP_PROGRAM_DECIDE: _("Memutuskan program pemagangan"),
    actions.INTERNSHIP_PROGRAM_SUBMIT: _("Mengajukan program pemagangan"),
    actions.INTERNSHIP_PROGRAM_UPDATE: _("Mengubah program pemagangan"),
}

LABELS = {
    "on_time": _("diputuskan tepat waktu"),
}
