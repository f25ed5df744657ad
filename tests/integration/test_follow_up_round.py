"""A follow-up round goes out through the surveys app's own sending, on the real Celery worker
over Redis, and the link in the e-mail answers the round: the answer becomes a follow-up."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from recommendations.actors import actors_ensure
from recommendations.models import Area, FollowUp, Publication, Recommendation
from recommendations.services.rounds import round_answers_apply, round_create
from surveys import services as surveys
from surveys.models import InvitationEvent
from tests.conftest import wait_until
from tests.world import build_world

pytestmark = pytest.mark.integration


def _round(world):
    actors = actors_ensure()
    publication = Publication.objects.create(
        key="runda", title="Rapport om AT", published_on=dt.date(2022, 3, 1)
    )
    area = Area.objects.create(publication=publication, position=1, title="Kompetens")
    recommendation = Recommendation.objects.create(area=area, position=1, text="Stärk AT.")
    recommendation.addressees.set([actors["kommuner"]])
    round_ = round_create(
        council=world.own, publication=publication, actor=actors["kommuner"],
        user=world.users["secretariat"],
    )  # fmt: skip
    surveys.survey_update(survey=round_.survey, status="open")
    arvika = world.organisations["arvika"]
    surveys.invitations_create(
        survey=round_.survey, organisations=[arvika], emails={arvika.pk: ["kontakt@arvika.test"]}
    )
    return round_


def test_the_round_is_mailed_by_the_surveys_worker_and_its_answer_becomes_a_follow_up(
    celery_worker_real,
):
    world = build_world()
    round_ = _round(world)
    with transaction.atomic():
        queued = surveys.invitations_send_queue(
            survey=round_.survey, kind=InvitationEvent.Kind.SENT, by=world.users["secretariat"]
        )
    assert queued == 1
    message = wait_until(
        lambda: next((m for m in mail.outbox if m.to == ["kontakt@arvika.test"]), None),
        timeout=30, message="the round's invitation",
    )  # fmt: skip
    path = message.body[message.body.index("/svara/") :].split()[0]
    browser = Client()
    respond = browser.get(path)
    assert respond.status_code == 302
    item = round_.questions.select_related("status_question").get()
    option = item.status_question.options.get(label="Pågår")
    data = {"action": "submit", f"q_{item.status_question_id}": option.pk,
            f"q_{item.text_question_id}": "Handledarutbildning startad."}  # fmt: skip
    submitted = browser.post(respond["Location"], data)
    assert submitted.status_code == 302 and submitted["Location"].endswith("/kvitto/")
    # Automatic once surveys sends response_submitted; applying again changes nothing.
    round_answers_apply(round=round_)
    follow_up = FollowUp.objects.get(recommendation=item.recommendation)
    assert (follow_up.status, follow_up.done, follow_up.source) == (
        "pagar", "Handledarutbildning startad.", "enkat",
    )  # fmt: skip
    assert follow_up.organisation == world.organisations["arvika"]
