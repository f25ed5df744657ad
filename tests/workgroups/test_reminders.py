"""Reminders about due reports: stages, once per stage, recipients and the mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone

from workgroups import services
from workgroups.models import Member, ReportReminder
from workgroups.services.reminders import (
    reminder_stage,
    report_reminder_send,
    report_reminders_queue,
)

CONVENOR = "sammankallande@mellan.test"
SECRETARIAT = "sekretariat@mellan.test"


def _today() -> dt.date:
    return timezone.localdate()


def _final_due_in(group, days: int):
    return services.workgroup_update(
        group=group, version=None, final_report_due=_today() + dt.timedelta(days=days)
    )


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the beat task's service as beat would, the queued mails sent (eager tasks)."""

    def run_once() -> list[int]:
        with django_capture_on_commit_callbacks(execute=True):
            return report_reminders_queue()

    return run_once


@pytest.mark.parametrize(
    ("days_left", "stage"),
    [(15, None), (14, "14"), (4, "14"), (3, "3"), (1, "3"), (0, "3"), (-1, "forsenad"),
     (-400, "forsenad")],
)  # fmt: skip
def test_the_stage_follows_the_days_left(days_left, stage):
    assert reminder_stage(days_left) == stage


def test_nothing_is_due_two_months_ahead(world, run):
    assert run() == []
    assert mail.outbox == [] and not ReportReminder.objects.exists()


