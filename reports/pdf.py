"""The one module that imports WeasyPrint: HTML in, an archivable PDF/A-3a out.

Nothing a report shows can make WeasyPrint reach out: the URL fetcher serves the portal's
own static files (the print stylesheet) and refuses every other URL — http, file, data, ftp —
logging what it refused. Charts are inline SVG in the HTML and need no fetching.
"""

from __future__ import annotations

import io
import logging
import mimetypes
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The base URL of the report's HTML: relative links resolve to it, and it is not a real host.
BASE_URL = "https://portal.invalid/"
VARIANT = "pdf/a-3a"


class RefusedURL(ValueError):
    """A URL outside the portal's static files: WeasyPrint leaves the resource out."""


@dataclass
class DataFile:
    """A file embedded in the PDF as a PDF/A-3 associated file with the relationship "Data"."""

    name: str
    description: str
    content: bytes
    mime_type: str = ""


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    timings: dict[str, float] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)


class PortalFetcher(URLFetcher):
    """Serves /static/… from the portal's static files; refuses everything else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["https"], allow_redirects=False, timeout=1)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):  # noqa: ARG002 - WeasyPrint's signature
        path = self._static_path(url)
        if path is None:
            self.refused.append(url[:200])
            logger.warning("Report typesetting refused a resource: %s", url[:200])
            raise RefusedURL(f"Refused: {url[:200]}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime_type})

    @staticmethod
    def _static_path(url: str) -> Path | None:
        parts = urlsplit(url)
        prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
            return None
        relative = unquote(parts.path[len(prefix) :])
        if not relative or ".." in Path(relative).parts or relative.startswith("/"):
            return None
        found = finders.find(relative)
        if not found and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT) / relative
            found = str(candidate) if candidate.is_file() else None
        return Path(found) if found else None


def render_pdf(html: str, *, data_files: list[DataFile], created: datetime) -> Rendered:
    """Lay out and write the PDF/A-3a: tagged, language and metadata from the HTML's head,
    fonts embedded as subsets, sRGB output intent, the data files attached."""
    fetcher = PortalFetcher()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(pdf_variant=VARIANT)
    timings["layout"] = time.perf_counter() - started
    attachments = [
        Attachment(
            file_obj=io.BytesIO(data.content),
            name=data.name,
            description=data.description,
            created=created,
            modified=created,
            relationship="Data",
            url_fetcher=fetcher,
        )
        for data in data_files
    ]
    started = time.perf_counter()
    pdf = document.write_pdf(pdf_variant=VARIANT, attachments=attachments)
    timings["write"] = time.perf_counter() - started
    return Rendered(pdf=pdf, pages=len(document.pages), timings=timings, refused=fetcher.refused)


def render_pdf_plain(html: str) -> bytes:
    """WeasyPrint alone on the same HTML (the benchmark's floor): no attachments, same variant."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=PortalFetcher()).write_pdf(
        pdf_variant=VARIANT
    )
