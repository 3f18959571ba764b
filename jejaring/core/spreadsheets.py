"""Reading and writing spreadsheets (XLSX and CSV), with no models involved.

Importers declare their `Column`s; `read_rows` returns every data row as
`(row_number, {column_key: text})`, the row number being the one the user sees in Excel
(the header is row 1). File-level problems raise `SpreadsheetError`; row-level problems
are for the importer to report as `RowError`s.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from jejaring.core.errors import ValidationError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


class SpreadsheetError(ValidationError):
    """The file as a whole cannot be read; nothing in it was looked at row by row."""

    default_code = "spreadsheet_invalid"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": str(self.message)}


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)


def normalise_header(text: str) -> str:
    """Headers match whatever their case, spacing, accents or punctuation."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        # A NIK typed into Excel is stored as a float; 3375011501900001.0 must stay digits.
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()


def _read_upload(file: Any, max_bytes: int) -> bytes:
    size = getattr(file, "size", None)
    if size is not None and size > max_bytes:
        raise _too_big(max_bytes)
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(max_bytes + 1) if hasattr(file, "read") else bytes(file)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    if not data:
        raise SpreadsheetError(_("Berkas kosong."), code="spreadsheet_empty")
    return data


def _too_big(max_bytes: int) -> SpreadsheetError:
    return SpreadsheetError(
        _("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)},
        code="spreadsheet_too_big",
        detail={"max_bytes": max_bytes},
    )


def _xlsx_table(data: bytes) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0)
        return sheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises several unrelated types for bad files
        raise SpreadsheetError(
            _("Berkas tidak dapat dibaca sebagai lembar kerja Excel."),
            code="spreadsheet_unreadable",
        ) from exc


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(
            _("Berkas bukan lembar kerja (XLSX atau CSV)."), code="spreadsheet_unreadable"
        )
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _csv_table(data: bytes) -> list[list[Any]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as exc:
        raise SpreadsheetError(
            _("Berkas CSV rusak: %(reason)s") % {"reason": exc}, code="spreadsheet_unreadable"
        ) from exc


def read_rows(
    file: Any,
    *,
    columns: Sequence[Column],
    max_rows: int = 200_000,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[tuple[int, dict[str, str]]]:
    """Every non-empty data row of the first sheet, keyed by column key.

    Unknown columns are ignored; optional columns missing from the file read as "".
    """
    data = _read_upload(file, max_bytes)
    if data.startswith(_ZIP_MAGIC):
        table = _xlsx_table(data)
    elif data.startswith(_OLE_MAGIC):
        raise SpreadsheetError(
            _("Format .xls lama tidak didukung; simpan ulang sebagai .xlsx."),
            code="spreadsheet_old_xls",
        )
    else:
        table = _csv_table(data)

    header_index = next((i for i, row in enumerate(table) if any(_cell_text(c) for c in row)), None)
    if header_index is None:
        raise SpreadsheetError(_("Berkas kosong."), code="spreadsheet_empty")
    headers = [normalise_header(_cell_text(c)) for c in table[header_index]]

    wanted: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, column.key, *column.aliases):
            wanted.setdefault(normalise_header(name), column)
    positions: dict[str, int] = {}
    for position, header in enumerate(headers):
        found = wanted.get(header) if header else None
        if found is None:
            continue
        if found.key in positions:
            raise SpreadsheetError(
                _("Kolom “%(column)s” muncul lebih dari sekali.") % {"column": found.header},
                code="spreadsheet_duplicate_column",
                detail={"column": found.header},
            )
        positions[found.key] = position
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing:
        raise SpreadsheetError(
            _("Kolom wajib tidak ada: %(columns)s.") % {"columns": ", ".join(missing)},
            code="spreadsheet_missing_columns",
            detail={"columns": missing},
        )

    rows: list[tuple[int, dict[str, str]]] = []
    keys = [(c.key, positions.get(c.key)) for c in columns]
    for index in range(header_index + 1, len(table)):
        raw = table[index]
        values = {
            key: (_cell_text(raw[pos]) if pos is not None and pos < len(raw) else "")
            for key, pos in keys
        }
        if not any(values.values()):
            continue
        if len(rows) >= max_rows:
            raise SpreadsheetError(
                _("Terlalu banyak baris (paling banyak %(max)s).")
                % {"max": f"{max_rows:,}".replace(",", ".")},
                code="spreadsheet_too_many_rows",
                detail={"max_rows": max_rows},
            )
        rows.append((index + 1, values))
    if not rows:
        raise SpreadsheetError(_("Berkas tidak berisi baris data."), code="spreadsheet_empty")
    return rows


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        # Written as an explicit text cell: Excel would otherwise evaluate it.
        return "'" + value
    if isinstance(value, Decimal):
        return float(value)
    return value


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one sheet per `Sheet`; text that looks like a formula stays text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", sheet.title)[:31] or "Sheet")
        widths = [min(max(len(str(h)) + 2, 10), 60) for h in sheet.headers]
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        header_cells = []
        for header in sheet.headers:
            cell = WriteOnlyCell(ws, value=str(header))
            cell.font = bold
            header_cells.append(cell)
        ws.append(header_cells)
        for row in sheet.rows:
            cells = []
            for value in row:
                safe = _safe(value)
                cell = WriteOnlyCell(ws, value=safe)
                if isinstance(value, dt.datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
                elif isinstance(value, dt.date):
                    cell.number_format = "dd/mm/yyyy"
                elif isinstance(safe, str) and safe.startswith("'"):
                    cell.value = safe[1:]
                    cell.data_type = "s"
                cells.append(cell)
            ws.append(cells)
    if not sheets:
        book.create_sheet(title="Sheet")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    return xlsx_download(xlsx_bytes(sheets), filename)


def xlsx_download(data: bytes, filename: str) -> HttpResponse:
    """An XLSX workbook already written (`data`) as a file download."""
    if not filename.endswith(".xlsx"):
        filename += ".xlsx"
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


__all__ = [
    "Column",
    "RowError",
    "Sheet",
    "SpreadsheetError",
    "normalise_header",
    "read_rows",
    "xlsx_bytes",
    "xlsx_download",
    "xlsx_response",
]
