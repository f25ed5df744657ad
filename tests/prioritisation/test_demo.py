"""The prioritisation demo data: Mellansverige's discussion groups of the seed, the closed
groups' round on the 2022 plan with the seed's remarks and the decisions that gave today's
colours, the open members' round on the 2023 plan, and a second load that changes nothing."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from activities import demo as activities_demo
from activities.models import Activity, ActivityPlan
from councils import demo as councils_demo
from councils.models import Membership
from councils.reference_data import reference_data_load
from prioritisation import demo as prioritisation_demo
from prioritisation import selectors
from prioritisation.models import Decision, DiscussionGroup, Event, Mark, Round, Voter

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
HANDLEDNING = activities_demo.HANDLEDARUTBILDNING
PRIMARKOMMUNAL = activities_demo.PRIMARKOMMUNAL
KARIN = "ledamot@mellansverige.example.se"


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    """Loaded once for the module, and removed afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            reference_data_load()
            councils_demo.demo_load()
            activities_demo.demo_load()
            prioritisation_demo.demo_load()
            yield
            transaction.set_rollback(True)


def _round(year: int) -> Round:
    return Round.objects.select_related("plan").get(
        plan__council__slug="mellansverige", plan__year=year
    )


def test_the_three_groups_of_the_seed_have_council_members(_loaded):
    groups = {
        group.name: set(group.members.values_list("email", flat=True))
        for group in DiscussionGroup.objects.filter(council__slug="mellansverige")
    }
    assert set(groups) == {"Grupp Hans", "Grupp Maria", "Arbetsutskottet"}
    assert all(4 <= len(members) <= 6 for members in groups.values())
    assert KARIN in groups["Grupp Maria"]
    assert "helena.lindqvist@mellansverige.example.se" in groups["Arbetsutskottet"]
    seated = set(
        Membership.objects.active()
        .filter(council__slug="mellansverige")
        .exclude(role=Membership.Role.SECRETARIAT)
        .values_list("user__email", flat=True)
    )
    assert set().union(*groups.values()) <= seated


def test_the_2022_round_is_closed_and_each_group_marked_every_activity(_loaded):
    round_ = _round(2022)
    assert round_.mode == Round.Mode.GROUPS
    assert round_.opened_at == datetime(2022, 1, 20, 9, 0, tzinfo=STOCKHOLM)
    assert round_.ends_at.astimezone(STOCKHOLM).date().isoformat() == "2022-02-18"
    assert round_.closed_at is not None and not round_.is_open()
    rows = selectors.participation(round_)
    assert len(rows) == 3
    assert all(row.total == round_.plan.activities.count() and not row.missing for row in rows)
    marked = Mark.objects.filter(voter__round=round_)
    assert all(round_.opened_at < mark.marked_at < round_.closed_at for mark in marked)
    assert {mark.marked_by.email for mark in marked.select_related("marked_by")} >= {
        "helena.lindqvist@mellansverige.example.se"
    }


def test_the_groups_disagree_on_a_few_activities(_loaded):
    overview = selectors.round_overview(_round(2022))
    consensus = {spread.activity.title: spread.consensus for spread in overview.spreads}
    split = {title for title, level in consensus.items() if level == "split"}
    mostly = {title for title, level in consensus.items() if level == "mostly"}
    assert {HANDLEDNING, PRIMARKOMMUNAL} <= split
    assert len(mostly) >= 2
    assert 4 <= len(split | mostly) <= 6
    assert sum(level == "agree" for level in consensus.values()) >= len(consensus) - 6


def test_the_groups_remarks_of_the_seed_are_their_comments(_loaded):
    round_ = _round(2022)
    marks = {
        (mark.activity.title, mark.voter.name): mark.comment
        for mark in Mark.objects.filter(voter__round=round_).select_related("activity", "voter")
    }
    for title, group, text in activities_demo.MELLANSVERIGE_NOTES:
        assert text in marks[(title, group)], (title, group)
    assert "Risk att vi konstlar till det" in marks[(HANDLEDNING, "Grupp Maria")]
    assert marks[(HANDLEDNING, "Grupp Hans")] == "Nationell VFU/Handledningskonferens"


