"""Status and final reports: handed in or kept as drafts, their questions, edits and history."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from workgroups import selectors, services
from workgroups.models import Question, Report
from workgroups.services import StaleVersion
from workgroups.views._common import ALREADY_SAVED, STALE

pytestmark = pytest.mark.django_db


def _url(name: str, group, report=None) -> str:
    kwargs = {"slug": group.council.slug, "pk": group.pk}
    if report is not None:
        kwargs["report_pk"] = report.pk
    return reverse(f"workgroups:{name}", kwargs=kwargs)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _report_data(**overrides) -> dict:
    data = {
        "kind": "lagesrapport", "report_date": "2022-11-17", "due_date": "",
        "done": "Sammanställning pågår", "conclusions": "Saknas en del underlag",
        "next_steps": "Tidsplanen bör ändå kunna hålla", "version": "",
        "question": "", "idempotency_key": str(uuid.uuid4()), "action": "submit",
    }  # fmt: skip
    data.update(overrides)
    return data


def _edit_data(report, **overrides) -> dict:
    data = {
        "kind": report.kind, "report_date": report.report_date.isoformat(), "due_date": "",
        "done": report.done, "conclusions": report.conclusions,
        "next_steps": report.next_steps, "version": report.version,
    }  # fmt: skip
    data.update(overrides)
    return data


def _inbox_texts(council) -> list[str]:
    return [q.text for q in selectors.question_inbox(council)]


# ---------------------------------------------------------------- creating


def test_a_report_handed_in_with_a_question(world, client_for):
    group = world.extra["own_group"]
    data = _report_data(question="Hur påverkar regeringens uppdrag arbetet framåt?")
    response = client_for("convenor").post(_url("report_create", group), data)
    report = Report.objects.get(workgroup=group, report_date=dt.date(2022, 11, 17))
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert "Rapporten är inlämnad till rådet." in _messages(response)
    assert report.is_submitted and report.submitted_by == world.users["convenor"]
    [question] = report.questions.all()
    assert question.asked_by == world.users["convenor"] and question.status == "ny"
    assert question.text in _inbox_texts(world.own)


def test_a_draft_and_its_question_stay_with_the_group_until_handed_in(world, client_for):
    group, client = world.extra["own_group"], client_for("group_member")
    data = _report_data(action="draft", question="En fråga i ett utkast")
    response = client.post(_url("report_create", group), data)
    report = Report.objects.get(workgroup=group, report_date=dt.date(2022, 11, 17))
    assert response.status_code == 302
    assert "Rapporten är sparad som utkast." in _messages(response)
    assert not report.is_submitted
    assert "En fråga i ett utkast" not in _inbox_texts(world.own)
    inbox = client_for("member").get(
        reverse("workgroups:questions", kwargs={"slug": "mellansverige"})
    )
    assert "En fråga i ett utkast" not in inbox.content.decode()

    assert client.post(_url("report_submit", group, report)).status_code == 302
    assert Report.objects.get(pk=report.pk).is_submitted
    assert "En fråga i ett utkast" in _inbox_texts(world.own)


def test_handing_in_twice_hands_in_once(world, client_for):
    group, client = world.extra["own_group"], client_for("convenor")
    report = services.report_create(group=group, submit=False, done="Utkast")
    first = client.post(_url("report_submit", group, report))
    submitted = Report.objects.get(pk=report.pk)
    again = client.post(_url("report_submit", group, report))
    assert first.status_code == again.status_code == 302
    assert again["Location"] == report.get_absolute_url()
    assert "Rapporten var redan inlämnad." in _messages(again)
    saved = Report.objects.get(pk=report.pk)
    assert (saved.submitted_at, saved.version) == (submitted.submitted_at, submitted.version)
    assert services.report_submit(report=report).submitted_at == submitted.submitted_at


def test_a_second_final_report_is_refused_at_the_kind(world, client_for):
    group = world.extra["own_group"]
    services.report_create(group=group, kind="slutrapport", done="Klart")
    before = Report.objects.count()
    response = client_for("convenor").post(
        _url("report_create", group), _report_data(kind="slutrapport")
    )
    assert response.status_code == 400
    assert response.context["form"].errors["kind"] == [
        "Gruppen har redan en slutrapport. Ändra den i stället."
    ]
    assert Report.objects.count() == before


def test_the_service_refuses_a_second_final_report(world):
    group = world.extra["own_group"]
    services.report_create(group=group, kind="slutrapport")
    with pytest.raises(ValidationError) as refused:
        services.report_create(group=group, kind="slutrapport", question="Och en fråga")
    assert set(refused.value.message_dict) == {"kind"}
    assert not Question.objects.filter(text="Och en fråga").exists()


def test_a_second_click_on_create_makes_one_report(world, client_for):
    group, client = world.extra["own_group"], client_for("convenor")
    data = _report_data(question="Bara en gång")
    first = client.post(_url("report_create", group), data)
    again = client.post(_url("report_create", group), data)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert str(ALREADY_SAVED) in _messages(again)
    assert Question.objects.filter(text="Bara en gång").count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "roman"}, "kind"),
        ({"report_date": "0001-01-01"}, "report_date"),
        ({"due_date": "9999-12-31"}, "due_date"),
        ({"done": "x" * 20001}, "done"),
        ({"question": "x" * 4001}, "question"),
    ],
)
def test_bad_input_is_refused_at_the_field(world, client_for, overrides, field):
    group = world.extra["own_group"]
    before = (Report.objects.count(), Question.objects.count())
    response = client_for("convenor").post(_url("report_create", group), _report_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert (Report.objects.count(), Question.objects.count()) == before


@pytest.mark.parametrize("role", ["member", "national", "other_member"])
def test_readers_may_not_write_reports(world, client_for, role):
    group = world.extra["own_group"]
    before = Report.objects.count()
    assert client_for(role).post(_url("report_create", group), _report_data()).status_code == 403
    assert Report.objects.count() == before


def test_a_planned_report_shows_as_planned_on_the_group_page(world, client_for):
    group = world.extra["own_group"]
    planned = services.report_create(group=group, submit=False, due_date=dt.date(2031, 3, 15))
    page = client_for("member").get(group.get_absolute_url()).content.decode()
    start = page.index(f'id="report-{planned.pk}"')
    row = page[start : page.index("</li>", start)]
    assert "Lägesrapport, senast 15 mars 2031" in row and "Planerad" in row
    own_report = world.extra["own_report"]
    start = page.index(f'id="report-{own_report.pk}"')
    assert "Inlämnad" in page[start : page.index("</li>", start)]


# ---------------------------------------------------------------- questions


def test_a_question_is_added_to_a_report(world, client_for):
    group, report = world.extra["own_group"], world.extra["own_report"]
    data = {"text": "Kan rådet ta upp frågan nationellt?", "idempotency_key": str(uuid.uuid4())}
    response = client_for("group_member").post(_url("question_add", group, report), data)
    question = Question.objects.get(report=report, text="Kan rådet ta upp frågan nationellt?")
    assert response.status_code == 302
    assert response["Location"] == f"{report.get_absolute_url()}#question-{question.pk}"
    assert question.asked_by == world.users["group_member"]
    assert question.text in _inbox_texts(world.own)


def test_an_empty_question_is_refused_at_the_field(world, client_for):
    group, report = world.extra["own_group"], world.extra["own_report"]
    before = Question.objects.count()
    data = {"text": "   ", "idempotency_key": str(uuid.uuid4())}
    response = client_for("convenor").post(_url("question_add", group, report), data)
    assert response.status_code == 400
    assert response.context["question_form"].errors["text"] == ["Skriv frågan till rådet."]
    assert Question.objects.count() == before


def test_a_question_sent_twice_is_asked_once(world, client_for):
    group, report = world.extra["own_group"], world.extra["own_report"]
    client = client_for("convenor")
    data = {"text": "En gång", "idempotency_key": str(uuid.uuid4())}
    first = client.post(_url("question_add", group, report), data)
    again = client.post(_url("question_add", group, report), data)
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Question.objects.filter(text="En gång").count() == 1


def test_a_reader_may_not_add_a_question(world, client_for):
    group, report = world.extra["own_group"], world.extra["own_report"]
    data = {"text": "Smuggel", "idempotency_key": str(uuid.uuid4())}
    assert client_for("member").post(_url("question_add", group, report), data).status_code == 403
    assert not Question.objects.filter(text="Smuggel").exists()


def test_a_report_of_another_group_is_404_here(world, client_for):
    group, other = world.extra["own_group"], world.extra["other_report"]
    admin = client_for("admin")
    assert admin.get(_url("report", group, other)).status_code == 404
    assert admin.post(_url("report_submit", group, other)).status_code == 404
    data = {"text": "Fel grupp", "idempotency_key": str(uuid.uuid4())}
    assert admin.post(_url("question_add", group, other), data).status_code == 404


# ---------------------------------------------------------------- editing and history


def test_an_edit_saves_and_raises_the_version(world, client_for):
    group, report = world.extra["own_group"], world.extra["own_report"]
    data = _edit_data(report, conclusions="Fyra slutsatser")
    response = client_for("convenor").post(_url("report_edit", group, report), data)
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    saved = Report.objects.get(pk=report.pk)
    assert (saved.conclusions, saved.version) == ("Fyra slutsatser", report.version + 1)


def test_an_edit_on_a_stale_version_is_409_and_overwrites_nothing(world, client_for):
    group, report = world.extra["own_group"], world.extra["own_report"]
    services.report_update(report=report, version=report.version, done="Sparat av annan")
    data = _edit_data(report, done="Min text om det genomförda")
    response = client_for("group_member").post(_url("report_edit", group, report), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert str(STALE) in page and "Sparat av annan" in page
    assert "Min text om det genomförda" in page
    assert response.context["form"]["version"].value() == report.version + 1
    assert Report.objects.get(pk=report.pk).done == "Sparat av annan"


def test_the_service_refuses_a_stale_edit(world):
    report = world.extra["own_report"]
    services.report_update(report=report, version=report.version, next_steps="Först")
    with pytest.raises(StaleVersion):
        services.report_update(report=report, version=report.version, next_steps="Sedan")
    assert Report.objects.get(pk=report.pk).next_steps == "Först"


def test_the_report_page_shows_its_history(world, client_for):
    group, report = world.extra["own_group"], world.extra["own_report"]
    data = _edit_data(report, next_steps="Workshop i mars")
    client_for("group_member").post(_url("report_edit", group, report), data)
    page = client_for("member").get(report.get_absolute_url()).content.decode()
    start = page.index("Ändringshistorik")
    history = page[start : page.index("</section>", start)]
    assert "Ändrad av Gus Gruppmedlem: fortsatt arbete" in history
    assert "Skapad" in history
    assert report.history.count() == 2
