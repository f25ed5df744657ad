"""The e-mails that existed before notifications (a question answered, report reminders, the
annual report ready) follow each person's choice too; their own tests in tests/workgroups and
tests/reports check that the default (at once) behaves as before."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.utils import timezone

from notifications.models import Delivery, Kind, Notification, Preference
from notifications.services import notification_digest_send
from reports.models import ReportBuild
from reports.services import report_ready_notify
from workgroups import services as groups
from workgroups.models import ReportReminder
from workgroups.services.notifications import question_answered_notify
from workgroups.services.reminders import report_reminders_queue

CONVENOR = "sammankallande@mellan.test"
SECRETARIAT = "sekretariat@mellan.test"


def _prefer(user, kind: str, delivery: str) -> None:
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})


def _answered(world):
    question = world.extra["own_question"]
    return groups.question_answer(
        question=question, version=question.version, status="besvarad", answer="Ja.",
        user=world.users["member"],
    )  # fmt: skip


def test_a_convenor_who_chose_never_is_not_told_the_answer(world):
    _prefer(world.users["convenor"], Kind.QUESTION_ANSWERED, Delivery.NEVER)
    assert question_answered_notify(question=_answered(world)) is False
    assert mail.outbox == []


def test_a_convenor_who_chose_the_digest_gets_the_answer_there(world):
    _prefer(world.users["convenor"], Kind.QUESTION_ANSWERED, Delivery.DIGEST)
    assert question_answered_notify(question=_answered(world)) is True
    assert mail.outbox == []
    assert notification_digest_send(user_id=world.users["convenor"].pk) == 1
    [message] = mail.outbox
    assert "Rådet har svarat på en fråga från Arbetsgrupp AT/BT Mellansverige" in message.body


def test_the_answer_twice_is_told_once(world):
    question = _answered(world)
    assert question_answered_notify(question=question) is True
    question_answered_notify(question=question)
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(kind=Kind.QUESTION_ANSWERED).count() == 1


def test_a_contact_convenor_without_a_login_is_told_at_once(world):
    group = world.extra["own_group"]
    groups.member_add(
        group=group, name="Karin Kontakt", email="karin@regionorebro.test", role="sammankallande"
    )
    _prefer(world.users["convenor"], Kind.QUESTION_ANSWERED, Delivery.NEVER)
    assert question_answered_notify(question=_answered(world)) is True
    assert [m.to for m in mail.outbox] == [["karin@regionorebro.test"]]
    assert "/konto/aviseringar/" not in mail.outbox[0].body  # no settings to change


def test_the_annual_report_ready_follows_the_choice(world):
    build = world.extra["own_draft_build"]
    ReportBuild.objects.filter(pk=build.pk).update(requested_by=world.users["secretariat"])
    _prefer(world.users["secretariat"], Kind.REPORT_READY, Delivery.NEVER)
    assert report_ready_notify(build=build) is False
    assert mail.outbox == []
    Preference.objects.all().delete()
    assert report_ready_notify(build=build) is True
    assert report_ready_notify(build=build) is True  # a task delivered again: no second mail
    [message] = mail.outbox
    assert message.to == [SECRETARIAT]
    assert message.subject == "Årsrapport 2022 för Mellansverige är klar (version 2)"


def _final_due_in(world, days: int):
    return groups.workgroup_update(
        group=world.extra["own_group"], version=None,
        final_report_due=timezone.localdate() + dt.timedelta(days=days),
    )  # fmt: skip


def test_a_reminder_for_the_digest_leaves_the_mail_and_waits_in_the_digest(
    world, django_capture_on_commit_callbacks
):
    _prefer(world.users["convenor"], Kind.REPORT_REMINDER, Delivery.DIGEST)
    _final_due_in(world, 10)
    with django_capture_on_commit_callbacks(execute=True):
        report_reminders_queue()
    assert mail.outbox == []  # the convenor was its only recipient
    reminder = ReportReminder.objects.get()
    assert reminder.sent_at is not None and reminder.recipients == ""
    assert notification_digest_send(user_id=world.users["convenor"].pk) == 1
    [message] = mail.outbox
    assert "Påminnelse: slutrapporten från Arbetsgrupp AT/BT Mellansverige" in message.body


def test_an_overdue_reminder_goes_to_whoever_still_wants_it(
    world, django_capture_on_commit_callbacks
):
    _prefer(world.users["secretariat"], Kind.REPORT_REMINDER, Delivery.NEVER)
    _final_due_in(world, -1)
    with django_capture_on_commit_callbacks(execute=True):
        report_reminders_queue()
    # The secretariat opted out: the convenor, in copy before, is now the one it goes to.
    [message] = mail.outbox
    assert message.to == [CONVENOR] and message.cc == []
    assert not Notification.objects.filter(kind=Kind.REPORT_REMINDER).exists()
