"""Notifications through the real Celery worker over Redis: an immediate e-mail and the digest
are delivered by the worker, each once; two workers sending one notification at once send it
once. The worker runs in a thread of this process and shares django.core.mail.outbox (see
tests/conftest.py); only delivery is the test backend's."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection, transaction

from activities import services as plans
from notifications.models import Kind, Notification
from notifications.services import notification_send
from notifications.tasks import notification_digests_task
from tests.conftest import wait_until
from tests.notifications.conftest import edited_by
from tests.world import build_world

pytestmark = pytest.mark.integration

MEMBER = "ledamot@mellan.test"
DIGEST = "Daglig sammanfattning från portalen"


def _answer(world) -> None:
    raised = world.extra["own_raise"]
    edited_by(raised.activity, world.users["member"])
    with transaction.atomic():
        plans.national_raise_answer(
            raised=raised, status="answered", answer="Ja.", user=world.users["national"]
        )
        assert _answers_to_member() == []  # queued after the commit, not before


def _answers_to_member() -> list:
    return [m for m in mail.outbox if m.to == [MEMBER] and m.subject.startswith("Nationella")]


def test_an_immediate_email_is_delivered_by_the_worker(celery_worker_real):
    world = build_world()
    _answer(world)
    [message] = wait_until(_answers_to_member, timeout=30, message="the answer's e-mail")
    assert "Ja." in message.body
    assert Notification.objects.get(kind=Kind.RAISE_ANSWERED).sent_at is not None


def test_the_digest_is_delivered_by_the_worker_once_each(celery_worker_real):
    world = build_world()
    # What the world's build left waiting for a digest: raises (the national council) and
    # questions (the councils' members who did not ask).
    waiting = set(
        Notification.objects.filter(delivery="digest").values_list("recipient__email", flat=True)
    )
    assert waiting == {"nationell@nvkr.test", "sekretariat@nvkr.test", MEMBER,
                       "sekretariat@mellan.test", "sekretariat@norra.test"}  # fmt: skip
    notification_digests_task.delay()
    notification_digests_task.delay()  # beat fired twice, or a task delivered again
    wait_until(lambda: {m.to[0] for m in mail.outbox if m.subject.startswith(DIGEST)} == waiting,
               timeout=30, message="a digest for each")  # fmt: skip
    # A sentinel queued behind everything before it: when its mail is out, the rest have run.
    _answer(world)
    wait_until(_answers_to_member, timeout=30, message="the sentinel's e-mail")
    digests = Counter(m.to[0] for m in mail.outbox if m.subject.startswith(DIGEST))
    assert set(digests) == waiting and set(digests.values()) == {1}, digests
    assert not Notification.objects.filter(delivery="digest", sent_at__isnull=True).exists()


def test_two_workers_sending_the_same_notification_send_it_once(transactional_db, monkeypatch):
    """The first holds the row's lock while its mail goes; the second skips the locked row at
    once (it does not wait for the first), and nothing is sent twice."""
    world = build_world()
    monkeypatch.setattr("notifications.services.delivery._queue", lambda ids: None)
    _answer(world)
    row = Notification.objects.get(kind=Kind.RAISE_ANSWERED)
    sending, release = threading.Event(), threading.Event()
    real_send = EmailMessage.send

    def slow_send(self, fail_silently=False):
        sending.set()
        release.wait(10)
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", slow_send)
    results = {}

    def first() -> None:
        try:
            results["first"] = notification_send(notification_id=row.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert sending.wait(10)
    results["second"] = notification_send(notification_id=row.pk)
    first_still_sending = thread.is_alive()
    release.set()
    thread.join(10)
    assert results == {"first": True, "second": False}
    assert first_still_sending  # the second did not wait for the first's lock
    assert len(mail.outbox) == 1
