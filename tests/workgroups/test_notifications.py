"""The convenor is e-mailed the council's answer to the group's question."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from workgroups import services
from workgroups.models import Member, Question
from workgroups.services.notifications import question_answered_notify


def _answer(world, question: Question, status: str = "besvarad", answer: str = "Ja."):
    return services.question_answer(
        question=question, version=question.version, status=status, answer=answer,
        user=world.users["member"],
    )  # fmt: skip


def test_an_answer_mails_the_convenor_after_the_commit(
    world, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://portal.example.se"
    question = world.extra["own_question"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _answer(world, question, answer="Rådet tar upp frågan i mars.")
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == ["sammankallande@mellan.test"]
    assert message.subject == "Rådet har svarat på en fråga från Arbetsgrupp AT/BT Mellansverige"
    assert question.text in message.body and "Rådet tar upp frågan i mars." in message.body
    assert "Besvarad av Maja Ledamot" in message.body
    url = f"https://portal.example.se{question.report.get_absolute_url()}#question-{question.pk}"
    assert url in message.body


def test_in_progress_mails_nobody(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _answer(world, world.extra["own_question"], status="behandlas", answer="")
    assert mail.outbox == []


def test_set_back_before_the_task_ran_mails_nobody(world):
    question = _answer(world, world.extra["own_question"])
    _answer(world, question, status="behandlas", answer="Ja.")
    assert question_answered_notify(question=question) is False
    assert mail.outbox == []


def test_without_a_current_convenor_whoever_asked_is_told(world):
    group = world.extra["own_group"]
    services.member_update(
        member=Member.objects.get(workgroup=group, user=world.users["convenor"]),
        role=Member.Role.MEMBER,
    )
    question = _answer(world, world.extra["own_question"])
    assert question_answered_notify(question=question) is True
    # The convenor asked it in the world: a member now, still told as the one who asked.
    assert mail.outbox[0].to == ["sammankallande@mellan.test"]


def test_a_contact_convenor_is_told_and_a_former_one_is_not(world):
    group = world.extra["own_group"]
    services.member_update(
        member=Member.objects.get(workgroup=group, user=world.users["convenor"]),
        start_date=timezone.localdate() - dt.timedelta(days=30),
        end_date=timezone.localdate() - dt.timedelta(days=1),
    )
    services.member_add(
        group=group, name="Karin Kontakt", email="karin@regionorebro.test",
        role=Member.Role.CONVENOR,
    )  # fmt: skip
    question = _answer(world, world.extra["own_question"])
    assert question_answered_notify(question=question) is True
    assert mail.outbox[0].to == ["karin@regionorebro.test"]


def test_the_task_takes_an_id_and_tolerates_a_deleted_question(world):
    from workgroups.tasks import question_answered_notify_task

    question = _answer(world, world.extra["own_question"])
    assert question_answered_notify_task.apply(args=[question.pk]).get() is True
    question.report.delete()
    assert question_answered_notify_task.apply(args=[question.pk]).get() is False
    assert len(mail.outbox) == 1
