"""Phrases of the social security app's audit actions, for the audit page
(core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from jejaring.core.audit_display import Phrase
from jejaring.social_security import audit_actions as actions

PHRASES = {
    actions.COVER_OVERRIDE: Phrase(
        _("Melanjutkan meski perlindungan BPJS belum lengkap"), lists=("subjects",)
    ),
    actions.COVERAGE_END_EXPIRED: Phrase(
        _("Mengakhiri perlindungan yang sudah habis masanya"), lists=("coverages",)
    ),
    actions.COVERAGE_STATUS: Phrase(_("Mengubah status perlindungan BPJS"), lists=("coverages",)),
    actions.INCIDENT_CLAIM: _("Memperbarui klaim kecelakaan kerja"),
    actions.INCIDENT_RECORD: _("Mencatat kecelakaan kerja"),
    actions.INSURER_RETURN: _("Menerapkan berkas balikan BPJS Ketenagakerjaan"),
    actions.KPJ_CONFLICT: Phrase(
        _("Mencatat bentrok nomor KPJ"), lists=("kpj_numbers", "coverages")
    ),
    actions.LIST_BUILD: _("Menyusun daftar pendaftaran BPJS peserta pelatihan"),
    actions.LIST_BUILD_INTERNSHIPS: _("Menyusun daftar pendaftaran BPJS peserta magang"),
    actions.PREMIUM_REPORT_EXPORT: Phrase(
        ngettext_lazy(
            "Mengekspor laporan iuran BPJS bulan %(month)s, %(people)s orang (%(format)s)",
            "Mengekspor laporan iuran BPJS bulan %(month)s, %(people)s orang (%(format)s)",
            "people",
        ),
        uses=("month", "people", "format"),
        # Exports from before the PDF existed name no format: they were all workbooks.
        defaults=(("format", "XLSX"),),
        fallback=_("Mengekspor laporan iuran BPJS (XLSX)"),
    ),
    actions.REGISTRATIONS_EXPORT: Phrase(
        ngettext_lazy(
            "Mengekspor daftar pendaftaran BPJS, %(people)s orang dengan NIK lengkap (XLSX)",
            "Mengekspor daftar pendaftaran BPJS, %(people)s orang dengan NIK lengkap (XLSX)",
            "people",
        ),
        uses=("people", "full_nik"),
        fallback=_("Mengekspor daftar pendaftaran BPJS (XLSX)"),
    ),
}

LABELS = {
    "subjects": _("yang belum terlindungi"),
    "coverages": _("perlindungan"),
    "today": _("tanggal"),
    "activated": _("perlindungan diaktifkan"),
    "added": _("ditambahkan ke daftar"),
    "kpj_numbers": _("nomor KPJ"),
    "full_nik": _("NIK lengkap"),
}
