"""Throttles behind a reverse proxy: keyed on the client, not on the proxy; never locking out
whoever holds a real link or the right password; the password reset throttled too."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.world import PASSWORD
from vkr_portal.clientip import client_ip

PROXY = "10.0.0.2"


def _request(xff: str | None = None, remote: str = PROXY):
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **meta)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(_request("198.51.100.7", remote="203.0.113.9")) == "203.0.113.9"


def test_behind_one_proxy_the_client_is_what_the_proxy_appended(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("198.51.100.7")) == "198.51.100.7"
    # Whatever the client wrote itself is to the left, and ignored.
    assert client_ip(_request("1.2.3.4, 198.51.100.7")) == "198.51.100.7"


def test_behind_two_proxies_the_outer_proxys_entry_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("1.2.3.4, 198.51.100.7, 10.0.0.1")) == "198.51.100.7"


def test_a_missing_or_garbled_header_falls_back_to_the_connection(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request()) == PROXY
    assert client_ip(_request("inte-en-adress")) == PROXY
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("198.51.100.7")) == PROXY


def _proxied(client_address: str) -> Client:
    """A browser at `client_address`, reaching the portal through the proxy."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


@pytest.mark.django_db
def test_wrong_links_behind_the_proxy_throttle_only_the_client_that_sent_them(world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    guesser = _proxied("198.51.100.66")
    for _ in range(11):
        last = guesser.get(reverse("surveys:link", args=["fel" * 14]))
    assert last.status_code == 429
    # Another respondent behind the same proxy is not affected, wrong link or right.
    other = _proxied("198.51.100.7")
    assert other.get(reverse("surveys:link", args=["fel" * 14])).status_code == 404
    assert other.get(reverse("surveys:link", args=[world.extra["own_token"]])).status_code == 302


def _login(client: Client, email: str, password: str):
    return client.post(reverse("login"), {"username": email, "password": password})


@pytest.mark.django_db
def test_wrong_passwords_behind_the_proxy_do_not_lock_the_owner_out(world, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    email = world.users["member"].email
    attacker = _proxied("198.51.100.66")
    for _ in range(6):
        _login(attacker, email, "fel-lösenord")
    assert _login(attacker, email, PASSWORD).status_code == 429  # the attacker is locked out
    owner = _proxied("198.51.100.7")
    assert _login(owner, email, PASSWORD).status_code == 302  # the owner is not


@pytest.mark.django_db
def test_password_reset_is_throttled_per_address(world, mailoutbox):
    client = Client(REMOTE_ADDR="198.51.100.66")
    statuses = [
        client.post(reverse("password_reset"), {"email": f"person{n}@example.se"}).status_code
        for n in range(7)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    page = client.post(reverse("password_reset"), {"email": "ny@example.se"})
    assert "för många återställningslänkar" in page.content.decode()


@pytest.mark.django_db
def test_password_reset_is_throttled_per_email_across_addresses(world, mailoutbox):
    email = world.users["member"].email
    statuses = [
        Client(REMOTE_ADDR=f"198.51.100.{n}")
        .post(reverse("password_reset"), {"email": email.upper()})
        .status_code
        for n in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3
