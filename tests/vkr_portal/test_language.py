"""Swedish is served unless English was chosen with the language switch."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_english_browser_still_gets_swedish(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="sv">' in response.content.decode()
    assert response["Content-Language"] == "sv"


def test_the_language_switch_chooses_english_for_later_pages(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert '<html lang="en">' in html and "Log in" in html


def test_an_unknown_language_cookie_falls_back_to_swedish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert '<html lang="sv">' in client.get(reverse("login")).content.decode()
