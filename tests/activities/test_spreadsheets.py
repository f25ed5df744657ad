"""Activity plans as files: XLSX and CSV export, XLSX import, and the all-or-nothing import."""

import csv
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from activities import services
from activities.models import Activity, FocusArea, NationalRaise, PlanImport
from activities.spreadsheets import (
    EXPORT_COLUMNS,
    IMPORT_COLUMNS,
    MAX_ROWS,
    ImportRow,
    PlanFileError,
    plan_export_rows,
    plan_file_parse,
    plan_to_csv,
    plan_to_xlsx,
)
from vkr_portal.fileformats import MAX_ERRORS, file_sha256

pytestmark = pytest.mark.django_db

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def areas():
    return {
        short_name: FocusArea.objects.get(council=None, short_name=short_name)
        for short_name in ["VFU", "Fortbildning", "AT/BT"]
    }


def _plan(world, areas, year: int):
    return services.plan_create(
        council=world.own, year=year, focus_areas=[areas["VFU"], areas["Fortbildning"]]
    )


@pytest.fixture
def plan(world, areas):
    """A 2024 plan with activities in both focus areas, one of them raised.

    Not 2022: the world has plans of its own for that year.
    """
    plan = _plan(world, areas, 2024)
    add = services.activity_create
    # Created out of plan order on purpose: the export follows the plan's focus-area order.
    add(plan=plan, focus_area=areas["Fortbildning"], title="Fortbildning för undersköterskor",
        implementation="Arbetsgrupp", timeline="Q1 2023", content="Kurser i Örebro och Gävle",
        follow_up="Årlig rapport", priority="yellow", progress="not_started")  # fmt: skip
    first = add(
        plan=plan, focus_area=areas["VFU"], title="Etablera arbetsgrupp för VFU",
        implementation="Arbetsgrupp", start_quarter="2022Q3", end_quarter="2022Q4",
        timeline="efter sommaren",
        content="Kartlägga platser.\nVilka lärosäten? Åtgärder för ökad kvalitet.",
        follow_up="Löpande rapportering till arbetsutskottet och en årlig skriftlig rapport",
        priority="green", progress="ongoing", responsible=world.users["member"],
    )  # fmt: skip
    add(plan=plan, focus_area=areas["VFU"], title="=SUMMA(A1:A2) är text, ingen formel",
        priority="red", progress="done")  # fmt: skip
    services.activity_raise_to_national(
        activity=first,
        motivation="Utveckla lärosätenas uppdrag för gruppen utlandsutbildade läkare",
        user=world.users["secretariat"],
    )
    return plan


def _xlsx_upload(rows: list[list], name: str = "plan.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_TYPE)


def _row(**cells: str) -> list[str]:
    """A valid data row in the order of EXPORT_COLUMNS, with some cells replaced."""
    row = dict.fromkeys(EXPORT_COLUMNS, "")
    row.update({"Fokusområde": "VFU", "Aktivitet": "Handledarutbildning"})
    row.update({column.replace("_", " "): value for column, value in cells.items()})
    return [row[column] for column in EXPORT_COLUMNS]


def _errors_of(plan, upload) -> list:
    before = Activity.objects.count()
    with pytest.raises(PlanFileError) as error:
        plan_file_parse(plan=plan, uploaded_file=upload)
    assert Activity.objects.count() == before
    return error.value.errors


# --- Export ---------------------------------------------------------------------------------


def test_export_rows_follow_the_plan_order_with_swedish_labels(plan):
    with translation.override("en"):
        rows = plan_export_rows(plan)
    assert [row[:2] for row in rows] == [
        ["Verksamhetsförlagd utbildning (VFU)", "Etablera arbetsgrupp för VFU"],
        ["Verksamhetsförlagd utbildning (VFU)", "=SUMMA(A1:A2) är text, ingen formel"],
        ["Fortbildning", "Fortbildning för undersköterskor"],
    ]
    assert rows[0][7:] == [
        "Grön", "Pågår", "Maja Ledamot", "Ja",
        "Utveckla lärosätenas uppdrag för gruppen utlandsutbildade läkare",
    ]  # fmt: skip
    assert rows[1][7:] == ["Röd", "Klar", "", "", ""]
    assert rows[2][7:] == ["Gul", "Ej påbörjad", "", "", ""]


def test_export_rows_take_two_queries_whatever_the_size(plan, areas, django_assert_num_queries):
    with django_assert_num_queries(2):
        plan_export_rows(plan)
    for number in range(10):
        services.activity_create(plan=plan, focus_area=areas["VFU"], title=f"Aktivitet {number}")
    with django_assert_num_queries(2):
        assert len(plan_export_rows(plan)) == 13


def test_the_xlsx_has_one_sheet_with_a_bold_frozen_header_and_wrapped_text(plan):
    workbook = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(plan)))
    [sheet] = workbook.worksheets
    assert sheet.title == "Mellansverige 2024"
    assert [cell.value for cell in sheet[1]] == EXPORT_COLUMNS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet["F2"].value == "Kartlägga platser.\nVilka lärosäten? Åtgärder för ökad kvalitet."
    assert sheet["F2"].alignment.wrap_text
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["H"].width
    # Text someone wrote is never turned into a formula.
    assert sheet["B3"].value == "=SUMMA(A1:A2) är text, ingen formel"
    assert sheet["B3"].data_type == "s"


