"""Reading and writing spreadsheets (XLSX and CSV), with no models involved.

Importers declare their `Column`s; `read_rows` returns every data row as
`(row_number, {column_key: text})`, the row number being the one the user sees in Excel
(the header is row 1). File-level problems raise `SpreadsheetError`; row-level problems
are for the importer to report as `RowError`s.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from jejaring.core import sheet_reader
from jejaring.core.errors import ValidationError
from jejaring.core.numbers import format_number
from jejaring.core.sheet_reader import MAX_COLUMNS, cell_text, normalise_header

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
READER_TIMEOUT = 20.0  # seconds of wall clock for the child that reads a file
READER_MEMORY_BYTES = 512 * 1024 * 1024  # its address space (RLIMIT_AS)


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
    #: Per column, the cell format of its numbers (core.numbers.XLSX_PERCENT …) or None.
    #: Numbers stay numbers: Excel writes them with the reader's own separators.
    formats: Sequence[str | None] = ()


def _cell_text(value: Any) -> str:
    return cell_text(value)


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


def _number(n: int) -> str:
    return format_number(n)


def _message(code: str, params: dict[str, Any]) -> str:
    """The Indonesian (translated) message for a code answered by the reader."""
    if code == "empty":
        return _("Berkas kosong.")
    if code == "no_rows":
        return _("Berkas tidak berisi baris data.")
    if code == "unsupported_type":
        return _("Jenis berkas .%(ext)s tidak didukung; unggah berkas .xlsx, .ods atau .csv.") % {
            "ext": params.get("extension", "")
        }
    if code == "mismatch":
        return _(
            "Isi berkas tidak sesuai dengan namanya: berkas bernama .%(ext)s, tetapi isinya "
            "%(actual)s. Simpan ulang lembar kerja sebagai .xlsx atau .csv."
        ) % {"ext": params.get("extension", ""), "actual": params.get("actual", "")}
    if code == "not_spreadsheet":
        return _("Berkas bukan lembar kerja (XLSX, ODS atau CSV).")
    if code == "encrypted":
        return _(
            "Lembar kerja ini dilindungi kata sandi. Buka di Excel, hapus kata sandinya "
            "(Berkas › Info › Proteksi Buku Kerja), simpan, lalu unggah lagi."
        )
    if code == "old_xls":
        return _("Format .xls lama tidak didukung; simpan ulang sebagai .xlsx.")
    if code in ("zip_bomb", "zip_entries"):
        return _(
            "Isi berkas yang dikompresi terlalu besar atau mencurigakan; simpan ulang lembar "
            "kerja hanya dengan tabel datanya, lalu unggah lagi."
        )
    if code == "xml_dtd":
        return _(
            "Lembar kerja berisi deklarasi DTD atau entitas XML yang tidak diizinkan; simpan "
            "ulang dengan Excel atau LibreOffice, lalu unggah lagi."
        )
    if code == "dimension":
        return _(
            "Ukuran lembar kerja yang tercatat (%(ref)s) terlalu besar: paling banyak "
            "%(rows)s baris dan %(cols)s kolom. Hapus isi dan format di luar tabel data, "
            "lalu simpan ulang."
        ) % {
            "ref": params.get("ref", ""),
            "rows": _number(int(params.get("max_rows", 0))),
            "cols": params.get("max_columns", MAX_COLUMNS),
        }
    if code == "too_wide":
        return _(
            "Lembar kerja terlalu lebar (paling banyak %(max)s kolom); hapus kolom di luar "
            "tabel data, lalu simpan ulang."
        ) % {"max": params.get("max", MAX_COLUMNS)}
    if code == "too_many_rows":
        return _("Terlalu banyak baris (paling banyak %(max)s).") % {
            "max": _number(int(params.get("max", 0)))
        }
    if code == "duplicate_column":
        return _("Kolom “%(column)s” muncul lebih dari sekali.") % {
            "column": params.get("column", "")
        }
    if code == "missing_columns":
        return _("Kolom wajib tidak ada: %(columns)s.") % {
            "columns": ", ".join(params.get("columns", []))
        }
    if code == "csv_broken":
        return _("Berkas CSV rusak: %(reason)s") % {"reason": params.get("reason", "")}
    if code == "memory":
        return _("Berkas tidak dapat dibaca: memori tidak cukup untuk membacanya.")
    if code == "timeout":
        return _("Berkas tidak dapat dibaca: waktu membaca habis (lebih dari %(s)s detik).") % {
            "s": params.get("seconds", "")
        }
    if code == "crashed":
        return _("Berkas tidak dapat dibaca: pembaca berkas berhenti tiba-tiba.")
    return _("Berkas tidak dapat dibaca sebagai lembar kerja Excel.")


_CODES = {
    "empty": "spreadsheet_empty",
    "no_rows": "spreadsheet_empty",
    "unsupported_type": "spreadsheet_type",
    "mismatch": "spreadsheet_mismatch",
    "not_spreadsheet": "spreadsheet_unreadable",
    "encrypted": "spreadsheet_encrypted",
    "old_xls": "spreadsheet_old_xls",
    "zip_bomb": "spreadsheet_zip_bomb",
    "zip_entries": "spreadsheet_zip_bomb",
    "xml_dtd": "spreadsheet_xml_dtd",
    "dimension": "spreadsheet_dimension",
    "too_wide": "spreadsheet_too_wide",
    "too_many_rows": "spreadsheet_too_many_rows",
    "duplicate_column": "spreadsheet_duplicate_column",
    "missing_columns": "spreadsheet_missing_columns",
    "csv_broken": "spreadsheet_unreadable",
    "memory": "spreadsheet_memory",
    "timeout": "spreadsheet_timeout",
    "crashed": "spreadsheet_crashed",
}


@dataclass(frozen=True)
class ParsedSheet:
    """What `read_sheet` read: the rows, the format found and, for a CSV, the encoding
    assumed ("UTF-8", "UTF-8 (BOM)", "UTF-16" or "Windows-1252")."""

    rows: list[tuple[int, dict[str, str]]]
    format: str
    encoding: str
    peak_kb: int = 0


def read_sheet(
    file: Any,
    *,
    columns: Sequence[Column],
    max_rows: int = 200_000,
    max_bytes: int = DEFAULT_MAX_BYTES,
    name: str | None = None,
) -> ParsedSheet:
    """Every non-empty data row of the first sheet, keyed by column key, read in a child
    process with a memory and time limit (`jejaring.core.sheet_reader`).

    Unknown columns are ignored; optional columns missing from the file read as "". The
    file's extension (from `name`, else `file.name`) must match its content. Whatever the
    file does, the caller gets a `SpreadsheetError`, never a dead process.
    """
    data = _read_upload(file, max_bytes)
    filename = name if name is not None else str(getattr(file, "name", "") or "")
    extension = filename.rsplit(".", 1)[-1] if "." in filename.rsplit("/", 1)[-1] else ""
    request = {
        "extension": extension,
        "columns": [
            {"key": c.key, "header": c.header, "aliases": list(c.aliases), "required": c.required}
            for c in columns
        ],
        "max_rows": max_rows,
    }
    answer, peak_kb = run_reader(data, request)
    if not answer.get("ok"):
        code = str(answer.get("code", "unreadable"))
        params = dict(answer.get("params") or {})
        detail: dict[str, Any] = {}
        if code == "missing_columns":
            detail = {"columns": params.get("columns", [])}
        elif code == "duplicate_column":
            detail = {"column": params.get("column", "")}
        elif code == "too_many_rows":
            detail = {"max_rows": params.get("max")}
        raise SpreadsheetError(
            _message(code, params), code=_CODES.get(code, "spreadsheet_unreadable"), detail=detail
        )
    keys = [c.key for c in columns]
    rows = [
        (int(number), dict(zip(keys, values, strict=True))) for number, values in answer["rows"]
    ]
    return ParsedSheet(rows, str(answer["format"]), str(answer["encoding"]), peak_kb)


def read_rows(
    file: Any,
    *,
    columns: Sequence[Column],
    max_rows: int = 200_000,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[tuple[int, dict[str, str]]]:
    """`read_sheet`'s rows alone."""
    return read_sheet(file, columns=columns, max_rows=max_rows, max_bytes=max_bytes).rows


