"""Imports: the limits of what one file may hold, and reading a CSV within them.

A file is bounded by what it holds once read, not by its size on disk: a small file can
hold a million empty rows or one cell of megabytes. Past any limit the file is refused with
a message that says so; nothing is silently cut.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .errors import ImportFileError, RowError, RowErrors, file_error
from .writing import csv_unguard


@dataclass(frozen=True)
class ReadLimits:
    """What one import reads at most."""

    columns: int  # cells right of this column are not read
    rows: int  # rows below the header, empty rows included
    cell_chars: int  # characters in one cell: the longest text field it fills
    max_bytes: int = 5 * 2**20  # the file as uploaded
    cells: int = 200_000  # rows × columns read; also the cells an XLSX's sheets may hold
    chars: int = 10_000_000  # characters in all cells together


def _n(number: int) -> str:
    return number_format(number, force_grouping=True)


def too_large_error() -> ImportFileError:
    return file_error(
        _(
            "Filen är för stor för att läsas in: uppackad innehåller den mer än en import tar "
            "emot. Ta bort tomma rader och kolumner, eller dela upp den i flera filer."
        )
    )


def too_many_rows_error(limits: ReadLimits) -> ImportFileError:
    return file_error(
        _(
            "Filen har fler än %(max)s rader under rubrikraden (tomma rader räknas med). Dela "
            "upp den i flera filer."
        )
        % {"max": limits.rows}
    )


def _too_many_cells_error(limits: ReadLimits) -> ImportFileError:
    return file_error(
        _(
            "Filen har fler celler än en import tar emot (högst %(cells)s, rader gånger "
            "kolumner). Ta bort tomma rader och kolumner, eller dela upp den i flera filer."
        )
        % {"cells": _n(limits.cells)}
    )


def _too_much_text_error(limits: ReadLimits) -> ImportFileError:
    return file_error(
        _("Filen har mer text än en import tar emot (högst %(chars)s tecken). Dela upp den.")
        % {"chars": _n(limits.chars)}
    )


def check_size(uploaded_file: UploadedFile, limits: ReadLimits) -> None:
    """Refuse a file larger on disk than the limit."""
    if uploaded_file.size is not None and uploaded_file.size > limits.max_bytes:
        raise file_error(
            _("Filen är för stor. Den får vara högst %(mb)s MB.")
            % {"mb": limits.max_bytes // 2**20}
        )


def file_sha256(uploaded_file: UploadedFile) -> str:
    """The SHA-256 of an uploaded file's bytes, as 64 hex digits."""
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():  # from the start of the file
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


class RowCollector:
    """The rows a reader has read, checked against the limits as they come.

    A cell longer than `cell_chars` is not kept: it becomes an error naming its row and its
    column (by the header's text), and the reader goes on so that every such cell is named."""

    def __init__(self, limits: ReadLimits):
        self.limits = limits
        self.rows: list[list[object]] = []
        self.errors = RowErrors()
        self.cells = 0
        self.chars = 0

    def add(self, values: Sequence[object]) -> None:
        line = len(self.rows) + 1
        if line > self.limits.rows + 1:  # the header and `rows` rows
            raise too_many_rows_error(self.limits)
        row = list(values[: self.limits.columns])
        self.cells += len(row)
        if self.cells > self.limits.cells:
            raise _too_many_cells_error(self.limits)
        for index, value in enumerate(row):
            if not isinstance(value, str):
                continue
            if len(value) > self.limits.cell_chars:
                row[index] = None
                self.errors.append(RowError(line, self._column(index), self._too_long(value)))
            else:
                self.chars += len(value)
        if self.chars > self.limits.chars:
            raise _too_much_text_error(self.limits)
        self.rows.append(row)

    def _column(self, index: int) -> str:
        from openpyxl.utils import get_column_letter

        header = self.rows[0] if self.rows else []
        name = header[index] if index < len(header) else None
        return (
            name.strip() if isinstance(name, str) and name.strip() else get_column_letter(index + 1)
        )

    def _too_long(self, value: str) -> str:
        return _("Cellen har %(length)s tecken; högst %(limit)s får plats.") % {
            "length": _n(len(value)), "limit": _n(self.limits.cell_chars),
        }  # fmt: skip

    def result(self) -> list[list[object]]:
        """Every row read, the header first; ImportFileError if a cell was too long."""
        if self.errors:
            raise ImportFileError(self.errors)
        return self.rows


# --- CSV ------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),  # Excel's "Unicode text", and Notepad's "Unicode"
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text holds no control characters but tab, line breaks and feeds: these mean a binary file
# (or UTF-16 without its byte order mark) that only has a .csv name.
_BINARY = re.compile("[\x00-\x08\x0e-\x1f]")


def not_text_error() -> ImportFileError:
    return file_error(
        _(
            "Filen kunde inte läsas som en CSV-fil (text). Spara den i Excel som ”CSV UTF-8” "
            "eller som Excel-arbetsbok (.xlsx) och försök igen."
        )
    )


def decode_text(data: bytes) -> str:
    """The text of an uploaded text file: UTF-8 or UTF-16 by their byte order marks, else
    UTF-8, else Windows-1252 (a CSV saved by Excel on a Swedish Windows); ImportFileError for
    anything that is not text in one of these."""
    encodings = next(
        ([encoding] for bom, encoding in _BOMS if data.startswith(bom)), ["utf-8", "cp1252"]
    )
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _BINARY.search(text):
            break
        return text
    raise not_text_error()


def read_csv(uploaded_file: UploadedFile, *, limits: ReadLimits) -> list[list[object]]:
    """The rows of an uploaded CSV file, semicolon- or comma-separated, within `limits`; the
    guard the exports put before formula-like texts is taken away again."""
    check_size(uploaded_file, limits)
    uploaded_file.seek(0)
    text = decode_text(uploaded_file.read(limits.max_bytes + 1))
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    # csv builds a whole row before it returns it: count the fields the text can hold first.
    if sum(text.count(char) for char in (delimiter, "\n", "\r")) > limits.cells:
        raise _too_many_cells_error(limits)
    rows = RowCollector(limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for values in reader:
            rows.add([csv_unguard(value) for value in values])
    except csv.Error as error:
        # Past csv's own field limit (131,072 characters), or a quote that never ends.
        raise file_error(
            _(
                "Filen kunde inte läsas som CSV från rad %(row)s: ett fält är för långt eller "
                "ett citattecken avslutas aldrig. Spara den på nytt som CSV eller .xlsx och "
                "försök igen."
            )
            % {"row": len(rows.rows) + 1}
        ) from error
    return rows.result()
