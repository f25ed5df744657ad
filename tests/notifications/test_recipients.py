"""Who is told of what: the right council's people with active seats, nobody else."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from activities import services as plans
from notifications.models import Delivery, Kind
from surveys.models import Survey
from tests.notifications.conftest import edited_by, recipients, rows, seat_ended
from workgroups import services as groups

NATIONAL = {"nationell@nvkr.test", "sekretariat@nvkr.test"}


def _new_activity(world, title="Introduktion av utlandsutbildade läkare"):
    plan = world.extra["own_plan"]
    return plans.activity_create(plan=plan, focus_area=plan.focus_areas.first(), title=title)


def test_a_raise_is_told_to_the_national_councils_active_members_only(world):
    seat_ended(world, world.councils["nationella"], "forra@nvkr.test", "Före Detta")
    activity = _new_activity(world)
    raised = plans.activity_raise_to_national(
        activity=activity, motivation="Behöver lösas nationellt", user=world.users["member"]
    )
    assert recipients(Kind.ACTIVITY_RAISED, raised.pk) == NATIONAL
    # The raise of the world's build went to the same people, once each.
    assert recipients(Kind.ACTIVITY_RAISED, world.extra["own_raise"].pk) == NATIONAL


def test_changing_the_motivation_of_a_raise_tells_nobody_again(world):
    raised = world.extra["own_raise"]
    before = rows(Kind.ACTIVITY_RAISED, raised.pk).count()
    plans.activity_raise_to_national(
        activity=raised.activity, motivation="Ny motivering", user=world.users["member"]
    )
    assert rows(Kind.ACTIVITY_RAISED, raised.pk).count() == before == 2


def test_an_answer_is_told_to_the_editors_with_a_seat_and_the_responsible_person(world):
    activity = world.extra["own_activity"]
    edited_by(activity, world.users["member"])  # own council, active seat: told
    edited_by(activity, world.users["other_member"])  # another council's seat: not told
    ended = seat_ended(world, world.own, "forra@mellan.test", "Före Detta")
    edited_by(activity, ended)  # an ended seat: not told
    edited_by(activity, world.users["admin"])  # no seat at all: not told
    plans.activity_update(
        activity=activity, version=activity.version, responsible=world.users["convenor"]
    )
    raised = plans.national_raise_answer(
        raised=world.extra["own_raise"], status="answered", answer="Vi tar upp det i mars.",
        user=world.users["national"],
    )  # fmt: skip
    assert recipients(Kind.RAISE_ANSWERED, raised.pk) == {
        "ledamot@mellan.test", "sammankallande@mellan.test",
    }  # fmt: skip


def test_who_raised_it_is_told_the_answer(world):
    activity = _new_activity(world)
    raised = plans.activity_raise_to_national(
        activity=activity, motivation="M", user=world.users["secretariat"]
    )
    plans.national_raise_answer(
        raised=raised, status="answered", answer="Ja.", user=world.users["national"]
    )
    assert recipients(Kind.RAISE_ANSWERED, raised.pk) == {"sekretariat@mellan.test"}


def test_received_or_in_progress_is_no_answer_to_tell(world):
    raised = world.extra["own_raise"]
    edited_by(raised.activity, world.users["member"])
    for status in ("received", "in_progress"):
        plans.national_raise_answer(
            raised=raised, status=status, answer="", user=world.users["national"]
        )
    assert not rows(Kind.RAISE_ANSWERED).exists()


def test_a_question_in_a_handed_in_report_is_told_to_the_councils_members(world):
    ended = seat_ended(world, world.own, "forra@mellan.test", "Före Detta")
    question = groups.question_add(
        report=world.extra["own_report"], text="Ska vi bjuda in lärosätena?",
        user=world.users["convenor"],
    )  # fmt: skip
    told = recipients(Kind.QUESTION_ASKED, question.pk)
    assert told == {"ledamot@mellan.test", "sekretariat@mellan.test"}
    assert ended.email not in told


def test_who_asks_is_not_told_of_their_own_question(world):
    # The other council's group has its member as convenor: they ask, their secretariat is told.
    question = world.extra["other_question"]
    assert recipients(Kind.QUESTION_ASKED, question.pk) == {"sekretariat@norra.test"}


def test_a_drafts_questions_are_told_when_it_is_handed_in(world):
    group = world.extra["own_group"]
    draft = groups.report_create(
        group=group, kind="lagesrapport", submit=False, question="Fråga i utkastet?",
        user=world.users["convenor"],
    )  # fmt: skip
    question = draft.questions.get()
    groups.question_add(report=draft, text="En till?", user=world.users["convenor"])
    assert not rows(Kind.QUESTION_ASKED).filter(object_id__in=draft.questions.values("pk"))
    groups.report_submit(report=draft, user=world.users["convenor"])
    assert rows(Kind.QUESTION_ASKED).filter(object_id__in=draft.questions.values("pk")).count() == 4
    assert recipients(Kind.QUESTION_ASKED, question.pk) == {
        "ledamot@mellan.test", "sekretariat@mellan.test",
    }  # fmt: skip


def _closing_in(survey, days: float) -> None:
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() + dt.timedelta(days=days))


def test_a_survey_closing_soon_is_told_to_its_own_secretariat(world, settings):
    from notifications.services import surveys_closing_notify

    settings.NOTIFY_SURVEY_CLOSING_DAYS = 3
    own, other = world.extra["own_survey"], world.extra["other_survey"]
    _closing_in(own, 2.5)
    _closing_in(other, 3.5)  # not yet
    draft = world.extra["own_draft_survey"]
    _closing_in(draft, 1)  # a draft: not open
    surveys_closing_notify()
    assert recipients(Kind.SURVEY_CLOSING) == {"sekretariat@mellan.test"}
    assert set(rows(Kind.SURVEY_CLOSING).values_list("object_id", flat=True)) == {own.pk}


def test_a_survey_closed_or_without_a_date_is_not_told(world):
    from notifications.services import surveys_closing_notify

    _closing_in(world.extra["own_survey"], -0.1)  # closed an hour or two ago
    surveys_closing_notify()
    assert not rows(Kind.SURVEY_CLOSING).exists()


def test_the_defaults_raises_and_questions_in_the_digest_answers_at_once(world):
    raised = world.extra["own_raise"]
    assert set(rows(Kind.ACTIVITY_RAISED, raised.pk).values_list("delivery", flat=True)) == {
        Delivery.DIGEST
    }
    edited_by(raised.activity, world.users["member"])
    plans.national_raise_answer(
        raised=raised, status="answered", answer="Ja.", user=world.users["national"]
    )
    assert rows(Kind.RAISE_ANSWERED, raised.pk).get().delivery == Delivery.IMMEDIATE
