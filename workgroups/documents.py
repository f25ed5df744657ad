"""What an uploaded document is, decided by its content, never by its name or the browser.

The first bytes are recognised with `filetype`; only the kinds in KINDS are taken, and the
kind found decides the stored content type and the file name's extension. Word, Excel and
PowerPoint files are zips: for them the zip's central directory (its table of contents, at
the end of the file) is read, bounded in entries and bytes, and must list the parts the kind
requires. No entry is unpacked, so a zip of a million entries or of gigabytes once unpacked
costs what its central directory's first MAX_ENTRIES entries cost, then is refused.

A name whose extension says another kind than the content is refused (a file that is not
what its name says); a name without an extension gets the kind's own.
"""

from __future__ import annotations

import os
import struct
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vkr_portal.fileformats import file_sha256

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ZIP = "application/zip"


@dataclass(frozen=True)
class Kind:
    """A kind of file a group may attach."""

    mime: str
    extensions: tuple[str, ...]  # the first is written on a name without one
    label: str  # short, for the list of documents: "PDF", "Word"
    described: str  # with its article, in a sentence: "ett PDF-dokument"

    @property
    def extension(self) -> str:
        return self.extensions[0]


KINDS = {
    kind.mime: kind
    for kind in (
        Kind(PDF, ("pdf",), gettext_lazy("PDF"), gettext_lazy("ett PDF-dokument")),
        Kind(DOCX, ("docx",), gettext_lazy("Word"), gettext_lazy("ett Word-dokument (.docx)")),
        Kind(XLSX, ("xlsx",), gettext_lazy("Excel"), gettext_lazy("en Excel-arbetsbok (.xlsx)")),
        Kind(
            PPTX,
            ("pptx",),
            gettext_lazy("PowerPoint"),
            gettext_lazy("en PowerPoint-presentation (.pptx)"),
        ),
        Kind("image/png", ("png",), gettext_lazy("PNG-bild"), gettext_lazy("en PNG-bild")),
        Kind(
            "image/jpeg",
            ("jpg", "jpeg", "jpe"),
            gettext_lazy("JPEG-bild"),
            gettext_lazy("en JPEG-bild"),
        ),
        Kind("image/gif", ("gif",), gettext_lazy("GIF-bild"), gettext_lazy("en GIF-bild")),
        Kind("image/webp", ("webp",), gettext_lazy("WebP-bild"), gettext_lazy("en WebP-bild")),
    )
}
# What filetype calls a kind we take under another name: an animated PNG is a PNG.
ALIASES = {"image/apng": "image/png"}
BY_EXTENSION = {ext: kind for kind in KINDS.values() for ext in kind.extensions}
# For the file input's `accept`: the browser's file picker shows these first.
ACCEPT = ",".join([f".{ext}" for kind in KINDS.values() for ext in kind.extensions] + list(KINDS))

# What else filetype may find, named for the person whose file it is.
FOUND = {
    "application/x-msdownload": gettext_lazy("ett program (EXE)"),
    "application/x-executable": gettext_lazy("ett program (ELF)"),
    ZIP: gettext_lazy("ett zip-arkiv"),
    "application/msword": gettext_lazy("ett Word-dokument i det äldre formatet (.doc)"),
    "application/vnd.ms-excel": gettext_lazy("en Excel-arbetsbok i det äldre formatet (.xls)"),
    "application/vnd.ms-powerpoint": gettext_lazy(
        "en PowerPoint-presentation i det äldre formatet (.ppt)"
    ),
    "application/rtf": gettext_lazy("ett RTF-dokument"),
    "application/vnd.oasis.opendocument.text": gettext_lazy("ett OpenDocument-dokument (.odt)"),
    "application/vnd.oasis.opendocument.spreadsheet": gettext_lazy(
        "ett OpenDocument-kalkylark (.ods)"
    ),
    "application/vnd.oasis.opendocument.presentation": gettext_lazy(
        "en OpenDocument-presentation (.odp)"
    ),
}

# The bytes filetype looks at: every signature it knows is within them.
HEAD_BYTES = 8192
FILENAME_MAX = 120  # characters of a stored file name, its extension included
TITLE_MAX = 200  # Document.title

# The zip's table of contents. A real presentation of hundreds of slides and pictures has a
# few thousand entries of some hundred bytes each in the central directory.
MAX_ENTRIES = 10_000
MAX_DIRECTORY_BYTES = 4 * 2**20
CONTENT_TYPES = "[Content_Types].xml"
MAIN_PARTS = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml", PPTX: "ppt/presentation.xml"}
# A .docm, .xlsm or .pptm saved under the macro-free name: Office itself refuses to open it.
MACROS = "vbaproject.bin"

