"""The import pages as the secretariat uses them: what they say about the format, the choice
about required questions left blank, a file imported twice, contact addresses, and exports
of a survey whose results are anonymous."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.models import Answer, Invitation, Question, Response, Survey
from tests.surveys.test_selectors import AKUT, VARDEFULLT, answer, build_round, municipality

pytestmark = pytest.mark.django_db

SYMTOM = "Palliativ vård: Symtomlindring och behandling"
MUNVARD = "Palliativ vård: Munvård vid palliativ omvårdnad"


def _url(name: str, survey: Survey, **kwargs) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"slug": survey.council.slug, "pk": survey.pk, **kwargs}
    )


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("svar.csv", text.encode())


@pytest.fixture
def round_(world):
    return build_round(world)


def test_the_import_page_says_how_scale_and_multiple_choice_cells_are_written(round_, client_for):
    html = client_for("secretariat").get(_url("responses_import", round_.survey)).content.decode()
    assert "1–4" in html and "1 = Akut, vi satsar gärna" in html
    assert "semikolon (;)" in html
    assert "Ett inskickat svar skrivs aldrig över" in html


def test_required_questions_left_blank_are_shown_first_and_imported_when_asked(round_, client_for):
    for key in ("symtom", "munvard"):
        Question.objects.filter(pk=round_.questions[key].pk).update(required=True)
    text = f"Organisation kod;{SYMTOM};Upplägg av utbildning\n1784;{AKUT};Distans\n1880;;Distans\n"
    client = client_for("secretariat")
    url = _url("responses_import", round_.survey)
    warned = client.post(url, {"file": _csv(text)})
    assert warned.status_code == 200
    html = warned.content.decode()
    assert "2 svar lämnar obligatoriska frågor utan svar. Inget är importerat än." in html
    assert "Rad 3: Örebro kommun lämnar 2 obligatoriska frågor utan svar" in html
    assert not Response.objects.filter(survey=round_.survey).exists()
    done = client.post(url, {"file": _csv(text), "import_incomplete": "on"})
    assert done.status_code == 302
    [message] = [str(m) for m in get_messages(done.wsgi_request)]
    assert message == "2 svar är importerade. 2 av svaren saknar svar på obligatoriska frågor."
    assert Response.objects.filter(survey=round_.survey, status="submitted").count() == 2


def test_the_same_file_twice_is_refused_the_second_time_and_nothing_doubles(round_, client_for):
    text = f"Organisation kod;{SYMTOM}\n1784;{AKUT}\n1880;{VARDEFULLT}\n"
    client = client_for("secretariat")
    url = _url("responses_import", round_.survey)
    assert client.post(url, {"file": _csv(text)}).status_code == 302
    answers = Answer.objects.filter(response__survey=round_.survey).count()
    second = client.post(url, {"file": _csv(text)})
    assert second.status_code == 400
    assert "filen är troligen redan importerad" in second.content.decode()
    assert Answer.objects.filter(response__survey=round_.survey).count() == answers
    assert Response.objects.filter(survey=round_.survey).count() == 2


def test_an_import_that_replaces_a_draft_says_so(round_, world, client_for):
    answer(round_, world.organisations["arvika"], submit=False, symtom=VARDEFULLT)
    text = f"Organisation kod;{SYMTOM}\n1784;{AKUT}\n"
    response = client_for("secretariat").post(
        _url("responses_import", round_.survey), {"file": _csv(text)}
    )
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Ett påbörjat utkast ersattes av filens rad: Arvika kommun." in message


# --- Contact addresses ---------------------------------------------------------------------


def test_a_utf16_contact_file_is_read(world, client_for):
    survey = world.extra["own_survey"]
    data = "kod;e-post\n1784;ny@arvika.test\n".encode("utf-16")  # with its byte order mark
    upload = SimpleUploadedFile("adresser.csv", data)
    response = client_for("secretariat").post(_url("emails_import", survey), {"file": upload})
    assert response.status_code == 302
    invitation = Invitation.objects.get(survey=survey, organisation__code="1784")
    assert invitation.emails == ["ny@arvika.test"]


def test_an_address_longer_than_254_characters_is_refused_by_its_line(world, client_for):
    survey = world.extra["own_survey"]
    long_address = "a" * 250 + "@arvika.test"
    text = f"1784;ok@arvika.test\n1880;{long_address}\n"
    response = client_for("secretariat").post(_url("emails_import", survey), {"text": text})
    assert response.status_code == 400
    assert "Rad 2: en e-postadress är längre än 254 tecken." in response.content.decode()
    assert Invitation.objects.get(survey=survey, organisation__code="1784").emails != [
        "ok@arvika.test"
    ]


# --- Exports of anonymous results ----------------------------------------------------------


@pytest.fixture
def anonymous(world, round_):
    karlstad = municipality(world, "1780", "Karlstads kommun", "17", "Värmlands län")
    for organisation in (world.organisations["arvika"], world.organisations["orebro"], karlstad):
        answer(round_, organisation, symtom=AKUT, behov=f"Fritext från {organisation.code}")
    Survey.objects.filter(pk=round_.survey.pk).update(results_anonymous=True)
    round_.survey.refresh_from_db()
    return round_


def test_an_anonymous_survey_exports_no_row_per_response(anonymous, client_for):
    client = client_for("member")
    text = client.get(_url("export", anonymous.survey, fmt="csv")).content.decode("utf-8-sig")
    assert text.startswith("Fråga;Svar;Antal;Andel (%)")
    assert "Arvika" not in text and "Fritext från 1784" in text
    xlsx = client.get(_url("export", anonymous.survey, fmt="xlsx"))
    assert openpyxl.load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["Sammanfattning"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_narrowed_to_too_few_respondents_is_refused(anonymous, client_for, fmt):
    client = client_for("member")
    # Örebro is the only respondent in Örebro län.
    response = client.get(_url("export", anonymous.survey, fmt=fmt), {"lan": "18"})
    assert response.status_code == 302
    assert response["Location"] == _url("results", anonymous.survey) + "?lan=18"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("För få svar för att exportera urvalet")
