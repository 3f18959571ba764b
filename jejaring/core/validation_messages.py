"""Translatable messages for the error codes of the Django-free NIK and phone modules.

Those modules carry English messages for their command line; pages and the API show
these (Indonesian source, English in locale/en)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "nik_not_digits": _("NIK hanya boleh berisi angka (spasi, titik dan tanda hubung diabaikan)."),
    "nik_length": _("NIK terdiri atas tepat 16 angka; yang diisi %(length)s angka."),
    "nik_province_unknown": _("NIK diawali %(province)s, yang bukan kode provinsi."),
    "nik_date_impossible": _("Angka ke-7 sampai ke-12 NIK bukan tanggal lahir yang mungkin."),
    "nik_future_birth": _("Tanggal lahir dalam NIK berada di masa depan."),
    "nik_serial_zero": _("Empat angka terakhir NIK tidak boleh 0000."),
    "nik_regency_unknown": _(
        "Kode kabupaten/kota %(regency)s tidak ada dalam daftar kode terbaru; periksa NIK."
    ),
    "nik_district_unknown": _(
        "Kode kecamatan %(district)s tidak ada dalam daftar kode terbaru; mungkin kode lama "
        "sebelum pemekaran."
    ),
    "phone_empty": _("Isi nomor telepon."),
    "phone_invalid_characters": _(
        "Nomor telepon hanya boleh berisi angka, + di depan, spasi, tanda hubung, titik dan "
        "tanda kurung."
    ),
    "phone_international_prefix": _(
        "Tulis nomor luar negeri dengan + dan kode negara, mis. +62 812 3456 7890."
    ),
    "phone_area_code_missing": _(
        "Awali nomor telepon rumah/kantor dengan 0 dan kode area, mis. (0285) 421234."
    ),
    "phone_prefix": _("Ini bukan nomor telepon Indonesia atau kode negara yang sah."),
    "phone_length": _("Jumlah angka nomor telepon ini terlalu sedikit atau terlalu banyak."),
}


def message_for(code: str, params: dict[str, Any] | None = None) -> str:
    """The translated message for an error code, with its parameters filled in."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    return str(template) % (params or {}) if params else str(template)
