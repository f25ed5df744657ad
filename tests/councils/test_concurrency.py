"""The same person added eight times at once, the same form sent eight times at once: on
PostgreSQL, with one client and one database connection per thread."""

import time
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from councils.models import AccessibilityReport, Membership, User
from tests.concurrency import run_together

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

THREADS = 8


def _member_form(key: str, email: str = "samtidig@kommun.test") -> dict:
    return {
        "email": email,
        "full_name": "Samma Person",
        "role": "ledamot",
        "party": "kommuner",
        "start_date": "2026-01-01",
        "idempotency_key": key,
    }


def _secretariat_posts(world, forms: list[dict]):
    url = reverse("councils:member_add", kwargs={"slug": world.own.slug})
    clients = []
    for _form in forms:
        client = Client(raise_request_exception=False)
        client.force_login(world.users["secretariat"])
        clients.append(client)
    return run_together(lambda i: clients[i].post(url, forms[i]), threads=len(forms))


@pytest.fixture
def slow_new_people():
    """Every request looks the person up before any of them adds her: a pause before a new
    person's insert makes the race the same every run instead of one run in a few."""

    def pause(sender, instance, **kwargs):
        if instance._state.adding:
            time.sleep(0.2)

    pre_save.connect(pause, sender=User)
    yield
    pre_save.disconnect(pause, sender=User)


def test_eight_secretaries_adding_the_same_new_person_at_once_add_them_once(world, slow_new_people):
    assert connection.vendor == "postgresql"
    email = "samtidig@kommun.test"
    # Eight forms, each opened on its own: eight keys.
    forms = [_member_form(str(uuid.uuid4()), email) for _ in range(THREADS)]
    outcomes = _secretariat_posts(world, forms)
    assert outcomes.errors == []
    statuses = sorted(response.status_code for response in outcomes.results)
    assert statuses == [200] * (THREADS - 1) + [302]
    for response in outcomes.results:
        if response.status_code == 200:
            assert "redan ett pågående medlemskap" in response.content.decode()
    assert User.objects.filter(email=email).count() == 1
    assert Membership.objects.filter(user__email=email).count() == 1


def test_one_member_form_sent_eight_times_at_once_adds_the_person_once(world):
    form = _member_form(str(uuid.uuid4()))
    outcomes = _secretariat_posts(world, [form] * THREADS)
    assert outcomes.errors == []
    members = reverse("councils:members", kwargs={"slug": world.own.slug})
    assert [(r.status_code, r["Location"]) for r in outcomes.results] == [(302, members)] * THREADS
    assert Membership.objects.filter(user__email="samtidig@kommun.test").count() == 1


def test_one_accessibility_report_sent_eight_times_at_once_is_stored_and_mailed_once(world):
    data = {"description": "Fokusmarkeringen syns inte", "idempotency_key": str(uuid.uuid4())}
    clients = [Client(raise_request_exception=False) for _ in range(THREADS)]
    outcomes = run_together(lambda i: clients[i].post(reverse("accessibility"), data), THREADS)
    assert outcomes.errors == []
    assert [r.status_code for r in outcomes.results] == [302] * THREADS
    assert AccessibilityReport.objects.count() == 1
    # Tasks are eager here and run on commit: one report, one e-mail.
    assert len(mail.outbox) == 1