def run_reader(data: bytes, request: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The reader's answer and the child's peak resident memory in KB (0 when unknown).

    On POSIX the reader runs in a child process limited to `READER_MEMORY_BYTES` of
    address space and `READER_TIMEOUT` seconds; a child that is killed, aborts or runs out
    of time is an answer with an error code, never an exception here. Elsewhere (Windows)
    it runs in this process, with the same checks before any range is built.
    """
    if os.name != "posix" or not hasattr(os, "wait4"):  # pragma: no cover - Windows
        return sheet_reader.parse(
            data,
            extension=request["extension"],
            columns=request["columns"],
            max_rows=request["max_rows"],
        ), 0
    timeout = float(getattr(settings, "READER_TIMEOUT", READER_TIMEOUT))
    memory = int(getattr(settings, "READER_MEMORY_BYTES", READER_MEMORY_BYTES))
    request = {**request, "memory_bytes": memory, "cpu_seconds": int(timeout) + 1}
    root = str(Path(__file__).resolve().parent.parent.parent)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": root,
        "PYTHONDONTWRITEBYTECODE": "1",
        "RUST_BACKTRACE": "0",
    }
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout:
        stdin.write(data)
        stdin.seek(0)
        process = subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
            [sys.executable, "-m", "jejaring.core.sheet_reader", json.dumps(request)],
            stdin=stdin,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
            cwd=root,
            env=env,
            close_fds=True,
        )
        status, peak_kb = _wait(process, timeout)
        if status is None:
            return {"ok": False, "code": "timeout", "params": {"seconds": int(timeout)}}, peak_kb
        stdout.seek(0)
        out = stdout.read()
    if status != 0 or not out:
        signalled = os.WIFSIGNALED(status) if status else False
        logger.warning(
            "spreadsheet reader died (status %s, signal %s, peak %s KB)",
            status,
            os.WTERMSIG(status) if signalled else None,
            peak_kb,
        )
        # An abort on a failed allocation (SIGABRT), the kernel's OOM killer (SIGKILL),
        # or the CPU limit (SIGXCPU): memory, time, or something else.
        if signalled and os.WTERMSIG(status) in (signal.SIGABRT, signal.SIGKILL):
            return {"ok": False, "code": "memory", "params": {}}, peak_kb
        if signalled and os.WTERMSIG(status) == signal.SIGXCPU:
            return {"ok": False, "code": "timeout", "params": {"seconds": int(timeout)}}, peak_kb
        return {"ok": False, "code": "crashed", "params": {}}, peak_kb
    try:
        answer = json.loads(out)
    except ValueError:
        return {"ok": False, "code": "crashed", "params": {}}, peak_kb
    # The child's own figure: the kernel's one for the child also counts this process's
    # memory at the moment it forked.
    return answer, int(answer.pop("peak_kb", 0) or peak_kb)


def _wait(process: subprocess.Popen[bytes], timeout: float) -> tuple[int | None, int]:
    """The child's wait status (None when it ran out of time and was killed) and its peak
    resident memory in KB from the kernel's accounting of that one child (on Linux an
    upper bound: it includes the parent's resident memory when it forked)."""
    deadline = time.monotonic() + timeout
    pause = 0.002
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return status, _kb(usage.ru_maxrss)
        if time.monotonic() > deadline:
            process.kill()
            _pid, _status, usage = os.wait4(process.pid, 0)
            process.returncode = -signal.SIGKILL
            return None, _kb(usage.ru_maxrss)
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def _kb(maxrss: int) -> int:
    # Linux reports kilobytes, macOS bytes.
    return maxrss // 1024 if sys.platform == "darwin" else maxrss


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
            for index, value in enumerate(row):
                safe = _safe(value)
                cell = WriteOnlyCell(ws, value=safe)
                number_format = sheet.formats[index] if index < len(sheet.formats) else None
                if number_format and isinstance(safe, int | float) and not isinstance(safe, bool):
                    cell.number_format = number_format
                elif isinstance(value, dt.datetime):
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
    "ParsedSheet",
    "RowError",
    "Sheet",
    "SpreadsheetError",
    "normalise_header",
    "read_rows",
    "read_sheet",
    "xlsx_bytes",
    "xlsx_download",
    "xlsx_response",
]
