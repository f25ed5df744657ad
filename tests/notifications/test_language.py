"""E-mails in the recipient's language (User.language), which follows their language switch.

The subjects, greetings ("Hej," → "Hello,"), closings and Django's month names in dates
tell the language."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from activities import services as plans
from councils.models import User
from notifications.services import notification_digest_send
from tests.notifications.conftest import edited_by


def _answer(world, committed):
    raised = world.extra["own_raise"]
    edited_by(raised.activity, world.users["member"])
    edited_by(raised.activity, world.users["secretariat"])
    return committed(
        plans.national_raise_answer, raised=raised, status="answered", answer="Ja.",
        user=world.users["national"],
    )  # fmt: skip


def _date(moment, language: str) -> str:
    """The day as the e-mail writes it: in the portal's time zone (after 23:00 UTC it is
    already the next day in Stockholm)."""
    with translation.override(language):
        return formats.date_format(timezone.localtime(moment), "j F Y")


def test_an_english_user_gets_english_a_swedish_user_swedish(world, committed):
    User.objects.filter(pk=world.users["member"].pk).update(language="en")
    raised = _answer(world, committed)
    english = next(m for m in mail.outbox if m.to == ["ledamot@mellan.test"])
    swedish = next(m for m in mail.outbox if m.to == ["sekretariat@mellan.test"])
    title = raised.activity.title
    assert english.subject == f"The national council has answered a raised activity: {title}"
    assert swedish.subject == f"Nationella rådet har svarat på en lyft aktivitet: {title}"
    assert english.body.startswith("Hello,") and "Kind regards" in english.body
    assert "has answered an activity that" in english.body
    assert _date(raised.answered_at, "en") in english.body
    assert swedish.body.startswith("Hej,") and "Med vänlig hälsning" in swedish.body
    assert _date(raised.answered_at, "sv") in swedish.body
    # The page that sent it stays Swedish: the override ends with the e-mail.
    assert translation.get_language() != "en"


def test_the_digest_is_in_the_recipients_language(world):
    User.objects.filter(pk=world.users["member"].pk).update(language="en")
    assert notification_digest_send(user_id=world.users["member"].pk) == 1
    [message] = mail.outbox
    assert message.subject.startswith("Daily digest")
    assert message.body.startswith("Hello,") and "Kind regards" in message.body


def test_switching_language_signed_in_sets_the_language_of_the_emails(world, client_for):
    client = client_for("member")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert User.objects.get(pk=world.users["member"].pk).language == "en"
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert User.objects.get(pk=world.users["member"].pk).language == "sv"


def test_a_language_not_offered_changes_nothing(world, client_for):
    client_for("member").post(reverse("set_language"), {"language": "de", "next": "/"})
    assert User.objects.get(pk=world.users["member"].pk).language == "sv"


def test_switching_language_anonymously_still_works(world, client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