def _rgb(colour) -> str:
    return (colour.rgb or "")[-6:].upper()


def test_the_xlsx_gives_each_priority_its_colour_besides_its_text_and_names_ansvarig(plan):
    workbook = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(plan)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    priority, responsible = header.index("Prioritet") + 1, header.index("Ansvarig") + 1
    cells = {sheet.cell(row, 2).value: sheet.cell(row, priority) for row in (2, 3, 4)}
    green = cells["Etablera arbetsgrupp för VFU"]
    red = cells["=SUMMA(A1:A2) är text, ingen formel"]
    yellow = cells["Fortbildning för undersköterskor"]
    assert (green.value, red.value, yellow.value) == ("Grön", "Röd", "Gul")
    assert green.fill.fill_type == "solid" and _rgb(green.fill.fgColor) == "146C43"
    assert _rgb(red.fill.fgColor) == "B02A37"
    assert _rgb(yellow.fill.fgColor) == "FFDA6A"
    # Text on the fill keeps its contrast: white on green and red, dark on yellow.
    assert _rgb(green.font.color) == "FFFFFF" and _rgb(yellow.font.color) == "1F1F1F"
    assert sheet.cell(2, responsible).value == "Maja Ledamot"
    assert sheet.cell(3, responsible).value is None
    # "Ej satt" stays unfilled.
    services.activity_create(plan=plan, focus_area=plan.focus_areas.first(), title="Ny")
    sheet = openpyxl.load_workbook(io.BytesIO(plan_to_xlsx(plan))).active
    unset = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "Ny")
    assert unset[priority - 1].value == "Ej satt" and unset[priority - 1].fill.fill_type is None


def test_ansvarig_and_the_timeline_comment_are_written_but_not_needed_to_import(plan):
    optional = ("Ansvarig", "Tidplan, kommentar")
    assert [column for column in EXPORT_COLUMNS if column not in optional] == IMPORT_COLUMNS
    [row] = plan_file_parse(
        plan=plan,
        uploaded_file=_xlsx_upload([IMPORT_COLUMNS, ["VFU", "Handledarutbildning"] + [""] * 8]),
    )
    assert row.title == "Handledarutbildning"
    assert (row.start_quarter, row.end_quarter, row.timeline) == ("", "", "")


@pytest.mark.parametrize(
    ("tidplan", "comment", "expected"),
    [
        ("Q3–Q4 2022", "efter sommaren", ("2022Q3", "2022Q4", "efter sommaren")),
        ("Q3-4 2022", "", ("2022Q3", "2022Q4", "")),
        ("2023", "", ("2023Q1", "2023Q4", "")),
        ("Löpande", "", ("", "", "Löpande")),
        ("Löpande", "varje termin", ("", "", "Löpande – varje termin")),
    ],
)
def test_tidplan_becomes_the_quarters_and_any_other_text_the_comment(
    plan, tidplan, comment, expected
):
    header = [*IMPORT_COLUMNS, "Tidplan, kommentar"]
    cells = dict.fromkeys(header, "")
    cells.update({"Fokusområde": "VFU", "Aktivitet": "Handledarutbildning", "Tidplan": tidplan,
                  "Tidplan, kommentar": comment})  # fmt: skip
    [row] = plan_file_parse(
        plan=plan, uploaded_file=_xlsx_upload([header, [cells[c] for c in header]])
    )
    assert (row.start_quarter, row.end_quarter, row.timeline) == expected


