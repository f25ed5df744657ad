"""The build's files in the media storage, under reports/<build pk>/: never served by URL,
always under the same names, so that an attempt taken up again overwrites rather than adds."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

DRAFT_PDF = "utkast.pdf"
FINAL_PDF = "faststalld.pdf"
CONTENT = "innehall.html"


def folder(build_pk: int) -> str:
    return f"reports/{build_pk}"


def path(build_pk: int, name: str) -> str:
    return f"{folder(build_pk)}/{name}"


def write(name: str, content: bytes) -> str:
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(content))
    if saved != name:  # another writer got there between the two calls: keep one file
        default_storage.delete(saved)
        raise FileExistsError(name)
    return saved


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def open_file(name: str):
    return default_storage.open(name, "rb")


def delete(*names: str) -> None:
    for name in names:
        if name and default_storage.exists(name):
            default_storage.delete(name)


def listing(build_pk: int) -> list[str]:
    """Every file stored for the build (the tests count them)."""
    top = folder(build_pk)
    if not default_storage.exists(top):
        return []
    found = []
    directories, files = default_storage.listdir(top)
    found += [f"{top}/{name}" for name in files]
    for directory in directories:
        _sub, inner = default_storage.listdir(f"{top}/{directory}")
        found += [f"{top}/{directory}/{name}" for name in inner]
    return sorted(found)


def delete_all(build_pk: int) -> None:
    delete(*listing(build_pk))
