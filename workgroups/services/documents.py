"""A group's documents: attach a file (checked by its content, once per group and per sent
form) and delete one, its file after the row."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from idempotency.services import idempotency_key_claim, idempotency_key_done

from .. import documents
from ..models import Document, Workgroup


def document_url(document: Document) -> str:
    return f"{document.workgroup.get_absolute_url()}#document-{document.pk}"


def _person(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _already_there(group: Workgroup, sha256: str) -> ValidationError:
    existing = Document.objects.filter(workgroup=group, sha256=sha256).first()
    title = existing.title if existing else ""
    return ValidationError(
        {
            "file": ValidationError(
                _("Samma fil finns redan bland gruppens dokument: ”%(title)s”.") % {"title": title},
                code="duplicate",
            )
        }
    )


@transaction.atomic
def document_upload(
    *, group: Workgroup, upload, title: str = "", user=None, idempotency_key=None
) -> Document:
    """Attach `upload` to the group if its content is one of the kinds taken, once per sent
    form; the same file twice in a group is refused. The kind found decides the stored
    content type and the name's extension; the file is stored under a random name."""
    checked = documents.upload_check(upload)
    claimed = idempotency_key_claim(key=idempotency_key, scope="workgroups.document", user=user)
    if Document.objects.filter(workgroup=group, sha256=checked.sha256).exists():
        raise _already_there(group, checked.sha256)
    document = Document(
        workgroup=group,
        title=(title or "").strip() or checked.title,
        filename=checked.filename,
        content_type=checked.kind.mime,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=_person(user),
    )
    document.full_clean(exclude=["file"], validate_constraints=False)
    upload.seek(0)
    document.file.save(checked.filename, upload, save=False)
    try:
        with transaction.atomic():
            document.save()
        idempotency_key_done(claimed, result_url=document_url(document))
    except IntegrityError:
        # The same file, sent at the same moment by someone else: their row won.
        document.file.delete(save=False)
        raise _already_there(group, checked.sha256) from None
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


@transaction.atomic
def document_delete(*, document: Document) -> None:
    """Delete the row now and its file once the deletion is committed (a rollback keeps both)."""
    name, storage = document.file.name, document.file.storage
    Document.objects.filter(pk=document.pk).delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


__all__ = ["document_delete", "document_upload", "document_url"]
