"""A corpus of hostile and odd spreadsheets, written at test time (nothing binary is kept).

Each builder returns the file's bytes; `CORPUS` names the hostile ones with the file
name they are uploaded under and the error code the reader must answer. The benchmark
`bench/hostile_files.py` uses the same builders.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'<?xml version="1.0"?><workbook {NS} xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets><sheet name="Peserta" sheetId="1" '
    'r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def cell(ref: str, value: object, formula: str | None = None) -> str:
    f = f"<f>{formula}</f>" if formula else ""
    if isinstance(value, int | float):
        return f'<c r="{ref}">{f}<v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr">{f}<is><t>{value}</t></is></c>'


def sheet_xml(rows: str, *, dimension: str | None = None, prolog: str = "", tail: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0"?>{prolog}<worksheet {NS}>{dim}<sheetData>{rows}</sheetData>'
        f"{tail}</worksheet>"
    )


def xlsx(sheet: str | bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


HEADER_ROW = '<row r="1">' + cell("A1", "NIK") + cell("B1", "Nama") + "</row>"


def huge_dimension() -> bytes:
    """5 KB that declares every cell of a sheet: A1:XFD1048576."""
    return xlsx(sheet_xml(HEADER_ROW, dimension="A1:XFD1048576"))


def far_cell() -> bytes:
    """No dimension, but one cell at XFD1048576: the reader would allocate 17 billion cells."""
    rows = HEADER_ROW + '<row r="1048576">' + cell("XFD1048576", "x") + "</row>"
    return xlsx(sheet_xml(rows))


def rows_out_of_order() -> bytes:
    """Passes every cheap check (rows listed out of order, within 100 columns) yet spans
    900,000 × 100 cells: only the child's memory limit stops it."""
    rows = '<row r="900000">' + cell("CV900000", "x") + "</row>" + HEADER_ROW
    return xlsx(sheet_xml(rows))


def zip_bomb(megabytes: int = 20) -> bytes:
    """A sheet that inflates a thousandfold (`megabytes` MB from a few KB)."""
    padding = b" " * (megabytes * 1024 * 1024)
    sheet = sheet_xml(HEADER_ROW).encode().replace(b"<sheetData>", b"<sheetData>" + padding)
    return xlsx(sheet)


def billion_laughs() -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE worksheet [{entities}]>"
    rows = HEADER_ROW + '<row r="2">' + cell("A2", "1") + cell("B2", "&lol9;") + "</row>"
    return xlsx(sheet_xml(rows, prolog=prolog))


def million_rows_csv() -> bytes:
    return b"NIK,Nama\n" + b"".join(b"%d,a\n" % i for i in range(1_000_000))


def million_rows_declared() -> bytes:
    return xlsx(sheet_xml(HEADER_ROW, dimension="A1:B1000001"))


def only_headers() -> bytes:
    return xlsx(sheet_xml(HEADER_ROW, dimension="A1:B1"))


def empty_workbook() -> bytes:
    return xlsx(sheet_xml(""))


def _ole2(stream_names: list[str]) -> bytes:
    """A minimal OLE2 (CFB) container: the header, one FAT sector and one directory
    sector naming `stream_names` (their contents are not needed to detect them)."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)  # one FAT sector
    struct.pack_into("<I", header, 48, 1)  # directory starts at sector 1
    struct.pack_into("<I", header, 56, 4096)
    struct.pack_into("<I", header, 60, 0xFFFFFFFE)
    struct.pack_into("<I", header, 68, 0xFFFFFFFE)
    struct.pack_into("<I", header, 76, 0)  # FAT at sector 0
    header[80:512] = b"\xff" * 432
    fat = bytearray(b"\xff" * 512)
    struct.pack_into("<III", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE)
    directory = bytearray(512)
    for index, name in enumerate(["Root Entry", *stream_names][:4]):
        entry = bytearray(128)
        encoded = (name + "\x00").encode("utf-16-le")
        entry[0 : len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if index == 0 else 2
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        directory[index * 128 : (index + 1) * 128] = entry
    return bytes(header + fat + directory)


def password_protected() -> bytes:
    """What Excel writes for a workbook with a password to open: an OLE2 container
    holding EncryptionInfo and EncryptedPackage streams."""
    return _ole2(["EncryptionInfo", "EncryptedPackage"])


def old_xls() -> bytes:
    return _ole2(["Workbook"])


def png_named_xlsx() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(100)


def ods(rows: list[list[str]]) -> bytes:
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Peserta">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def formulas_and_merged_cells() -> bytes:
    """Row 2: a formula with its cached value (84) and a merged B2:B3 holding "Siti";
    row 3: a formula never computed (no cached value)."""
    rows = (
        '<row r="1">' + cell("A1", "NIK") + cell("B1", "Nama") + cell("C1", "Nilai") + "</row>"
        '<row r="2">' + cell("A2", "1") + cell("B2", "Siti") + cell("C2", 84, "40+44") + "</row>"
        '<row r="3">' + cell("A3", "2") + '<c r="C3"><f>40+44</f></c></row>'
    )
    tail = '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>'
    return xlsx(sheet_xml(rows, dimension="A1:C3", tail=tail))


HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    # label: (file name, builder, error code)
    "huge declared dimension": ("dimensi.xlsx", huge_dimension, "spreadsheet_dimension"),
    "one cell at XFD1048576": ("sel-jauh.xlsx", far_cell, "spreadsheet_too_wide"),
    "zip bomb": ("bom.xlsx", lambda: zip_bomb(5), "spreadsheet_zip_bomb"),
    "entity expansion": ("tawa.xlsx", billion_laughs, "spreadsheet_xml_dtd"),
    "1,000,000 rows declared": ("sejuta.xlsx", million_rows_declared, "spreadsheet_dimension"),
    "password-protected": ("rahasia.xlsx", password_protected, "spreadsheet_encrypted"),
    "old .xls": ("lama.xls", old_xls, "spreadsheet_old_xls"),
    "PNG named .xlsx": ("gambar.xlsx", png_named_xlsx, "spreadsheet_mismatch"),
    "rows out of order (memory limit)": (
        "acak.xlsx",
        rows_out_of_order,
        "spreadsheet_memory",
    ),
}