def test_the_final_report_14_days_before_mails_the_convenor(world, run, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.se/"
    group = _final_due_in(world.extra["own_group"], 10)
    queued = run()
    reminder = ReportReminder.objects.get()
    assert queued == [reminder.pk]
    assert (reminder.workgroup, reminder.report_kind) == (group, "slutrapport")
    assert reminder.stage == "14"
    assert reminder.due_date == group.final_report_due and reminder.sent_at is not None
    assert reminder.recipients == CONVENOR
    [message] = mail.outbox
    assert message.to == [CONVENOR] and message.cc == []
    assert message.subject.startswith("Påminnelse: slutrapporten från Arbetsgrupp AT/BT")
    assert "ska lämna sin slutrapport senast" in message.body and "om 10 dagar" in message.body
    assert f"https://portal.example.se{group.get_absolute_url()}" in message.body
    assert "sekretariat" not in message.body


def test_a_due_date_two_days_ahead_sends_only_the_3_day_reminder(world, run):
    _final_due_in(world.extra["own_group"], 2)
    run()
    assert list(ReportReminder.objects.values_list("stage", flat=True)) == ["3"]
    [message] = mail.outbox
    assert "om 2 dagar" in message.body


def test_due_today_is_the_3_day_stage(world, run):
    _final_due_in(world.extra["own_group"], 0)
    run()
    assert ReportReminder.objects.get().stage == "3"
    assert "i dag" in mail.outbox[0].body


def test_run_twice_each_reminder_goes_once(world, run):
    _final_due_in(world.extra["own_group"], 10)
    _final_due_in(world.extra["other_group"], 3)
    assert len(run()) == 2
    assert run() == []
    assert sorted(m.to[0] for m in mail.outbox) == ["ledamot@norra.test", CONVENOR]
    assert ReportReminder.objects.count() == 2


def test_a_row_made_by_another_run_is_not_queued_again(world, run):
    group = _final_due_in(world.extra["own_group"], 10)
    # The other run's row, committed first: the unique constraint makes this run's insert fail.
    ReportReminder.objects.create(
        workgroup=group, report_kind="slutrapport", due_date=group.final_report_due, stage="14"
    )
    assert run() == []
    assert mail.outbox == [] and ReportReminder.objects.count() == 1


def test_each_stage_once_as_the_days_pass(world, django_capture_on_commit_callbacks):
    """Beat runs every six hours: over the last fortnight, three mails and no more."""
    group = _final_due_in(world.extra["own_group"], 14)
    due = group.final_report_due
    for day in range(14, -3, -1):
        today = due - dt.timedelta(days=day)
        for _run in range(2):
            with django_capture_on_commit_callbacks(execute=False):
                queued = report_reminders_queue(today=today)
            for pk in queued:
                report_reminder_send(reminder=ReportReminder(pk=pk), today=today)
    assert sorted(ReportReminder.objects.values_list("stage", flat=True)) == ["14", "3", "forsenad"]
    assert len(mail.outbox) == 3


def test_sending_twice_mails_once(world):
    group = _final_due_in(world.extra["own_group"], 5)
    report_reminders_queue()
    reminder = ReportReminder.objects.get()
    assert report_reminder_send(reminder=reminder) is True
    assert report_reminder_send(reminder=reminder) is False
    assert len(mail.outbox) == 1
    assert ReportReminder.objects.get().due_date == group.final_report_due


def test_a_failed_mail_marks_nothing_and_the_retry_sends_it(world, monkeypatch):
    _final_due_in(world.extra["own_group"], 5)
    report_reminders_queue()
    reminder = ReportReminder.objects.get()

    def refuse(self, fail_silently=False):
        raise OSError("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMessage, "send", refuse)
        with pytest.raises(OSError):
            report_reminder_send(reminder=reminder)
    assert ReportReminder.objects.get().sent_at is None
    assert report_reminder_send(reminder=reminder) is True
    assert len(mail.outbox) == 1


def test_a_reminder_left_unsent_is_queued_again_by_a_later_run(world, run):
    _final_due_in(world.extra["own_group"], 5)
    report_reminders_queue()  # its task lost: the on-commit callback never runs
    reminder = ReportReminder.objects.get()
    assert run() == []  # too soon: the first task may still be on its way
    ReportReminder.objects.filter(pk=reminder.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=2)
    )
    assert run() == [reminder.pk]
    assert run() == []
    assert len(mail.outbox) == 1


def test_a_submitted_final_report_ends_the_reminders(world, run):
    group = _final_due_in(world.extra["own_group"], 2)
    services.report_create(group=group, kind="slutrapport", done="Klart", submit=True)
    assert run() == []
    assert mail.outbox == []


def test_a_draft_final_report_is_still_due(world, run):
    group = _final_due_in(world.extra["own_group"], 2)
    services.report_create(group=group, kind="slutrapport", done="Utkast", submit=False)
    run()
    assert len(mail.outbox) == 1


def test_a_closed_group_gets_no_reminders(world, run):
    group = _final_due_in(world.extra["own_group"], -3)
    services.report_create(group=group, kind="lagesrapport", due_date=_today(), submit=False)
    services.workgroup_update(group=group, version=None, status="avslutad")
    assert run() == []
    assert mail.outbox == []


def test_a_report_handed_in_before_its_mail_goes_is_not_reminded(world):
    group = _final_due_in(world.extra["own_group"], 5)
    report_reminders_queue()
    services.report_create(group=group, kind="slutrapport", done="Klart", submit=True)
    assert report_reminder_send(reminder=ReportReminder.objects.get()) is False
    assert mail.outbox == [] and not ReportReminder.objects.exists()


def test_a_due_date_moved_before_the_mail_goes_is_reminded_anew(world, run):
    group = _final_due_in(world.extra["own_group"], 5)
    report_reminders_queue()
    stale = ReportReminder.objects.get()
    group = _final_due_in(group, 2)
    assert report_reminder_send(reminder=stale) is False
    run()
    reminder = ReportReminder.objects.get()
    assert (reminder.due_date, reminder.stage) == (group.final_report_due, "3")
    assert len(mail.outbox) == 1


def test_a_planned_status_report_links_to_itself(world, run, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.se"
    group = world.extra["own_group"]
    report = services.report_create(
        group=group, kind="lagesrapport", due_date=_today() + dt.timedelta(days=3), submit=False
    )
    run()
    reminder = ReportReminder.objects.get()
    assert (reminder.report, reminder.report_kind, reminder.stage) == (report, "lagesrapport", "3")
    [message] = mail.outbox
    assert message.subject.startswith("Påminnelse: lägesrapporten från")
    assert f"https://portal.example.se{report.get_absolute_url()}" in message.body


def test_a_submitted_or_undated_status_report_is_not_due(world, run):
    group = world.extra["own_group"]
    soon = _today() + dt.timedelta(days=3)
    services.report_create(group=group, kind="lagesrapport", due_date=soon, submit=True)
    services.report_create(group=group, kind="lagesrapport", submit=False)
    assert run() == []


def test_two_planned_reports_on_one_day_are_one_reminder(world, run):
    # The log's key is the group, kind, date and stage: one mail says the report is due.
    group = world.extra["own_group"]
    soon = _today() + dt.timedelta(days=3)
    for _ in range(2):
        services.report_create(group=group, kind="lagesrapport", due_date=soon, submit=False)
    run()
    assert len(mail.outbox) == 1


def test_overdue_goes_to_the_secretariat_with_the_convenor_in_copy(world, run):
    group = _final_due_in(world.extra["own_group"], -1)
    run()
    reminder = ReportReminder.objects.get()
    assert reminder.stage == "forsenad"
    [message] = mail.outbox
    assert message.to == [SECRETARIAT] and message.cc == [CONVENOR]
    assert message.subject == f"Försenad slutrapport: {group.name}"
    assert "skulle ha lämnat sin slutrapport" in message.body and "för 1 dag sedan" in message.body
    assert reminder.recipients == f"{SECRETARIAT}, {CONVENOR}"


def test_overdue_of_another_council_goes_to_its_own_secretariat(world, run):
    _final_due_in(world.extra["other_group"], -20)
    run()
    [message] = mail.outbox
    assert message.to == ["sekretariat@norra.test"] and message.cc == ["ledamot@norra.test"]


def test_without_a_convenor_the_secretariat_is_reminded_and_told_why(world, run):
    group = services.workgroup_create(
        council=world.own, name="Intermediärvård",
        final_report_due=_today() + dt.timedelta(days=12),
    )  # fmt: skip
    services.member_add(group=group, user=world.users["group_member"], role=Member.Role.MEMBER)
    run()
    [message] = mail.outbox
    assert message.to == [SECRETARIAT]
    assert "ingen sammankallande" in message.body


def test_a_former_convenor_is_not_reminded_a_contact_convenor_is(world, run):
    group = _final_due_in(world.extra["own_group"], 10)
    convenor = Member.objects.get(workgroup=group, user=world.users["convenor"])
    services.member_update(
        member=convenor,
        start_date=_today() - dt.timedelta(days=100),
        end_date=_today() - dt.timedelta(days=1),
    )
    services.member_add(
        group=group, name="Karin Kontakt", email="karin@regionorebro.test",
        role=Member.Role.CONVENOR,
    )  # fmt: skip
    run()
    [message] = mail.outbox
    assert message.to == ["karin@regionorebro.test"]


def test_two_convenors_get_one_mail_together(world, run):
    group = _final_due_in(world.extra["own_group"], 10)
    member = world.extra["own_group_member"]
    services.member_update(member=member, role=Member.Role.CONVENOR)
    run()
    [message] = mail.outbox
    assert sorted(message.to) == ["gruppmedlem@mellan.test", CONVENOR]
    assert ReportReminder.objects.get(workgroup=group).sent_at is not None


def test_with_nobody_to_tell_the_reminder_is_logged_unsent(world, run):
    from councils.models import Membership

    # The national council's secretariat gone too: nobody to tell.
    Membership.objects.filter(council=world.councils["nationella"]).delete()
    group = services.workgroup_create(
        council=world.councils["nationella"], name="Utan adresser",
        final_report_due=_today() + dt.timedelta(days=12),
    )  # fmt: skip
    run()
    reminder = ReportReminder.objects.get(workgroup=group)
    assert reminder.sent_at is not None and reminder.recipients == ""
    assert mail.outbox == []
