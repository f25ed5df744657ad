"""A group's documents: attach one, download one (only through here, never from a public
URL), delete one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted

from .. import access
from ..forms.documents import DocumentUploadForm
from ..models import Document
from ..services import documents as services
from ._common import already_submitted


def _documents_url(group) -> str:
    return f"{group.get_absolute_url()}#documents-heading"


@login_required
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_upload(
                group=group,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                user=request.user,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=_documents_url(group))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Dokumentet ”%(title)s” är uppladdat.") % {"title": document.title}
            )
            return redirect(services.document_url(document))
    ctx = {"group": group, "form": form}
    status = 400 if form.errors else 200
    return render(request, "workgroups/document_upload.html", ctx, status=status)


@login_required
@require_GET
def document_download(request: HttpRequest, slug: str, pk: int, document_pk: int) -> FileResponse:
    group = access.group_for_reading(request.user, slug, pk)
    document = access.document_in_group(group, document_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("The document's file is missing") from None
    # Always a download, of the type its content was found to be: a browser never renders
    # it as a page of the portal, whatever the file holds.
    response = FileResponse(
        handle, as_attachment=True, filename=document.filename, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)  # private: no shared cache, no copy kept on disk
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, slug: str, pk: int, document_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    if request.method == "POST" and not access.still_in_group(Document, group, document_pk):
        # The second click of a double click: the document is gone already.
        messages.info(request, _("Dokumentet var redan borttaget."))
        return redirect(_documents_url(group))
    document = access.document_in_group(group, document_pk)
    if request.method == "POST":
        services.document_delete(document=document)
        messages.success(
            request, _("Dokumentet ”%(title)s” är borttaget.") % {"title": document.title}
        )
        return redirect(_documents_url(group))
    return render(
        request, "workgroups/document_delete.html", {"group": group, "document": document}
    )
