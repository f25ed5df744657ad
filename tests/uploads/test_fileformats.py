"""vkr_portal.fileformats on its own: the guard both ways, the limits of reading, and files
at the limits that must still be read (no database needed)."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vkr_portal.fileformats import (
    ImportFileError,
    ReadLimits,
    RowError,
    csv_document,
    csv_text,
    csv_unguard,
    decode_text,
    error_lines,
    read_csv,
    read_xlsx,
    workbook_bytes,
)

from . import hostile

LIMITS = ReadLimits(columns=12, rows=2000, cell_chars=4000)


def _workbook(rows: list[list], title: str = "Blad1", extra: dict | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(row)
    for name, sheet_rows in (extra or {}).items():
        sheet = workbook.create_sheet(name)
        for row in sheet_rows:
            sheet.append(row)
    return workbook_bytes(workbook)


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+46", "-5", "@A1", "\tx", "\rx", "'", "'=x", "''", "'hej", "hej", "", "a=b"],
)
def test_the_csv_guard_is_taken_away_exactly(text):
    guarded = csv_text(text)
    assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert csv_unguard(guarded) == text


def test_a_csv_document_guards_the_header_too():
    text = csv_document([["=rubrik", "Antal"], ["@text", 3]])
    assert text == "\ufeff'=rubrik;Antal\r\n'@text;3\r\n"


def test_a_workbook_holds_formula_like_text_as_text():
    content = _workbook([["=SUMMA(A1:A2)", '=HYPERLINK("x")']], extra={"Andra": [["=1"]]})
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert [(c.value, c.data_type) for c in cells] == [
        ("=SUMMA(A1:A2)", "s"), ('=HYPERLINK("x")', "s"), ("=1", "s"),
    ]  # fmt: skip


def test_a_file_at_the_limits_is_read_whole_and_quickly():
    rows = [[f"Kolumn {n}" for n in range(10)]]
    rows += [[f"Rad {r}, cell {c}: " + "text " * 50 for c in range(10)] for r in range(2000)]
    upload = SimpleUploadedFile("stor.xlsx", _workbook(rows))
    started = time.perf_counter()
    read = read_xlsx(upload, limits=LIMITS)
    assert time.perf_counter() - started < 20  # some seconds on a busy machine
    assert len(read) == 2001 and read[2000][9].startswith("Rad 1999, cell 9")
    assert len(read[1]) == LIMITS.columns  # as wide as asked, no wider


def test_the_sheet_asked_for_is_read_when_the_workbook_has_it():
    content = _workbook([["Sammanfattning"]], title="Sammanfattning", extra={"Svar": [["kod"]]})
    upload = SimpleUploadedFile("resultat.xlsx", content)
    assert read_xlsx(upload, limits=LIMITS, sheet_name="Svar") == [["kod"] + [None] * 11]
    assert read_xlsx(upload, limits=LIMITS, sheet_name="Saknas")[0][0] == "Sammanfattning"


def test_a_row_past_the_limit_is_refused_even_when_empty():
    upload = SimpleUploadedFile("f.xlsx", hostile.xlsx('<row r="1"/>' * 2001 + '<row r="2002"/>'))
    with pytest.raises(ImportFileError) as raised:
        read_xlsx(upload, limits=LIMITS)
    assert "fler än 2000 rader" in raised.value.errors[0].message


def test_a_dtd_is_refused():
    upload = SimpleUploadedFile("f.xlsx", hostile.entity_bomb(["a"]))
    with pytest.raises(ImportFileError) as raised:
        read_xlsx(upload, limits=LIMITS)
    assert "Excel-arbetsbok (.xlsx)" in raised.value.errors[0].message


def test_csv_rows_count_empty_lines_and_fields_are_read_within_the_limits():
    text = "a;b\n\n" * 1001  # the header, then 2001 rows of which 1001 empty
    with pytest.raises(ImportFileError) as raised:
        read_csv(SimpleUploadedFile("f.csv", text.encode()), limits=LIMITS)
    assert "fler än 2000 rader" in raised.value.errors[0].message
    rows = read_csv(SimpleUploadedFile("f.csv", b"a,b\n'=1,2\n"), limits=LIMITS)
    assert rows == [["a", "b"], ["=1", "2"]]


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("\ufeffÅsa".encode(), "Åsa"),
        ("Åsa".encode("utf-16"), "Åsa"),  # little-endian, with its mark
        (b"\xfe\xff" + "Åsa".encode("utf-16-be"), "Åsa"),
        ("Åsa".encode("cp1252"), "Åsa"),
    ],
)
def test_text_is_decoded_by_its_byte_order_mark_or_else_as_utf8_or_windows_1252(data, text):
    assert decode_text(data) == text


def test_only_the_first_errors_are_kept_and_the_rest_counted():
    errors = ImportFileError([RowError(n, None, "fel") for n in range(2, 502)])
    assert (len(errors.errors), errors.more) == (20, 480)
    lines = error_lines([f"Rad {n}: fel" for n in range(1, 31)])
    assert len(lines) == 21 and lines[-1] == "… och 10 fel till."


def test_a_column_named_by_a_long_header_is_cut():
    error = RowError(2, "R" * 500, "fel")
    assert len(error.column) == 80 and error.column.endswith("…")
