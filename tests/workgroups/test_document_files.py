"""What a document is, decided by its content: each kind taken, each refused with what it
was found to be, names cleaned, and hostile zips refused fast in little memory. No database."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image

from tests.world import MINIMAL_PDF
from workgroups import documents as content

DOCX = content.DOCX
XLSX = content.XLSX
PPTX = content.PPTX
PEAK_BOUND = 50 * 2**20


# --- Small real files -----------------------------------------------------------------------


def image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, fmt)
    return buffer.getvalue()


def office_zip(main_part: str | None, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A zip laid out as Office writes one: the content types first, then the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        if main_part:
            archive.writestr(main_part, '<?xml version="1.0"?><document/>')
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(**kwargs) -> bytes:
    return office_zip("word/document.xml", **kwargs)


def pptx() -> bytes:
    return office_zip("ppt/presentation.xml")


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Mål"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("anteckningar.txt", "Inte ett Word-dokument")
    return buffer.getvalue()


def many_entries_docx(entries: int = 100_000) -> bytes:
    """A zip that starts like a Word document, then lists `entries` more empty parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        for number in range(entries):
            archive.writestr(f"word/m/{number}", b"")
    return buffer.getvalue()


class Unreadable(SimpleUploadedFile):
    """An upload that fails the test if anything reads its content."""

    def read(self, *args):
        raise AssertionError("read")

    def chunks(self, *args):
        raise AssertionError("read")


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- The content decides --------------------------------------------------------------------

ACCEPTED = [
    ("underlag.pdf", lambda: MINIMAL_PDF + b"% egen\n", "application/pdf"),
    ("bild.png", lambda: image("PNG"), "image/png"),
    ("foto.jpg", lambda: image("JPEG"), "image/jpeg"),
    ("foto.JPEG", lambda: image("JPEG"), "image/jpeg"),
    ("rörlig.gif", lambda: image("GIF"), "image/gif"),
    ("bild.webp", lambda: image("WEBP"), "image/webp"),
    ("uppdrag.docx", docx, DOCX),
    ("budget.xlsx", xlsx, XLSX),
    ("bilder.pptx", pptx, PPTX),
]


