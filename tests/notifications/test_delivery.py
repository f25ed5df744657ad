"""Each person's choice decides: never → nothing, digest → one e-mail with all that waits,
immediately → one e-mail; and each notification is sent once."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from activities import services as plans
from notifications.models import Delivery, Kind, Notification, Preference
from notifications.services import (
    digests_queue,
    notification_digest_send,
    notification_send,
    raise_answered_notify,
)
from notifications.tasks import notification_digest_send_task, notification_send_task
from tests.notifications.conftest import edited_by, rows

MEMBER = "ledamot@mellan.test"


def _prefer(user, kind: str, delivery: str) -> None:
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def _answer(world, committed, answer="Vi tar upp det i mars."):
    raised = world.extra["own_raise"]
    edited_by(raised.activity, world.users["member"])
    return committed(
        plans.national_raise_answer, raised=raised, status="answered", answer=answer,
        user=world.users["national"],
    )  # fmt: skip


def _to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_immediately_sends_one_email_after_the_commit(world, committed, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.se/"
    raised = _answer(world, committed)
    [message] = _to(MEMBER)
    assert message.subject == (
        "Nationella rådet har svarat på en lyft aktivitet: Handledarutbildning Mellansverige"
    )
    assert "Vi tar upp det i mars." in message.body
    assert "Besvarad av Nora Nationell" in message.body
    url = f"https://portal.example.se{raised.activity.get_absolute_url()}#national"
    assert url in message.body
    assert "https://portal.example.se/konto/aviseringar/" in message.body
    assert rows(Kind.RAISE_ANSWERED).get().sent_at is not None


def test_never_sends_nothing_and_makes_no_row(world, committed):
    _prefer(world.users["member"], Kind.RAISE_ANSWERED, Delivery.NEVER)
    _answer(world, committed)
    assert _to(MEMBER) == []
    assert not rows(Kind.RAISE_ANSWERED).exists()


def test_never_chosen_after_the_event_still_sends_nothing(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        raised = world.extra["own_raise"]
        edited_by(raised.activity, world.users["member"])
        plans.national_raise_answer(
            raised=raised, status="answered", answer="Ja.", user=world.users["national"]
        )
    _prefer(world.users["member"], Kind.RAISE_ANSWERED, Delivery.NEVER)
    for callback in queued:
        callback()
    assert mail.outbox == []


def test_the_digest_is_one_email_with_everything_waiting(world, committed):
    member = world.users["member"]
    _prefer(member, Kind.RAISE_ANSWERED, Delivery.DIGEST)
    _answer(world, committed)
    assert mail.outbox == []  # nothing at once
    # Waiting for the member: the answer, and the world's question to the council (digest
    # by default).
    assert rows(Kind.RAISE_ANSWERED).get().delivery == Delivery.DIGEST
    assert digests_queue()  # the beat task's service; eager tasks send at once
    [message] = _to(MEMBER)
    assert message.subject == "Daglig sammanfattning från portalen: 2 händelser"
    assert "Nationella rådet har svarat på en lyft aktivitet: Handledarutbildning" in message.body
    assert "Fråga till rådet från Arbetsgrupp AT/BT Mellansverige" in message.body
    assert message.body.index("Svar på en lyft aktivitet") < message.body.index(
        "Fråga från en arbetsgrupp"
    )  # grouped by kind, in the settings page's order
    pending = Notification.objects.filter(recipient=member, sent_at__isnull=True)
    assert not pending.exists()
    # Each person one digest. The national members': the other council's raise; the own
    # council's is answered now, no longer news, and left out.
    [national] = _to("nationell@nvkr.test")
    assert national.subject == "Daglig sammanfattning från portalen: 1 händelse"
    assert "Norra har lyft en aktivitet till nationell nivå" in national.body
    assert "Mellansverige har lyft" not in national.body


def test_a_digest_is_sent_once_however_often_it_runs(world):
    member = world.users["member"]
    assert notification_digest_send_task.apply(args=[member.pk]).get() == 1
    assert notification_digest_send_task.apply(args=[member.pk]).get() == 0
    digests_queue()
    assert len(_to(MEMBER)) == 1


def test_a_digest_leaves_out_what_is_no_longer_true(world, committed):
    from workgroups import services as groups

    question = world.extra["own_question"]
    committed(
        groups.question_answer, question=question, version=question.version,
        status="besvarad", answer="Ja.", user=world.users["secretariat"],
    )  # fmt: skip
    mail.outbox.clear()
    assert notification_digest_send(user_id=world.users["member"].pk) == 0
    assert _to(MEMBER) == []
    assert not rows(Kind.QUESTION_ASKED, question.pk).filter(recipient__email=MEMBER).exists()


def test_an_event_twice_is_one_row_and_one_email(world, committed):
    raised = _answer(world, committed)
    committed(raise_answered_notify, raised=raised)
    committed(raise_answered_notify, raised=raised)
    assert rows(Kind.RAISE_ANSWERED).count() == 1
    assert len(_to(MEMBER)) == 1


def test_answering_again_with_the_same_status_tells_nobody_again(world, committed):
    raised = _answer(world, committed)
    committed(
        plans.national_raise_answer, raised=raised, status="answered", answer="Ja, i mars.",
        user=world.users["national"],
    )  # fmt: skip
    assert len(_to(MEMBER)) == 1


def test_the_task_twice_sends_once(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():  # queued, not run
        raised = world.extra["own_raise"]
        edited_by(raised.activity, world.users["member"])
        plans.national_raise_answer(
            raised=raised, status="answered", answer="Ja.", user=world.users["national"]
        )
    row = rows(Kind.RAISE_ANSWERED).get()
    assert notification_send_task.apply(args=[row.pk]).get() is True
    assert notification_send_task.apply(args=[row.pk]).get() is False
    assert len(mail.outbox) == 1


def test_a_failed_mail_marks_nothing_and_the_retry_sends_it(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with django_capture_on_commit_callbacks():  # queued, not run
        raised = world.extra["own_raise"]
        edited_by(raised.activity, world.users["member"])
        plans.national_raise_answer(
            raised=raised, status="answered", answer="Ja.", user=world.users["national"]
        )
    row = rows(Kind.RAISE_ANSWERED).get()
    monkeypatch.setattr(EmailMessage, "send", refuse)
    # An OSError: the task retries it (autoretry_for).
    with pytest.raises(ConnectionRefusedError):
        notification_send(notification_id=row.pk)
    row.refresh_from_db()
    assert row.sent_at is None
    monkeypatch.undo()
    assert notification_send(notification_id=row.pk) is True
    assert len(_to(MEMBER)) == 1


def test_an_answer_taken_back_before_sending_is_not_sent(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        raised = world.extra["own_raise"]
        edited_by(raised.activity, world.users["member"])
        raised = plans.national_raise_answer(
            raised=raised, status="answered", answer="Ja.", user=world.users["national"]
        )
    plans.national_raise_answer(
        raised=raised, status="in_progress", answer="Ja.", user=world.users["national"]
    )
    for callback in queued:
        callback()
    assert mail.outbox == []
    assert not rows(Kind.RAISE_ANSWERED).exists()  # gone: a later answer is told anew


def test_unsent_immediate_ones_are_queued_again_later(world, django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone

    from notifications.services import notifications_requeue_unsent

    with django_capture_on_commit_callbacks():  # the task is lost
        raised = world.extra["own_raise"]
        edited_by(raised.activity, world.users["member"])
        plans.national_raise_answer(
            raised=raised, status="answered", answer="Ja.", user=world.users["national"]
        )
    row = rows(Kind.RAISE_ANSWERED).get()
    assert notifications_requeue_unsent() == []  # its task still has its chance
    Notification.objects.filter(pk=row.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    assert notifications_requeue_unsent() == [row.pk]
    assert len(_to(MEMBER)) == 1
    assert notifications_requeue_unsent() == []
