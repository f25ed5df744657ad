"""What every export and import of the portal shares: the CSV dialect Swedish Excel opens,
the guard against cells Excel would run as formulas, and the errors an import reports.

The apps' own spreadsheet modules (activities/spreadsheets.py, surveys/spreadsheets.py)
know their columns; this module knows the files.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

# Semicolon: Swedish Excel (decimal comma) opens a semicolon file by a double-click into
# columns, a comma file into one column. Python's csv and LibreOffice read either.
CSV_DELIMITER = ";"
# Excel runs a cell that starts with one of these as a formula; a leading ' keeps it text.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """A cell's text as written to CSV: never a formula when Excel opens it."""
    return f"'{text}" if text.startswith(CSV_FORMULA_PREFIXES) else text


@dataclass(frozen=True)
class RowError:
    """One problem in a file: its row as Excel numbers it (the header is 1) and its column."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Rad %(row)s, kolumn ”%(column)s”: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message,
            }  # fmt: skip
        if self.row is not None:
            return _("Rad %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


class ImportFileError(Exception):
    """The file cannot be imported; `errors` lists every problem found in it."""

    def __init__(self, errors: list[RowError]):
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors
