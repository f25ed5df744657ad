"""The same survey form sent eight times at the same moment, on PostgreSQL: one survey, copy,
section or question is created and the other seven requests are sent to it. And eight clicks
on "Påminn", "Skicka inbjudningar" or "Ny länk" at once mail each organisation once.

Every request runs in a thread of its own with its own database connection and its own
logged-in client, released together by a barrier (tests/concurrency.py)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from surveys import services
from surveys.builtin import BUILTINS
from surveys.models import Invitation, InvitationEvent, Question, Section, Survey
from tests.concurrency import run_together
from tests.world import ARVIKA_CONTACTS

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

THREADS = 8


@pytest.fixture(autouse=True)
def _tasks_in_the_request():
    """The races here are between requests: their tasks run in them, eagerly, even after a
    test in this session has used the real worker."""
    from vkr_portal.celery import app

    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = was_eager


def _clients(world, role: str = "secretariat") -> list[Client]:
    clients = []
    for _ in range(THREADS):
        client = Client()
        client.force_login(world.users[role], backend="django.contrib.auth.backends.ModelBackend")
        clients.append(client)
    return clients


def _post_together(world, url: str, data: dict) -> list:
    clients = _clients(world)
    outcomes = run_together(lambda i: clients[i].post(url, data), threads=THREADS)
    assert outcomes.errors == []
    assert len(outcomes.results) == THREADS
    assert [r.status_code for r in outcomes.results] == [302] * THREADS  # no error pages
    return outcomes.results


def _survey_url(name: str, survey: Survey) -> str:
    return reverse(f"surveys:{name}", kwargs={"slug": survey.council.slug, "pk": survey.pk})


@pytest.mark.parametrize("start_from", ["", "kompetensutveckling"])
def test_eight_identical_posts_create_one_survey(world, start_from):
    assert connection.vendor == "postgresql"
    data = {"start_from": start_from, "title": "Samtidig enkät", "audience": ["kommun"],
            "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    results = _post_together(world, reverse("surveys:create", args=[world.own.slug]), data)
    [created] = Survey.objects.filter(title="Samtidig enkät")
    assert {r["Location"] for r in results} == {_survey_url("builder", created)}
    if start_from:  # the built-in's sections once, not once per request
        sections = len(BUILTINS[start_from].sections)
        assert Section.objects.filter(survey__title="Samtidig enkät").count() == sections


def test_eight_identical_copies_make_one(world):
    survey = world.extra["own_survey"]
    _post_together(world, _survey_url("copy", survey), {"idempotency_key": str(uuid.uuid4())})
    assert Survey.objects.filter(copied_from=survey).count() == 1


def test_eight_identical_sections_and_questions_add_one_each(world):
    survey = services.survey_create(council=world.own, title="Bygge", audience=["kommun"])
    section = services.section_add(survey=survey, title="Bakgrund")
    data = {"title": "Demens", "idempotency_key": str(uuid.uuid4())}
    results = _post_together(world, _survey_url("section_add", survey), data)
    [added] = survey.sections.filter(title="Demens")
    assert {r["Location"] for r in results} == {
        _survey_url("builder", survey) + f"#section-{added.pk}"
    }
    data = {"section": section.pk, "kind": "text", "text": "Vad saknas?",
            "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    _post_together(world, _survey_url("question_add", survey), data)
    assert Question.objects.filter(section__survey=survey, text="Vad saknas?").count() == 1


def _sent_round(world) -> tuple[Survey, Invitation]:
    """The own survey's invitations sent; Arvika (not submitted) is the one to remind."""
    survey = world.extra["own_survey"]
    for invitation in survey.invitations.all():
        assert services.invitation_send(invitation=invitation, kind=InvitationEvent.Kind.SENT)
    mail.outbox.clear()
    return survey, survey.invitations.get(organisation__code="1784")


def test_eight_reminders_at_once_mail_once(world):
    survey, arvika = _sent_round(world)
    _post_together(world, _survey_url("remind", survey), {})
    assert [m.to for m in mail.outbox] == [ARVIKA_CONTACTS]
    assert arvika.events.filter(kind=InvitationEvent.Kind.REMINDED).count() == 1


def test_eight_sends_of_one_invitation_at_once_mail_once(world):
    invitation = world.extra["own_invitation"]
    mail.outbox.clear()
    outcomes = run_together(
        lambda i: services.invitation_send(invitation=invitation, kind="sent"), threads=THREADS
    )
    assert outcomes.errors == []
    assert sorted(bool(o) for o in outcomes.results) == [False] * 7 + [True]
    assert {o.reason for o in outcomes.results if not o} == {"already_sent"}
    assert len(mail.outbox) == 1


def test_eight_clicks_on_a_new_link_at_once_send_one(world):
    survey, arvika = _sent_round(world)
    Invitation.objects.filter(pk=arvika.pk).update(sent_at=arvika.sent_at - timedelta(hours=1))
    url = reverse(
        "surveys:resend",
        kwargs={"slug": survey.council.slug, "pk": survey.pk, "invitation_pk": arvika.pk},
    )
    _post_together(world, url, {})
    assert [m.to for m in mail.outbox] == [ARVIKA_CONTACTS]
    assert arvika.events.filter(kind=InvitationEvent.Kind.RESENT).count() == 1