def test_the_csv_is_semicolon_separated_utf8_with_swedish_characters(plan):
    text = plan_to_csv(plan)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == EXPORT_COLUMNS
    assert rows[0][6] == "Uppföljning – när"
    assert rows[1] == [
        "Verksamhetsförlagd utbildning (VFU)",
        "Etablera arbetsgrupp för VFU",
        "Arbetsgrupp",
        "Q3–Q4 2022",
        "efter sommaren",
        "Kartlägga platser.\nVilka lärosäten? Åtgärder för ökad kvalitet.",
        "Löpande rapportering till arbetsutskottet och en årlig skriftlig rapport",
        "Grön",
        "Pågår",
        "Maja Ledamot",
        "Ja",
        "Utveckla lärosätenas uppdrag för gruppen utlandsutbildade läkare",
    ]
    # Excel would run a cell starting with "=" as a formula; the CSV keeps it text.
    assert rows[2][1] == "'=SUMMA(A1:A2) är text, ingen formel"
    assert rows[3][5] == "Kurser i Örebro och Gävle"
    assert text.encode("utf-8").count("ö".encode()) >= 3


# --- Import ---------------------------------------------------------------------------------


def test_an_exported_plan_imports_into_another_plan_with_the_same_rows(plan, world, areas):
    upload = SimpleUploadedFile("Mellansverige 2024.xlsx", plan_to_xlsx(plan), XLSX_TYPE)
    next_plan = _plan(world, areas, 2025)

    rows = plan_file_parse(plan=next_plan, uploaded_file=upload)
    created = services.plan_import(
        plan=next_plan, rows=rows, user=world.users["secretariat"], sha256=file_sha256(upload)
    )

    assert created == 3
    # Everything but Ansvarig, a person chosen in the portal, not read from a file.
    responsible = EXPORT_COLUMNS.index("Ansvarig")
    assert plan_export_rows(plan)[0][responsible] == "Maja Ledamot"
    without = lambda rows: [row[:responsible] + row[responsible + 1 :] for row in rows]  # noqa: E731
    assert without(plan_export_rows(next_plan)) == without(plan_export_rows(plan))
    raised = NationalRaise.objects.get(activity__plan=next_plan)
    assert raised.raised_by == world.users["secretariat"]
    assert raised.activity.title == "Etablera arbetsgrupp för VFU"


def test_headers_short_names_labels_and_values_match_loosely(plan):
    header = [f"  {column.upper()} " for column in EXPORT_COLUMNS]
    header[6] = "uppföljning  -  NÄR"
    upload = _xlsx_upload(
        [
            header,
            _row(Fokusområde="vfu", Prioritet="green", Status="KLAR"),
            [],  # blank rows are skipped, and the rows after keep their Excel numbers
            _row(Fokusområde="fortbildning", Prioritet=" gul ", Status="Pausad",
                 Lyft_till_nationell_nivå="nej", Tidplan=2023),
        ]
    )  # fmt: skip
    rows = plan_file_parse(plan=plan, uploaded_file=upload)
    assert [(r.line, r.focus_area.short_name, r.priority, r.progress) for r in rows] == [
        (2, "VFU", "green", "done"),
        (4, "Fortbildning", "yellow", "paused"),
    ]
    assert (rows[1].start_quarter, rows[1].end_quarter, rows[1].timeline) == (
        "2023Q1", "2023Q4", "",
    )  # fmt: skip
    assert rows[1].raise_to_national is False


def test_empty_priority_and_status_give_the_defaults(plan):
    [row] = plan_file_parse(plan=plan, uploaded_file=_xlsx_upload([EXPORT_COLUMNS, _row()]))
    assert (row.priority, row.progress, row.raise_to_national) == ("unset", "not_started", False)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.xlsx", "Fokusområde,Aktivitet\nVFU,Handledarutbildning\n".encode()),
        ("plan.xlsx", b""),
        ("plan.xlsx", b"PK\x03\x04 not really a zip archive"),
        ("plan.csv", "Fokusområde,Aktivitet\nVFU,Handledarutbildning\n".encode()),
    ],
    ids=["text-named-xlsx", "empty", "broken-zip", "csv"],
)
def test_a_file_that_is_not_an_xlsx_is_one_clear_error(plan, name, content):
    [error] = _errors_of(plan, SimpleUploadedFile(name, content))
    assert (error.row, error.column) == (None, None)
    assert "Excel-arbetsbok (.xlsx)" in error.message


def test_an_xlsx_with_another_name_is_refused(plan):
    upload = _xlsx_upload([EXPORT_COLUMNS, _row()], name="plan.csv")
    [error] = _errors_of(plan, upload)
    assert ".xlsx" in error.message


