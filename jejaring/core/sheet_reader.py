"""Bounded reading of untrusted spreadsheets (XLSX, ODS, CSV), with no Django involved.

`jejaring.core.spreadsheets.read_sheet` runs this module as a child process
(`python -m jejaring.core.sheet_reader`) under a memory and CPU limit: the file's bytes
arrive on stdin, the request as JSON in argv[1], and the answer leaves as one JSON object
on stdout — either ``{"ok": true, "format", "encoding", "rows": [[row, [text…]]…]}`` or
``{"ok": false, "code", "params"}``. The parent turns a code into a translated message;
nothing here is user-facing text. A child that dies (a native abort on a failed
allocation, the kernel's OOM killer, the timeout) costs only the child.

Before any range is built, `parse` checks, in this order:

- the real type from the magic bytes, against the extension when there is one (a PNG
  named ``.xlsx`` is refused, and so is an ``.xlsx`` that is really a CSV);
- an OLE2 container (old ``.xls``) is refused, and one holding an ``EncryptionInfo``
  stream is reported as a password-protected workbook;
- a zip (XLSX, ODS): entry count, each entry's declared uncompressed size and its
  compression ratio, and the total (zip bomb); every XML entry is streamed, within those
  bounds, and refused if it declares a DTD or an entity (entity expansion);
- the first worksheet's declared ``<dimension ref=…>`` and every cell reference in it:
  more than `max_columns` columns or more rows than allowed is refused, because the
  reader (calamine) allocates the whole bounding box of the cells.

Then it reads with row and column caps. Formulas read as the value the spreadsheet
program last computed and saved (a formula never computed — a file written by a program
rather than by Excel — reads as empty). A merged area reads as its top-left cell; the
other cells of the area read as empty. CSV: a BOM says UTF-8 or UTF-16; otherwise strict
UTF-8, else UTF-16 without BOM when every other byte is NUL, else Windows-1252 (which
reads any byte); the encoding assumed is part of the answer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

MAX_COLUMNS = 100
MAX_ZIP_ENTRIES = 2_000
MAX_ENTRY_BYTES = 400 * 1024 * 1024
MAX_TOTAL_BYTES = 600 * 1024 * 1024
MAX_RATIO = 150  # real spreadsheets compress 5–40×; a bomb 1000× and more
RATIO_FLOOR = 1024 * 1024  # small entries may compress as they like
ROW_SLACK = 1_000  # empty rows a sheet may carry beyond the data rows allowed
CHUNK = 1024 * 1024

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_BINARY_MAGICS = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf", "7z"),
    (b"Rar!", "RAR"),
    (b"BM", None),  # too short to be sure; left to the text checks
)
SPREADSHEET_EXTENSIONS = {"xlsx": "xlsx", "xlsm": "xlsx", "ods": "ods", "xls": "xls"}
TEXT_EXTENSIONS = {"csv", "txt", "tsv"}
_DTD_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)
_ENCRYPTED_STREAMS = tuple(
    name.encode("utf-16-le") for name in ("EncryptionInfo", "EncryptedPackage")
)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"([A-Za-z0-9:$]+)\"")
_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
# A cell reference whose column is past CV (the 100th column): three letters, or two
# letters from DA, or CW–CZ. One C-speed search over the sheet finds the first such cell.
_WIDE_CELL = re.compile(rb"\br=\"(?:[A-Z]{3}|[D-Z][A-Z]|C[W-Z])[0-9]")
_LAST_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"([0-9]+)\"")
_HUGE_ROW = re.compile(rb"\br=\"[A-Z]{0,3}[0-9]{8}")


class Refused(Exception):
    """The file is refused; `code` and `params` become the parent's message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


def cell_text(value: Any) -> str:
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


# ---------------------------------------------------------------------------- sniffing


def sniff(data: bytes) -> str:
    """The real type: "xlsx", "ods", "zip" (another zip), "xls", "encrypted", "csv",
    or a binary type's name."""
    if not data:
        raise Refused("empty")
    if data.startswith(_OLE_MAGIC):
        if any(name in data for name in _ENCRYPTED_STREAMS):
            return "encrypted"
        return "xls"
    if data.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "xl/workbook.xml" in names:
                    return "xlsx"
                if (
                    "mimetype" in names
                    and archive.getinfo("mimetype").file_size < 200
                    and archive.read("mimetype").strip() == _ODS_MIMETYPE
                ):
                    return "ods"
                if "EncryptionInfo" in names:
                    return "encrypted"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            raise Refused("unreadable") from None
        return "zip"
    for magic, name in _BINARY_MAGICS:
        if name and data.startswith(magic):
            return name
    return "csv"


