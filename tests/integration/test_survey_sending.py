"""Invitations go out through the real Celery worker over Redis, after the commit."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from surveys import services
from surveys.models import InvitationEvent
from tests.conftest import wait_until
from tests.world import build_world

pytestmark = pytest.mark.integration


def test_the_worker_mails_each_invitation_a_working_link(celery_worker_real):
    world = build_world()
    survey = world.extra["own_survey"]
    with transaction.atomic():
        queued = services.invitations_send_queue(
            survey=survey, kind=InvitationEvent.Kind.SENT, by=world.users["secretariat"]
        )
        assert queued == 2 and mail.outbox == []  # nothing leaves before the commit
    wait_until(lambda: len(mail.outbox) == 2, timeout=30, message="two invitation e-mails")
    assert sorted(m.to[0] for m in mail.outbox) == ["kontakt@1784.test", "kontakt@1880.test"]
    body = next(m.body for m in mail.outbox if m.to == ["kontakt@1784.test"])
    path = body[body.index("/svara/") :].split()[0]
    assert Client().get(path).status_code == 302
    assert survey.invitations.filter(sent_at__isnull=False).count() == 2
    assert InvitationEvent.objects.filter(kind="sent", invitation__survey=survey).count() >= 2