def test_the_csv_export_is_not_accepted_for_import(plan):
    [error] = _errors_of(plan, SimpleUploadedFile("plan.csv", plan_to_csv(plan).encode()))
    assert ".xlsx" in error.message


def test_missing_columns_are_named_with_every_expected_column(plan):
    header = [c for c in EXPORT_COLUMNS if c not in ("Tidplan", "Motivering")]
    [error] = _errors_of(plan, _xlsx_upload([header, ["VFU", "Handledarutbildning"]]))
    assert error.message.startswith("Filen saknar kolumnerna: Tidplan, Motivering.")
    assert "Förväntade kolumner: " + ", ".join(IMPORT_COLUMNS) in error.message


def test_a_bad_priority_names_its_row_and_column(plan):
    upload = _xlsx_upload([EXPORT_COLUMNS, _row(), _row(Prioritet="Lila")])
    [error] = _errors_of(plan, upload)
    assert (error.row, error.column) == (3, "Prioritet")
    assert "”Lila”" in error.message and "Grön, Gul, Röd, Ej satt" in error.message
    assert str(error).startswith("Rad 3, kolumn ”Prioritet”: ")


def test_an_unknown_focus_area_is_refused(plan):
    # AT/BT is in the national catalogue but not in this plan.
    upload = _xlsx_upload([EXPORT_COLUMNS, _row(Fokusområde="AT/BT")])
    [error] = _errors_of(plan, upload)
    assert (error.row, error.column) == (2, "Fokusområde")
    assert "”AT/BT” är inte ett fokusområde i planen" in error.message


def test_an_empty_title_is_refused(plan):
    [error] = _errors_of(plan, _xlsx_upload([EXPORT_COLUMNS, _row(Aktivitet="")]))
    assert (error.row, error.column) == (2, "Aktivitet")


def test_every_error_in_every_row_is_reported_at_once(plan):
    upload = _xlsx_upload(
        [
            EXPORT_COLUMNS,
            _row(Aktivitet="x" * 301),
            _row(),
            _row(Fokusområde="", Status="Snart"),
            _row(Lyft_till_nationell_nivå="Ja"),
            _row(Lyft_till_nationell_nivå="Kanske"),
        ]
    )
    errors = _errors_of(plan, upload)
    assert [(e.row, e.column) for e in errors] == [
        (2, "Aktivitet"),
        (4, "Fokusområde"),
        (4, "Status"),
        (5, "Motivering"),
        (6, "Lyft till nationell nivå"),
    ]
    assert "301 tecken" in errors[0].message


def test_more_rows_than_the_limit_are_refused(plan):
    upload = _xlsx_upload([EXPORT_COLUMNS] + [_row()] * (MAX_ROWS + 1))
    [error] = _errors_of(plan, upload)
    assert str(MAX_ROWS) in error.message


def test_a_file_over_five_megabytes_is_refused(plan):
    [error] = _errors_of(plan, SimpleUploadedFile("plan.xlsx", b"0" * (5 * 1024 * 1024 + 1)))
    assert "5 MB" in error.message


def test_an_import_that_fails_half_way_saves_nothing(plan, world, areas):
    def import_row(line: int, title: str, raise_to_national: bool) -> ImportRow:
        return ImportRow(
            line=line, focus_area=areas["VFU"], title=title, implementation="", timeline="",
            content="", follow_up="", priority="green", progress="ongoing",
            raise_to_national=raise_to_national, motivation="Nationell fråga",
        )  # fmt: skip

    before = (Activity.objects.count(), NationalRaise.objects.count())
    rows = [import_row(2, "Handledarutbildning", True), import_row(3, "x" * 301, False)]
    with pytest.raises(ValidationError):
        services.plan_import(plan=plan, rows=rows, user=world.users["secretariat"], sha256="0" * 64)
    assert (Activity.objects.count(), NationalRaise.objects.count()) == before
    # Its record went with it: the same file can be imported once it is fixed.
    assert not PlanImport.objects.exists()


def test_the_csv_guards_every_cell_and_keeps_a_leading_apostrophe_apart(plan, areas):
    services.activity_create(
        plan=plan, focus_area=areas["VFU"], title="'=inte en formel", content="+46 19 123",
        timeline="@idag", follow_up="-1",
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO(plan_to_csv(plan).removeprefix("\ufeff")), delimiter=";"))
    row = next(r for r in rows if "inte en formel" in r[1])
    # A text that starts with ' gets one more, so that the guard is told apart from it.
    assert row[1] == "''=inte en formel"
    assert (row[3], row[5], row[6]) == ("'@idag", "'+46 19 123", "'-1")


