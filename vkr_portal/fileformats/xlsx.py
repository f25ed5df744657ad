"""Reading an uploaded XLSX within limits of what it unpacks to, not of its size on disk.

An XLSX is a zip of XML parts. 3 KB of it can describe 20,000 rows reaching column XFD, one
row of a million cells, or a shared string of megabytes: openpyxl pads every row to its last
cell, builds a whole row (and the parts it does not stream, such as the styles) in memory
before it returns anything, and keeps the table of shared strings whole. So before openpyxl
opens the file, every XML part is streamed once through expat, which keeps nothing, and the
file is refused when what openpyxl would build passes a limit. Then openpyxl reads in
read-only mode, only up to the columns asked for, with every row and cell counted.
"""

from __future__ import annotations

import zipfile
from xml.parsers import expat

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .errors import ImportFileError, file_error
from .reading import (
    ReadLimits,
    RowCollector,
    check_size,
    too_large_error,
    too_many_rows_error,
)

# The zip's own sizes, which zipfile holds each part to while reading it.
UNPACKED_BYTES = 100 * 2**20
PARTS = 1_000
# Elements openpyxl keeps until it has read the whole part: all of the styles, the workbook
# and the relations; of a sheet, all but its rows; of the string table, all but its strings.
KEPT_ELEMENTS = 100_000
# Elements of one row, or of one shared string: openpyxl builds each whole, then frees it.
GROUP_ELEMENTS = 20_000
# Characters of one row or one shared string (Excel's own limit for a cell is 32,767).
GROUP_CHARS = 2**20
# All elements of the file, for the time the parsing takes: a cell is two or three.
ELEMENTS_PER_CELL = 5
CHUNK = 2**16

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW = f"{MAIN_NS} row"
_STRING = f"{MAIN_NS} si"
_CELL = f"{MAIN_NS} c"


def not_xlsx_error() -> ImportFileError:
    return file_error(
        _(
            "Filen kunde inte läsas som en Excel-arbetsbok (.xlsx). Spara den som .xlsx i "
            "Excel och försök igen."
        )
    )


def read_xlsx(
    uploaded_file: UploadedFile, *, limits: ReadLimits, sheet_name: str | None = None
) -> list[list[object]]:
    """The cell values of the sheet `sheet_name` if the workbook has it, else of its first
    sheet, row by row (the header first) and `limits.columns` wide."""
    from openpyxl import load_workbook

    check_size(uploaded_file, limits)
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as archive:
            _scan_archive(archive, limits)
        uploaded_file.seek(0)
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True, keep_links=False)
        try:
            names = workbook.sheetnames
            sheet = workbook[sheet_name] if sheet_name in names else workbook.worksheets[0]
            return _sheet_rows(sheet, limits)
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception as error:
        # openpyxl fails on a broken or foreign file in many ways (zip, XML, keys, values);
        # every one of them means the same to the person who uploaded it.
        raise not_xlsx_error() from error


def _sheet_rows(sheet, limits: ReadLimits) -> list[list[object]]:
    # The size a file declares for its sheet may be wrong: read the rows it holds, no wider
    # than asked (openpyxl would otherwise pad every row to the row's last cell).
    sheet.reset_dimensions()
    rows = RowCollector(limits)
    for values in sheet.iter_rows(max_col=limits.columns, values_only=True):
        rows.add(values)
    return rows.result()


def _scan_archive(archive: zipfile.ZipFile, limits: ReadLimits) -> None:
    parts = [info for info in archive.infolist() if not info.is_dir()]
    if len(parts) > PARTS or sum(info.file_size for info in parts) > UNPACKED_BYTES:
        raise too_large_error()
    scan = _Scan(limits)
    for info in parts:
        with archive.open(info) as stream:
            scan.part(stream)


class _Scan:
    """Counts, while expat streams each part, what openpyxl would build of it."""

    def __init__(self, limits: ReadLimits):
        self.limits = limits
        self.elements = 0
        self.kept = 0
        self.cells = 0
        self.strings = 0
        self.chars = 0

    def part(self, stream) -> None:
        self.depth = self.group_depth = 0
        self.group_elements = self.group_chars = self.rows = 0
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.StartDoctypeDeclHandler = self._doctype
        try:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError:
            # Not XML (a picture), or broken XML: openpyxl stops at the same place or never
            # reads it, and in either case has built no more than was counted up to here.
            return

    def _start(self, name: str, attrs: dict) -> None:
        self.depth += 1
        self.elements += 1
        if self.elements > self.limits.cells * ELEMENTS_PER_CELL:
            raise too_large_error()
        if self.group_depth:
            self.group_elements += 1
            if self.group_elements > GROUP_ELEMENTS:
                raise too_large_error()
            if name == _CELL:
                self.cells += 1
                if self.cells > self.limits.cells:
                    raise too_large_error()
        elif name in (_ROW, _STRING):
            self.group_depth = self.depth
            self.group_elements = 1
            self.group_chars = 0
            self._group(name, attrs)
        else:
            self.kept += 1
            if self.kept > KEPT_ELEMENTS:
                raise too_large_error()

    def _group(self, name: str, attrs: dict) -> None:
        """A row of a sheet (openpyxl pads the rows it skips) or a string of the table."""
        if name == _STRING:
            self.strings += 1
            if self.strings > self.limits.cells:
                raise too_large_error()
            return
        self.rows += 1
        number = attrs.get("r", "")
        if self.rows > self.limits.rows + 1 or (
            number.isdigit() and int(number) > self.limits.rows + 1
        ):
            raise too_many_rows_error(self.limits)

    def _end(self, name: str) -> None:
        if self.depth == self.group_depth:
            self.group_depth = 0
        self.depth -= 1

    def _text(self, data: str) -> None:
        self.chars += len(data)
        if self.chars > self.limits.chars:
            raise too_large_error()
        if self.group_depth:
            self.group_chars += len(data)
            if self.group_chars > GROUP_CHARS:
                raise too_large_error()

    def _doctype(self, *args) -> None:
        # No part of an XLSX has a DTD; one here could only be for expanding entities.
        raise not_xlsx_error()