def test_the_working_committee_suggests_moving_one_activity_to_god_och_nara_vard(_loaded):
    round_ = _round(2022)
    moves = Mark.objects.filter(voter__round=round_, move_to__isnull=False)
    move = moves.select_related("activity__focus_area", "move_to", "voter").get()
    assert (move.voter.name, move.activity.title) == ("Arbetsutskottet", PRIMARKOMMUNAL)
    assert move.move_to.short_name == "God och nära vård"
    assert "flytta till fokusområde G o N" in move.comment
    # Not accepted: the activity stays where the plan has it.
    assert move.activity.focus_area.short_name == "Fortbildning"


def test_every_activity_has_the_decision_that_gave_its_colour_today(_loaded):
    round_ = _round(2022)
    plan = round_.plan
    decisions = {d.activity_id: d for d in Decision.objects.filter(round=round_)}
    assert set(decisions) == set(plan.activities.values_list("pk", flat=True))
    seed = {row.title: row.priority for row in activities_demo.MELLANSVERIGE_2022}
    for activity in plan.activities.all():
        decision = decisions[activity.pk]
        assert decision.priority == activity.priority == seed[activity.title]
        assert decision.decided_by.email == "helena.lindqvist@mellansverige.example.se"
    # A decision against the split: the supervisor training stays green.
    overview = selectors.round_overview(round_, only="split")
    handledning = next(s for s in overview.spreads if s.activity.title == HANDLEDNING)
    assert handledning.decision.priority == Activity.Priority.GREEN
    assert Event.objects.filter(round=round_, kind=Event.Kind.DECISION).count() == len(decisions)


def test_the_2023_round_is_open_for_every_member_and_some_have_not_marked(_loaded):
    round_ = _round(2023)
    now = timezone.now()
    assert round_.mode == Round.Mode.MEMBERS and round_.is_open()
    assert round_.opened_at < now < round_.closes_at
    assert (round_.closes_at - now).days >= 14
    rows = {row.voter.user.email: row for row in selectors.participation(round_)}
    members = Membership.objects.active().filter(council=round_.plan.council)
    assert set(rows) == set(
        members.exclude(role=Membership.Role.SECRETARIAT).values_list("user__email", flat=True)
    )
    done = [row for row in rows.values() if not row.missing]
    partly = [row for row in rows.values() if row.missing and row.marked]
    none = [row for row in rows.values() if not row.marked]
    assert 0.5 <= len(done) / len(rows) <= 0.7
    assert partly and none
    assert rows[KARIN].missing and rows[KARIN].marked
    assert not rows["helena.lindqvist@mellansverige.example.se"].missing
    marks = Mark.objects.filter(voter__round=round_)
    assert all(round_.opened_at < mark.marked_at <= now for mark in marks)
    overview = selectors.round_overview(round_)
    assert {spread.consensus for spread in overview.spreads} >= {"agree", "mostly", "split"}
    assert marks.exclude(comment="").exists()


def test_the_2023_round_is_on_the_copied_plan_and_leaves_2022_alone(_loaded):
    round_ = _round(2023)
    plan_2022 = ActivityPlan.objects.get(council__slug="mellansverige", year=2022)
    assert round_.plan.copied_from == plan_2022
    scope = set(selectors.scope_activities(round_).values_list("plan_id", flat=True))
    assert scope == {round_.plan.pk}
    assert not Decision.objects.filter(round=round_).exists()


def _counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (DiscussionGroup, Round, Voter, Mark, Decision, Event)
    } | {
        "members": DiscussionGroup.members.through.objects.count(),
        "history": Activity.history.count(),
        "revisions": tuple(Round.objects.order_by("pk").values_list("revision", flat=True)),
    }


def test_loading_twice_changes_nothing(_loaded):
    first = _counts()
    assert first["Round"] == 2 and first["DiscussionGroup"] == 3
    prioritisation_demo.demo_load()
    assert _counts() == first
