"""Sessions: a set cookie age, the idle timeout for council users, and respondents who keep
their draft however long they take."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Question
from tests.world import PASSWORD
from vkr_portal.middleware import IdleTimeoutMiddleware

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
STAMP = IdleTimeoutMiddleware.STAMP_KEY


def _idle_for(client: Client, seconds: float) -> None:
    """Make the client's session look as if its last request was that long ago."""
    session = client.session
    session[STAMP] = int(time.time() - seconds)
    session.save()


def _plan_url(world) -> str:
    return reverse("activities:plan", kwargs={"slug": world.own.slug, "year": 2022})


def test_the_settings_read_the_session_variables_from_the_environment():
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps([settings.SESSION_COOKIE_AGE, "
        "settings.SESSION_IDLE_TIMEOUT.total_seconds()]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "vkr_portal.settings"}
    env.pop("SESSION_COOKIE_AGE_HOURS", None)
    env.pop("SESSION_IDLE_TIMEOUT_MINUTES", None)

    def read(**variables) -> list[float]:
        run = subprocess.run(
            [sys.executable, "-c", code],
            env={**env, **variables},
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(run.stdout)

    assert read() == [12 * 3600, 120 * 60]
    assert read(SESSION_COOKIE_AGE_HOURS="8", SESSION_IDLE_TIMEOUT_MINUTES="30") == [8 * 3600, 1800]


def test_the_session_cookie_lives_as_long_as_the_setting_says(world, settings):
    client = Client()
    client.post(reverse("login"), {"username": world.users["member"].email, "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE == 12 * 3600


def test_a_login_starts_the_idle_clock(world):
    client = Client()
    client.post(reverse("login"), {"username": world.users["member"].email, "password": PASSWORD})
    assert abs(client.session[STAMP] - time.time()) < 5


def test_a_council_user_idle_too_long_is_logged_out_and_told_why(world, client_for):
    client = client_for("member")
    client.get(reverse("home"))
    _idle_for(client, 2 * 3600 + 60)
    response = client.get(_plan_url(world))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={_plan_url(world)}"
    login_page = client.get(response["Location"])
    assert "Du har loggats ut eftersom du inte har använt portalen på 2\xa0timmar" in (
        login_page.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_a_council_user_within_the_timeout_stays_and_the_clock_restarts(world, client_for):
    client = client_for("member")
    client.get(reverse("home"))
    _idle_for(client, 2 * 3600 - 60)
    assert client.get(_plan_url(world)).status_code == 200
    assert abs(client.session[STAMP] - time.time()) < 5


def test_the_idle_timeout_is_configurable(world, client_for, settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(minutes=5)
    client = client_for("member")
    client.get(reverse("home"))
    _idle_for(client, 6 * 60)
    response = client.get(_plan_url(world))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_idle_htmx_request_sends_the_whole_page_to_the_login(world, client_for):
    client = client_for("member")
    client.get(reverse("home"))
    _idle_for(client, 3 * 3600)
    plan = _plan_url(world)
    response = client.get(
        reverse("activities:activity_create", kwargs={"slug": world.own.slug, "year": 2022}),
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{plan}"},
    )
    assert response["HX-Redirect"] == f"{reverse('login')}?next={plan}"


def test_a_respondent_keeps_the_draft_past_the_idle_timeout_and_the_session(world, monkeypatch):
    invitation = world.extra["own_invitation"]
    respond_url = reverse("surveys:respond", args=[invitation.pk])
    link_url = reverse("surveys:link", args=[world.extra["own_token"]])
    client = Client()
    client.get(link_url)
    multiple = Question.objects.get(
        section__survey=world.extra["own_survey"], kind=Question.Kind.MULTIPLE
    )
    option = multiple.options.first()
    saved = client.post(
        respond_url,
        {"respondent_name": "Sara Holm", "action": "save", f"q_{multiple.pk}": [option.pk]},
    )
    assert saved.status_code == 302  # Post/Redirect/Get
    # Three hours on: the idle timeout is for council users only.
    later = time.time() + 3 * 3600
    monkeypatch.setattr("vkr_portal.middleware.time.time", lambda: later)
    assert client.get(respond_url).status_code == 200
    # The session itself has ended (SESSION_COOKIE_AGE): the link opens the draft again.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(respond_url).status_code == 403
    client.get(link_url)
    form = client.get(respond_url).context["form"]
    assert form.initial[f"q_{multiple.pk}"] == [option.pk]
    assert form.initial["respondent_name"] == "Sara Holm"
