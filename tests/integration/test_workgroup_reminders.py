"""Report reminders through the real Celery worker over Redis: each reminder is mailed once,
when the task runs twice, when two runs overlap, and when a real beat fires the schedule."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from tests.conftest import wait_until
from tests.world import build_world
from workgroups import services
from workgroups.models import ReportReminder
from workgroups.services.reminders import report_reminders_queue
from workgroups.tasks import report_reminders_task

pytestmark = pytest.mark.integration

CONVENOR = "sammankallande@mellan.test"


def _due(world) -> None:
    """Three reminders due today: the own group's final report in 10 days ("14"), its
    planned status report in 2 days ("3"), the other council's final report overdue."""
    today = timezone.localdate()
    own = services.workgroup_update(
        group=world.extra["own_group"], version=None,
        final_report_due=today + dt.timedelta(days=10),
    )  # fmt: skip
    services.report_create(
        group=own, kind="lagesrapport", due_date=today + dt.timedelta(days=2), submit=False
    )
    services.workgroup_update(
        group=world.extra["other_group"], version=None,
        final_report_due=today - dt.timedelta(days=1),
    )  # fmt: skip


def _mails() -> Counter:
    return Counter((tuple(m.to), tuple(m.cc), m.subject) for m in mail.outbox)


def _sentinel(world) -> None:
    """One more group due, reminded by one more run queued behind everything before it: the
    worker runs one task at a time in order, so when its mail is out, the rest have run."""
    group = services.workgroup_create(
        council=world.own, name="Sista gruppen",
        final_report_due=timezone.localdate() + dt.timedelta(days=5),
    )  # fmt: skip
    services.member_add(group=group, name="Sam Sist", email="sist@example.test",
                        role="sammankallande")  # fmt: skip
    report_reminders_task.delay()
    wait_until(lambda: any(m.to == ["sist@example.test"] for m in mail.outbox), timeout=30,
               message="the sentinel's reminder")  # fmt: skip


def _assert_each_reminder_once() -> None:
    mails = _mails()
    assert all(n == 1 for n in mails.values()), mails
    recipients = sorted(to for to, _cc, _subject in mails)
    assert recipients == [(CONVENOR,), (CONVENOR,), ("sekretariat@norra.test",),
                          ("sist@example.test",)]  # fmt: skip
    overdue = next(m for m in mail.outbox if m.to == ["sekretariat@norra.test"])
    assert overdue.cc == ["ledamot@norra.test"]
    assert ReportReminder.objects.count() == 4
    assert not ReportReminder.objects.filter(sent_at__isnull=True).exists()


def test_the_task_run_twice_mails_each_reminder_once(celery_worker_real):
    world = build_world()
    _due(world)
    report_reminders_task.delay()
    report_reminders_task.delay()
    wait_until(lambda: len(mail.outbox) >= 3, timeout=30, message="three reminders")
    _sentinel(world)
    _assert_each_reminder_once()


def test_two_runs_at_the_same_moment_mail_each_reminder_once(celery_worker_real):
    """The first run has inserted its rows and not committed when the second starts: the
    second waits on the unique index, then finds the rows made and queues nothing."""
    world = build_world()
    _due(world)
    inserted, results, errors = threading.Event(), {}, []

    def first() -> None:
        try:
            with transaction.atomic():
                results["first"] = report_reminders_queue()
                inserted.set()
                time.sleep(1)  # the second run is now waiting on these rows
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            inserted.set()
            connection.close()

    def second() -> None:
        try:
            inserted.wait(10)
            started = time.monotonic()
            results["second"] = report_reminders_queue()
            results["waited"] = time.monotonic() - started
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert len(results["first"]) == 3 and results["second"] == []
    assert results["waited"] > 0.5  # it did overlap: it waited for the first to commit
    _sentinel(world)
    _assert_each_reminder_once()


def test_a_real_beat_fires_the_schedule_entry_and_mails_once(celery_worker_real, tmp_path):
    from celery.beat import Service
    from celery.signals import task_prerun

    from vkr_portal.celery import app

    world = build_world()
    _due(world)
    runs = []

    def count_runs(sender=None, **_kwargs) -> None:
        if sender is not None and sender.name == report_reminders_task.name:
            runs.append(1)

    task_prerun.connect(count_runs, weak=False)
    entry = settings.CELERY_BEAT_SCHEDULE["workgroup-report-reminders"]
    assert entry["task"] == "workgroups.tasks.report_reminders_task"
    saved = app.conf.beat_schedule
    # The production entry, due at once and every second instead of every six hours.
    app.conf.beat_schedule = {"reminders": {**entry, "schedule": dt.timedelta(seconds=1)}}
    beat = Service(app, max_interval=1, schedule_filename=str(tmp_path / "schedule"))
    thread = threading.Thread(target=beat.start, kwargs={"embedded_process": True}, daemon=True)
    thread.start()
    try:
        wait_until(lambda: len(mail.outbox) >= 3, timeout=30, message="beat's reminders")
        time.sleep(3)  # beat fires the task a few more times
    finally:
        beat.stop()
        thread.join(10)
        app.conf.beat_schedule = saved
        task_prerun.disconnect(count_runs)
    assert len(runs) >= 2, "beat should have fired the task more than once"
    _sentinel(world)
    _assert_each_reminder_once()