_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
_ENTRY = struct.Struct("<4s4B4HL2L5H2L")  # central directory file header
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class CheckedFile:
    """An upload found to be a kind we take: what the Document row stores about it."""

    kind: Kind
    filename: str
    title: str
    size: int
    sha256: str


def _error(message: str, code: str) -> ValidationError:
    return ValidationError({"file": ValidationError(message, code=code)})


def allowed_list() -> str:
    return _(
        "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) och bilder (PNG, JPEG, GIF, WebP)"
    )


def max_bytes() -> int:
    return settings.WORKGROUP_DOCUMENT_MAX_BYTES


def upload_check(upload: UploadedFile) -> CheckedFile:
    """The upload's kind, cleaned name, default title, size and SHA-256; ValidationError
    (at the field "file") naming what the file is when it is not one of KINDS."""
    name = unicodedata.normalize("NFC", os.path.basename(upload.name or ""))
    size = upload.size or 0
    if size > max_bytes():
        raise _error(
            _("Filen är för stor (%(size)s). Den får vara högst %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes())},
            "too_large",
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    if size == 0 or not head:
        raise _error(_("Filen ”%(name)s” är tom.") % {"name": name}, "empty")
    kind = _kind(upload, head, name, size)
    stem, extension = _split(name)
    if extension and extension not in kind.extensions:
        raise _error(_mismatch(name, extension, kind), "extension_mismatch")
    return CheckedFile(
        kind=kind,
        filename=clean_filename(stem, extension or kind.extension),
        title=(stem.strip() or _("Dokument"))[:TITLE_MAX],
        size=size,
        sha256=file_sha256(upload),
    )


def _split(name: str) -> tuple[str, str]:
    """The name and its extension, lowercased; ".pdf" is a PDF without a name, and in
    "Möte 17.11.22" the digits after the last dot are no extension."""
    stem, dot, extension = name.rpartition(".")
    if not dot or not extension.isalnum() or extension.isdigit() or len(extension) > 5:
        return name, ""
    return stem, extension.lower()


def clean_filename(stem: str, extension: str) -> str:
    """A name safe to send in a Content-Disposition header: letters, digits, - _ and dots,
    at most FILENAME_MAX characters, ending in `extension`."""
    try:
        cleaned = get_valid_filename(stem)
    except SuspiciousFileOperation:  # nothing of the name was left
        cleaned = ""
    cleaned = cleaned.strip("._-") or _("dokument")
    return f"{cleaned[: FILENAME_MAX - len(extension) - 1]}.{extension}"


def _kind(upload: UploadedFile, head: bytes, name: str, size: int) -> Kind:
    guess = filetype.guess(head)
    mime = ALIASES.get(guess.mime, guess.mime) if guess else None
    if mime in MAIN_PARTS or mime == ZIP:
        mime = _ooxml_kind(upload, size, claimed=mime, name=name)
    if mime in KINDS:
        return KINDS[mime]
    raise _error(_not_allowed(name, _described_found(mime, head)), "not_allowed")


def _described_found(mime: str | None, head: bytes) -> str:
    if mime in FOUND:
        return str(FOUND[mime])
    if mime:
        return _("en fil av typen %(mime)s") % {"mime": mime}
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return _("en webbsida (HTML)")
    if text.startswith(b"<"):
        return _("XML- eller HTML-text")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return _("ett okänt format")
    return _("vanlig text")


def _not_allowed(name: str, found: str) -> str:
    claimed = BY_EXTENSION.get(_split(name)[1])
    values = {"name": name, "found": found, "allowed": allowed_list()}
    if claimed:
        values["claimed"] = claimed.described
        return (
            _(
                "Filen ”%(name)s” är inte %(claimed)s: innehållet är %(found)s. Det går att ladda "
                "upp %(allowed)s."
            )
            % values
        )
    return (
        _(
            "Filen ”%(name)s” kan inte laddas upp: innehållet är %(found)s. Det går att ladda upp "
            "%(allowed)s."
        )
        % values
    )


def _mismatch(name: str, extension: str, kind: Kind) -> str:
    return _(
        "Filen ”%(name)s” heter .%(extension)s men innehållet är %(found)s. Byt filändelse "
        "till .%(right)s, eller välj rätt fil."
    ) % {"name": name, "extension": extension, "found": kind.described, "right": kind.extension}


# --- Office files: the zip's central directory ----------------------------------------------


class _NotOoxml(Exception):
    pass


def _ooxml_kind(upload: UploadedFile, size: int, *, claimed: str, name: str) -> str:
    """DOCX, XLSX or PPTX by the parts the zip lists; ZIP when it lists none of them."""
    try:
        names = zip_names(upload, size)
    except _TooManyEntries:
        raise _error(
            _(
                "Filen ”%(name)s” är ett zip-arkiv med fler än %(max)s delar: inget Word-, Excel- "
                "eller PowerPoint-dokument har så många."
            )
            % {"name": name, "max": number_format(MAX_ENTRIES, force_grouping=True)},
            "too_many_entries",
        ) from None
    except _NotOoxml:
        raise _error(
            _("Filen ”%(name)s” är ett skadat zip-arkiv och kan inte laddas upp.") % {"name": name},
            "broken_zip",
        ) from None
    lowered = {entry.lower() for entry in names}
    found = [mime for mime, part in MAIN_PARTS.items() if part in names]
    if CONTENT_TYPES not in names or len(found) != 1:
        return ZIP
    if any(entry.endswith(MACROS) for entry in lowered):
        raise _error(
            _(
                "Filen ”%(name)s” innehåller makron. Spara den utan makron (.docx, .xlsx, .pptx) "
                "och försök igen."
            )
            % {"name": name},
            "macros",
        )
    if claimed != ZIP and claimed != found[0]:
        return ZIP  # the first entries say one kind, the directory another
    return found[0]


class _TooManyEntries(Exception):
    pass


def zip_names(upload, size: int) -> set[str]:
    """The entry names the zip's central directory lists, read without unpacking anything;
    _TooManyEntries past MAX_ENTRIES, _NotOoxml when the directory is not a sound one."""
    tail_size = min(size, _EOCD.size + 0xFFFF)  # the record, and the longest comment
    upload.seek(size - tail_size)
    tail = upload.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        raise _NotOoxml
    record_at = size - tail_size + at
    _sig, disk, cd_disk, on_disk, entries, cd_size, cd_offset, _comment = _EOCD.unpack_from(
        tail, at
    )
    if 0xFFFF in (entries, on_disk) or 0xFFFFFFFF in (cd_size, cd_offset):
        entries, cd_size, cd_offset = _zip64_directory(upload, record_at)
    elif disk or cd_disk or on_disk != entries:
        raise _NotOoxml  # a zip spanning several disks
    if entries > MAX_ENTRIES:
        raise _TooManyEntries
    if cd_size > MAX_DIRECTORY_BYTES:
        raise _TooManyEntries
    if cd_offset + cd_size > record_at:
        raise _NotOoxml
    upload.seek(cd_offset)
    return _entry_names(upload.read(cd_size), entries)


def _zip64_directory(upload, record_at: int) -> tuple[int, int, int]:
    locator_at = record_at - _EOCD64_LOCATOR.size
    if locator_at < 0:
        raise _NotOoxml
    upload.seek(locator_at)
    sig, _disk, record64_at, _disks = _EOCD64_LOCATOR.unpack(upload.read(_EOCD64_LOCATOR.size))
    if sig != b"PK\x06\x07" or record64_at > locator_at - _EOCD64.size:
        raise _NotOoxml
    upload.seek(record64_at)
    fields = _EOCD64.unpack(upload.read(_EOCD64.size))
    sig, _size, _made, _needed, disk, cd_disk, on_disk, entries, cd_size, cd_offset = fields
    if sig != b"PK\x06\x06" or disk or cd_disk or on_disk != entries:
        raise _NotOoxml
    if entries > MAX_ENTRIES:
        raise _TooManyEntries
    return entries, cd_size, cd_offset


def _entry_names(directory: bytes, entries: int) -> set[str]:
    names: set[str] = set()
    at = 0
    for _index in range(entries):
        if len(directory) - at < _ENTRY.size:
            raise _NotOoxml
        header = _ENTRY.unpack_from(directory, at)
        if header[0] != b"PK\x01\x02":
            raise _NotOoxml
        flags, name_length, extra_length, comment_length = header[5], *header[12:15]
        raw = directory[at + _ENTRY.size : at + _ENTRY.size + name_length]
        names.add(raw.decode("utf-8" if flags & _UTF8_FLAG else "cp437", errors="replace"))
        at += _ENTRY.size + name_length + extra_length + comment_length
    if at != len(directory):
        raise _TooManyEntries  # the directory holds more entries than its record says
    return names
