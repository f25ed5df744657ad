"""Reads of a group's documents: one query, whatever the number of documents."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..documents import KINDS
from ..models import Document, Workgroup


def type_label(content_type: str) -> str:
    """A stored content type as the list names it: "PDF", "Word", "PNG-bild"."""
    kind = KINDS.get(content_type)
    return str(kind.label) if kind else _("Fil")


def group_documents(group: Workgroup) -> list[Document]:
    """The group's documents, newest first, with their uploader; each carries `type_label`
    and `uploader_name` (empty when the uploader's account is gone)."""
    documents = list(
        Document.objects.filter(workgroup=group)
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-pk")
    )
    for document in documents:
        document.type_label = type_label(document.content_type)
        document.uploader_name = document.uploaded_by.full_name if document.uploaded_by else ""
    return documents
