"""Phrases of the planning app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.planning import audit_actions as actions

PHRASES = {
    actions.ENVELOPE_SET: _("Menetapkan pagu anggaran"),
    actions.INSTRUCTOR_NEED_OPEN: _("Membuka kebutuhan instruktur"),
    actions.INSTRUCTOR_NEED_STATUS: _("Mengubah status kebutuhan instruktur"),
    actions.MEETING_CREATE: _("Mencatat rapat perencanaan"),
    actions.NEED_MAP: _("Memetakan kebutuhan industri ke kejuruan"),
    actions.NEED_SUBMIT: _("Mengajukan kebutuhan industri"),
    actions.PLAN_APPROVE: _("Menyetujui rencana pelatihan"),
    actions.PLAN_CREATE: _("Membuat rencana pelatihan"),
    actions.PLAN_LINE_ADD: _("Menambah baris rencana"),
    actions.PLAN_LINE_BATCHES: _("Membuka angkatan dari baris rencana"),
    actions.PLAN_LINE_REMOVE: _("Menghapus baris rencana"),
    actions.PLAN_RETURN: _("Mengembalikan rencana untuk diperbaiki"),
    actions.PLAN_SUBMIT: _("Mengajukan rencana pelatihan"),
}

LABELS = {
    "amount": _("jumlah"),
    "candidate": _("calon"),
    "vocation": _("kejuruan"),
    "mapping": _("pemetaan"),
    "line": _("baris rencana"),
    "packages": _("paket"),
    "people_per_package": _("orang per paket"),
    "cost_per_package": _("biaya per paket"),
    "plan_line": _("baris rencana"),
    "batch_ids": _("angkatan"),
}
