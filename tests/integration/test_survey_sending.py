"""Invitations go out through the real Celery worker over Redis, after the commit."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from councils.models import Organisation
from surveys import services
from surveys.models import InvitationEvent
from tests.conftest import wait_until
from tests.world import ARVIKA_CONTACTS, build_world

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
    body = next(m.body for m in mail.outbox if m.to[0] == "kontakt@1784.test")
    path = body[body.index("/svara/") :].split()[0]
    assert Client().get(path).status_code == 302
    assert survey.invitations.filter(sent_at__isnull=False).count() == 2
    assert InvitationEvent.objects.filter(kind="sent", invitation__survey=survey).count() >= 2


def _secretariat(world) -> Client:
    client = Client()
    client.force_login(
        world.users["secretariat"], backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def _sentinel(world, survey) -> None:
    """Queue one more invitation, to a new organisation, behind the tasks already queued: the
    worker runs one task at a time in order, so when its mail is out, they have all run."""
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY, code="1881", name="Kumla kommun", lan_code="18"
    )
    organisation.healthcare_regions.add(world.own.healthcare_region)
    services.invitations_create(
        survey=survey, organisations=[organisation], emails={organisation.pk: ["sista@kumla.test"]}
    )
    services.invitations_send_queue(survey=survey, kind=InvitationEvent.Kind.SENT)
    wait_until(lambda: any(m.to == ["sista@kumla.test"] for m in mail.outbox), timeout=30,
               message="the mail queued last")  # fmt: skip


def test_sending_twice_and_reminding_twice_mail_each_organisation_once(celery_worker_real):
    world = build_world()
    survey = world.extra["own_survey"]
    client = _secretariat(world)

    def url(name: str) -> str:
        return reverse(name, kwargs={"slug": survey.council.slug, "pk": survey.pk})

    # A double click on "Skicka inbjudningar": two tasks, queued before either has run.
    assert client.post(url("surveys:send")).status_code == 302
    assert client.post(url("surveys:send")).status_code == 302
    wait_until(lambda: len(mail.outbox) >= 2, timeout=30, message="the invitations")
    # Then two tabs send "Påminn" (Örebro has submitted: only Arvika is reminded).
    assert client.post(url("surveys:remind")).status_code == 302
    assert client.post(url("surveys:remind")).status_code == 302
    _sentinel(world, survey)
    invitations = [m.to for m in mail.outbox if not m.subject.startswith("Påminnelse")]
    reminders = [m.to for m in mail.outbox if m.subject.startswith("Påminnelse")]
    assert sorted(invitations) == [ARVIKA_CONTACTS, ["kontakt@1880.test"],
                                   ["sista@kumla.test"]]  # fmt: skip
    assert reminders == [ARVIKA_CONTACTS]
    # The reminder's link is the one that works; nothing replaced it.
    body = next(m.body for m in mail.outbox if m.subject.startswith("Påminnelse"))
    path = body[body.index("/svara/") :].split()[0]
    assert Client().get(path).status_code == 302
    page = client.get(url("surveys:recipients")).content.decode()
    assert "Senaste påminnelsen skickades" in page
