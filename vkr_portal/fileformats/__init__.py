"""What every export and import of the portal shares: the CSV dialect Swedish Excel opens, the
guard that keeps every exported cell text rather than a formula, reading CSV and XLSX within
limits of what a file holds once unpacked, and the errors an import reports.

The apps' own spreadsheet modules (activities/spreadsheets.py, surveys/spreadsheets/) know
their columns; this package knows the files.
"""

from .errors import (
    MAX_ERRORS,
    QUOTE_MAX,
    ImportFileError,
    RowError,
    RowErrors,
    error_lines,
    file_error,
    quoted,
)
from .reading import ReadLimits, decode_text, file_sha256, read_csv
from .writing import (
    CSV_DELIMITER,
    CSV_FORMULA_PREFIXES,
    csv_cell,
    csv_document,
    csv_text,
    csv_unguard,
    workbook_bytes,
    xlsx_value,
)
from .xlsx import not_xlsx_error, read_xlsx

__all__ = [
    "CSV_DELIMITER",
    "CSV_FORMULA_PREFIXES",
    "ImportFileError",
    "MAX_ERRORS",
    "QUOTE_MAX",
    "ReadLimits",
    "RowError",
    "RowErrors",
    "csv_cell",
    "csv_document",
    "csv_text",
    "csv_unguard",
    "decode_text",
    "error_lines",
    "file_error",
    "file_sha256",
    "not_xlsx_error",
    "quoted",
    "read_csv",
    "read_xlsx",
    "workbook_bytes",
    "xlsx_value",
]