def check_extension(kind: str, extension: str) -> None:
    """Refuse a file whose content is not what its name says."""
    extension = extension.lower().lstrip(".")
    expected = SPREADSHEET_EXTENSIONS.get(extension)
    if expected is None and extension not in TEXT_EXTENSIONS:
        if extension:
            raise Refused("unsupported_type", extension=extension)
        return
    if kind == "encrypted" and extension in ("xlsx", "xlsm", "xls"):
        return
    if kind == "xls" and extension == "xls":
        return
    if expected is not None and kind == expected:
        return
    if expected is None and kind == "csv":
        return
    raise Refused("mismatch", extension=extension, actual=_kind_label(kind))


def _kind_label(kind: str) -> str:
    return {
        "xlsx": "XLSX",
        "ods": "ODS",
        "xls": "XLS",
        "encrypted": "XLSX",
        "csv": "CSV",
        "zip": "ZIP",
    }.get(kind, kind)


# ------------------------------------------------------------------------- zip checks


def check_zip(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise Refused("zip_entries", max=MAX_ZIP_ENTRIES)
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            info.file_size > MAX_ENTRY_BYTES
            or total > MAX_TOTAL_BYTES
            or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO)
        ):
            raise Refused("zip_bomb")


def stream_entry(archive: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The entry in chunks, each with the tail of the one before (markers split across
    a chunk boundary are still found). zipfile never yields more than the declared size,
    which `check_zip` has bounded."""
    tail = b""
    read = 0
    with archive.open(name) as handle:
        while chunk := handle.read(CHUNK):
            read += len(chunk)
            if read > MAX_ENTRY_BYTES:
                raise Refused("zip_bomb")
            yield tail + chunk
            tail = chunk[-32:]


def check_xml_entries(archive: zipfile.ZipFile) -> None:
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue
        for chunk in stream_entry(archive, info.filename):
            if any(marker in chunk for marker in _DTD_MARKERS):
                raise Refused("xml_dtd")


def first_sheet_path(archive: zipfile.ZipFile) -> str | None:
    """The part of the first sheet in workbook order (the one calamine reads)."""
    import xml.etree.ElementTree as ET

    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        # Both parts were checked for DTDs: expat with no DTD expands no entity.
        book = ET.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    except (KeyError, ET.ParseError):
        return None
    sheet = next((e for e in book.iter() if e.tag.endswith("}sheet")), None)
    if sheet is None:
        return None
    rel_id = sheet.get(rel_ns + "id")
    for rel in rels.iter():
        if rel.get("Id") == rel_id and rel.get("Target"):
            target = str(rel.get("Target"))
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def check_sheet_extent(archive: zipfile.ZipFile, path: str, max_rows: int) -> None:
    """Refuse before calamine allocates the cells' bounding box."""
    row_limit = max_rows + 1 + ROW_SLACK
    first = True
    last_row = 0
    for chunk in stream_entry(archive, path):
        if first:
            first = False
            match = _DIMENSION.search(chunk)
            if match:
                _check_dimension(match.group(1).decode("ascii", "replace"), row_limit)
        if _WIDE_CELL.search(chunk):
            raise Refused("too_wide", max=MAX_COLUMNS)
        if _HUGE_ROW.search(chunk):
            raise Refused("too_many_rows", max=max_rows)
        rows = _LAST_ROW.findall(chunk[-64 * 1024 :])
        if rows:
            last_row = max(last_row, int(rows[-1]))
            if last_row > row_limit:
                raise Refused("too_many_rows", max=max_rows)


def _check_dimension(ref: str, row_limit: int) -> None:
    end = ref.upper().split(":")[-1]
    match = _REF.match(end)
    if not match:
        return
    columns, rows = column_number(match.group(1)), int(match.group(2))
    if columns > MAX_COLUMNS or rows > row_limit:
        raise Refused(
            "dimension", ref=ref, max_rows=row_limit - 1 - ROW_SLACK, max_columns=MAX_COLUMNS
        )


# ------------------------------------------------------------------------------ tables


def workbook_rows(data: bytes, kind: str, max_rows: int) -> Iterator[tuple[int, list[Any]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_zip(archive)
        check_xml_entries(archive)
        if kind == "xlsx":
            path = first_sheet_path(archive)
            if path is not None and path in archive.namelist():
                check_sheet_extent(archive, path, max_rows)

    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0)
        start_row, start_column = sheet.start or (0, 0)
        for offset, row in enumerate(sheet.iter_rows()):
            padded = [None] * start_column + list(row[: max(MAX_COLUMNS - start_column, 0)])
            yield start_row + offset + 1, padded
    except Refused:
        raise
    except Exception as exc:  # calamine raises several unrelated types for bad files
        raise Refused("unreadable", reason=type(exc).__name__) from None


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding assumed."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise Refused("unreadable") from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    head = data[:4096]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        try:
            return data.decode("utf-16-le"), "UTF-16"
        except UnicodeDecodeError:
            raise Refused("unreadable") from None
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        try:
            return data.decode("utf-16-be"), "UTF-16"
        except UnicodeDecodeError:
            raise Refused("unreadable") from None
    if b"\x00" in head:
        raise Refused("not_spreadsheet")
    # cp1252 leaves five bytes undefined; those read as their Latin-1 characters.
    return data.decode("cp1252", "replace") if _cp1252_ok(data) else data.decode("latin-1"), (
        "Windows-1252"
    )


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def csv_rows(data: bytes) -> tuple[Iterator[tuple[int, list[Any]]], str]:
    text, encoding = decode(data)
    if "\x00" in text[:4096]:
        raise Refused("not_spreadsheet")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            for row in reader:
                yield reader.line_num, row[:MAX_COLUMNS]
        except csv.Error as exc:
            raise Refused("csv_broken", reason=str(exc)) from None

    return rows(), encoding


# ------------------------------------------------------------------------------ parse


def normalise_header(text: str) -> str:
    """Headers match whatever their case, spacing, accents or punctuation."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def parse(
    data: bytes,
    *,
    extension: str,
    columns: Sequence[dict[str, Any]],
    max_rows: int,
) -> dict[str, Any]:
    """The answer for `data` (see the module docstring); never raises `Refused`."""
    try:
        return _parse(data, extension=extension, columns=columns, max_rows=max_rows)
    except Refused as refused:
        return {"ok": False, "code": refused.code, "params": refused.params}
    except MemoryError:
        return {"ok": False, "code": "memory", "params": {}}


def _parse(
    data: bytes, *, extension: str, columns: Sequence[dict[str, Any]], max_rows: int
) -> dict[str, Any]:
    kind = sniff(data)
    check_extension(kind, extension)
    encoding = ""
    if kind == "encrypted":
        raise Refused("encrypted")
    if kind == "xls":
        raise Refused("old_xls")
    if kind in ("xlsx", "ods"):
        table: Iterator[tuple[int, list[Any]]] = workbook_rows(data, kind, max_rows)
    elif kind == "csv":
        table, encoding = csv_rows(data)
    else:
        raise Refused("not_spreadsheet", actual=_kind_label(kind))

    headers: list[str] | None = None
    for _number, raw in table:
        texts = [cell_text(c) for c in raw]
        if any(texts):
            headers = [normalise_header(t) for t in texts]
            break
    if headers is None:
        raise Refused("empty")

    wanted: dict[str, dict[str, Any]] = {}
    for column in columns:
        for name in (column["header"], column["key"], *column["aliases"]):
            wanted.setdefault(normalise_header(name), column)
    positions: dict[str, int] = {}
    for position, header in enumerate(headers):
        found = wanted.get(header) if header else None
        if found is None:
            continue
        if found["key"] in positions:
            raise Refused("duplicate_column", column=found["header"])
        positions[found["key"]] = position
    missing = [c["header"] for c in columns if c["required"] and c["key"] not in positions]
    if missing:
        raise Refused("missing_columns", columns=missing)

    picks = [positions.get(c["key"]) for c in columns]
    rows: list[list[Any]] = []
    for number, raw in table:
        values = [
            cell_text(raw[pos]) if pos is not None and pos < len(raw) else "" for pos in picks
        ]
        if not any(values):
            continue
        if len(rows) >= max_rows:
            raise Refused("too_many_rows", max=max_rows)
        rows.append([number, values])
    if not rows:
        raise Refused("no_rows")
    return {"ok": True, "format": _kind_label(kind), "encoding": encoding, "rows": rows}


# ------------------------------------------------------------------------------ child


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def peak_kb() -> int:
    """This process's peak resident memory in KB since it started (Linux: VmHWM, which
    unlike ru_maxrss does not count the parent's memory before the exec)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss // 1024 if sys.platform == "darwin" else maxrss


def main(argv: Sequence[str]) -> int:
    request = json.loads(argv[1])
    limit_resources(int(request["memory_bytes"]), int(request["cpu_seconds"]))
    data = sys.stdin.buffer.read()
    answer = parse(
        data,
        extension=request["extension"],
        columns=request["columns"],
        max_rows=int(request["max_rows"]),
    )
    answer["peak_kb"] = peak_kb()
    out = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover - runs in the child
    sys.exit(main(sys.argv))
