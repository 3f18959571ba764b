"""Phrases of the assessment app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.assessment import audit_actions as actions

PHRASES = {
    actions.CANDIDATE_ABSENT: _("Mencatat peserta uji tidak hadir"),
    actions.CANDIDATE_APL: _("Mencatat asesmen mandiri (APL) peserta uji"),
    actions.CANDIDATE_RESULTS: _("Mencatat hasil uji kompetensi"),
    actions.CANDIDATE_RETAKE: _("Mendaftarkan uji ulang"),
    actions.COMPETENCY_CERTIFICATE_RECORD: _("Mencatat sertifikat kompetensi"),
    actions.COMPETENCY_CERTIFICATE_REMIND: _("Mengirim pengingat sertifikat kompetensi"),
    actions.SCHEME_CREATE: _("Menambah skema sertifikasi"),
    actions.SESSION_CREATE: _("Menjadwalkan uji kompetensi"),
    actions.SESSION_STATUS: _("Mengubah status uji kompetensi"),
    actions.TRAINING_CERTIFICATE_ISSUE: _("Menerbitkan sertifikat pelatihan"),
    actions.TRAINING_CERTIFICATE_REVOKE: _("Mencabut sertifikat pelatihan"),
}

LABELS = {
    "numbers": _("nomor sertifikat"),
    "certificates": _("sertifikat"),
    "candidates": _("peserta uji"),
    "assessors": _("asesor"),
    "retake_of": _("uji ulang dari"),
}
