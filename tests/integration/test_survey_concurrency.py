"""Twenty people submit the same organisation's answers at the same moment, fifty times over.

Every submit runs in a thread of its own with its own database connection, released together
by a barrier, so the transactions really race for the invitation's row lock. Of every round
exactly one must be saved and the other nineteen told it was submitted already: one response
per organisation, holding exactly the winner's answer, and no server errors. Each thread
answers a different step of the scale, so a lost or merged write would show.

Every other round the organisation has saved a draft first: without a draft the response's
unique constraint alone would serialise the race, with one only the row lock does.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from councils.models import Organisation
from surveys import services
from surveys.defaults import default_scale_load
from surveys.models import Answer, Question, Response, Scale, ScaleStep
from tests.world import build_world

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

THREADS = 20
ROUNDS = 50
HTTP_ROUNDS = 5


def default_scale_restore() -> None:
    """The default scale, which an earlier transactional test's flush removed."""
    default_scale_load(Scale, ScaleStep)


def _round_survey(world, organisations: int):
    """An open survey with one required scale question of THREADS steps, and `organisations`
    invited municipalities of the council's region."""
    scale = Scale.objects.create(name="Samtidighetstest")
    steps = ScaleStep.objects.bulk_create(
        ScaleStep(scale=scale, order=n, label=f"Steg {n}") for n in range(1, THREADS + 1)
    )
    survey = services.survey_create(council=world.own, title="Samtidiga svar", audience=["kommun"])
    section = services.section_add(survey=survey, title="Behov")
    question = services.question_add(
        section=section, kind=Question.Kind.SCALE, text="Behov av utbildning", required=True,
        scale=scale,
    )  # fmt: skip
    services.survey_update(survey=survey, status="open")
    region = world.own.healthcare_region
    orgs = []
    for n in range(1, organisations + 1):
        org = Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY, code=f"99{n:02d}", name=f"Testkommun {n:02d}",
            lan_code="17",
        )  # fmt: skip
        org.healthcare_regions.add(region)
        orgs.append(org)
    invitations = services.invitations_create(survey=survey, organisations=orgs)
    assert len(invitations) == organisations
    return survey, question, steps, invitations


