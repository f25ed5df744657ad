"""Two people save the same activity at the same moment, on PostgreSQL, a hundred times over;
and every creating form of a plan sent eight times at once.

Each save runs in a thread of its own with its own database connection, released together by
a barrier, so the two transactions really race for the row lock. Of every pair exactly one
must win and the other be told of the conflict: nothing lost, nothing half-saved. A merging
save (the edit form) keeps both when they changed different fields.
"""

import threading
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from activities import services
from activities.models import Activity, ActivityNote, ActivityPlan, FocusArea, NationalRaise
from idempotency.models import IdempotencyKey
from tests.concurrency import run_together

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROUNDS = 100


def _save(barrier: threading.Barrier, activity: Activity, version: int, fields: dict, out: dict):
    """One person's save, run in a thread; records "saved" or the conflict in `out`."""
    try:
        barrier.wait()
        services.activity_update(activity=activity, version=version, **fields)
        out["result"] = "saved"
    except services.ActivityConflict:
        out["result"] = "conflict"
    except Exception as error:  # reported by the test, which must not hang or pass silently
        out["result"] = error
    finally:
        connection.close()


def _race(activity: Activity, version: int, fields_a: dict, fields_b: dict) -> tuple:
    """Run two saves on the same version at once; return each one's outcome."""
    barrier = threading.Barrier(2, timeout=10)
    outcomes = ({}, {})
    threads = [
        threading.Thread(target=_save, args=(barrier, activity, version, fields, out))
        for fields, out in zip((fields_a, fields_b), outcomes, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return tuple(out.get("result") for out in outcomes)


def test_of_two_simultaneous_saves_one_wins_and_one_conflicts(world):
    assert connection.vendor == "postgresql"
    # focus_area_create finds the catalogue's "Fortbildning", or makes one if an earlier
    # transactional test has flushed the catalogue.
    area = services.focus_area_create(council=world.own, name="Fortbildning")
    plan = services.plan_create(council=world.own, year=2030, focus_areas=[area])
    activity = services.activity_create(plan=plan, focus_area=area, title="Start", content="")

    conflicts, lost, wins_a, bad_rounds = 0, 0, 0, []
    for round_ in range(1, ROUNDS + 1):
        before = Activity.objects.get(pk=activity.pk)
        fields_a, fields_b = {"title": f"A {round_}"}, {"content": f"B {round_}"}
        outcomes = _race(activity, before.version, fields_a, fields_b)
        assert set(outcomes) <= {"saved", "conflict"}, outcomes
        conflicts += outcomes.count("conflict")
        wins_a += outcomes[0] == "saved"

        after = Activity.objects.get(pk=activity.pk)
        expected = (
            (f"A {round_}", before.content)
            if outcomes[0] == "saved"
            else (before.title, f"B {round_}")
        )
        # Two reported saves, or a winner's value not in the row: someone's change is lost.
        if outcomes.count("saved") != 1 or (after.title, after.content) != expected:
            lost += 1
        if after.version != before.version + 1 or outcomes.count("saved") != 1:
            bad_rounds.append((round_, outcomes, after.title, after.content, after.version))

    print(
        f"\nconcurrency: {ROUNDS} rounds, {conflicts} conflicts, {lost} lost updates "
        f"(A won {wins_a}, B won {ROUNDS - wins_a})"
    )
    assert (conflicts, lost, bad_rounds) == (ROUNDS, 0, [])
    activity.refresh_from_db()
    assert activity.version == ROUNDS + 1
    assert activity.history.count() == 1 + ROUNDS


def test_merging_saves_of_different_fields_at_once_keep_both(world):
    area = services.focus_area_create(council=world.own, name="Fortbildning")
    plan = services.plan_create(council=world.own, year=2030, focus_areas=[area])
    activity = services.activity_create(plan=plan, focus_area=area, title="Start")
    for round_ in range(1, 21):
        version = Activity.objects.get(pk=activity.pk).version
        changes = [{"title": f"A {round_}"}, {"content": f"B {round_}"}]

        def save(index: int, version=version, changes=changes):
            fields = changes[index]
            return services.activity_update_merged(activity=activity, version=version, **fields)

        outcomes = run_together(save, threads=2)
        assert outcomes.errors == [], outcomes.errors
        after = Activity.objects.get(pk=activity.pk)
        assert (after.title, after.content, after.version) == (
            f"A {round_}", f"B {round_}", version + 2
        )  # fmt: skip


THREADS = 8
ALREADY = "Det här var redan sparat"


def _eight_at_once(client_for, role: str, url: str, data: dict) -> list:
    """The same POST sent by THREADS clients of one person at once; each one's response."""
    clients = [client_for(role) for _ in range(THREADS)]
    outcomes = run_together(lambda index: clients[index].post(url, data), threads=THREADS)
    assert outcomes.errors == [], outcomes.errors
    return outcomes.results


def _one_made_the_rest_sent_to_it(responses: list, result_url: str) -> None:
    assert sorted(r.status_code for r in responses) == [302] * THREADS
    assert {r["Location"] for r in responses} == {result_url}
    told = [
        r for r in responses if any(str(m).startswith(ALREADY) for m in r.wsgi_request._messages)
    ]
    assert len(told) == THREADS - 1


def _plan_url(name: str, plan, **extra) -> str:
    return reverse(
        f"activities:{name}", kwargs={"slug": plan.council.slug, "year": plan.year, **extra}
    )


def test_an_activity_form_sent_eight_times_at_once_adds_one(world, client_for):
    plan = world.extra["own_plan"]
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    data = {"focus_area": vfu.pk, "title": "Samtidigt", "priority": "green",
            "progress": "ongoing", "version": 0, "idempotency_key": uuid.uuid4()}  # fmt: skip
    responses = _eight_at_once(client_for, "member", _plan_url("activity_create", plan), data)
    created = plan.activities.get(title="Samtidigt")
    _one_made_the_rest_sent_to_it(responses, created.get_absolute_url())


def test_a_note_sent_eight_times_at_once_is_added_once(world, client_for):
    activity = world.extra["own_activity"]
    data = {"text": "Samtidig anteckning", "idempotency_key": uuid.uuid4()}
    url = _plan_url("activity_note_add", activity.plan, pk=activity.pk)
    responses = _eight_at_once(client_for, "member", url, data)
    note = ActivityNote.objects.get(text="Samtidig anteckning")
    _one_made_the_rest_sent_to_it(responses, f"{activity.get_absolute_url()}#note-{note.pk}")


def test_a_raise_sent_eight_times_at_once_is_saved_once(world, client_for):
    activity = world.extra["own_activity"]
    NationalRaise.objects.filter(activity=activity).delete()
    data = {"motivation": "Samtidigt lyft", "idempotency_key": uuid.uuid4()}
    url = _plan_url("activity_raise", activity.plan, pk=activity.pk)
    responses = _eight_at_once(client_for, "member", url, data)
    _one_made_the_rest_sent_to_it(responses, f"{activity.get_absolute_url()}#national")
    assert NationalRaise.objects.get(activity=activity).motivation == "Samtidigt lyft"
    assert IdempotencyKey.objects.filter(scope="activities.raise").count() == 1


def test_a_new_plan_sent_eight_times_at_once_makes_one_plan_and_one_focus_area(world, client_for):
    data = {"year": 2031, "new_focus_area": "Samtidigt område", "idempotency_key": uuid.uuid4()}
    url = reverse("activities:plan_create", kwargs={"slug": world.own.slug})
    responses = _eight_at_once(client_for, "secretariat", url, data)
    plan = ActivityPlan.objects.get(council=world.own, year=2031)
    _one_made_the_rest_sent_to_it(responses, plan.get_absolute_url())
    assert FocusArea.objects.filter(name="Samtidigt område").count() == 1
    assert plan.focus_areas.count() == 1


def test_copying_sent_eight_times_at_once_copies_once(world, client_for):
    plan = world.extra["own_plan"]
    data = {"idempotency_key": uuid.uuid4()}
    responses = _eight_at_once(client_for, "secretariat", _plan_url("plan_copy", plan), data)
    copy = ActivityPlan.objects.get(council=plan.council, year=plan.year + 1)
    _one_made_the_rest_sent_to_it(responses, copy.get_absolute_url())
    assert copy.activities.count() == plan.activities.exclude(progress="done").count()


def test_new_focus_areas_of_the_same_name_at_once_are_one(world):
    outcomes = run_together(
        lambda index: services.focus_area_create(council=world.own, name="Samma namn").pk,
        threads=THREADS,
    )
    assert outcomes.errors == [], outcomes.errors
    assert len(set(outcomes.results)) == 1
    assert FocusArea.objects.filter(council=world.own, name="Samma namn").count() == 1
