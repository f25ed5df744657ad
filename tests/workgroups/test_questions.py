"""The council's inbox of questions from its workgroups, and answering them."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from workgroups import services
from workgroups.models import Question
from workgroups.services import StaleVersion
from workgroups.views._common import STALE

pytestmark = pytest.mark.django_db
INBOX = reverse("workgroups:questions", kwargs={"slug": "mellansverige"})


def _answer_url(question, slug: str = "mellansverige") -> str:
    return reverse("workgroups:question_answer", kwargs={"slug": slug, "question_pk": question.pk})


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _ask(group, text: str, *, submit: bool = True) -> Question:
    report = services.report_create(group=group, submit=submit, question=text)
    return report.questions.get()


def _set(question: Question, status: str, answer: str = "", *, by=None) -> Question:
    return services.question_answer(
        question=question, version=question.version, status=status, answer=answer, user=by
    )


def _listed(response) -> list[str]:
    return [q.text for q in response.context["page"].object_list]


# ---------------------------------------------------------------- the inbox


def test_the_inbox_lists_this_councils_handed_in_questions_unanswered_first(world, client_for):
    group = world.extra["own_group"]
    answered = _set(_ask(group, "Besvarad fråga"), "besvarad", "Ja.")
    in_progress = _set(_ask(group, "Fråga som behandlas"), "behandlas")
    newest = _ask(group, "Nyaste frågan")
    _ask(group, "Fråga i ett utkast", submit=False)
    response = client_for("member").get(INBOX)
    assert response.status_code == 200
    assert _listed(response) == [
        newest.text,
        world.extra["own_question"].text,
        in_progress.text,
        answered.text,
    ]
    page = response.content.decode()
    assert "Fråga i ett utkast" not in page
    other = world.extra["other_question"]
    assert _answer_url(other) not in page and _answer_url(other, "norra") not in page


@pytest.mark.parametrize(
    ("status", "expected"),
    [("ny", ["Ny fråga"]), ("behandlas", ["Fråga som behandlas"]), ("besvarad", ["Besvarad"])],
)
def test_the_status_filter(world, client_for, status, expected):
    group = world.extra["own_group"]
    # Without the world's own question: one question per status.
    world.extra["own_question"].delete()
    _set(_ask(group, "Besvarad"), "besvarad", "Svar")
    _set(_ask(group, "Fråga som behandlas"), "behandlas")
    _ask(group, "Ny fråga")
    response = client_for("secretariat").get(INBOX, {"status": status})
    assert _listed(response) == expected
    assert response.context["status"] == status
    assert f'href="?status={status}" aria-current="page"' in response.content.decode()


def test_a_forged_status_in_the_address_is_ignored(world, client_for):
    _ask(world.extra["own_group"], "Andra frågan")
    forged = '"><script>alert(1)</script>'
    response = client_for("member").get(INBOX, {"status": forged, "sida": "9999x"})
    assert response.status_code == 200
    assert response.context["status"] == ""
    assert len(_listed(response)) == 2
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("national", 403), ("other_member", 403), ("convenor", 403), ("group_member", 403),
     ("respondent", 403), ("anonymous", 302), ("member", 200), ("secretariat", 200),
     ("admin", 200)],
)  # fmt: skip
def test_who_opens_the_inbox(world, client_for, role, status):
    assert client_for(role).get(INBOX).status_code == status


# ---------------------------------------------------------------- answering


def test_a_council_member_answers_and_the_convenor_is_mailed(
    world, client_for, django_capture_on_commit_callbacks
):
    question = world.extra["own_question"]
    data = {"status": "besvarad", "answer": "Rådet tar upp frågan i mars.", "version": 1}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("member").post(_answer_url(question), data)
    assert response.status_code == 302 and response["Location"] == INBOX
    assert "Svaret är sparat. Gruppens sammankallande får det med e-post." in _messages(response)
    saved = Question.objects.get(pk=question.pk)
    assert (saved.status, saved.answered_by, saved.version) == (
        "besvarad",
        world.users["member"],
        question.version + 1,
    )
    [message] = mail.outbox
    assert message.to == [world.users["convenor"].email]
    assert "Rådet tar upp frågan i mars." in message.body
    # The answer shows on the report, to the group.
    page = client_for("convenor").get(question.report.get_absolute_url()).content.decode()
    start = page.index(f'id="question-{question.pk}"')
    card = page[start : page.index("</article>", start)]
    assert "Rådet tar upp frågan i mars." in card and "Maja Ledamot" in card
    assert "Besvarad" in card


def test_in_progress_without_an_answer_mails_nobody(
    world, client_for, django_capture_on_commit_callbacks
):
    question = world.extra["own_question"]
    data = {"status": "behandlas", "answer": "", "version": question.version}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secretariat").post(_answer_url(question), data)
    assert response.status_code == 302
    assert "Frågans status är sparad." in _messages(response)
    assert Question.objects.get(pk=question.pk).status == "behandlas"
    assert mail.outbox == []


def test_answered_without_an_answer_is_refused_at_the_answer(world, client_for):
    question = world.extra["own_question"]
    data = {"status": "besvarad", "answer": "   ", "version": question.version}
    response = client_for("member").post(_answer_url(question), data)
    assert response.status_code == 400
    assert response.context["form"].errors["answer"] == ["En besvarad fråga behöver ett svar."]
    saved = Question.objects.get(pk=question.pk)
    assert (saved.status, saved.version) == ("ny", question.version)


def test_the_service_refuses_answered_without_an_answer(world):
    question = world.extra["own_question"]
    with pytest.raises(ValidationError) as refused:
        _set(question, "besvarad", "  ")
    assert set(refused.value.message_dict) == {"answer"}


def test_a_forged_status_is_refused_at_the_field(world, client_for):
    question = world.extra["own_question"]
    data = {"status": "arkiverad", "answer": "Ja", "version": question.version}
    response = client_for("member").post(_answer_url(question), data)
    assert response.status_code == 400 and "status" in response.context["form"].errors


def test_an_answer_on_a_stale_version_is_409_and_overwrites_nothing(world, client_for):
    question = world.extra["own_question"]
    _set(question, "besvarad", "Sekretariatets svar", by=world.users["secretariat"])
    data = {"status": "besvarad", "answer": "Mitt svar", "version": question.version}
    response = client_for("member").post(_answer_url(question), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert str(STALE) in page and "Sekretariatets svar" in page and "Mitt svar" in page
    assert response.context["form"]["version"].value() == question.version + 1
    assert Question.objects.get(pk=question.pk).answer == "Sekretariatets svar"


def test_the_service_refuses_a_stale_answer(world):
    question = world.extra["own_question"]
    _set(question, "behandlas")
    with pytest.raises(StaleVersion):
        _set(question, "besvarad", "Sent svar")


@pytest.mark.parametrize("role", ["other_member", "national", "convenor", "group_member"])
def test_those_outside_the_council_may_not_answer(world, client_for, role):
    question = world.extra["own_question"]
    data = {"status": "besvarad", "answer": "Kapat svar", "version": question.version}
    client = client_for(role)
    assert client.get(_answer_url(question)).status_code == 403
    assert client.post(_answer_url(question), data).status_code == 403
    assert Question.objects.get(pk=question.pk).answer == ""


def test_another_councils_question_is_404_through_this_council(world, client_for):
    other = world.extra["other_question"]
    data = {"status": "besvarad", "answer": "Fel råd", "version": other.version}
    client = client_for("member")
    assert client.get(_answer_url(other)).status_code == 404
    assert client.post(_answer_url(other), data).status_code == 404
    assert Question.objects.get(pk=other.pk).answer == ""
