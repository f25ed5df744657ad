"""Small hostile files, built byte by byte: each is a few kilobytes on disk and expands, once
read, to what once took a worker past 2 GB or made an error page of tens of megabytes.

The XLSX files are written as their zip and XML directly, as an attacker would: openpyxl
itself never writes them like this.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def xlsx(rows_xml: str, strings: list[str] = (), extra: dict[str, bytes] | None = None) -> bytes:
    """A one-sheet workbook whose sheetData is `rows_xml`, with a shared-string table."""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
        f"<sheetData>{rows_xml}</sheetData></worksheet>"
    )
    table = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
    shared = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{table}</sst>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", shared)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def header_row(columns: list[str]) -> str:
    """Row 1 with the expected column headers, as inline strings."""
    cells = "".join(
        f'<c r="{_letter(index)}1" t="inlineStr"><is><t>{escape(name)}</t></is></c>'
        for index, name in enumerate(columns)
    )
    return f'<row r="1">{cells}</row>'


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xfd_rows(columns: list[str], rows: int = 20_000) -> bytes:
    """The header, then `rows` rows of one empty cell at column XFD, the last of Excel's 16,384
    (openpyxl pads each row to it: 20,000 × 16,384 cells)."""
    return xlsx(header_row(columns) + '<row><c r="XFD2"/></row>' * rows)


def shared_string_bomb(columns: list[str], length: int = 2_000_000, rows: int = 150) -> bytes:
    """The header, then `rows` rows whose first cell is one shared string of `length`
    characters (an error message quoting it would be megabytes, once per row)."""
    cells = '<row><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>0</v></c></row>' * rows
    return xlsx(header_row(columns) + cells, strings=["A" * length])


def giant_row(columns: list[str], cells: int = 1_000_000) -> bytes:
    """The header, then one row of a million cells: openpyxl builds a whole row in memory."""
    return xlsx(header_row(columns) + '<row r="2">' + '<c r="A2"/>' * cells + "</row>")


def zip_bomb(columns: list[str], megabytes: int = 200) -> bytes:
    """A valid workbook with a part that unpacks to `megabytes` MB of zeros."""
    return xlsx(header_row(columns), extra={"xl/media/image1.bin": bytes(megabytes * 2**20)})


def entity_bomb(columns: list[str]) -> bytes:
    """A shared-string table whose DTD expands one entity to a billion characters."""
    entities = '<!ENTITY a0 "AAAAAAAAAA">' + "".join(
        f'<!ENTITY a{n} "{f"&a{n - 1};" * 10}">' for n in range(1, 10)
    )
    table = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]><sst xmlns="{MAIN}">'
        "<si><t>&a9;</t></si></sst>"
    )
    rows = header_row(columns) + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    data = xlsx(rows)
    # The same workbook with the table replaced.
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = table if info.filename == "xl/sharedStrings.xml" else source.read(info)
            archive.writestr(info.filename, content)
    return buffer.getvalue()


# --- CSV ------------------------------------------------------------------------------------


def csv_many_lines(header: str, line: str, lines: int = 500_000) -> bytes:
    return (header + "\n" + (line + "\n") * lines).encode()


def csv_utf16(text: str, byteorder: str = "little") -> bytes:
    """UTF-16 with its byte order mark, as Excel's "Unicode text" and Notepad save it."""
    bom = b"\xff\xfe" if byteorder == "little" else b"\xfe\xff"
    return bom + text.encode("utf-16-le" if byteorder == "little" else "utf-16-be")


def binary() -> bytes:
    """A PNG's signature and bytes of every value: no text in any encoding."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64


def csv_long_field(header: str, prefix: str, length: int = 200_000) -> bytes:
    """One field longer than Python's csv reads at all (131,072 characters)."""
    return f"{header}\n{prefix}{'x' * length}\n".encode()
