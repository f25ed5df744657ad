"""A web worker loads what serving pages needs, not the heavy libraries of the exports: WeasyPrint
(about 44 MiB) is imported by the process that typesets a PDF, openpyxl (about 33 MiB with
numpy) by the request that builds or reads a workbook, and no chart library at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

from .test_deployment import PRODUCTION_ENV

PROBE = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns  # every view module, as the first request of a worker loads them
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""
HEAVY = ("weasyprint", "openpyxl", "numpy", "matplotlib", "PIL", "pikepdf")


def test_a_worker_that_loaded_every_view_has_not_imported_the_export_libraries():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE"))}
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        cwd=settings.BASE_DIR,
        env={**clean, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "vkr_portal.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_export_functions_still_import_what_they_need():
    """The lazy imports resolve: a workbook is written and read back."""
    import io

    from openpyxl import Workbook, load_workbook

    from vkr_portal.fileformats import workbook_bytes, xlsx_value

    workbook = Workbook()
    workbook.active.append([xlsx_value("a\x01b"), 2])
    data = workbook_bytes(workbook)
    assert [list(row) for row in load_workbook(io.BytesIO(data)).active.values] == [["ab", 2]]
