"""Marks and decisions made at the same moment, on PostgreSQL: each in a thread of its own
with its own database connection, released together, so the transactions really race for the
round's row lock. Nothing may be lost or doubled, and the revision (the live views' ETag) must
count every change once."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from councils.models import User
from prioritisation import services
from prioritisation.live import live_state
from prioritisation.models import Colour, Decision, Event, Mark, Round, Voter
from prioritisation.services import DecisionConflict, MarkInput
from tests.concurrency import run_together
from tests.prioritisation.builders import group_build, round_build, seat, setting_build

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PARTICIPANTS = 20
ROUNDS = 50
COLOURS = list(Colour.values)


def _fresh(user) -> User:
    """The user as another request would load them (no seats read in another thread)."""
    return User.objects.get(pk=user.pk)


def test_twenty_participants_marking_the_same_activity_at_once_lose_nothing(world):
    assert connection.vendor == "postgresql"
    setting = setting_build(world, per_area=1)
    activity = setting.vfu_activities[0]
    people = [
        seat(world.own, f"deltagare{n}@mellan.test", f"Deltagare {n:02}")
        for n in range(PARTICIPANTS)
    ]
    rounds = [round_build(setting.plan, title=f"Runda {n}") for n in range(ROUNDS)]
    voters = {
        (voter.round_id, voter.user_id): voter.pk
        for voter in Voter.objects.filter(round__in=rounds)
    }
    barrier = threading.Barrier(PARTICIPANTS)

    def participant(index: int) -> list:
        # Every participant marks the one activity in each round, all twenty released at once
        # per round by the barrier; a failure is recorded, never left to hang the others.
        person, outcomes = _fresh(people[index]), []
        for number, round_ in enumerate(rounds):
            barrier.wait(60)
            try:
                outcomes.append(services.marks_save(
                    round_id=round_.pk, voter_id=voters[(round_.pk, person.pk)], user=person,
                    marks=[MarkInput(activity.pk, COLOURS[(index + number) % 4])],
                ))  # fmt: skip
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                outcomes.append(error)
        return outcomes

    outcomes = run_together(participant, threads=PARTICIPANTS, timeout=600)
    assert outcomes.errors == []
    assert [result for results in outcomes.results for result in results] == [1] * (
        PARTICIPANTS * ROUNDS
    )
    marks = list(Mark.objects.filter(voter__round__in=rounds).values_list(
        "voter__round_id", "voter__user_id", "colour"))  # fmt: skip
    assert len(marks) == PARTICIPANTS * ROUNDS
    index_of = {person.pk: index for index, person in enumerate(people)}
    number_of = {round_.pk: number for number, round_ in enumerate(rounds)}
    lost = [
        (round_id, user_id)
        for round_id, user_id, colour in marks
        if colour != COLOURS[(index_of[user_id] + number_of[round_id]) % 4]
    ]
    assert lost == []
    for round_ in Round.objects.filter(pk__in=[r.pk for r in rounds]):
        events = list(Event.objects.filter(round=round_).values_list("revision", "count"))
        assert round_.revision == 1 + PARTICIPANTS
        assert sorted(events) == [(revision, 1) for revision in range(2, PARTICIPANTS + 2)]
        # The live views' cached state is the last revision, not an earlier commit's.
        assert live_state(round_.pk).revision == round_.revision


def test_two_members_of_a_group_marking_the_same_activity_at_once_make_one_mark(world):
    setting = setting_build(world, per_area=10)
    hans = group_build(world.own, "Grupp Hans", [world.users["member"], setting.chair])
    round_ = round_build(setting.plan, mode=Round.Mode.GROUPS, groups=[hans])
    voter = round_.voters.get()
    members = [_fresh(world.users["member"]), _fresh(setting.chair)]
    for activity in setting.activities:

        def mark(index: int, activity=activity):
            colour = (Colour.GREEN, Colour.RED)[index]
            return services.marks_save(
                round_id=round_.pk, voter_id=voter.pk, user=members[index],
                marks=[MarkInput(activity.pk, colour, f"Av {members[index].full_name}")],
            )  # fmt: skip

        outcomes = run_together(mark, threads=2)
        assert (outcomes.errors, outcomes.results) == ([], [1, 1])
        [(colour, comment, by)] = Mark.objects.filter(voter=voter, activity=activity).values_list(
            "colour", "comment", "marked_by"
        )
        # The later save is the one kept, whole: its colour with its own comment and author.
        last = Event.objects.filter(round=round_, activity=activity).latest("revision")
        assert (colour, by) == (last.value, last.actor_id)
        assert comment == f"Av {User.objects.get(pk=by).full_name}"
    round_.refresh_from_db()
    assert round_.revision == 1 + 2 * len(setting.activities)
    assert Event.objects.filter(round=round_).count() == 2 * len(setting.activities)


def test_of_two_decisions_on_the_same_version_at_once_one_wins(world):
    setting = setting_build(world, per_area=1)
    round_ = round_build(setting.plan)
    activity = setting.vfu_activities[0]
    deciders = [_fresh(setting.chair), _fresh(world.users["secretariat"])]
    for version in range(20):

        def decide(index: int, version=version):
            priority = ("green", "red")[index]
            try:
                services.decision_make(
                    round_id=round_.pk, activity_id=activity.pk, priority=priority,
                    expected_version=version, user=deciders[index],
                )  # fmt: skip
            except DecisionConflict as conflict:
                return ("conflict", conflict.current.version)
            return ("decided", priority)

        outcomes = run_together(decide, threads=2)
        assert outcomes.errors == []
        decided = [result for result in outcomes.results if result[0] == "decided"]
        assert sorted(result[0] for result in outcomes.results) == ["conflict", "decided"]
        # The loser is shown the winner's decision.
        assert ("conflict", version + 1) in outcomes.results
        decision = Decision.objects.get(round=round_, activity=activity)
        assert (decision.version, decision.priority) == (version + 1, decided[0][1])
        activity.refresh_from_db()
        assert activity.priority == decision.priority
    round_.refresh_from_db()
    assert round_.revision == 1 + 20
    assert Event.objects.filter(round=round_, kind=Event.Kind.DECISION).count() == 20


def test_a_change_whose_commit_is_told_late_does_not_hide_a_later_one(world, monkeypatch):
    """The cache of the live state is set after each commit. A process paused between its
    commit and that write (scheduling, a pause for garbage collection) must not write its
    older revision over the next change's: every screen would then stay a change behind."""
    from prioritisation.services import _revision

    setting = setting_build(world, per_area=1)
    round_ = round_build(setting.plan)
    activity = setting.vfu_activities[0]
    people = [_fresh(world.users["member"]), _fresh(setting.chair)]
    voters = [round_.voters.get(user=person).pk for person in people]
    first_committed = threading.Event()
    store = _revision.live_state_store

    def paused_store(locked_round):
        if threading.current_thread().name == "first":
            first_committed.set()
            time.sleep(0.5)  # the first change's process is paused here...
        return store(locked_round)

    monkeypatch.setattr(_revision, "live_state_store", paused_store)

    def mark(index: int) -> None:
        if index == 1:
            first_committed.wait(10)  # ...while the second change is made and committed
        try:
            services.marks_save(
                round_id=round_.pk, voter_id=voters[index], user=people[index],
                marks=[MarkInput(activity.pk, Colour.GREEN)],
            )  # fmt: skip
        finally:
            connection.close()

    threads = [
        threading.Thread(target=mark, args=(i,), name=n) for i, n in enumerate(["first", "second"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    round_.refresh_from_db()
    assert round_.revision == 3
    assert live_state(round_.pk).revision == 3
