"""Link tokens never reach a log line: not Django's request warnings, not runserver's or
gunicorn's lines, not any other logger that ends in the portal's handler."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
import yaml
from django.test import Client
from django.urls import reverse

from vkr_portal.log_filters import REDACTED, RedactTokensFilter, redact_tokens

BASE_DIR = Path(__file__).resolve().parents[2]
WRONG_TOKEN = "Wr0ng-t0ken-of-the-right-length-abcdefghijk"


@pytest.mark.django_db
def test_a_wrong_link_is_logged_without_its_token(world, caplog):
    url = reverse("surveys:link", args=[WRONG_TOKEN])
    with caplog.at_level(logging.INFO):
        assert Client().get(url).status_code == 404
    assert WRONG_TOKEN not in caplog.text
    assert f"Not Found: /svara/{REDACTED}/" in caplog.text


@pytest.mark.django_db
def test_a_valid_link_is_logged_without_its_token(world, caplog):
    token = world.extra["own_token"]
    url = reverse("surveys:link", args=[token])
    with caplog.at_level(logging.INFO):
        # The link only answers GET: Django logs the others with their path.
        assert Client().put(url).status_code == 405
        # A POST without a CSRF cookie is logged by the CSRF check.
        assert Client(enforce_csrf_checks=True).post(url).status_code == 403
        assert Client().get(url).status_code == 302
    assert "Method Not Allowed (PUT)" in caplog.text and "Forbidden (CSRF" in caplog.text
    assert token not in caplog.text


def test_runserver_and_gunicorn_lines_are_redacted(caplog):
    path = "/svara/a-real-looking-token-0123456789/"
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("django.server").info('"%s" %s %s', f"GET {path} HTTP/1.1", 302, 0)
        logging.getLogger("gunicorn.error").error("Error handling request %s", path)
        logging.getLogger("gunicorn.error").debug("%s %s", "GET", path)
    assert "a-real-looking-token" not in caplog.text
    assert caplog.text.count(f"/svara/{REDACTED}/") == 3


def test_any_logger_that_reaches_the_portals_handler_is_redacted():
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactTokensFilter) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logging.getLogger("surveys.some_future_module").warning(
            "Slow page %s", "/svara/another-token-9876543210/?x=1"
        )
    finally:
        handler.setStream(previous)
    assert "another-token" not in stream.getvalue()
    assert f"/svara/{REDACTED}/?x=1" in stream.getvalue()


def test_the_patterns_follow_the_url_configuration():
    link = reverse("surveys:link", args=["tok-EN_123"])
    assert redact_tokens(f"Not Found: {link}") == f"Not Found: /svara/{REDACTED}/"
    reset = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "cdx-0123abcd"})
    assert "cdx-0123abcd" not in redact_tokens(f"GET {reset}")
    # The reset form's follow-up page has no token, and other account pages are left alone.
    set_password = reverse(
        "password_reset_confirm", kwargs={"uidb64": "MQ", "token": "set-password"}
    )
    assert redact_tokens(set_password) == set_password
    assert redact_tokens(reverse("password_reset_done")) == reverse("password_reset_done")


def test_gunicorn_keeps_its_access_log_off():
    """gunicorn logs no request lines unless told to: no access log option, no log config."""
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    web = compose["services"]["web"]
    command = web["command"] if isinstance(web["command"], str) else " ".join(web["command"])
    assert command.startswith("gunicorn ")
    for option in ["--access-logfile", "--log-config", "--log-syslog", "--log-level debug"]:
        assert option not in command
    environment = web.get("environment") or {}
    assert "GUNICORN_CMD_ARGS" not in environment
    assert not (BASE_DIR / "gunicorn.conf.py").exists()
