"""Nothing is told of a change that was rolled back, and nothing goes before the commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from activities import services as plans
from notifications.models import Kind, Notification
from tests.notifications.conftest import edited_by
from workgroups import services as groups


def test_a_rolled_back_answer_tells_nobody(world, django_capture_on_commit_callbacks):
    raised = world.extra["own_raise"]
    edited_by(raised.activity, world.users["member"])
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        plans.national_raise_answer(
            raised=raised, status="answered", answer="Ja.", user=world.users["national"]
        )
        raise RuntimeError("something after the answer failed")
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.filter(kind=Kind.RAISE_ANSWERED).exists()


def test_nothing_is_sent_before_the_commit(world, django_capture_on_commit_callbacks):
    raised = world.extra["own_raise"]
    edited_by(raised.activity, world.users["member"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        plans.national_raise_answer(
            raised=raised, status="answered", answer="Ja.", user=world.users["national"]
        )
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["ledamot@mellan.test"]]


def test_a_rolled_back_raise_and_question_make_no_rows(world):
    plan = world.extra["own_plan"]
    before = Notification.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        activity = plans.activity_create(
            plan=plan, focus_area=plan.focus_areas.first(), title="Ångras"
        )
        plans.activity_raise_to_national(activity=activity, motivation="M", user=None)
        groups.question_add(report=world.extra["own_report"], text="Ångras?")
        assert Notification.objects.count() > before
        raise RuntimeError
    assert Notification.objects.count() == before