def _race(target, args_per_thread: list[tuple]) -> list:
    """Run target(barrier, *args, out) in one thread per args, released together."""
    barrier = threading.Barrier(len(args_per_thread), timeout=20)
    outcomes = [{} for _ in args_per_thread]
    threads = [
        threading.Thread(target=target, args=(barrier, *args, out))
        for args, out in zip(args_per_thread, outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hangs"
    return [out.get("result", "no result") for out in outcomes]


def _submit(barrier, invitation, question, step, out: dict) -> None:
    """One person's submit through the service, in a thread of its own."""
    try:
        barrier.wait()
        services.response_save(invitation=invitation, answers={question.pk: step}, submit=True)
        out["result"] = "saved"
    except services.AlreadySubmitted:
        out["result"] = "already"
    except Exception as error:  # counted as a server error; the test must not hang
        out["result"] = error
    finally:
        connection.close()


def test_twenty_simultaneous_submits_make_exactly_one_response():
    assert connection.vendor == "postgresql"
    default_scale_restore()
    world = build_world()
    survey, question, steps, invitations = _round_survey(world, ROUNDS)

    started = time.monotonic()
    duplicates, lost, errors, already, bad_rounds = 0, 0, [], 0, []
    for round_, invitation in enumerate(invitations, start=1):
        draft = None
        if round_ % 2:
            draft = services.response_save(
                invitation=invitation, answers={question.pk: steps[0]}, respondent_name="Utkast"
            )
        outcomes = _race(_submit, [(invitation, question, step) for step in steps])
        winners = [step for step, outcome in zip(steps, outcomes, strict=True)
                   if outcome == "saved"]  # fmt: skip
        already += outcomes.count("already")
        errors += [o for o in outcomes if o not in ("saved", "already")]

        responses = list(
            Response.objects.filter(survey=survey, organisation=invitation.organisation)
        )
        duplicates += max(len(responses) - 1, 0)
        answers = list(Answer.objects.filter(response__in=responses))
        saved_steps = [answer.step_id for answer in answers]
        if not responses or len(winners) != 1 or saved_steps != [winners[0].pk]:
            lost += 1
        if (
            len(winners) != 1
            or outcomes.count("already") != THREADS - 1
            or len(responses) != 1
            or responses[0].status != Response.Status.SUBMITTED
            or responses[0].submitted_at is None
            or (draft is not None and responses[0].pk != draft.pk)
            or len(answers) != 1
            or saved_steps != [winners[0].pk]
        ):
            bad_rounds.append((round_, outcomes, [(r.pk, r.status) for r in responses],
                               saved_steps))  # fmt: skip
    elapsed = time.monotonic() - started

    total = Response.objects.filter(survey=survey).count()
    print(
        f"\nsurvey concurrency: {ROUNDS} rounds x {THREADS} threads in {elapsed:.1f} s: "
        f"{total} responses, {duplicates} duplicates, {lost} lost, {len(errors)} errors, "
        f"{already} told already submitted"
    )
    assert errors == [], f"{len(errors)} server errors, the first: {errors[0]!r}"
    assert bad_rounds == [], f"{len(bad_rounds)} bad rounds, the first: {bad_rounds[0]}"
    assert (total, duplicates, lost, already) == (ROUNDS, 0, 0, ROUNDS * (THREADS - 1))
    submitted = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    assert submitted.count() == ROUNDS
    assert Answer.objects.filter(response__survey=survey).count() == ROUNDS


def _post(barrier, client: Client, url: str, data: dict, out: dict) -> None:
    """One browser's "Skicka in svaren" through the view, in a thread of its own."""
    try:
        barrier.wait()
        response = client.post(url, data)
        out["result"] = (response.status_code, response.get("Location", ""))
    except Exception as error:
        out["result"] = error
    finally:
        connection.close()


def test_twenty_simultaneous_submits_through_the_view_all_end_at_the_receipt():
    assert connection.vendor == "postgresql"
    default_scale_restore()
    world = build_world()
    survey, question, steps, invitations = _round_survey(world, HTTP_ROUNDS)

    started = time.monotonic()
    errors, bad_rounds = [], []
    for round_, invitation in enumerate(invitations, start=1):
        if round_ % 2:
            services.response_save(invitation=invitation, answers={question.pk: steps[0]})
        token = services.invitation_issue_link(invitation=invitation).token
        url = reverse("surveys:respond", args=[invitation.pk])
        receipt = reverse("surveys:receipt", args=[invitation.pk])
        clients = []
        for _ in steps:
            client = Client()
            opened = client.get(reverse("surveys:link", args=[token]))
            assert (opened.status_code, opened["Location"]) == (302, url)
            clients.append(client)
        outcomes = _race(_post, [
            (client, url, {"action": "submit", f"q_{question.pk}": step.pk})
            for client, step in zip(clients, steps, strict=True)
        ])  # fmt: skip
        errors += [o for o in outcomes if not isinstance(o, tuple) or o[0] >= 500]
        responses = list(
            Response.objects.filter(survey=survey, organisation=invitation.organisation)
        )
        answers = list(Answer.objects.filter(response__in=responses))
        if (
            outcomes != [(302, receipt)] * THREADS
            or len(responses) != 1
            or responses[0].status != Response.Status.SUBMITTED
            or len(answers) != 1
            or answers[0].step_id not in {step.pk for step in steps}
        ):
            bad_rounds.append((round_, outcomes, len(responses), len(answers)))
        # Every browser is then shown the receipt with the one saved answer.
        shown = clients[-1].get(receipt)
        assert shown.status_code == 200
        assert "Tack! Svaren är inskickade." in shown.content.decode()
    elapsed = time.monotonic() - started

    total = Response.objects.filter(survey=survey).count()
    print(
        f"\nsurvey concurrency over HTTP: {HTTP_ROUNDS} rounds x {THREADS} clients in "
        f"{elapsed:.1f} s: {total} responses, {len(errors)} errors"
    )
    assert errors == [], f"{len(errors)} server errors, the first: {errors[0]!r}"
    assert bad_rounds == [], f"{len(bad_rounds)} bad rounds, the first: {bad_rounds[0]}"
    assert total == HTTP_ROUNDS
