"""Sending a round once: every e-mail carries a new link that ends the one before, so a second
"Påminn" within the interval mails no one, "Skicka inbjudningar" twice mails each invitation
once, and a double click on "Ny länk" sends one link. Decided under the invitation's row lock
(the parallel and real-worker cases are in tests/integration/)."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from surveys import services, tokens
from surveys.models import Invitation, InvitationEvent
from surveys.tasks import invitations_send_task
from tests.world import ARVIKA_CONTACTS

pytestmark = pytest.mark.django_db

SENT, REMINDED, RESENT = (InvitationEvent.Kind.SENT, InvitationEvent.Kind.REMINDED,
                          InvitationEvent.Kind.RESENT)  # fmt: skip


def _url(name: str, survey, **extra) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"slug": survey.council.slug, "pk": survey.pk, **extra}
    )


def _link(message) -> str:
    line = next(line for line in message.body.splitlines() if "/svara/" in line).strip()
    return line[line.index("/svara/") :]


@pytest.fixture
def survey(world):
    return world.extra["own_survey"]


@pytest.fixture
def sent(survey, client_for, mailoutbox, django_capture_on_commit_callbacks):
    """The round's invitations are out (Arvika waits for an answer; Örebro has submitted)."""
    with django_capture_on_commit_callbacks(execute=True):
        client_for("secretariat").post(_url("send", survey))
    assert len(mailoutbox) == 2
    mailoutbox.clear()
    return survey


def _post(client: Client, url: str, capture):
    with capture(execute=True):
        return client.post(url, follow=True)


