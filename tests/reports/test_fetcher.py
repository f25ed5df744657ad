"""Nothing a report shows makes the typesetting reach out: the URL fetcher serves the portal's
own static files and refuses the rest (http, file, data, ftp), and the texts are escaped.

A real TCP listener on 127.0.0.1 counts every connection made to it; a control test shows
that WeasyPrint left to its own fetcher does connect to it, so a count of 0 means something.
"""

from __future__ import annotations

import base64
import io
import logging
import socketserver
import struct
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
import pytest
from django.utils import timezone

from reports import pdf
from reports.models import ReportBuild
from tests.reports.conftest import FREE_TEXT, REPORT_TEXT, build_pdf, missing, pdftotext, year_2022

pytestmark = pytest.mark.integration
PASSWD = "root:x:"  # the first line of /etc/passwd


def _png() -> bytes:
    """A 1×1 red PNG: what the listener answers, so that a fetched image would show."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png()


@dataclass
class Listener:
    port: int
    server: socketserver.ThreadingTCPServer

    @property
    def connections(self) -> int:
        return self.server.connections


class _Answer(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        with self.server.lock:
            self.server.connections += 1
        self.request.recv(65536)
        head = f"HTTP/1.0 200 OK\r\nContent-Type: image/png\r\nContent-Length: {len(PNG)}\r\n\r\n"
        self.request.sendall(head.encode() + PNG)


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Answer)
    server.daemon_threads = True
    server.connections = 0
    server.lock = threading.Lock()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Listener(port=server.server_address[1], server=server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _images(data: bytes) -> int:
    """The image XObjects anywhere in the PDF."""
    document = pikepdf.open(io.BytesIO(data))
    return sum(
        1
        for obj in document.objects
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
    )


def _page_sizes(data: bytes) -> list[tuple[int, int]]:
    document = pikepdf.open(io.BytesIO(data))
    return [(round(float(p.MediaBox[2])), round(float(p.MediaBox[3]))) for p in document.pages]


def _hostile_html(port: int) -> str:
    here = f"http://127.0.0.1:{port}"
    return f"""<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title>
<link rel="stylesheet" href="file:///etc/passwd">
<link rel="stylesheet" href="{here}/s.css">
<style>
@import url("{here}/import.css");
@font-face {{ font-family: Fjarr; src: url({here}/font.woff); }}
body {{ background: url({here}/bg.png); font-family: Fjarr, sans-serif; }}
</style></head><body>
<p>Text före</p>
<img src="{here}/x" alt="">
<img src="file:///etc/passwd" alt="">
<img src="/etc/passwd" alt="">
<img src="/static/../../../../etc/passwd" alt="">
<img src="/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd" alt="">
<img src="ftp://127.0.0.1:{port}/z" alt="">
<img src="data:image/png;base64,{base64.b64encode(PNG).decode()}" alt="">
<span style="background: url({here}/y)">bakgrund</span>
<object data="{here}/object"></object>
<embed src="{here}/embed">
<iframe src="file:///etc/passwd"></iframe>
<svg width="20" height="20"><image href="{here}/svg.png" width="10" height="10"/></svg>
<p>Text efter</p>
</body></html>"""


def test_weasyprint_left_to_its_own_fetcher_would_connect(listener, monkeypatch):
    """The control: without the portal's fetcher the listener is reached and the image
    embedded, so the tests below, which count 0 of both, can fail."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    html = f'<html><body><img src="http://127.0.0.1:{listener.port}/x"></body></html>'
    data = pdf.HTML(string=html).write_pdf()
    assert listener.connections >= 1
    assert _images(data) >= 1


def test_render_pdf_fetches_nothing_from_outside(listener, caplog):
    caplog.set_level(logging.WARNING, logger="reports.pdf")
    rendered = pdf.render_pdf(_hostile_html(listener.port), data_files=[], created=timezone.now())
    assert listener.connections == 0
    assert _images(rendered.pdf) == 0
    text = pdftotext(rendered.pdf)
    assert PASSWD not in text
    assert "Text före" in text and "Text efter" in text  # the document itself was set
    # The fetcher was asked, and said no (and logged it), rather than never asked.
    here = f"http://127.0.0.1:{listener.port}"
    assert {f"{here}/x", f"{here}/y", f"{here}/s.css", "file:///etc/passwd"} <= set(
        rendered.refused
    )
    assert any("refused a resource" in r.getMessage() for r in caplog.records)


def test_render_pdf_serves_the_portals_print_stylesheet(listener):
    html = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title>
<link rel="stylesheet" href="/static/css/report-print.css"></head><body>
<p>Första sidan</p>
<section class="report-section report-section-plan"><h2>Planen</h2></section>
</body></html>"""
    rendered = pdf.render_pdf(html, data_files=[], created=timezone.now())
    assert rendered.refused == []
    # A4 (WeasyPrint's default too), and the plan's landscape page, which only the
    # stylesheet asks for.
    assert _page_sizes(rendered.pdf) == [(595, 842), (842, 595)]
    assert listener.connections == 0


def test_the_fetcher_refuses_paths_out_of_the_static_files():
    fetcher = pdf.PortalFetcher()
    refused = [
        "https://portal.invalid/static/../settings.py",
        "https://portal.invalid/static/%2e%2e/vkr_portal/settings.py",
        "https://portal.invalid/static/css/does-not-exist.css",
        "https://portal.invalid/media/reports/1/utkast.pdf",
        "https://elsewhere.invalid/static/css/report-print.css",
        "http://portal.invalid/static/css/report-print.css",
    ]
    for url in refused:
        with pytest.raises(pdf.RefusedURL):
            fetcher.fetch(url)
    assert fetcher.refused == refused
    served = fetcher.fetch("https://portal.invalid/static/css/report-print.css")
    assert served is not None


def _hostile_text(port: int) -> str:
    here = f"http://127.0.0.1:{port}"
    return (
        f'<img src="{here}/x"> <span style="background:url({here}/y)">css</span> '
        '<link rel="stylesheet" href="file:///etc/passwd"> <img src="file:///etc/passwd">'
    )


def test_hostile_texts_go_through_a_build_as_text(world, listener, build_now, caplog):
    caplog.set_level(logging.WARNING, logger="reports.pdf")
    hostile = _hostile_text(listener.port)
    year = year_2022(world, hostile=hostile)
    build = build_now(year.report, year.secretariat)
    assert build.status == ReportBuild.Status.DONE, build.error
    data = build_pdf(build)
    assert listener.connections == 0
    assert _images(data) == 0
    text = pdftotext(data)
    assert PASSWD not in text
    # Printed as written: the activity's title and content, the workgroup's report, the
    # survey's free-text answer.
    places = [
        f"Fientlig titel {hostile}", f"Fientligt innehåll {hostile}", f"{REPORT_TEXT}. {hostile}",
        f"{FREE_TEXT} {hostile}",
    ]  # fmt: skip
    assert missing(places, text) == []
    assert '<img src="http://127.0.0.1:' in text  # literally: it is text, not an element
    # Nothing was asked of the fetcher but the stylesheet.
    assert not [r for r in caplog.records if "refused a resource" in r.getMessage()]
    # The stylesheet was served: A4, and the plan's pages in landscape.
    sizes = _page_sizes(data)
    assert sizes[0] == (595, 842)
    assert (842, 595) in sizes
