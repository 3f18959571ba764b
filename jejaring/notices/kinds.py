"""What each kind of notification says. A notification stores its kind and a few
parameters (names and numbers of records, never text a member of the public typed); the
words are looked up here when it is shown or sent, so each reader gets them in their own
language and a correction of the wording reaches old notifications too.

Mail and WhatsApp carry only the title, the recipient's name and a link
(docs/security.md, "Mail"); the body, with the names of batches, companies and
formations, is read in the app.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jejaring.core.numbers import format_number


@dataclass(frozen=True)
class Kind:
    title: Promise
    body: Promise


KINDS: dict[str, Kind] = {
    "selection_shortlisted": Kind(
        _("Anda masuk daftar pendek seleksi pelatihan"),
        _("Pendaftaran Anda di %(batch)s masuk daftar pendek. Tunggu kabar berikutnya."),
    ),
    "selection_accepted": Kind(
        _("Anda diterima sebagai peserta pelatihan"),
        _("Anda diterima sebagai peserta %(batch)s. Lihat jadwalnya di halaman pelatihan."),
    ),
    "selection_waitlisted": Kind(
        _("Anda masuk daftar tunggu pelatihan"),
        _("Pendaftaran Anda di %(batch)s masuk daftar tunggu."),
    ),
    "selection_rejected": Kind(
        _("Pendaftaran pelatihan Anda belum diterima"),
        _("Pendaftaran Anda di %(batch)s belum diterima. Alasannya ada di halaman pendaftaran."),
    ),
    "allocation_placed": Kind(
        _("Hasil penyaluran: Anda mendapat formasi"),
        _(
            "Pada putaran %(round)s Anda mendapat %(formation)s di %(company)s. Surat "
            "pengantar dapat diunduh dari halaman lamaran."
        ),
    ),
    "allocation_not_placed": Kind(
        _("Hasil penyaluran: Anda belum mendapat formasi"),
        _("Pada putaran %(round)s Anda belum mendapat kursi. Alasannya ada di halaman lamaran."),
    ),
    "allocation_company": Kind(
        _("Kandidat baru disalurkan ke perusahaan Anda"),
        _(
            "Putaran %(round)s menyalurkan %(count)s kandidat ke %(company)s. Catat jawaban "
            "perusahaan untuk setiap kandidat."
        ),
    ),
    "referral_accepted": Kind(
        _("Perusahaan menerima Anda"),
        _("%(company)s menerima Anda untuk %(formation)s."),
    ),
    "referral_rejected": Kind(
        _("Perusahaan belum menerima Anda"),
        _("%(company)s belum menerima Anda untuk %(formation)s. Alasannya ada di halaman rujukan."),
    ),
    "agreement_ready": Kind(
        _("Perjanjian pemagangan siap ditandatangani"),
        _(
            "Perjanjian pemagangan %(number)s (%(formation)s di %(company)s) siap "
            "ditandatangani kedua pihak."
        ),
    ),
    "program_approved": Kind(
        _("Program pemagangan disetujui"),
        _("Dinas menyetujui program pemagangan %(program)s."),
    ),
    "program_returned": Kind(
        _("Program pemagangan perlu diperbaiki"),
        _("Dinas mengembalikan program pemagangan %(program)s untuk diperbaiki; lihat catatannya."),
    ),
    "program_rejected": Kind(
        _("Program pemagangan ditolak"),
        _("Dinas menolak program pemagangan %(program)s; lihat catatannya."),
    ),
    "certificate_issued": Kind(
        _("Sertifikat pelatihan Anda terbit"),
        _("Sertifikat pelatihan %(number)s untuk %(batch)s telah terbit."),
    ),
    "competency_certificate_recorded": Kind(
        _("Sertifikat kompetensi Anda tercatat"),
        _("Sertifikat kompetensi %(number)s (%(scheme)s) telah tercatat."),
    ),
    "tracer_due": Kind(
        _("Penelusuran alumni: bagaimana kabar Anda?"),
        _(
            "Sudah %(months)s bulan sejak Anda lulus %(program)s. Mohon isi jawaban singkat "
            "(1 menit) tentang pekerjaan atau usaha Anda."
        ),
    ),
    "jobseeker_report_due": Kind(
        _("Saatnya melapor sebagai pencari kerja (AK/1)"),
        _(
            "Laporan ke-%(box)s kartu pencari kerja %(number)s jatuh tempo %(due)s. Laporkan "
            "secara daring atau di loket dinas; bila sudah bekerja, laporkan juga."
        ),
    ),
    "jobseeker_card_expiring": Kind(
        _("Kartu pencari kerja (AK/1) Anda segera berakhir"),
        _(
            "Kartu pencari kerja %(number)s berlaku sampai %(date)s. Datang ke dinas untuk "
            "memperpanjangnya bila Anda masih mencari kerja."
        ),
    ),
}


class _Params(dict[str, Any]):
    """Parameters that answer a missing name with an empty string, so a wording that
    gains a parameter never breaks an old notification. A number is stored as a number
    and written when the notice is read, in the reader's language (1.250 / 1,250)."""

    def __missing__(self, key: str) -> str:
        return ""

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return format_number(value, None)
        return value


def title_of(kind: str) -> str:
    entry = KINDS.get(kind)
    return str(entry.title) if entry else kind


def body_of(kind: str, params: Mapping[str, Any]) -> str:
    entry = KINDS.get(kind)
    return str(entry.body) % _Params(params) if entry else ""