@pytest.mark.parametrize(("name", "make", "mime"), ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_each_kind_is_recognised_by_its_content(name, make, mime):
    # The browser's own header says text/html: it decides nothing.
    checked = content.upload_check(upload(name, make(), "text/html"))
    assert checked.kind.mime == mime
    assert checked.filename == name.replace(".JPEG", ".jpeg")  # the extension lowercased


EXE = b"MZ\x90\x00" + bytes(200)
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\xec\xa5\xc1\x00" + bytes(100)
REFUSED = [
    # name, the file's bytes, what the message says the content is
    ("program.pdf", lambda: EXE, "är inte ett PDF-dokument: innehållet är ett program (EXE)"),
    ("sida.pdf", lambda: HTML, "är inte ett PDF-dokument: innehållet är en webbsida (HTML)"),
    ("text.pdf", "Mötesanteckningar".encode, "innehållet är vanlig text"),
    ("arkiv.docx", plain_zip, "är inte ett Word-dokument (.docx): innehållet är ett zip-arkiv"),
    ("bara-typer.docx", lambda: office_zip(None), "innehållet är ett zip-arkiv"),
    ("gammal.doc", lambda: OLD_WORD, "innehållet är ett Word-dokument i det äldre formatet"),
    ("ikon.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>', "XML- eller HTML-text"),
    ("program.exe", lambda: EXE, "kan inte laddas upp: innehållet är ett program (EXE)"),
]


@pytest.mark.parametrize(("name", "make", "found"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_file_that_is_not_what_its_name_says_is_refused_naming_what_it_is(name, make, found):
    with pytest.raises(ValidationError) as refused:
        content.upload_check(upload(name, make(), "application/pdf"))
    [message] = refused.value.message_dict["file"]
    assert message.startswith(f"Filen ”{name}” ")
    assert found in message
    assert message.endswith(
        "Det går att ladda upp PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) och bilder "
        "(PNG, JPEG, GIF, WebP)."
    )


def test_a_known_kind_under_another_kinds_name_is_refused():
    with pytest.raises(ValidationError) as refused:
        content.upload_check(upload("rapport.pdf", image("PNG")))
    assert refused.value.message_dict["file"] == [
        "Filen ”rapport.pdf” heter .pdf men innehållet är en PNG-bild. Byt filändelse till "
        ".png, eller välj rätt fil."
    ]
    assert refused.value.error_dict["file"][0].code == "extension_mismatch"


def test_a_known_kind_under_a_foreign_extension_is_refused():
    with pytest.raises(ValidationError) as refused:
        content.upload_check(upload("underlag.txt", MINIMAL_PDF))
    assert "heter .txt men innehållet är ett PDF-dokument" in refused.value.messages[0]


def test_a_name_without_extension_gets_the_kind_s_own():
    checked = content.upload_check(upload("underlag", MINIMAL_PDF))
    assert (checked.filename, checked.title) == ("underlag.pdf", "underlag")


def test_an_office_file_with_macros_is_refused():
    with pytest.raises(ValidationError) as refused:
        content.upload_check(upload("makro.docx", docx(extra={"word/vbaProject.bin": b"x"})))
    assert "innehåller makron" in refused.value.messages[0]


def test_a_zip_whose_directory_is_broken_is_refused():
    data = bytearray(docx())
    at = data.rfind(b"PK\x01\x02")
    data[at : at + 4] = b"XXXX"  # the last entry of the central directory
    with pytest.raises(ValidationError) as refused:
        content.upload_check(upload("trasig.docx", bytes(data)))
    assert "skadat zip-arkiv" in refused.value.messages[0]


def test_a_zip_of_100000_entries_is_refused_fast_and_in_little_memory():
    data = many_entries_docx()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ValidationError) as refused:
            content.upload_check(upload("manga.docx", data))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "fler än 10\xa0000 delar" in refused.value.messages[0]
    assert refused.value.error_dict["file"][0].code == "too_many_entries"
    assert peak < PEAK_BOUND
    assert time.perf_counter() - started < 2


def test_a_directory_holding_more_entries_than_its_record_says_is_refused():
    """A forged end record claiming 3 entries over a directory of 20,000."""
    data = bytearray(many_entries_docx(20_000))
    at = data.rfind(b"PK\x05\x06")
    data[at + 8 : at + 12] = (3).to_bytes(2, "little") * 2  # entries on disk, in total
    with pytest.raises(ValidationError) as refused:
        content.upload_check(upload("luras.docx", bytes(data)))
    assert refused.value.error_dict["file"][0].code == "too_many_entries"


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.WORKGROUP_DOCUMENT_MAX_BYTES = 1000
    big = Unreadable("stor.pdf", MINIMAL_PDF + bytes(2000))
    with pytest.raises(ValidationError) as refused:
        content.upload_check(big)
    assert refused.value.messages == [
        "Filen är för stor (2,1\xa0kB). Den får vara högst 1000\xa0byte."
    ]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        content.upload_check(upload("tom.pdf", b""))
    assert refused.value.messages == ["Filen ”tom.pdf” är tom."]


@pytest.mark.parametrize(
    ("name", "filename", "title"),
    [
        ("Möte 2022 (slutlig).pdf", "Möte_2022_slutlig.pdf", "Möte 2022 (slutlig)"),
        ("Mo\u0308te.pdf", "Möte.pdf", "Möte"),  # decomposed, as macOS names files
        ("<script>.pdf", "script.pdf", "<script>"),
        ("???.pdf", "dokument.pdf", "???"),
        (".pdf", "dokument.pdf", "Dokument"),
        ("Möte 17.11.22", "Möte_17.11.22.pdf", "Möte 17.11.22"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf", "a" * 200),
    ],
)
def test_the_name_is_cleaned_and_bounded(name, filename, title):
    checked = content.upload_check(upload(name, MINIMAL_PDF))
    assert (checked.filename, checked.title) == (filename, title)
