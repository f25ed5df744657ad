"""Two people save the same activity at the same moment, on PostgreSQL, a hundred times over.

Each save runs in a thread of its own with its own database connection, released together by
a barrier, so the two transactions really race for the row lock. Of every pair exactly one
must win and the other be told of the conflict: nothing lost, nothing half-saved.
"""

import threading

import pytest
from django.db import connection

from activities import services
from activities.models import Activity

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
