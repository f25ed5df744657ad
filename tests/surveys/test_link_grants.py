"""A browser's grant to answer is bound to the link it came from: a new link or a revocation
ends every older grant, and a grant for one invitation opens no other."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from surveys import services
from surveys.access import SESSION_KEY
from surveys.models import Response

pytestmark = pytest.mark.django_db


def _opened(token: str) -> Client:
    client = Client()
    assert client.get(reverse("surveys:link", args=[token])).status_code == 302
    return client


def _respond(invitation) -> str:
    return reverse("surveys:respond", args=[invitation.pk])


def _save(client: Client, invitation, name: str):
    return client.post(_respond(invitation), {"action": "save", "respondent_name": name})


def test_a_new_link_ends_the_grant_of_the_old_one(world):
    invitation = world.extra["own_invitation"]
    old = _opened(world.extra["own_token"])
    assert _save(old, invitation, "Första").status_code == 302
    new_token = services.invitation_issue_link(invitation=invitation).token
    page = old.get(_respond(invitation))
    assert page.status_code == 410 and "ersatts av en nyare" in page.content.decode()
    assert _save(old, invitation, "Gammal länk").status_code == 410
    assert old.get(reverse("surveys:receipt", args=[invitation.pk])).status_code == 410
    assert Response.objects.get(invitation=invitation).respondent_name == "Första"
    # The new link opens the same draft.
    fresh = _opened(new_token)
    assert fresh.get(_respond(invitation)).context["form"].initial["respondent_name"] == "Första"


def test_a_revoked_link_ends_the_grant(world):
    invitation = world.extra["own_invitation"]
    old = _opened(world.extra["own_token"])
    services.invitation_revoke(invitation=invitation)
    page = _save(old, invitation, "Efter återkallelse")
    assert page.status_code == 410 and "återkallats" in page.content.decode()
    assert not Response.objects.filter(invitation=invitation).exists()


def test_revoked_then_reissued_the_old_grant_stays_ended(world):
    invitation = world.extra["own_invitation"]
    old = _opened(world.extra["own_token"])
    services.invitation_revoke(invitation=invitation)
    invitation.refresh_from_db()
    new_token = services.invitation_issue_link(invitation=invitation).token
    assert old.get(_respond(invitation)).status_code == 410
    assert _save(old, invitation, "Gammal session").status_code == 410
    assert not Response.objects.filter(invitation=invitation).exists()
    assert _save(_opened(new_token), invitation, "Ny länk").status_code == 302


def test_an_ended_grant_does_not_come_back_however_often_links_change(world):
    invitation = world.extra["own_invitation"]
    old = _opened(world.extra["own_token"])
    for _ in range(3):
        services.invitation_issue_link(invitation=invitation)
        assert old.get(_respond(invitation)).status_code == 410
    services.invitation_revoke(invitation=invitation)
    assert old.get(_respond(invitation)).status_code == 410


def test_a_grant_for_one_invitation_opens_no_other(world):
    own = _opened(world.extra["own_token"])
    other = world.extra["other_invitation"]
    assert own.get(_respond(other)).status_code == 403
    assert _save(own, other, "Fel kommun").status_code == 403
    assert own.get(reverse("surveys:receipt", args=[other.pk])).status_code == 403
    assert not Response.objects.filter(invitation=other).exists()


def test_a_session_from_before_bound_grants_grants_nothing(world):
    invitation = world.extra["own_invitation"]
    client = Client()
    session = client.session
    session[SESSION_KEY] = [invitation.pk]  # the old format: a list of invitation ids
    session.save()
    assert client.get(_respond(invitation)).status_code == 403
