"""Prioritisation rounds: opening (who marks), marks and their refusals, the chair's decisions,
accepted moves, reminders, the spread of the marks and what the live views are told."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from activities.models import Activity
from councils.models import Membership, User
from idempotency.services import AlreadySubmitted
from notifications.models import Kind, Notification
from prioritisation import selectors, services
from prioritisation.models import Colour, Decision, Event, Mark, Round
from prioritisation.selectors.rounds import consensus
from prioritisation.services import DecisionConflict, MarkInput, RoundClosed
from prioritisation.services.reminders import reminder_context
from tests.prioritisation.builders import (
    PLAN_YEAR,
    catalogue_area,
    group_build,
    later,
    round_build,
    seat,
    setting_build,
)

pytestmark = pytest.mark.django_db

G, Y, R, U = Colour.GREEN, Colour.YELLOW, Colour.RED, Colour.UNKNOWN


@pytest.fixture
def setting(world):
    return setting_build(world)


@pytest.fixture
def members_round(setting):
    return round_build(setting.plan)


def _voter(round_, user):
    return round_.voters.get(user=user)


def _mark(round_, user, activity, colour, comment="", move_to=None, voter=None, now=None):
    """One mark by `user` (as themself, or as `voter`); how many changed."""
    voter = voter or _voter(round_, user)
    return services.marks_save(
        round_id=round_.pk, voter_id=voter.pk, user=user, now=now,
        marks=[MarkInput(activity.pk, colour, comment, move_to.pk if move_to else None)],
    )  # fmt: skip


# The world has rounds of its own on the 2022 plans; these tests look at the 2030 plan's only.
def _rounds():
    return Round.objects.filter(plan__year=PLAN_YEAR)


def _marks():
    return Mark.objects.filter(voter__round__plan__year=PLAN_YEAR)


def _decisions():
    return Decision.objects.filter(round__plan__year=PLAN_YEAR)


def _revision(round_) -> int:
    return Round.objects.get(pk=round_.pk).revision


def _events(round_) -> list[tuple[int, str]]:
    return list(Event.objects.filter(round=round_).values_list("revision", "kind"))


# ---------------------------------------------------------------- opening a round


def test_a_round_of_members_has_a_voter_per_chair_member_and_coopted_seat(world, setting):
    seat(world.own, "forre@mellan.test", "Före Detta", end_date=dt.date(2020, 12, 31),
         start_date=dt.date(2020, 1, 1))  # fmt: skip
    round_ = round_build(setting.plan, user=world.users["secretariat"])
    voters = {voter.user_id: voter.name for voter in round_.voters.all()}
    assert voters == {
        setting.chair.pk: "Olga Ordförande",
        world.users["member"].pk: "Maja Ledamot",
        setting.coopted.pk: "Ada Adjungerad",
    }  # the secretariat, an ended seat and the other council's member do not mark
    assert (round_.revision, round_.opened_by, round_.is_open()) == (
        1, world.users["secretariat"], True
    )  # fmt: skip


def test_a_round_of_groups_has_one_voter_per_group(world, setting):
    hans = group_build(world.own, "Grupp Hans", [world.users["member"], setting.chair])
    maria = group_build(world.own, "Grupp Karin", [setting.coopted])
    round_ = round_build(setting.plan, mode=Round.Mode.GROUPS, groups=[hans, maria])
    voters = list(round_.voters.values_list("group_id", "user_id", "name"))
    assert voters == [(hans.pk, None, "Grupp Hans"), (maria.pk, None, "Grupp Karin")]


def _refused(setting, field: str, **kwargs) -> None:
    arguments = {"plan": setting.plan, "title": "Runda", "mode": Round.Mode.MEMBERS,
                 "closes_at": later(), **kwargs}  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.round_open(**arguments)
    assert field in error.value.message_dict
    assert not _rounds().exists()


def test_a_closing_time_in_the_past_is_refused(setting):
    _refused(setting, "closes_at", closes_at=later(days=-1))


def test_a_group_of_another_council_is_refused(world, setting):
    foreign = group_build(world.other, "Grupp Norr", [world.users["other_member"]])
    _refused(setting, "groups", mode=Round.Mode.GROUPS, groups=[foreign])


def test_an_empty_group_is_refused(world, setting):
    full = group_build(world.own, "Grupp Hans", [world.users["member"]])
    empty = group_build(world.own, "Tom grupp", [])
    _refused(setting, "groups", mode=Round.Mode.GROUPS, groups=[full, empty])


def test_a_round_of_groups_without_groups_is_refused(setting):
    _refused(setting, "groups", mode=Round.Mode.GROUPS, groups=[])


def test_a_focus_area_not_in_the_plan_is_refused(setting):
    _refused(setting, "focus_areas", focus_areas=[setting.vfu, catalogue_area("AT/BT")])


def test_the_same_form_sent_twice_opens_one_round(world, setting):
    key = uuid.uuid4()
    arguments = {"plan": setting.plan, "title": "Runda", "mode": Round.Mode.MEMBERS,
                 "closes_at": later(), "user": world.users["secretariat"],
                 "idempotency_key": key}  # fmt: skip
    first = services.round_open(**arguments)
    with pytest.raises(AlreadySubmitted) as error:
        services.round_open(**arguments)
    assert error.value.result_url == first.get_absolute_url()
    assert _rounds().get() == first


def test_a_round_on_some_focus_areas_takes_only_their_activities(setting):
    round_ = round_build(setting.plan, focus_areas=[setting.vfu])
    assert set(selectors.scope_activities(round_)) == set(setting.vfu_activities)
    assert set(selectors.scope_activities(round_build(setting.plan))) == set(setting.activities)


# ---------------------------------------------------------------- marks


def test_a_mark_is_saved_changed_and_cleared(world, members_round, setting):
    member, activity = world.users["member"], setting.vfu_activities[0]
    assert _mark(members_round, member, activity, G, "  Viktigt  ") == 1
    mark = _marks().get()
    assert (mark.colour, mark.comment, mark.marked_by, mark.activity) == (
        G, "Viktigt", member, activity
    )  # fmt: skip
    assert _mark(members_round, member, activity, R, "Viktigt", setting.fortbildning) == 1
    mark.refresh_from_db()
    assert (mark.colour, mark.move_to) == (R, setting.fortbildning)
    assert _mark(members_round, member, activity, "") == 1
    assert not _marks().exists()
    assert _revision(members_round) == 4


def test_clearing_a_mark_never_made_changes_nothing(world, members_round, setting):
    assert _mark(members_round, world.users["member"], setting.vfu_activities[0], "") == 0
    assert (_revision(members_round), _events(members_round)) == (1, [])


def test_the_database_keeps_one_mark_per_voter_and_activity(world, members_round, setting):
    voter, activity = _voter(members_round, world.users["member"]), setting.vfu_activities[0]
    Mark.objects.create(voter=voter, activity=activity, colour=G)
    with pytest.raises(IntegrityError), transaction.atomic():
        Mark.objects.create(voter=voter, activity=activity, colour=R)
    assert Mark.objects.filter(voter=voter, activity=activity).count() == 1


def test_the_same_activity_twice_in_one_call_is_one_mark(world, members_round, setting):
    member, activity = world.users["member"], setting.vfu_activities[0]
    voter = _voter(members_round, member)
    marks = [MarkInput(activity.pk, G), MarkInput(activity.pk, R, "Sist")]
    saved = services.marks_save(
        round_id=members_round.pk, voter_id=voter.pk, user=member, marks=marks
    )
    assert saved == 1
    assert list(_marks().values_list("colour", "comment")) == [(R, "Sist")]
    assert _revision(members_round) == 2


def test_a_round_closed_early_takes_no_marks(world, members_round, setting):
    services.round_close(round_id=members_round.pk, user=world.users["secretariat"])
    with pytest.raises(RoundClosed):
        _mark(members_round, world.users["member"], setting.vfu_activities[0], G)
    assert not _marks().exists()
    assert _events(members_round) == [(2, Event.Kind.CLOSED)]


def test_a_round_past_its_closing_time_takes_no_marks(world, members_round, setting):
    after = members_round.closes_at + dt.timedelta(seconds=1)
    with pytest.raises(RoundClosed):
        _mark(members_round, world.users["member"], setting.vfu_activities[0], G, now=after)
    assert not _marks().exists()
    assert _revision(members_round) == 1


def test_marking_for_a_group_one_is_not_in_is_refused(world, setting):
    hans = group_build(world.own, "Grupp Hans", [world.users["member"]])
    maria = group_build(world.own, "Grupp Karin", [setting.chair])
    round_ = round_build(setting.plan, mode=Round.Mode.GROUPS, groups=[hans, maria])
    not_mine = round_.voters.get(group=maria)
    with pytest.raises(PermissionDenied):
        _mark(round_, world.users["member"], setting.vfu_activities[0], G, voter=not_mine)
    assert not _marks().exists()
    # Any member of the group marks for it.
    assert _mark(round_, setting.chair, setting.vfu_activities[0], G, voter=not_mine) == 1


def test_marking_as_another_member_or_in_another_round_is_refused(world, members_round, setting):
    chairs = _voter(members_round, setting.chair)
    with pytest.raises(PermissionDenied):
        _mark(members_round, world.users["member"], setting.vfu_activities[0], G, voter=chairs)
    other_round = round_build(setting.plan, title="En annan runda")
    with pytest.raises(PermissionDenied):
        _mark(other_round, world.users["member"], setting.vfu_activities[0], G,
              voter=_voter(members_round, world.users["member"]))  # fmt: skip
    assert not _marks().exists()


def test_a_member_whose_seat_ended_marks_no_more(world, members_round, setting):
    Membership.objects.filter(user=world.users["member"]).update(
        start_date=dt.date(2020, 1, 1), end_date=dt.date(2021, 1, 1)
    )
    member = User.objects.get(pk=world.users["member"].pk)  # its seats not read yet
    with pytest.raises(PermissionDenied):
        _mark(members_round, member, setting.vfu_activities[0], G)


def _bad_marks(round_, user, marks: list[MarkInput]) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        services.marks_save(
            round_id=round_.pk, voter_id=_voter(round_, user).pk, user=user, marks=marks
        )
    assert not _marks().exists()
    assert _revision(round_) == 1
    return error.value


def test_a_forged_activity_of_another_plan_saves_nothing(world, members_round, setting):
    valid = [MarkInput(activity.pk, G) for activity in setting.vfu_activities]
    _bad_marks(members_round, world.users["member"],
               [*valid, MarkInput(world.extra["own_activity"].pk, R)])  # fmt: skip


def test_an_activity_outside_the_rounds_focus_areas_saves_nothing(world, setting):
    round_ = round_build(setting.plan, focus_areas=[setting.vfu])
    marks = [MarkInput(setting.vfu_activities[0].pk, G),
             MarkInput(setting.fortbildning_activities[0].pk, G)]  # fmt: skip
    _bad_marks(round_, world.users["member"], marks)


def test_a_comment_without_a_colour_is_refused(world, members_round, setting):
    first, second = setting.vfu_activities[:2]
    error = _bad_marks(members_round, world.users["member"],
                       [MarkInput(first.pk, G), MarkInput(second.pk, "", "Oklart")])  # fmt: skip
    assert list(error.message_dict) == [str(second.pk)]


def test_a_suggested_move_without_a_colour_is_refused(world, members_round, setting):
    activity = setting.vfu_activities[0]
    _bad_marks(members_round, world.users["member"],
               [MarkInput(activity.pk, "", "", setting.fortbildning.pk)])  # fmt: skip


def test_a_forged_colour_is_refused(world, members_round, setting):
    _bad_marks(
        members_round, world.users["member"], [MarkInput(setting.vfu_activities[0].pk, "lila")]
    )


def test_a_move_to_the_activitys_own_focus_area_is_refused(world, members_round, setting):
    activity = setting.vfu_activities[0]
    error = _bad_marks(members_round, world.users["member"],
                       [MarkInput(activity.pk, G, "", setting.vfu.pk)])  # fmt: skip
    assert list(error.message_dict) == [str(activity.pk)]


def test_a_move_to_a_focus_area_not_in_the_plan_is_refused(world, members_round, setting):
    activity = setting.vfu_activities[0]
    _bad_marks(members_round, world.users["member"],
               [MarkInput(activity.pk, G, "", catalogue_area("AT/BT").pk)])  # fmt: skip


def test_an_overlong_comment_saves_nothing(world, members_round, setting):
    first, second = setting.vfu_activities[:2]
    _bad_marks(members_round, world.users["member"],
               [MarkInput(first.pk, G), MarkInput(second.pk, G, "x" * 100_000)])  # fmt: skip


def test_the_revision_grows_by_one_per_call_that_changes_something(world, members_round, setting):
    member = world.users["member"]
    voter = _voter(members_round, member)

    def save(*marks):
        return services.marks_save(
            round_id=members_round.pk, voter_id=voter.pk, user=member, marks=list(marks)
        )

    first, second, third = setting.vfu_activities
    assert save(MarkInput(first.pk, G), MarkInput(second.pk, Y), MarkInput(third.pk, U)) == 3
    assert _revision(members_round) == 2
    # The same again (a comment differing only in spaces too): nothing changed, no revision.
    assert save(MarkInput(first.pk, G), MarkInput(second.pk, Y, "  "), MarkInput(third.pk, U)) == 0
    assert _revision(members_round) == 2
    assert save(MarkInput(first.pk, G), MarkInput(second.pk, R)) == 1
    assert save(MarkInput(third.pk, U, "Vet inte vad den innebär")) == 1
    assert _revision(members_round) == 4
    events = list(Event.objects.filter(round=members_round).order_by("revision"))
    assert [(e.revision, e.kind, e.count, e.value) for e in events] == [
        (2, Event.Kind.MARK, 3, ""),
        (3, Event.Kind.MARK, 1, R),
        (4, Event.Kind.MARK, 1, U),
    ]
    assert {(e.actor, e.voter_name) for e in events} == {(member, "Maja Ledamot")}
    assert events[1].activity == second and events[0].activity is None


# ---------------------------------------------------------------- decisions


def _decide(round_, activity, priority, version=0, user=None):
    return services.decision_make(
        round_id=round_.pk, activity_id=activity.pk, priority=priority,
        expected_version=version, user=user,
    )  # fmt: skip


def test_a_decision_sets_the_priority_with_the_spread_in_its_history(world, members_round, setting):
    activity = setting.vfu_activities[0]
    _mark(members_round, world.users["member"], activity, G)
    _mark(members_round, setting.chair, activity, G)
    _mark(members_round, setting.coopted, activity, Y)
    decision = _decide(members_round, activity, "green", user=setting.chair)
    assert (decision.priority, decision.version, decision.decided_by) == ("green", 1, setting.chair)
    activity.refresh_from_db()
    assert (activity.priority, activity.version) == ("green", 2)
    latest = activity.history.order_by("-history_id").first()
    assert latest.history_change_reason == (
        "Prioriteringsrunda ”Vårens prioritering”: 2 grön, 1 gul, 0 röd, 0 vet ej"
    )
    assert latest.history_user == setting.chair
    event = Event.objects.get(round=members_round, kind=Event.Kind.DECISION)
    assert (event.revision, event.activity, event.value) == (5, activity, "green")


def test_a_decision_changed_again_keeps_one_decision_with_a_new_version(members_round, setting):
    activity = setting.vfu_activities[0]
    _decide(members_round, activity, "green", user=setting.chair)
    decision = _decide(members_round, activity, "red", version=1, user=setting.chair)
    assert (decision.version, _decisions().get().priority) == (2, "red")
    assert Activity.objects.get(pk=activity.pk).priority == "red"


def test_a_long_title_is_cut_so_the_reason_fits_the_history(world, setting):
    round_ = round_build(setting.plan, title="Prioritering " * 15)
    activity = setting.vfu_activities[0]
    _decide(round_, activity, "red")
    reason = activity.history.order_by("-history_id").first().history_change_reason
    assert len(reason) <= 100 and reason.endswith("”: 0 grön, 0 gul, 0 röd, 0 vet ej")


def test_a_decision_on_a_stale_version_is_a_conflict_and_changes_nothing(members_round, setting):
    activity = setting.vfu_activities[0]
    first = _decide(members_round, activity, "green", user=setting.chair)
    revision = _revision(members_round)
    with pytest.raises(DecisionConflict) as error:
        _decide(members_round, activity, "red", version=0)  # the form showed no decision yet
    assert error.value.current == first
    assert (_decisions().get().priority, _decisions().get().version) == ("green", 1)
    assert Activity.objects.get(pk=activity.pk).priority == "green"
    assert _revision(members_round) == revision


def test_a_decision_sent_twice_is_made_once(members_round, setting):
    activity = setting.vfu_activities[0]
    first = _decide(members_round, activity, "green", user=setting.chair)
    revision = _revision(members_round)
    again = _decide(members_round, activity, "green", version=0, user=setting.chair)
    assert again == first and _decisions().get().version == 1
    assert _revision(members_round) == revision


def test_a_decision_on_a_version_not_yet_made_is_a_conflict(members_round, setting):
    with pytest.raises(DecisionConflict) as error:
        _decide(members_round, setting.vfu_activities[0], "green", version=3)
    assert error.value.current is None
    assert not _decisions().exists()


@pytest.mark.parametrize("priority", ["unset", "bogus", ""])
def test_a_priority_other_than_green_yellow_or_red_is_refused(members_round, setting, priority):
    activity = setting.vfu_activities[0]
    with pytest.raises(ValidationError) as error:
        _decide(members_round, activity, priority)
    assert "priority" in error.value.message_dict
    assert not _decisions().exists()
    assert Activity.objects.get(pk=activity.pk).priority == "unset"


def test_a_decision_outside_the_rounds_focus_areas_is_refused(world, setting):
    round_ = round_build(setting.plan, focus_areas=[setting.vfu])
    for activity in (setting.fortbildning_activities[0], world.extra["own_activity"]):
        with pytest.raises(ValidationError):
            _decide(round_, activity, "red")
    assert not _decisions().exists()
    assert Activity.objects.get(pk=world.extra["own_activity"].pk).priority == "green"


# ---------------------------------------------------------------- moves


def test_an_accepted_move_moves_the_activity_to_the_suggested_area(world, members_round, setting):
    activity = setting.vfu_activities[0]
    _mark(members_round, world.users["member"], activity, Y, "Hör hemma i fortbildning",
          setting.fortbildning)  # fmt: skip
    mark = _marks().get()
    moved = services.move_accept(round_id=members_round.pk, mark_id=mark.pk, user=setting.chair)
    activity.refresh_from_db()
    assert moved.focus_area == activity.focus_area == setting.fortbildning
    latest = activity.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Flyttad efter förslag från Maja Ledamot"
    event = Event.objects.get(round=members_round, kind=Event.Kind.MOVE)
    assert (event.activity, event.value) == (activity, setting.fortbildning.name)


def test_a_mark_of_another_round_is_not_a_suggestion_of_this_one(world, members_round, setting):
    activity = setting.vfu_activities[0]
    other = round_build(setting.plan, title="En annan runda")
    _mark(other, world.users["member"], activity, Y, "", setting.fortbildning)
    with pytest.raises(ValidationError):
        services.move_accept(round_id=members_round.pk, mark_id=_marks().get().pk)
    assert Activity.objects.get(pk=activity.pk).focus_area == setting.vfu
    assert _revision(members_round) == 1


def test_a_mark_without_a_suggested_area_moves_nothing(world, members_round, setting):
    activity = setting.vfu_activities[0]
    _mark(members_round, world.users["member"], activity, Y)
    with pytest.raises(ValidationError):
        services.move_accept(round_id=members_round.pk, mark_id=_marks().get().pk)
    assert Activity.objects.get(pk=activity.pk).focus_area == setting.vfu


# ---------------------------------------------------------------- reminders


def test_reminders_go_once_to_the_voters_missing_marks(
    world, members_round, setting, django_capture_on_commit_callbacks
):
    member = world.users["member"]
    voter = _voter(members_round, member)
    services.marks_save(
        round_id=members_round.pk, voter_id=voter.pk, user=member,
        marks=[MarkInput(activity.pk, G) for activity in setting.activities],
    )  # fmt: skip
    _mark(members_round, setting.chair, setting.activities[0], G)  # one of six: still missing
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.reminders_send(round_id=members_round.pk, user=world.users["secretariat"])
    assert sent == 2
    reminded = Notification.objects.filter(
        kind=Kind.ROUND_REMINDER, object_id__in=members_round.voters.values("pk")
    )
    assert set(reminded.values_list("recipient", flat=True)) == {setting.chair.pk,
                                                                   setting.coopted.pk}  # fmt: skip
    assert sorted(message.to[0] for message in mail.outbox) == [
        "adjungerad@mellan.test", "ordforande@mellan.test",
    ]  # fmt: skip
    for message in mail.outbox:
        assert "Vårens prioritering" in message.subject + message.body
    with django_capture_on_commit_callbacks(execute=True):
        again = services.reminders_send(round_id=members_round.pk, user=world.users["secretariat"])
    assert again == 0
    assert reminded.count() == 2 and len(mail.outbox) == 2


def test_a_groups_reminder_goes_to_its_members(world, setting, django_capture_on_commit_callbacks):
    hans = group_build(world.own, "Grupp Hans", [world.users["member"], setting.chair])
    round_ = round_build(setting.plan, mode=Round.Mode.GROUPS, groups=[hans])
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(round_id=round_.pk) == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ledamot@mellan.test", "ordforande@mellan.test",
    ]  # fmt: skip


def test_a_closed_round_reminds_nobody_and_its_reminder_is_no_longer_true(world, members_round):
    voter = _voter(members_round, world.users["member"])
    context = reminder_context(voter_id=voter.pk)
    assert (context["round"], context["voter"], context["missing"]) == (members_round, voter, 6)
    assert context["url"].endswith(f"markera/?deltagare={voter.pk}")
    services.round_close(round_id=members_round.pk)
    assert reminder_context(voter_id=voter.pk) is None
    assert services.reminders_send(round_id=members_round.pk) == 0
    assert not Notification.objects.filter(kind=Kind.ROUND_REMINDER, object_id=voter.pk).exists()


def test_a_reminder_for_a_voter_who_marked_everything_since_is_no_longer_true(
    world, members_round, setting
):
    member = world.users["member"]
    voter = _voter(members_round, member)
    services.marks_save(
        round_id=members_round.pk, voter_id=voter.pk, user=member,
        marks=[MarkInput(activity.pk, R) for activity in setting.activities],
    )  # fmt: skip
    assert reminder_context(voter_id=voter.pk) is None


# ---------------------------------------------------------------- the spread of the marks


@pytest.mark.parametrize(
    ("counts", "level", "majority"),
    [
        ({G: 3}, "agree", G),
        ({R: 1, U: 4}, "agree", R),  # "vet ej" is no view on the priority
        ({G: 2, Y: 1}, "mostly", G),
        ({G: 4, R: 2}, "mostly", G),
        ({G: 3, Y: 2}, "split", G),
        ({G: 1, Y: 1, R: 1}, "split", Y),  # a tie: the median mark
        ({G: 2, R: 2, Y: 1}, "split", Y),
        ({Y: 2, R: 2}, "split", Y),
        ({G: 1, R: 3, Y: 3}, "split", Y),
        ({U: 2}, "none", None),
        ({}, "none", None),
    ],
)
def test_consensus_and_majority(counts, level, majority):
    found_level, _deviation, found_majority = consensus(Counter(counts))
    assert (found_level, found_majority) == (level, majority)


def test_green_against_red_disagrees_more_than_green_against_yellow():
    assert consensus(Counter({G: 3}))[1] == 0.0
    assert consensus(Counter({G: 1, R: 1}))[1] > consensus(Counter({G: 1, Y: 1}))[1] > 0


@pytest.fixture
def marked_round(world, members_round, setting):
    """The VFU activities marked agreed (1), split (2) and mostly agreed (3)."""
    first, second, third = setting.vfu_activities
    people = [world.users["member"], setting.chair, setting.coopted]
    for person, colours in zip(people, [(G, G, R), (G, Y, R), (G, R, Y)], strict=True):
        marks = [MarkInput(a.pk, c) for a, c in zip((first, second, third), colours, strict=True)]
        services.marks_save(
            round_id=members_round.pk,
            voter_id=_voter(members_round, person).pk,
            user=person,
            marks=marks,
        )
    return members_round


def _titles(overview) -> list[list[str]]:
    return [[spread.activity.title for spread in section.spreads] for section in overview.sections]


def test_the_overview_follows_the_plan_or_puts_the_disputed_first(marked_round, setting):
    overview = selectors.round_overview(marked_round)
    assert _titles(overview) == [["VFU 1", "VFU 2", "VFU 3"], ["Fortbildning 1", "Fortbildning 2",
                                                                "Fortbildning 3"]]  # fmt: skip
    spreads = {spread.activity.title: spread for spread in overview.spreads}
    assert [spreads[t].consensus for t in ("VFU 1", "VFU 2", "VFU 3", "Fortbildning 1")] == [
        "agree", "split", "mostly", "none",
    ]  # fmt: skip
    assert spreads["VFU 2"].counts == [
        (G, "Grön", 1),
        (Y, "Gul", 1),
        (R, "Röd", 1),
        (U, "Vet ej", 0),
    ]
    assert (spreads["VFU 3"].majority, spreads["VFU 3"].voters, spreads["VFU 3"].marked) == (
        R,
        3,
        3,
    )
    disputed = selectors.round_overview(marked_round, order="disagreement")
    assert _titles(disputed)[0] == ["VFU 2", "VFU 3", "VFU 1"]


def test_the_overview_keeps_only_the_split_or_the_undecided(marked_round, setting):
    split = selectors.round_overview(marked_round, only="split")
    assert _titles(split) == [["VFU 2", "VFU 3"]]
    _decide(marked_round, setting.vfu_activities[1], "yellow")
    undecided = selectors.round_overview(marked_round, only="undecided")
    assert [s.activity.title for s in undecided.spreads] == [
        "VFU 1", "VFU 3", "Fortbildning 1", "Fortbildning 2", "Fortbildning 3",
    ]  # fmt: skip
    decided = selectors.round_overview(marked_round).spreads[1]
    assert (decided.decision.priority, decided.decision_version) == ("yellow", 1)
    meeting = selectors.round_overview(marked_round, focus_area_id=setting.fortbildning.pk)
    assert _titles(meeting) == [["Fortbildning 1", "Fortbildning 2", "Fortbildning 3"]]


def test_participation_counts_each_voters_marks(world, marked_round):
    rows = {row.voter.name: (row.marked, row.total, row.missing)
            for row in selectors.participation(marked_round)}  # fmt: skip
    assert rows == {"Ada Adjungerad": (3, 6, 3), "Maja Ledamot": (3, 6, 3),
                    "Olga Ordförande": (3, 6, 3)}  # fmt: skip


# ---------------------------------------------------------------- what the live views tell


def test_announcements_tell_the_others_changes_not_ones_own(world, members_round, setting):
    member, first, second = world.users["member"], *setting.vfu_activities[:2]
    _mark(members_round, member, first, G)
    _mark(members_round, setting.chair, second, R)
    current = Round.objects.get(pk=members_round.pk)
    told = selectors.announcements_since(current, 1, member)
    assert told.text == "Olga Ordförande markerade ”VFU 2”: röd."
    assert (told.activity_ids, told.everything) == ([first.pk, second.pk], False)
    told_chair = selectors.announcements_since(current, 1, setting.chair)
    assert told_chair.text == "Maja Ledamot markerade ”VFU 1”: grön."
    assert selectors.announcements_since(current, 3, member).text == ""
    assert selectors.announcements_since(current, None, member).everything is True


# ---------------------------------------------------------------- queries


def _overview_queries(round_) -> int:
    # A fresh object, as a request has: the selectors keep what they read on the round.
    round_ = Round.objects.select_related("plan__council").get(pk=round_.pk)
    with CaptureQueriesContext(connection) as queries:
        overview = selectors.round_overview(round_, order="disagreement")
        [(spread.comments, spread.moves, spread.decision_version) for spread in overview.spreads]
        [(row.voter.name, row.missing) for row in overview.participation]
    return len(queries)


def _busy_round(world, setting, groups: int, focus_areas=()):
    """A round of `groups` groups, each having marked every activity in scope (with comments,
    suggested moves) and a decision on every third activity."""
    member = world.users["member"]
    made = [group_build(world.own, f"Grupp {groups}.{n}", [member]) for n in range(groups)]
    round_ = round_build(setting.plan, mode=Round.Mode.GROUPS, groups=made,
                         focus_areas=focus_areas, title=f"Runda {groups}")  # fmt: skip
    activities = list(selectors.scope_activities(round_))
    colours = [G, Y, R, U]
    Mark.objects.bulk_create(
        Mark(voter=voter, activity=activity, colour=colours[(v + a) % 4], marked_by=member,
             comment="Kommentar" if a % 2 else "",
             move_to=setting.fortbildning if activity.focus_area == setting.vfu else None)
        for v, voter in enumerate(round_.voters.all())
        for a, activity in enumerate(activities)
    )  # fmt: skip
    for activity in activities[::3]:
        _decide(round_, activity, "red", user=setting.chair)
    return round_, len(activities)


def test_the_overview_takes_as_many_queries_for_forty_activities_and_twenty_voters(world):
    setting = setting_build(world, per_area=20)
    Activity.objects.filter(pk__in=[a.pk for a in setting.vfu_activities[5:]]).update(
        focus_area=setting.fortbildning
    )  # VFU keeps five, Fortbildning has 35
    small, small_count = _busy_round(world, setting, 3, focus_areas=[setting.vfu])
    large, large_count = _busy_round(world, setting, 20)
    assert (small_count, large_count) == (5, 40)
    assert len(selectors.round_overview(large).spreads[0].marks) == 20
    assert _overview_queries(small) == _overview_queries(large) <= 8
