"""Phrases of the employers app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.employers import audit_actions as actions

PHRASES = {
    actions.AGREEMENT_CREATE: _("Mencatat perjanjian kerja sama"),
    actions.AGREEMENT_UPDATE: _("Mengubah perjanjian kerja sama"),
    actions.COMPANY_CREATE: _("Menambah perusahaan"),
    actions.COMPANY_HR_INVITE: _("Mengundang HR perusahaan"),
    actions.COMPANY_UPDATE: _("Mengubah data perusahaan"),
    actions.CONTACT_DELETE: _("Menghapus kontak perusahaan"),
    actions.CONTACT_SAVE: _("Menyimpan kontak perusahaan"),
}

LABELS = {
    "membership": _("keanggotaan"),
    "user": _("pengguna"),
    "document": _("dokumen"),
}
