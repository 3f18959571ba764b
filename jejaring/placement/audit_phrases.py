"""Phrases of the placement app's audit actions, for the audit page (core.audit_display)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jejaring.core.audit_display import Phrase
from jejaring.placement import audit_actions as actions
from jejaring.placement.models import Referral

PHRASES = {
    actions.FORMATION_CLOSE: _("Menutup formasi"),
    actions.FORMATION_CREATE: _("Membuat formasi"),
    actions.FORMATION_PUBLISH: _("Membuka formasi untuk pelamar"),
    actions.FORMATION_UPDATE: _("Mengubah formasi"),
    actions.INTERNSHIP_AGREEMENT_CREATE: _("Membuat perjanjian pemagangan"),
    actions.INTERNSHIP_AGREEMENT_RATIFY: _("Mengesahkan perjanjian pemagangan"),
    actions.INTERNSHIP_AGREEMENT_SIGN: _("Menandatangani perjanjian pemagangan"),
    actions.APPLICATION_SUBMIT: _("Mengirim lamaran"),
    actions.APPLICATION_WITHDRAW: _("Menarik lamaran"),
    actions.INTERNSHIP_START_OVERRIDE: Phrase(
        _("Memulai magang meski ada kekurangan"), lists=("problems",)
    ),
    actions.RANKING_UPLOAD: _("Mengunggah peringkat pelamar"),
    actions.REFERRAL_CONTACT_VIEW: _("Melihat kontak kandidat yang disalurkan"),
    actions.REFERRAL_CREATE: _("Menyalurkan kandidat"),
    actions.ROUND_ADD_FORMATION: _("Menambah formasi ke putaran"),
    actions.ROUND_ALLOCATE: _("Menjalankan alokasi putaran"),
    actions.ROUND_CANCEL: _("Membatalkan putaran"),
    actions.ROUND_CLOSE: _("Menutup putaran"),
    actions.ROUND_CREATE: Phrase(_("Membuat putaran penempatan"), lists=("formations",)),
    actions.ROUND_PUBLISH: _("Mengumumkan hasil putaran"),
}


def _referral_outcome(status: str) -> str | None:
    labels = dict(Referral.Status.choices)
    if status not in labels:
        return None
    return _("Mencatat hasil penyaluran: %(status)s") % {"status": labels[status]}


FAMILIES = {"placement.referral.": _referral_outcome}

LABELS = {
    "choices": _("pilihan formasi"),
    "formation": _("formasi"),
    "formations": _("formasi"),
    "seats_taken": _("kursi terisi"),
    "person": _("orang"),
    "problems": _("kekurangan"),
    "ranked": _("pelamar diperingkat"),
    "max_choices": _("pilihan maksimal"),
    "seed": _("benih undian"),
    "eligible": _("pelamar layak"),
    "ineligible": _("pelamar tidak layak"),
    "changed_since_applying": _("berubah sejak melamar"),
    "applicants": _("pelamar"),
    "assigned": _("mendapat kursi"),
    "proposals": _("jumlah tawaran"),
    "digest": _("sidik hasil"),
    "referrals": _("surat pengantar"),
}