# --- Import: what a file holds once read (see also tests/uploads) ---------------------------


def test_a_cell_longer_than_any_field_is_named_without_being_quoted(plan):
    upload = _xlsx_upload(
        [EXPORT_COLUMNS, _row(Lyft_till_nationell_nivå="Ja", Motivering="m" * 5000)]
    )
    [error] = _errors_of(plan, upload)
    assert (error.row, error.column) == (2, "Motivering")
    # Swedish groups thousands with a no-break space.
    assert error.message == "Cellen har 5\xa0000 tecken; högst 4\xa0000 får plats."


def test_values_quoted_in_errors_are_cut_to_80_characters(plan):
    [error] = _errors_of(plan, _xlsx_upload([EXPORT_COLUMNS, _row(Fokusområde="Ö" * 3000)]))
    assert error.column == "Fokusområde"
    quoted = error.message.split("”")[1]
    assert len(quoted) == 80 and quoted.endswith("…")
    assert len(error.message) < 400


def test_a_header_as_long_as_a_cell_is_cut_where_it_names_a_column(plan):
    header = [*EXPORT_COLUMNS, "R" * 3000]
    upload = _xlsx_upload([header, _row() + [""], _row(Prioritet="Lila") + ["x" * 4001]])
    errors = _errors_of(plan, upload)
    assert [(e.row, len(e.column)) for e in errors] == [(3, 80)]


def test_empty_rows_count_towards_the_row_limit(plan):
    rows = [EXPORT_COLUMNS, _row()] + [[None] * len(EXPORT_COLUMNS)] * MAX_ROWS + [_row()]
    [error] = _errors_of(plan, _xlsx_upload(rows))
    assert f"fler än {MAX_ROWS} rader" in error.message and "tomma rader" in error.message


def test_only_the_first_errors_are_listed_and_the_rest_counted(plan):
    upload = _xlsx_upload([EXPORT_COLUMNS] + [_row(Prioritet="Lila")] * 35)
    with pytest.raises(PlanFileError) as raised:
        plan_file_parse(plan=plan, uploaded_file=upload)
    assert len(raised.value.errors) == MAX_ERRORS
    assert raised.value.more == 35 - MAX_ERRORS


def test_columns_far_right_of_the_expected_ones_are_not_read(plan):
    header = [*EXPORT_COLUMNS, *([""] * 40), "Extra"]
    rows = plan_file_parse(plan=plan, uploaded_file=_xlsx_upload([header, _row() + [""] * 41]))
    assert [row.title for row in rows] == ["Handledarutbildning"]


# --- Import: the same file once per plan ----------------------------------------------------


def _import(plan, upload, user):
    rows = plan_file_parse(plan=plan, uploaded_file=upload)
    return services.plan_import(
        plan=plan, rows=rows, user=user, sha256=file_sha256(upload), filename=upload.name
    )


def test_the_same_file_twice_into_the_same_plan_is_refused_saying_when_and_by_whom(
    plan, world, areas
):
    upload = SimpleUploadedFile("plan.xlsx", plan_to_xlsx(plan), XLSX_TYPE)
    target = _plan(world, areas, 2025)
    assert _import(target, upload, world.users["secretariat"]) == 3
    with pytest.raises(ValidationError) as raised:
        _import(target, upload, world.users["admin"])
    [message] = raised.value.messages
    assert "redan importerad" in message and "Stina Sekretariat" in message
    assert target.activities.count() == 3
    record = PlanImport.objects.get(plan=target)
    assert (record.filename, record.rows, record.imported_by) == (
        "plan.xlsx", 3, world.users["secretariat"],
    )  # fmt: skip
    assert record.sha256 == file_sha256(upload) and len(record.sha256) == 64
    # Into another plan the same file goes as any file.
    assert _import(_plan(world, areas, 2026), upload, world.users["secretariat"]) == 3


def test_the_view_refuses_the_same_file_a_second_time_with_a_400(plan, world, areas, client_for):
    from django.urls import reverse

    target = _plan(world, areas, 2025)
    url = reverse("activities:plan_import", kwargs={"slug": "mellansverige", "year": 2025})
    content = plan_to_xlsx(plan)
    client = client_for("secretariat")
    first = client.post(url, {"file": SimpleUploadedFile("plan.xlsx", content)})
    assert first.status_code == 302
    second = client.post(url, {"file": SimpleUploadedFile("kopia.xlsx", content)})
    assert second.status_code == 400
    assert "redan importerad" in second.content.decode()
    assert target.activities.count() == 3
