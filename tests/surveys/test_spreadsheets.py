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
from surveys.models import Answer, Invitation, Response
from surveys.selectors import survey_response_rate, survey_results
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
    assert "5 av 7 kommuner har svarat (71 %)" in values
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
    count = services.responses_import(survey=copy.survey, rows=rows, by=world.users["secretariat"])
    assert count == 5
    assert _results_table(copy.survey) == _results_table(known.survey)
    imported = Response.objects.get(survey=copy.survey, organisation__code="1784")
    assert imported.status == Response.Status.SUBMITTED and imported.submitted_at
    assert (imported.respondent_name, imported.respondent_role) == ("Maria MAS", "mas")
    assert imported.invitation.token_hash is None  # an invitation without a link
    assert survey_response_rate(copy.survey).submitted == 5


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
