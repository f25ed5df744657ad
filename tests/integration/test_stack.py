"""The real stack the integration tests stand on: PostgreSQL, Redis, a Celery worker, PDFs.

If one of these fails, fix the machine (``make system-deps``) before reading other failures.
"""

import shutil
import subprocess

import pytest
import redis
from django.core import mail
from django.db import connection, transaction

from councils.services import accessibility_report_create
from tests.conftest import CELERY_REDIS_DB, wait_until

pytestmark = pytest.mark.integration


def test_the_database_is_postgresql_15_or_newer(db):
    assert connection.vendor == "postgresql"
    assert connection.pg_version >= 150000
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone()[0].startswith("test_")


def test_redis_answers_and_is_the_celery_broker(celery_worker_real, redis_server):
    from vkr_portal.celery import app

    client = redis.Redis.from_url(redis_server.url(CELERY_REDIS_DB))
    try:
        assert client.ping() is True
    finally:
        client.close()
    assert app.conf.broker_url == redis_server.url(CELERY_REDIS_DB)
    assert app.conf.task_always_eager is False


def test_the_worker_sends_the_accessibility_report_mail(celery_worker_real, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@vkr.example.se"
    with transaction.atomic():
        report = accessibility_report_create(
            description="Knappen Spara går inte att nå med tangentbordet.",
            page_url="/rad/mellansverige/",
            contact_email="anmalare@example.se",
        )
        # Queued on commit: nothing may run while the transaction is open.
        assert mail.outbox == []

    wait_until(lambda: mail.outbox, timeout=20, message="the worker to send the e-mail")
    [message] = mail.outbox
    assert message.to == ["tillganglighet@vkr.example.se"]
    assert message.subject == "Tillgänglighetsproblem rapporterat"
    assert "Knappen Spara går inte att nå med tangentbordet." in message.body
    assert "/rad/mellansverige/" in message.body
    assert "anmalare@example.se" in message.body
    report.refresh_from_db()  # the row the worker read is still there, committed


def test_weasyprint_writes_a_pdf_with_swedish_text_that_pdftotext_reads(tmp_path):
    from weasyprint import HTML

    html = """<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>
      @page { size: A4; margin: 2cm; font-family: "DejaVu Sans", sans-serif; }
      body { font-family: "DejaVu Sans", sans-serif; }
    </style></head><body>
      <h1>Årsrapport för vårdkompetensrådet</h1>
      <p>Kompetensförsörjning i Örebro län: sjuksköterskor, undersköterskor och läkare.</p>
    </body></html>"""
    pdf = tmp_path / "rapport.pdf"
    HTML(string=html).write_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")

    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is missing (make system-deps)"
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    # pdftotext breaks lines where the PDF does; compare the words.
    text = " ".join(text.split())
    assert "Årsrapport för vårdkompetensrådet" in text
    assert "Kompetensförsörjning i Örebro län" in text
