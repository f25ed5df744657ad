"""Each login keeps the one before it ("since my last visit") and the language in use (the
language of the e-mails the portal sends)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import User
from tests.world import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, user, language="sv"):
    if language != "sv":
        client.post(reverse("set_language"), {"language": language, "next": "/"})
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_the_previous_login_is_kept(world, client):
    user = world.users["member"]
    earlier = timezone.now() - dt.timedelta(days=9)
    User.objects.filter(pk=user.pk).update(last_login=earlier, previous_login=None)
    _login(client, user)
    user.refresh_from_db()
    assert user.previous_login == earlier
    assert user.last_login > earlier + dt.timedelta(days=8)
    first = user.last_login
    client.logout()
    _login(client, user)
    user.refresh_from_db()
    assert user.previous_login == first and user.last_login >= first


def test_a_first_login_has_no_previous_one(world, client):
    user = world.users["secretariat"]
    User.objects.filter(pk=user.pk).update(last_login=None, previous_login=None)
    _login(client, user)
    user.refresh_from_db()
    assert user.previous_login is None and user.last_login is not None


def test_the_language_of_the_login_is_remembered(world, client):
    user = world.users["national"]
    assert user.language == "sv"
    _login(client, user, language="en")
    user.refresh_from_db()
    assert user.language == "en"
