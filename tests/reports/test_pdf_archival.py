"""The built PDF is what an archive takes: PDF/A-3a (tagged, in Swedish, sRGB, fonts
embedded), its data attached, and everything the portal holds for the year in its text.

No veraPDF here, so these check what it would: the catalog, the metadata and the structure
tree with pikepdf, the fonts with pdffonts and the text with pdftotext. The report is built
once for the module (a build takes seconds) in a transaction rolled back afterwards.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pikepdf
import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.formats import date_format
from openpyxl import load_workbook

from reports import services as reports
from reports.models import ReportBuild
from tests.reports.conftest import (
    FREE_TEXT,
    REPORT_TEXT,
    SCALE_ITEMS,
    YEAR,
    build_pdf,
    missing,
    pdffonts,
    pdftotext,
    year_2022,
)
from tests.world import build_world

# django_db: so that the session sets the test database up for the module's fixture too.
pytestmark = [pytest.mark.integration, pytest.mark.django_db]
HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


@dataclass
class Archived:
    """The built draft and what the portal held when it was built."""

    pdf: bytes
    pages: int
    council_name: str
    activity_titles: list[str]
    goal_texts: list[str]
    follow_up: str
    region_follow_up: str
    results_pages: dict[str, str]  # the survey results page as the secretariat sees it
    data_names: list[str]
    sections: int


@pytest.fixture(scope="module")
def archived(django_db_setup, django_db_blocker, tmp_path_factory) -> Archived:
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=hashers),
        transaction.atomic(),
    ):
        year = year_2022(build_world())
        build, _joined = reports.build_request(
            report=year.report, user=year.secretariat, enqueue=False
        )
        build = reports.report_build(build=build)  # what the task would run
        assert build.status == ReportBuild.Status.DONE, build.error
        client = Client()
        client.force_login(year.secretariat, backend="django.contrib.auth.backends.ModelBackend")
        pages = {}
        for survey in (year.survey, year.world.extra["own_survey"]):
            kwargs = {"slug": year.council.slug, "pk": survey.pk}
            page = client.get(reverse("surveys:results", kwargs=kwargs))
            assert page.status_code == 200
            pages[survey.title] = page.content.decode()
        follow_up = year.follow_up
        region_follow_up = year.world.extra["own_region_follow_up"]
        facts = Archived(
            pdf=build_pdf(build),
            pages=build.pages,
            council_name=year.council.name,
            activity_titles=year.all_activity_titles(),
            goal_texts=list(year.group.goals.values_list("goal", flat=True)),
            follow_up=f"{follow_up.get_status_display()} "
            f"({date_format(follow_up.recorded_on, 'j F Y')}) {follow_up.done}",
            region_follow_up=f"{region_follow_up.organisation.name}: "
            f"{region_follow_up.get_status_display()}",
            results_pages=pages,
            data_names=[item["name"] for item in build.data_files],
            sections=len(build.sections),
        )
        transaction.set_rollback(True)
    return facts


@pytest.fixture(scope="module")
def document(archived) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(archived.pdf))


@pytest.fixture(scope="module")
def text(archived) -> str:
    return pdftotext(archived.pdf)


def _elements(node, found: list | None = None) -> list:
    """The structure elements under node, in document order."""
    found = [] if found is None else found
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _elements(kid, found)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(node)
        if "/K" in node:
            _elements(node.K, found)
    return found


def test_it_declares_pdf_a_3a(document):
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        assert xmp["pdfaid:part"] == "3"
        assert xmp["pdfaid:conformance"] == "A"


def test_it_has_an_srgb_output_intent_with_its_icc_profile(document):
    intents = document.Root.OutputIntents
    assert len(intents) == 1
    intent = intents[0]
    assert intent.S == "/GTS_PDFA1"
    profile = intent.DestOutputProfile
    assert isinstance(profile, pikepdf.Stream)
    icc = profile.read_bytes()
    # An ICC profile's header: "acsp" at 36, the colour space ("RGB ") at 16.
    assert icc[36:40] == b"acsp"
    assert icc[16:20] == b"RGB "
    assert int(profile.N) == 3
    assert "sRGB" in str(intent.OutputConditionIdentifier)


def test_it_is_tagged_in_swedish(document):
    assert bool(document.Root.MarkInfo.Marked) is True
    assert str(document.Root.Lang).startswith("sv")
    roots = _elements(document.Root.StructTreeRoot.K)
    assert roots[0].S == "/Document"


def test_its_headings_follow_the_document_levels(archived, document):
    levels = [
        int(str(e.S)[2]) for e in _elements(document.Root.StructTreeRoot.K) if str(e.S) in HEADINGS
    ]
    assert levels[0] == 1 and levels.count(1) == 1  # the cover's "Årsrapport 2022"
    # The table of contents and every section are level 2.
    assert levels.count(2) == archived.sections + 1
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert jumps == [], f"a heading more than one level below the one before: {levels}"
    assert max(levels) >= 4  # the survey's items and the workgroup's parts go that deep


def test_its_tables_have_header_cells(document):
    elements = _elements(document.Root.StructTreeRoot.K)
    tables = [e for e in elements if e.S == "/Table" and e.P.get("/S") != "/Table"]
    without = [t for t in tables if not any(c.S == "/TH" for c in _elements(t.K))]
    assert len(tables) >= 15
    assert without == []


def test_no_table_is_tagged_inside_a_table(document):
    elements = _elements(document.Root.StructTreeRoot.K)
    nested = [e for e in elements if e.S == "/Table" and e.P.get("/S") == "/Table"]
    assert nested == []


def test_its_metadata_names_the_report_and_the_council(archived, document):
    info = document.docinfo
    assert str(info.Title) == f"Årsrapport {YEAR} – {archived.council_name}"
    assert str(info.Author) == archived.council_name
    assert archived.council_name in str(info.Subject)
    keywords = str(info.Keywords)
    assert "årsrapport" in keywords and str(YEAR) in keywords
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        assert xmp["dc:title"] == str(info.Title)
        assert archived.council_name in xmp["dc:creator"]


def _attached(document) -> dict[str, pikepdf.Dictionary]:
    names = document.Root.Names.EmbeddedFiles.Names
    return {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}


def test_the_plan_and_the_surveys_travel_with_it_as_data(archived, document):
    attached = _attached(document)
    assert sorted(attached) == sorted(archived.data_names)
    assert len(attached) == 3  # the plan, the 2022 survey, the world's open survey
    related = {str(spec.UF): str(spec.AFRelationship) for spec in document.Root.AF}
    assert related == dict.fromkeys(attached, "/Data")
    [plan_name] = [name for name in attached if name.endswith(".xlsx")]
    workbook = load_workbook(io.BytesIO(attached[plan_name].EF.F.read_bytes()))
    cells = {str(c.value) for row in workbook.active.iter_rows() for c in row if c.value}
    assert set(archived.activity_titles) <= cells
    [survey_name] = [name for name in attached if "varden-2022" in name]
    survey_csv = attached[survey_name].EF.F.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(survey_csv), delimiter=";"))
    questions = {row[0] for row in rows}
    assert set(SCALE_ITEMS) | {"Övriga synpunkter"} <= questions
    assert any(FREE_TEXT in cell for row in rows for cell in row)


def test_every_font_is_embedded_as_a_subset(archived):
    fonts = pdffonts(archived.pdf)
    assert fonts, "no fonts listed"
    assert [f["name"] for f in fonts if f["emb"] != "yes"] == []
    assert [f["name"] for f in fonts if f["sub"] != "yes"] == []
    assert all(f["uni"] == "yes" for f in fonts)


def test_its_text_has_the_council_the_year_and_the_workgroup_report(archived, text):
    assert missing([archived.council_name, f"Årsrapport {YEAR}", REPORT_TEXT], text) == []


def test_its_text_has_every_goal_of_the_workgroup(archived, text):
    assert len(archived.goal_texts) == 3
    assert missing(archived.goal_texts, text) == []


def test_its_text_has_every_activity_title_of_the_plan(archived, text):
    assert len(archived.activity_titles) == 7
    assert missing(archived.activity_titles, text) == []


def test_its_text_has_the_recommendation_follow_ups(archived, text):
    assert missing([archived.follow_up, archived.region_follow_up], text) == []


def _shares_on_page(page: str, item: str) -> list[str]:
    row = re.search(rf'<th scope="row"[^>]*>\s*{re.escape(item)}\s*</th>(.*?)</tr>', page, re.S)
    assert row, f"{item} is not on the results page"
    return re.findall(r">\s*(\d+)\s*%\s*<", row[1])


def _shares_in_pdf(pdf: bytes, item: str) -> list[list[str]]:
    """The shares on the lines of the laid-out text that begin with the item, or with its
    first line when it is wrapped: its table's row (and its chart's bar, which shows only
    the shares above zero)."""
    found = []
    for line in pdftotext(pdf, layout=True).splitlines():
        label = re.split(r"\s{2,}", line.strip())[0].rstrip("\u2010-")
        if len(label) >= 10 and item.startswith(label):
            found.append(re.findall(r"(\d+)\s*%", line))
    return found


@pytest.mark.parametrize(
    ("survey", "item", "expected"),
    [
        # 2, 1, 0 and 0 of the 3 who answered; 1, 0, 1 and 1 of them; the world's 1 of 1.
        ("Kompetensbehov i vården 2022", SCALE_ITEMS[0], ["67", "33", "0", "0"]),
        ("Kompetensbehov i vården 2022", SCALE_ITEMS[1], ["33", "0", "33", "33"]),
        ("Kompetensbehov Mellansverige", "Palliativ vård: Symtomlindring", ["0", "100", "0", "0"]),
    ],
)
def test_the_survey_shares_are_those_of_the_results_page(archived, survey, item, expected):
    shown = _shares_on_page(archived.results_pages[survey], item)
    assert shown == expected
    assert shown in _shares_in_pdf(archived.pdf, item)


def test_its_pages_are_numbered_in_the_footer(archived, document):
    pages = len(document.pages)
    assert pages == archived.pages
    assert f"Sida 2 av {pages}" in pdftotext(archived.pdf, first=2, last=2)
    assert f"Sida {pages} av {pages}" in pdftotext(archived.pdf, first=pages, last=pages)
    assert "Sida" not in pdftotext(archived.pdf, first=1, last=1)  # not on the cover


def test_its_table_of_contents_gives_the_pages_of_the_sections(archived):
    contents = pdftotext(archived.pdf, first=2, last=2)
    entries = re.findall(r"^(\d+ \S.*?)\s*\.{3,}\s*(\d+)$", contents, re.M)
    assert len(entries) == archived.sections
    for heading, page in entries:
        assert heading.strip() in pdftotext(archived.pdf, first=int(page), last=int(page))
