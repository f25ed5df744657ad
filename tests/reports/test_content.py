"""What goes into the report: the secretariat's texts as blocks, the options as one key, the
surveys it covers, and the gathering's queries, which do not grow with the plan."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reports import sections, text
from reports import services as reports
from reports.rendering import content_html
from reports.selectors.content import draw_charts, report_content, report_surveys
from surveys import services as surveys
from tests.reports.conftest import activities_add, goals_add
from workgroups import services as groups

# --- The texts ------------------------------------------------------------------------------


def _shape(blocks: list[text.Block]) -> list[tuple[str, list[str]]]:
    return [(block.kind, block.lines) for block in blocks]


def test_a_blank_line_ends_a_paragraph_and_lines_within_one_run_on():
    blocks = text.blocks("Första stycket\nfortsätter här.\n\n\nAndra stycket.")
    assert _shape(blocks) == [
        ("p", ["Första stycket", "fortsätter här."]),
        ("p", ["Andra stycket."]),
    ]
    assert blocks[0].text == "Första stycket fortsätter här."


def test_dashes_stars_and_bullets_make_one_bulleted_list():
    blocks = text.blocks("Under året:\n- drev vi planen\n* ordnade vi möten\n• skrev vi rapporter")
    assert _shape(blocks) == [
        ("p", ["Under året:"]),
        ("ul", ["drev vi planen", "ordnade vi möten", "skrev vi rapporter"]),
    ]


def test_numbers_make_a_numbered_list_and_a_line_without_a_marker_continues_its_item():
    blocks = text.blocks("1. Ny plan\n   som rådet fastställer\n2) Ny enkät\n10. Uppföljning")
    assert _shape(blocks) == [("ol", ["Ny plan som rådet fastställer", "Ny enkät", "Uppföljning"])]


def test_what_only_looks_like_a_marker_stays_a_paragraph():
    # A year is no item number; a dash without a space is no bullet.
    assert _shape(text.blocks("2022. Ett bra år")) == [("p", ["2022. Ett bra år"])]
    assert _shape(text.blocks("-ingen punkt")) == [("p", ["-ingen punkt"])]


def test_windows_line_ends_are_line_ends():
    assert _shape(text.blocks("Ett\r\n\r\n- två\r\n- tre")) == [
        ("p", ["Ett"]),
        ("ul", ["två", "tre"]),
    ]


def test_html_in_a_text_stays_text():
    written = '<img src="http://127.0.0.1:9/x"> och <b>fetstil</b>\n- <script>alert(1)</script>'
    blocks = text.blocks(written)
    assert blocks[0].text == '<img src="http://127.0.0.1:9/x"> och <b>fetstil</b>'
    html = render_to_string("reports/document/_text.html", {"blocks": blocks})
    assert "<img" not in html and "<b>" not in html and "<script" not in html
    assert "&lt;img src=&quot;http://127.0.0.1:9/x&quot;&gt;" in html
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>" in html


def test_an_empty_text_says_it_is_not_written_yet():
    assert text.blocks("") == [] and text.blocks("  \n \n") == []
    html = render_to_string("reports/document/_text.html", {"blocks": []})
    assert "Texten är inte skriven ännu." in html


# --- The options -----------------------------------------------------------------------------


def test_the_options_key_is_the_hash_of_the_canonical_options():
    canonical = b'{"sections":["plan","summary"],"surveys":[3,7]}'
    expected = hashlib.sha256(canonical).hexdigest()[:32]
    assert sections.options_key(["plan", "summary"], [7, 3]) == expected
    assert sections.options_key(["plan", "summary"], [3, 7, 7]) == expected


def test_the_options_key_follows_the_order_of_the_sections_not_of_the_surveys():
    key = sections.options_key
    assert key(["plan", "summary"], []) != key(["summary", "plan"], [])
    assert key(["plan"], [1]) != key(["plan"], [2])
    assert key(["plan"], [1, 2]) != key(["plan"], [1])
    # Unknown and repeated sections are left out before the key is made.
    assert key(["plan", "nonsense", "plan"], []) == key(["plan"], [])


def test_no_sections_given_means_all_in_their_default_order():
    assert sections.normalized(None) == sections.SECTION_KEYS
    assert sections.normalized([]) == []
    assert sections.normalized(["year_ahead", "foreword", "year_ahead"]) == [
        "year_ahead",
        "foreword",
    ]


# --- The surveys it covers --------------------------------------------------------------------


def _survey(council, title: str, opens: dt.date | None, closes: dt.date | None, status="closed"):
    def at(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time(9))) if day else None

    survey = surveys.survey_create(
        council=council, title=title, audience=["kommun"], opens_at=at(opens), closes_at=at(closes)
    )
    return surveys.survey_update(survey=survey, status=status) if status != "draft" else survey


@pytest.fixture
def surveys_of_years(report_year):
    council, other = report_year.council, report_year.world.other
    return {
        "2022": report_year.survey,  # March–April 2022
        "undated": report_year.world.extra["own_survey"],  # open, no dates
        "across": _survey(council, "Över årsskiftet", dt.date(2021, 12, 1), dt.date(2022, 1, 15)),
        "2023": _survey(council, "Våren 2023", dt.date(2023, 3, 1), dt.date(2023, 4, 1)),
        "2021": _survey(council, "Hösten 2021", dt.date(2021, 9, 1), dt.date(2021, 12, 31)),
        "draft": _survey(council, "Utkast 2022", dt.date(2022, 5, 1), None, status="draft"),
        "other": _survey(other, "Norra 2022", dt.date(2022, 5, 1), dt.date(2022, 6, 1)),
    }


@pytest.mark.django_db
def test_by_default_the_report_covers_the_sent_surveys_open_during_its_year(
    report_year, surveys_of_years
):
    covered = {s.pk for s in report_surveys(report_year.report)}
    expected = {surveys_of_years[key].pk for key in ("2022", "undated", "across")}
    assert covered == expected


@pytest.mark.django_db
def test_once_chosen_the_report_covers_the_chosen_surveys_of_its_own_council(
    report_year, surveys_of_years
):
    chosen = [surveys_of_years[key] for key in ("2023", "other", "draft")]
    report = reports.options_save(
        report=report_year.report, user=report_year.secretariat,
        version=report_year.report.version, sections=sections.SECTION_KEYS, surveys=chosen,
    )  # fmt: skip
    # Another council's survey is never taken in; a draft was never sent.
    assert [s.pk for s in report_surveys(report)] == [surveys_of_years["2023"].pk]
    report = reports.options_save(
        report=report, user=report_year.secretariat, version=report.version,
        sections=sections.SECTION_KEYS, surveys=[],
    )  # fmt: skip
    assert report.surveys_chosen and report_surveys(report) == []


@pytest.mark.django_db
def test_a_build_carries_the_surveys_and_sections_of_the_report(report_year, surveys_of_years):
    build, _joined = reports.build_request(
        report=report_year.report, user=report_year.secretariat, enqueue=False
    )
    assert build.survey_ids == sorted(s.pk for s in report_surveys(report_year.report))
    assert build.sections == sections.SECTION_KEYS
    assert build.options_key == sections.options_key(build.sections, build.survey_ids)


# --- The queries ----------------------------------------------------------------------------


def _queries(report) -> tuple[int, int, int]:
    """Queries of gathering the data and drawing the charts, of rendering the content; and
    the number of activities gathered."""
    survey_ids = [s.pk for s in report_surveys(report)]
    with CaptureQueriesContext(connection) as gathering:
        content = report_content(report, sections.SECTION_KEYS, survey_ids)
        draw_charts(content)
    with CaptureQueriesContext(connection) as rendering:
        content_html(content)
    return len(gathering), len(rendering), content.key_figures.activities


def _grow(year) -> None:
    """Twice the plan again, more goals, and more status reports with questions."""
    activities_add(year.plan, 2 * year.plan.activities.count(), prefix="Fler: ")
    goals_add(year.group, 8, prefix="Fler: ")
    for month in (3, 6):
        groups.report_create(
            group=year.group, kind="lagesrapport", report_date=dt.date(2022, month, 30),
            done="Fortsatt kartläggning", question=f"Fråga från {month}/2022?",
            user=year.world.users["convenor"],
        )  # fmt: skip


@pytest.mark.django_db
def test_the_gathering_runs_as_many_queries_for_three_times_the_plan(report_year):
    report = report_year.report
    _queries(report)  # once first, for what is read once a process (content types and such)
    gathered, rendered, activities = _queries(report)
    _grow(report_year)
    more_gathered, more_rendered, more_activities = _queries(report)
    assert more_activities == 3 * activities == 21
    assert more_gathered == gathered, "the data gathering's queries grow with the plan"
    assert more_rendered == rendered, "rendering the content runs queries of its own"
