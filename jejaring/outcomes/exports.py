"""Spreadsheet renderings of the indicator tables. Figures stay numeric cells with a
number format (rates in percent as ``0.0" %"``), so Excel shows them with the reader's
own separators; a withheld figure is the symbol, as text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from jejaring.core.numbers import XLSX_INTEGER, XLSX_PERCENT
from jejaring.core.spreadsheets import Sheet, xlsx_response
from jejaring.outcomes.disclosure import SYMBOL, ShownPipelineYear, ShownTable

__all__ = ["Sheet", "graduate_sheet", "pipeline_sheet", "xlsx_response"]


def _percent(value: Any) -> float | None:
    return float(value) if value is not None else None


def _n(count: int | None) -> int | str:
    """A count, or the symbol of a withheld one."""
    return SYMBOL if count is None else count


def _rate(fraction: Any) -> float | str | None:
    return SYMBOL if fraction.withheld else _percent(fraction.percent)


def _legend() -> list[str]:
    return [
        _(
            "%(symbol)s disembunyikan untuk melindungi identitas: angka 1 sampai 4, dan angka "
            "lain yang dapat dipakai untuk menghitungnya."
        )
        % {"symbol": SYMBOL}
    ]


def graduate_sheet(table: ShownTable, title: str) -> Sheet:
    headers = [
        str(table.dimension.label),
        _("Lulusan"),
        _("Menjawab"),
        _("Terserap"),
        _("Keterserapan (%)"),
        _("Keterserapan dari yang menjawab (%)"),
        _("Wirausaha"),
        _("Wirausaha (%)"),
        _("Tunggu ≤ 3 bulan"),
        _("Tunggu 4–6 bulan"),
        _("Tunggu 7–12 bulan"),
        _("Tunggu > 12 bulan"),
        _("Median hari ke pekerjaan pertama"),
    ]
    rows: list[list[Any]] = [
        [
            row.label,
            _n(row.graduates),
            _n(row.answered),
            _n(row.absorbed),
            _rate(row.absorption),
            _rate(row.absorption_of_answered),
            _n(row.self_employed),
            _rate(row.entrepreneurship),
            *(_n(count) for count in row.waiting_bands),
            row.median_days_to_first_job,
        ]
        for row in [*table.rows, table.total]
    ]
    rows.append([_("Definisi: %(text)s") % {"text": table.definition.describe()}])
    if table.protected:
        rows.append(_legend())
    n, pct = XLSX_INTEGER, XLSX_PERCENT
    formats = [None, n, n, n, pct, pct, n, pct, n, n, n, n, "0"]
    return Sheet(title, headers, rows, formats)


def pipeline_sheet(pipeline: Sequence[ShownPipelineYear], *, protected: bool = False) -> Sheet:
    headers = [
        _("Tahun"),
        _("Lulus"),
        _("Selesai atau keluar"),
        _("Kelulusan (%)"),
        _("Kompeten"),
        _("Diuji"),
        _("Kelulusan uji (%)"),
        _("Mulai bekerja/magang"),
        _("Disalurkan"),
        _("Penempatan (%)"),
        _("Diangkat"),
        _("Magang selesai atau diangkat"),
        _("Magang ke kerja (%)"),
    ]
    rows: list[list[Any]] = [
        [
            item.year,
            *(
                value
                for fraction in (
                    item.completion,
                    item.competency_pass,
                    item.referral_placement,
                    item.internship_to_hire,
                )
                for value in (
                    _n(fraction.numerator),
                    _n(fraction.denominator),
                    _rate(fraction),
                )
            ),
        ]
        for item in pipeline
    ]
    if protected:
        rows.append(_legend())
    formats = [None, *([XLSX_INTEGER, XLSX_INTEGER, XLSX_PERCENT] * 4)]
    return Sheet(_("Alur"), headers, rows, formats)
