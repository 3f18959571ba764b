"""Phrases of the training app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from jejaring.core.audit_display import Phrase
from jejaring.training import audit_actions as actions

PHRASES = {
    actions.INSTITUTION_CREATE: _("Menambah lembaga pelatihan"),
    actions.INSTITUTION_UPDATE: _("Mengubah lembaga pelatihan"),
    actions.PROGRAM_CREATE: _("Menambah program pelatihan"),
    actions.PROGRAM_UPDATE: _("Mengubah program pelatihan"),
    actions.INSTRUCTOR_CREATE: _("Menambah instruktur"),
    actions.INSTRUCTOR_UPDATE: _("Mengubah data instruktur"),
    actions.INSTRUCTOR_CREDENTIAL_ADD: _("Menambah sertifikat instruktur"),
    actions.INSTRUCTOR_CREDENTIAL_REMOVE: _("Menghapus sertifikat instruktur"),
    actions.BATCH_CREATE: _("Membuka angkatan pelatihan"),
    actions.BATCH_UPDATE: _("Mengubah angkatan pelatihan"),
    actions.BATCH_STATUS: _("Mengubah status angkatan"),
    actions.BATCH_SESSIONS: _("Menyusun jadwal sesi angkatan"),
    actions.BATCH_EXPORT_PARTICIPANTS: Phrase(
        ngettext_lazy(
            "Mengekspor %(rows)s baris data peserta (XLSX)",
            "Mengekspor %(rows)s baris data peserta (XLSX)",
            "rows",
        ),
        uses=("rows",),
        fallback=_("Mengekspor data peserta (XLSX)"),
    ),
    actions.SESSION_UPDATE: _("Mengubah sesi pelatihan"),
    actions.ATTENDANCE_RECORD: _("Mencatat kehadiran"),
    actions.ENROLMENT_DECIDE: _("Memutuskan seleksi peserta"),
    actions.ENROLMENT_WITHDRAWN: _("Mencatat peserta mengundurkan diri"),
    actions.ENROLMENT_DROPPED_OUT: _("Mencatat peserta putus pelatihan"),
    actions.ENROLMENT_DOCUMENT_VIEW: _("Membuka dokumen pendaftaran"),
    actions.ENROLMENT_REGISTER: _("Mendaftar pelatihan"),
    actions.ENROLMENT_REGISTER_DUPLICATE: _("Mendaftar ulang pelatihan (sudah terdaftar)"),
    actions.ENROLMENT_IMPORT: _("Mengimpor peserta dari berkas"),
    actions.ENROLMENT_IDENTITY_CHECKED: _("Memeriksa identitas pendaftar"),
    actions.ENROLMENT_IDENTITY_DECLINED: _("Menolak identitas pendaftar"),
    actions.ENROLMENT_IDENTITY_CONFIRMED: _("Mengonfirmasi identitas pendaftar"),
    actions.IDENTITY_REVIEW_RESOLVE: _("Menyelesaikan tinjauan identitas"),
}

LABELS = {
    "decision": _("keputusan"),
    "enrolments": _("pendaftaran"),
    "sessions_added": _("sesi ditambahkan"),
    "session": _("sesi"),
    "new": _("kehadiran baru"),
    "new_person": _("orang baru"),
    "account": _("akun dibuat"),
    "documents": _("dokumen"),
    "import_job": _("impor berkas"),
    "enrolled": _("peserta terdaftar"),
    "persons_created": _("orang baru dibuat"),
    "identity": _("identitas"),
    "resolved": _("selesai"),
    "credential": _("sertifikat"),
    "number": _("nomor"),
    "units": _("unit kompetensi"),
}
