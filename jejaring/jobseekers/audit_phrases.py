"""Phrases of the jobseekers app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.jobseekers import audit_actions as actions

PHRASES = {
    actions.CARD_REGISTER: _("Mendaftarkan pencari kerja (AK/1)"),
    actions.CARD_CHECK: _("Memeriksa dokumen pencari kerja"),
    actions.CARD_ISSUE: _("Menerbitkan kartu AK/1"),
    actions.CARD_REJECT: _("Menolak pendaftaran AK/1"),
    actions.CARD_UPDATE: _("Memperbarui data kartu AK/1"),
    actions.CARD_REPORT: _("Mencatat laporan enam bulanan AK/1"),
    actions.CARD_RENEW: _("Memperpanjang kartu AK/1"),
    actions.CARD_EXPIRE: _("Mengakhiri masa berlaku kartu AK/1"),
    actions.CARD_CLOSE: _("Menutup kartu AK/1"),
    actions.CARD_CLOSE_HIRED: _("Menutup kartu AK/1 karena sudah bekerja"),
    actions.CARD_REMIND: _("Mengirim pengingat AK/1"),
    actions.CARD_PRINT: _("Mencetak kartu AK/1 (NIK lengkap)"),
    actions.SETTINGS_UPDATE: _("Mengubah pengaturan AK/1"),
}

LABELS: dict[str, object] = {}
