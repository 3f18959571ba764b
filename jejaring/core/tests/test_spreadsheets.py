import datetime as dt
import io

import openpyxl
import pytest

from jejaring.core.spreadsheets import (
    Column,
    Sheet,
    SpreadsheetError,
    read_rows,
    xlsx_bytes,
)

COLUMNS = [
    Column("nik", "NIK"),
    Column("name", "Nama Lengkap", aliases=("nama",)),
    Column("birth", "Tanggal Lahir", required=False),
]


def xlsx(rows):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_a_nik_typed_as_an_excel_number_stays_sixteen_digits():
    rows = read_rows(xlsx([["NIK", "Nama"], [3375011501900001, "Siti"]]), columns=COLUMNS)
    assert rows == [(2, {"nik": "3375011501900001", "name": "Siti", "birth": ""})]


def test_an_excel_date_reads_as_an_iso_date_and_headers_match_loosely():
    rows = read_rows(
        xlsx([[" nik ", "NAMA-LENGKAP", "tanggal lahir"], ["1", "A", dt.date(1990, 1, 15)]]),
        columns=COLUMNS,
    )
    assert rows[0][1]["birth"] == "1990-01-15"


def test_a_cp1252_csv_with_semicolons_is_read():
    data = "NIK;Nama\n123;José\n".encode("cp1252")
    assert read_rows(io.BytesIO(data), columns=COLUMNS)[0][1]["name"] == "José"


def test_an_xlsx_that_is_really_text_is_a_clear_error():
    with pytest.raises(SpreadsheetError) as error:
        read_rows(io.BytesIO(b"PK\x03\x04 not a zip"), columns=COLUMNS)
    assert error.value.code == "spreadsheet_unreadable"


def test_missing_required_columns_are_named():
    with pytest.raises(SpreadsheetError) as error:
        read_rows(io.BytesIO(b"NIK,Alamat\n1,x\n"), columns=COLUMNS)
    assert error.value.detail["columns"] == ["Nama Lengkap"]


def test_an_oversize_upload_is_refused():
    with pytest.raises(SpreadsheetError) as error:
        read_rows(io.BytesIO(b"NIK,Nama\n" + b"1,a\n" * 100), columns=COLUMNS, max_bytes=50)
    assert error.value.code == "spreadsheet_too_big"


def test_too_many_rows_and_duplicate_headers_are_refused():
    with pytest.raises(SpreadsheetError):
        read_rows(io.BytesIO(b"NIK,Nama\n1,a\n2,b\n"), columns=COLUMNS, max_rows=1)
    with pytest.raises(SpreadsheetError) as error:
        read_rows(io.BytesIO(b"NIK,Nama,nik\n1,a,2\n"), columns=COLUMNS)
    assert error.value.code == "spreadsheet_duplicate_column"


def test_an_exported_formula_is_written_as_text():
    data = xlsx_bytes([Sheet("Peserta", ["Nama"], [['=HYPERLINK("x")'], ["@SUM(A1)"]])])
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [(c.value, c.data_type) for (c,) in sheet.iter_rows(min_row=2)] == [
        ('=HYPERLINK("x")', "s"),
        ("@SUM(A1)", "s"),
    ]
