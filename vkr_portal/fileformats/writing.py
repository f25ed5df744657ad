"""Exports: the CSV dialect Swedish Excel opens, and the guard that keeps every written cell
text, never a formula Excel would run.

Every CSV and XLSX export of the portal goes through `csv_document` and `workbook_bytes`,
so the guard covers every cell of every sheet, headers and titles included: question
wording, activity titles and organisation names are all typed by someone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl import Workbook


# Semicolon: Swedish Excel (decimal comma) opens a semicolon file by a double-click into
# columns, a comma file into one column. Python's csv and LibreOffice read either.
CSV_DELIMITER = ";"
# Excel runs a cell that starts with one of these as a formula; a leading ' keeps it text.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "'"


def csv_text(text: str) -> str:
    """A text as written to CSV: never a formula when Excel opens it.

    A text that itself starts with ' gets one more, so that reading the file back
    (`csv_unguard`) gives exactly the text that was written."""
    if text.startswith((*CSV_FORMULA_PREFIXES, CSV_GUARD)):
        return CSV_GUARD + text
    return text


def csv_unguard(text: str) -> str:
    """The text `csv_text` was given: the guard taken away again, and only the guard."""
    if text.startswith(CSV_GUARD) and text[1:].startswith((*CSV_FORMULA_PREFIXES, CSV_GUARD)):
        return text[1:]
    return text


def csv_cell(value: object) -> str:
    """A cell's value as CSV text: numbers with the decimal comma, times to the minute."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")  # the decimal comma of Swedish Excel
    if isinstance(value, int):
        return str(value)
    return csv_text(str(value))


def csv_document(rows: Iterable[Iterable[object]]) -> str:
    """Rows (the header first) as semicolon-separated values, every cell guarded, starting
    with a BOM so Excel reads the file as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return "\ufeff" + buffer.getvalue()


def xlsx_value(value: object) -> object:
    """A value as a cell can hold it: text without the control characters XLSX refuses."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook as an .xlsx file, every cell of every sheet kept as the text it holds.

    openpyxl takes a text that starts with "=" for a formula and would write it as one; here
    it is what someone wrote, so it is written as text (and read back as the same text)."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
