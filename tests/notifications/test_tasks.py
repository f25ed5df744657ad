"""The periodic tasks: their beat entries, and surveys about to close told once per survey
with the response rate."""

from __future__ import annotations

import datetime as dt

from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.utils import timezone

from notifications.models import Kind
from notifications.tasks import surveys_closing_task
from surveys.models import Survey
from tests.notifications.conftest import rows


def test_the_beat_entries():
    schedule = settings.CELERY_BEAT_SCHEDULE
    digest = schedule["notifications-digest"]
    assert digest["task"] == "notifications.tasks.notification_digests_task"
    assert digest["schedule"] == crontab(minute=0, hour=settings.NOTIFY_DIGEST_HOUR)
    closing = schedule["notifications-surveys-closing"]
    assert closing["task"] == "notifications.tasks.surveys_closing_task"
    assert schedule["notifications-requeue"]["task"] == (
        "notifications.tasks.notifications_requeue_task"
    )
    assert schedule["notifications-purge"]["task"] == "notifications.tasks.notifications_purge_task"


def test_notifications_sent_a_year_ago_are_forgotten_unsent_ones_kept(world):
    from notifications.models import Notification
    from notifications.tasks import notifications_purge_task

    member = world.users["member"]
    now = timezone.now()

    def row(event: str, sent_days_ago: int | None) -> Notification:
        sent = None if sent_days_ago is None else now - dt.timedelta(days=sent_days_ago)
        return Notification.objects.create(
            kind=Kind.ACTIVITY_RAISED, object_id=1, event=event, recipient=member, sent_at=sent
        )

    old, recent, waiting = row("old", 366), row("recent", 364), row("waiting", None)
    Notification.objects.filter(pk=waiting.pk).update(created_at=now - dt.timedelta(days=400))
    assert notifications_purge_task.apply().get() == 1
    left = set(Notification.objects.filter(pk__in=[old.pk, recent.pk, waiting.pk]).values_list(
        "pk", flat=True
    ))  # fmt: skip
    assert left == {recent.pk, waiting.pk}


def _closing_in(survey, days: float) -> None:
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + dt.timedelta(days=days))


def _closing_on(survey, days: int) -> None:
    """Closing at noon, `days` calendar days from today."""
    noon = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), dt.time(12))
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.make_aware(noon))


def test_the_secretariat_is_told_once_with_the_response_rate(
    world, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.se"
    survey = world.extra["own_survey"]
    _closing_on(survey, 2)
    for _run in range(2):  # beat runs every hour
        with django_capture_on_commit_callbacks(execute=True):
            surveys_closing_task.apply().get()
    [message] = mail.outbox
    assert message.to == ["sekretariat@mellan.test"]
    assert message.subject == "Enkäten ”Kompetensbehov Mellansverige” stänger om 2 dagar"
    assert "Svarsfrekvens: 50\u00a0% (1 av 2 har svarat)." in message.body
    assert "1 har ännu inte svarat. Du kan skicka en påminnelse" in message.body
    assert f"https://portal.example.se{survey.get_absolute_url()}" in message.body
    assert rows(Kind.SURVEY_CLOSING).count() == 1


def test_the_number_of_days_is_a_setting(world, django_capture_on_commit_callbacks, settings):
    settings.NOTIFY_SURVEY_CLOSING_DAYS = 7
    _closing_on(world.extra["own_survey"], 6)
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys_closing_task.apply().get() == 1
    [message] = mail.outbox
    assert message.subject.endswith("stänger om 6 dagar")


def test_a_survey_closed_before_the_mail_goes_is_not_told(
    world, django_capture_on_commit_callbacks
):
    survey = world.extra["own_survey"]
    _closing_in(survey, 1)
    with django_capture_on_commit_callbacks() as queued:
        surveys_closing_task.apply().get()
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED)
    for callback in queued:
        callback()
    assert mail.outbox == []
