"""Phrases of the enterprise app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.enterprise import audit_actions as actions

PHRASES = {
    actions.BUSINESS_CREATE: _("Mencatat usaha"),
    actions.BUSINESS_UPDATE: _("Mengubah data usaha"),
    actions.BUSINESS_STAGE: _("Mengubah tahap usaha"),
    actions.GROUP_CREATE: _("Membentuk kelompok usaha"),
    actions.GROUP_MEMBER_ADD: _("Menambah anggota kelompok usaha"),
    actions.GROUP_MEMBER_REMOVE: _("Mengeluarkan anggota kelompok usaha"),
    actions.PROPOSAL_CREATE: _("Membuat usulan bantuan"),
    actions.PROPOSAL_STATUS: _("Mengubah status usulan bantuan"),
    actions.PROPOSAL_DISBURSE: _("Mencatat penyaluran dana bantuan"),
    actions.PROPOSAL_REPORT: _("Mencatat laporan penggunaan bantuan"),
    actions.PROPOSAL_FILE: _("Mengunggah berkas laporan bantuan"),
    actions.SUPPORT_CREATE: _("Mencatat dukungan wirausaha"),
    actions.SUPPORT_VISIT: _("Mencatat kunjungan pendampingan"),
    actions.SUPPORT_LETTER: _("Mencetak surat pengantar KUR"),
    actions.FOLLOW_UP_SCHEDULE: _("Menjadwalkan penelusuran usaha"),
    actions.FOLLOW_UP_LINK: _("Membuat tautan penelusuran usaha"),
    actions.FOLLOW_UP_ANSWER: _("Mencatat jawaban penelusuran usaha"),
}

LABELS = {
    "stage": _("tahap"),
    "workers": _("pekerja"),
    "revenue_band": _("omzet"),
    "nib": _("NIB"),
    "status": _("status"),
}
