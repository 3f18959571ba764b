"""The IPK report as a workbook: one sheet per table, the ministry's columns flattened
into one header row ("Pencari kerja · Terdaftar bulan ini · L"), counts as numbers and a
withheld count as the symbol."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jejaring.core.numbers import XLSX_INTEGER
from jejaring.core.spreadsheets import Sheet
from jejaring.outcomes.labour_market.tables import SYMBOL, ReportTable


def _cell(value: Any) -> Any:
    return SYMBOL if value is None else value


def table_sheet(table: ReportTable, title: str, notes: Sequence[str]) -> Sheet:
    lines = [*table.rows, *([table.total] if table.total else [])]
    rows: list[list[Any]] = [
        [line.label, *(_cell(value) for value in line.cells)] for line in lines
    ]
    rows += [[], [table.title], *([note] for note in notes)]
    return Sheet(
        title[:31],
        [table.row_heading or _("Uraian"), *table.columns],
        rows,
        [None, *([XLSX_INTEGER] * len(table.columns))],
    )


def sheets(report: Any, tables: Sequence[ReportTable]) -> list[Sheet]:
    notes = [
        _("Informasi Pasar Kerja %(area)s, bulan %(month)s.")
        % {"area": report.area.label, "month": date_format(report.month.first, "F Y")},
        _("Definisi setiap angka: halaman Definisi IPK di Jejaring (docs/ipk.md)."),
    ]
    if report.protected:
        notes.append(
            _(
                "%(symbol)s disembunyikan untuk melindungi identitas: angka 1 sampai 4, dan "
                "angka lain yang dapat dipakai untuk menghitungnya."
            )
            % {"symbol": SYMBOL}
        )
    return [table_sheet(table, table.short_title, notes) for table in tables]