def test_a_second_reminder_within_the_interval_mails_no_one_and_keeps_the_first_link(
    sent, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("secretariat")
    first = _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    assert "1 påminnelser skickas nu." in first.content.decode()
    assert [m.to for m in mailoutbox] == [ARVIKA_CONTACTS]
    link = _link(mailoutbox[0])
    second = _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    html = second.content.decode()
    assert len(mailoutbox) == 1
    assert "En påminnelse skickades" in html and "Nästa påminnelse kan skickas tidigast" in html
    assert Client().get(link).status_code == 302  # the first reminder's link still works
    assert InvitationEvent.objects.filter(kind=REMINDED).count() == 1


def _earlier(invitation: Invitation, minutes: int) -> None:
    """As if the invitation's last reminder went `minutes` earlier than it did."""
    invitation.refresh_from_db()
    Invitation.objects.filter(pk=invitation.pk).update(
        reminded_at=invitation.reminded_at - timedelta(minutes=minutes)
    )


def test_after_the_interval_the_next_reminder_goes_with_a_new_link(
    sent, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("secretariat")
    _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    link = _link(mailoutbox[0])
    invitation = sent.invitations.get(organisation__code="1784")
    _earlier(invitation, 59)
    _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1  # 59 minutes: still too soon
    _earlier(invitation, 2)
    _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2 and _link(mailoutbox[1]) != link
    assert Client().get(link).status_code == 404


def test_the_interval_is_a_setting(sent, client_for, mailoutbox, settings,
                                   django_capture_on_commit_callbacks):  # fmt: skip
    settings.SURVEY_REMINDER_MIN_INTERVAL_MINUTES = 5
    client = client_for("secretariat")
    _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    refused = _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert "högst en gång per 5 minuter" in refused.content.decode()
    _earlier(sent.invitations.get(organisation__code="1784"), 6)
    _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2


def test_the_recipients_page_says_when_the_last_reminder_went_and_the_next_may(
    sent, client_for, django_capture_on_commit_callbacks
):
    client = client_for("secretariat")
    page = client.get(_url("recipients", sent)).content.decode()
    assert "Senaste påminnelsen" not in page and "högst en gång per 60 minuter" in page
    _post(client, _url("remind", sent), django_capture_on_commit_callbacks)
    page = client.get(_url("recipients", sent)).content.decode()
    assert "Senaste påminnelsen skickades" in page
    assert "De som påmindes då kan påminnas igen tidigast" in page


def test_two_reminders_queued_before_either_runs_mail_once(
    sent, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("secretariat")
    with django_capture_on_commit_callbacks() as queued:  # two tabs, both before the worker
        client.post(_url("remind", sent))
        client.post(_url("remind", sent))
    assert len(queued) == 2
    for task in queued:
        task()
    assert [m.to for m in mailoutbox] == [ARVIKA_CONTACTS]


def test_sending_the_invitations_twice_mails_each_once(
    survey, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("secretariat")
    with django_capture_on_commit_callbacks() as queued:
        client.post(_url("send", survey))
        client.post(_url("send", survey))
    for task in queued:
        task()
    assert sorted(m.to[0] for m in mailoutbox) == ["kontakt@1784.test", "kontakt@1880.test"]
    # The task run again (a retry, a late acknowledgement): nobody is mailed again.
    ids = list(survey.invitations.values_list("pk", flat=True))
    assert invitations_send_task.run(ids, SENT) == 0
    assert len(mailoutbox) == 2
    assert InvitationEvent.objects.filter(kind=SENT, invitation__survey=survey).count() == 3


def test_a_double_click_on_a_new_link_sends_one(sent, client_for, mailoutbox):
    client = client_for("secretariat")
    invitation = sent.invitations.get(organisation__code="1784")
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=invitation.sent_at - timedelta(minutes=10)
    )
    url = _url("resend", sent, invitation_pk=invitation.pk)
    first = client.post(url, follow=True)
    assert "En ny länk är skickad till Arvika kommun." in first.content.decode()
    link = _link(mailoutbox[0])
    second = client.post(url, follow=True)
    assert len(mailoutbox) == 1
    assert "så ingen ny länk har skickats" in second.content.decode()
    assert Client().get(link).status_code == 302


def test_a_revoked_invitation_gets_a_new_link_at_once(sent, client_for, mailoutbox):
    client = client_for("secretariat")
    invitation = sent.invitations.get(organisation__code="1784")
    client.post(_url("revoke", sent, invitation_pk=invitation.pk))
    client.post(_url("resend", sent, invitation_pk=invitation.pk))
    assert [m.to for m in mailoutbox] == [ARVIKA_CONTACTS]
    invitation.refresh_from_db()
    assert not invitation.is_revoked and invitation.token_hash == tokens.token_hash(
        _link(mailoutbox[0]).split("/")[2]
    )


def test_the_service_says_why_and_when(sent):
    invitation = sent.invitations.get(organisation__code="1784")
    assert services.invitation_send(invitation=invitation, kind=REMINDED)
    again = services.invitation_send(invitation=invitation, kind=REMINDED)
    assert not again and again.reason == "too_soon"
    assert again.next_at - again.last_at == timedelta(minutes=60)
    assert services.invitation_send(invitation=invitation, kind=SENT).reason == "already_sent"
    submitted = sent.invitations.get(organisation__code="1880")
    assert services.invitation_send(invitation=submitted, kind=REMINDED).reason == "submitted"


def test_a_mail_that_fails_records_nothing_so_that_the_retry_sends_it(survey, mailoutbox):
    invitation = survey.invitations.get(organisation__code="1784")
    before = invitation.token_hash
    with (
        mock.patch("django.core.mail.send_mail", side_effect=OSError("smtp down")),
        pytest.raises(OSError),
    ):
        services.invitation_send(invitation=invitation, kind=SENT)
    invitation.refresh_from_db()
    assert (invitation.sent_at, invitation.token_hash) == (None, before)
    assert not invitation.events.filter(kind=SENT).exists()
    assert services.invitation_send(invitation=invitation, kind=SENT)
    assert len(mailoutbox) == 1


def test_a_double_click_on_revoke_or_reopen_logs_it_once(world, client_for):
    client = client_for("secretariat")
    survey = world.extra["own_survey"]
    kwargs = {"slug": survey.council.slug, "pk": survey.pk}
    arvika = world.extra["own_invitation"]
    for _ in range(2):
        client.post(reverse("surveys:revoke", kwargs={**kwargs, "invitation_pk": arvika.pk}))
    assert arvika.events.filter(kind=InvitationEvent.Kind.REVOKED).count() == 1
    orebro = world.extra["own_submitted_invitation"]
    for _ in range(2):
        client.post(reverse("surveys:reopen", kwargs={**kwargs, "invitation_pk": orebro.pk}))
    assert orebro.events.filter(kind=InvitationEvent.Kind.REOPENED).count() == 1
