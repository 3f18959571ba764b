"""Phrases of the trainees app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.trainees import audit_actions as actions

PHRASES = {
    actions.PERSON_CREATE: _("Mendaftarkan orang baru"),
    actions.PERSON_UPDATE: _("Mengubah data orang"),
    actions.PERSON_VERIFY: _("Memverifikasi identitas orang"),
    actions.PERSON_REVEAL_NIK: _("Melihat NIK lengkap"),
    actions.PERSON_EXPORT: _("Mengekspor seluruh data pribadi orang ini (permintaan pemilik data)"),
    actions.PERSON_TRANSFER_REQUEST: _("Meminta pemindahan orang ke wilayah lain"),
    actions.PERSON_TRANSFER_DECIDE: _("Memutuskan permintaan pemindahan"),
    actions.PERSON_TRANSFER: _("Memindahkan orang ke wilayah lain"),
}

LABELS = {
    "verified": _("terverifikasi"),
    "to_region": _("wilayah tujuan"),
    "region": _("wilayah"),
}
