"""Phrases of the outcomes app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from jejaring.core.audit_display import Phrase
from jejaring.outcomes import audit_actions as actions

PHRASES = {
    actions.DEFINITION_SAVE: _("Menyimpan definisi indikator"),
    actions.DRILL_DOWN_EXPORT: Phrase(
        ngettext_lazy(
            "Mengekspor %(rows)s baris rincian lulusan (XLSX)",
            "Mengekspor %(rows)s baris rincian lulusan (XLSX)",
            "rows",
        ),
        uses=("rows",),
        fallback=_("Mengekspor rincian lulusan (XLSX)"),
    ),
    actions.FOLLOW_UP_ANSWER: _("Mencatat jawaban penelusuran lulusan"),
    actions.FOLLOW_UP_LINK_ISSUE: _("Menerbitkan tautan penelusuran lulusan"),
    actions.FOLLOW_UP_WAVE_CREATE: Phrase(
        _("Membuat gelombang penelusuran lulusan"), lists=("batches",)
    ),
    actions.STATISTICS_PUBLISH: _("Menerbitkan statistik publik"),
    actions.TRACER_SETTINGS_UPDATE: _("Mengubah pengaturan penelusuran lulusan"),
}

LABELS = {
    "measure": _("ukuran"),
    "started_on": _("mulai bekerja"),
    "by": _("oleh"),
    "points": _("titik penelusuran"),
    "batches": _("angkatan"),
    "year": _("tahun"),
    "definition": _("definisi"),
    "link_valid_days": _("masa berlaku tautan (hari)"),
}
