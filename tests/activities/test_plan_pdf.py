"""The plan as PDF, typeset by the real WeasyPrint and read back with poppler and pikepdf."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest
from django.urls import reverse

from activities import printing, services
from activities.models import FocusArea

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _text(pdf: bytes) -> str:
    """The PDF's text in content order, lines joined: a title wrapped in its cell reads whole."""
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
        check=True,
    ).stdout.decode()  # fmt: skip
    return " ".join(text.split())


@pytest.fixture
def plan(world):
    """The world's 2022 plan with enough activities to fill more than one page."""
    plan = world.extra["own_plan"]
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    fortbildning = FocusArea.objects.get(council=None, short_name="Fortbildning")
    services.activity_create(
        plan=plan, focus_area=fortbildning, title="Fortbildning för undersköterskor",
        implementation="Arbetsgrupp", start_quarter="2022Q3", end_quarter="2022Q4",
        content="Kurser i Örebro och Gävle", follow_up="Årlig rapport", priority="yellow",
        progress="ongoing", responsible=world.users["member"],
    )  # fmt: skip
    for number in range(40):
        services.activity_create(
            plan=plan, focus_area=vfu, title=f"Handledning steg {number}",
            content="Kartlägga platser och lärosätenas behov. " * 4, priority="red",
        )  # fmt: skip
    return plan


def test_the_plan_pdf_is_landscape_a4_with_header_columns_priorities_and_page_numbers(
    plan, client_for
):
    url = reverse(
        "activities:plan_export", kwargs={"slug": "mellansverige", "year": 2022, "fmt": "pdf"}
    )
    response = client_for("national").get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="aktivitetsplan-mellansverige-2022.pdf"'
    )
    pdf = response.content
    with pikepdf.open(io.BytesIO(pdf)) as document:
        pages = len(document.pages)
        assert pages >= 2
        for page in document.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            assert (round(x1 - x0), round(y1 - y0)) == (842, 595)  # A4 landscape, in points
    text = _text(pdf)
    council = plan.council.name
    for phrase in (
        f"Aktivitetsplan 2022 – {council}",
        "Handledarutbildning Mellansverige",
        "Fortbildning för undersköterskor",
        "Handledning steg 39",
        "Genomförande",
        "Uppföljning – när",
        "Ansvarig",
        "Maja Ledamot",
        "Q3–Q4 2022",
        "Gul",
        "Grön",
        "Röd",
        "Pågår",
        "Lyft till nationell nivå",
        "Verksamhetsförlagd utbildning (VFU)",
    ):
        assert phrase in text, phrase
    # The running header on every page and "Sida X av Y" at its foot.
    assert text.count(f"{council} · Aktivitetsplan 2022 · Utkast") == pages
    assert f"Sida 1 av {pages}" in text and f"Sida {pages} av {pages}" in text
    # The table's header is repeated on the pages the VFU table runs onto.
    assert text.count("Uppföljning – när") >= pages


def test_an_unchanged_plan_is_typeset_once_and_a_change_typesets_it_again(world, monkeypatch):
    import reports.pdf

    calls = []
    real = reports.pdf.render_pdf

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(reports.pdf, "render_pdf", counting)
    plan = world.extra["own_plan"]
    first = printing.plan_pdf(plan)
    assert printing.plan_pdf(plan) == first
    assert len(calls) == 1
    activity = world.extra["own_activity"]
    services.activity_update(activity=activity, version=activity.version, priority="red")
    again = printing.plan_pdf(plan)
    assert len(calls) == 2
    # One more "Röd" than the legend's: the activity's priority, in the new PDF only.
    assert _text(again).count("Röd") == _text(first).count("Röd") + 1
