"""Phrases of the vacancies app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.vacancies import audit_actions as actions

PHRASES = {
    actions.VACANCY_CREATE: _("Mencatat lowongan"),
    actions.VACANCY_UPDATE: _("Mengubah lowongan"),
    actions.VACANCY_STATUS: _("Mengubah status lowongan"),
    actions.VACANCY_FILL: _("Mencatat lowongan terisi"),
    actions.VACANCY_FORMATION: _("Membuat formasi dari lowongan"),
    actions.VACANCY_REFER: _("Menyalurkan pencari kerja ke lowongan"),
    actions.EMPLOYER_REPORT_SUBMIT: _("Menerima laporan lowongan lewat formulir umum"),
    actions.EMPLOYER_REPORT_VERIFY: _("Memverifikasi pemberi kerja"),
    actions.EMPLOYER_REPORT_REJECT: _("Menolak laporan pemberi kerja"),
}

LABELS = {
    "filled": _("terisi"),
    "formation": _("formasi"),
    "referrals": _("penyaluran"),
    "company": _("perusahaan"),
}
