"""Each small hostile file, posted to the real view by the secretariat, gets a clear 400 page
of bounded size, and reading it stays under a bounded peak of memory (traced with
tracemalloc around the whole request: parsing, the database and the page).

Before the reading was bounded, the 3 KB file of rows reaching column XFD took a worker past
2 GB, the 4 KB shared-string file took 6 s and pages of hundreds of megabytes, the CSVs gave
`_csv.Error` (a 500), and 500,000 lines of contact addresses an error page of 33 MB.
"""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.spreadsheets import EXPORT_COLUMNS
from surveys.spreadsheets import META_COLUMNS

from . import hostile

pytestmark = pytest.mark.django_db

PEAK_BOUND = 100 * 2**20  # bytes traced at the peak of one request
PAGE_BOUND = 200_000  # bytes of the error page
SYMTOM = "Palliativ vård: Symtomlindring"  # the world's own survey's question
SURVEY_COLUMNS = [*META_COLUMNS, SYMTOM]
CSV_HEADER = f"Organisation kod;Namn;{SYMTOM}"
TOO_LARGE = "Filen är för stor för att läsas in"
TOO_MANY_ROWS = "Filen har fler än 2000 rader"
NOT_TEXT = "Filen kunde inte läsas som en CSV-fil"


@dataclass(frozen=True)
class Hostile:
    endpoint: str  # "plan", "responses" or "emails"
    name: str
    content: object  # bytes, or a function making them (built inside the test, not at import)
    expected: str  # what the page says

    def data(self) -> bytes:
        return self.content() if callable(self.content) else self.content


CASES = [
    # Plan import: XLSX only.
    Hostile("plan", "xfd.xlsx", lambda: hostile.xfd_rows(EXPORT_COLUMNS), TOO_MANY_ROWS),
    Hostile("plan", "xfd-5000.xlsx", lambda: hostile.xfd_rows(EXPORT_COLUMNS, 5000), TOO_MANY_ROWS),
    Hostile("plan", "strang.xlsx", lambda: hostile.shared_string_bomb(EXPORT_COLUMNS), TOO_LARGE),
    Hostile(
        "plan",
        "strang-100k.xlsx",
        lambda: hostile.shared_string_bomb(EXPORT_COLUMNS, length=100_000),
        "Cellen har 100\xa0000 tecken",
    ),  # fmt: skip
    Hostile("plan", "rad.xlsx", lambda: hostile.giant_row(EXPORT_COLUMNS), TOO_LARGE),
    Hostile("plan", "zip.xlsx", lambda: hostile.zip_bomb(EXPORT_COLUMNS), TOO_LARGE),
    Hostile(
        "plan", "entiteter.xlsx", lambda: hostile.entity_bomb(EXPORT_COLUMNS), "Excel-arbetsbok"
    ),
    # Responses import: XLSX and CSV.
    Hostile("responses", "xfd.xlsx", lambda: hostile.xfd_rows(SURVEY_COLUMNS), TOO_MANY_ROWS),
    Hostile(
        "responses", "strang.xlsx", lambda: hostile.shared_string_bomb(SURVEY_COLUMNS), TOO_LARGE
    ),
    Hostile("responses", "zip.xlsx", lambda: hostile.zip_bomb(SURVEY_COLUMNS), TOO_LARGE),
    Hostile(
        "responses",
        "rader.csv",
        lambda: hostile.csv_many_lines(CSV_HEADER, "1784;x;y"),
        "Filen har fler celler än en import tar emot",
    ),  # fmt: skip
    Hostile(
        "responses",
        "utf16.csv",
        hostile.csv_utf16(f"{CSV_HEADER}\n9999;Åsa Öberg;Värdefullt\n"),
        "Ingen organisation har koden ”9999”",
    ),  # fmt: skip
    Hostile("responses", "bild.csv", hostile.binary(), NOT_TEXT),
    Hostile(
        "responses",
        "falt.csv",
        lambda: hostile.csv_long_field(CSV_HEADER, "1784;"),
        "ett fält är för långt",
    ),  # fmt: skip
    Hostile(
        "responses",
        "fel-5000.csv",
        lambda: hostile.csv_many_lines(CSV_HEADER, "9999;x;y", 5000),
        TOO_MANY_ROWS,
    ),  # fmt: skip
    Hostile(
        "responses",
        "fel-1500.csv",
        lambda: hostile.csv_many_lines(CSV_HEADER, "9999;x;y", 1500),
        "… och 2980 fel till.",  # two in each line,
    ),  # fmt: skip
    # Contact addresses: CSV (kod;e-post).
    Hostile(
        "emails",
        "rader.csv",
        lambda: hostile.csv_many_lines("kod;e-post", "1", 499_990),
        "Fler än 10000 rader",
    ),  # fmt: skip
    Hostile(
        "emails",
        "fel-5000.csv",
        lambda: hostile.csv_many_lines("kod;e-post", "1784;inte-en-adress", 5000),
        "… och 4980 fel till.",
    ),  # fmt: skip
    Hostile("emails", "bild.csv", hostile.binary(), "kunde inte läsas som en CSV-fil"),
    Hostile(
        "emails",
        "utf16.csv",
        hostile.csv_utf16("kod;e-post\n9999;kontakt@example.se\n", "big"),
        "ingen organisation med koden 9999",
    ),  # fmt: skip
    Hostile(
        "emails",
        "falt.csv",
        lambda: hostile.csv_long_field("kod;e-post", "1784;a@"),
        "längre än 254 tecken",
    ),  # fmt: skip
]


def _url(world, endpoint: str) -> str:
    if endpoint == "plan":
        plan = world.extra["own_plan"]
        return reverse(
            "activities:plan_import", kwargs={"slug": plan.council.slug, "year": plan.year}
        )
    survey = world.extra["own_survey"]
    name = "surveys:responses_import" if endpoint == "responses" else "surveys:emails_import"
    return reverse(name, kwargs={"slug": survey.council.slug, "pk": survey.pk})


def post_measured(client, url: str, upload: SimpleUploadedFile):
    """The response, the peak of traced memory in bytes and the seconds the request took."""
    tracemalloc.start()
    try:
        started = time.perf_counter()
        response = client.post(url, {"file": upload})
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, peak, seconds


@pytest.mark.parametrize("case", CASES, ids=[f"{c.endpoint}-{c.name}" for c in CASES])
def test_a_hostile_file_gets_a_clear_bounded_400(world, client_for, case):
    data = case.data()
    upload = SimpleUploadedFile(case.name, data)
    response, peak, seconds = post_measured(
        client_for("secretariat"), _url(world, case.endpoint), upload
    )
    page = response.content.decode()
    print(
        f"{case.endpoint} {case.name}: {len(data):,} B on disk, {response.status_code}, "
        f"page {len(page):,} B, peak {peak / 2**20:.1f} MB, {seconds:.2f} s"
    )
    assert response.status_code == 400
    assert case.expected in page
    assert len(response.content) < PAGE_BOUND
    assert peak < PEAK_BOUND


def test_the_small_hostile_files_are_small(world):
    # What makes them hostile is what they hold, not their size on disk.
    assert len(hostile.xfd_rows(EXPORT_COLUMNS)) < 4_000
    assert len(hostile.shared_string_bomb(EXPORT_COLUMNS)) < 5_000
    assert len(hostile.giant_row(EXPORT_COLUMNS)) < 30_000
