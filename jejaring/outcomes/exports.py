"""Spreadsheet and PDF renderings of the indicator tables and drill-down lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from jejaring.outcomes.disclosure import SYMBOL, ShownPipelineYear, ShownTable

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: A text cell starting with one of these would be read by a spreadsheet as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    """An XLSX download with one worksheet per sheet, bold headers and sensible widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title[:31])
        worksheet.append([str(header) for header in sheet.headers])
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(header)) for header in sheet.headers]
        for row in sheet.rows:
            values = [_safe(value) for value in row]
            worksheet.append(values)
            for index, value in enumerate(values[: len(widths)]):
                widths[index] = max(widths[index], min(len(str(value)), 60))
        for index, width in enumerate(widths, start=1):
            worksheet.column_dimensions[worksheet.cell(1, index).column_letter].width = width + 2
        worksheet.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
    return Sheet(title, headers, rows)


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
    return Sheet(_("Alur"), headers, rows)
