"""Who may see and do what in prioritisation rounds: every view of the app asks here.

Reading a round follows the plans' rule (any council seat reads every council's plans, and so
their rounds); marking takes a voter of the round: the member themself, or a member of the
group (with a seat in the council still); deciding and accepting moves take the council's
chair or secretariat; opening, closing, reminding, exporting and the discussion groups take
its secretariat."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from activities import access as activity_access
from activities.models import ActivityPlan
from councils import access as council_access
from councils.models import Council

from .models import DiscussionGroup, Round, Voter


def plan_for_reading(user, slug: str, year: int) -> ActivityPlan:
    return activity_access.plan_for_reading(user, slug, year)


def plan_for_managing(user, slug: str, year: int) -> ActivityPlan:
    return activity_access.plan_for_managing(user, slug, year)


def council_for_reading(user, slug: str) -> Council:
    return council_access.council_for_reading(user, slug)


def council_for_managing(user, slug: str) -> Council:
    return council_access.council_for_managing(user, slug)


def round_in_plan(plan: ActivityPlan, pk: int) -> Round:
    """A round looked up inside its plan only: an id of another plan's round is 404."""
    round_ = Round.objects.filter(plan=plan, pk=pk).first()
    if round_ is None:
        raise Http404("No such round in this plan")
    round_.plan = plan
    return round_


def round_for_reading(user, slug: str, year: int, pk: int) -> Round:
    return round_in_plan(plan_for_reading(user, slug, year), pk)


def round_for_managing(user, slug: str, year: int, pk: int) -> Round:
    return round_in_plan(plan_for_managing(user, slug, year), pk)


def round_for_deciding(user, slug: str, year: int, pk: int) -> Round:
    round_ = round_for_reading(user, slug, year, pk)
    if not can_decide(user, round_.plan.council):
        raise PermissionDenied
    return round_


def can_decide(user, council: Council) -> bool:
    return council_access.can_chair_council(user, council)


def can_manage(user, council: Council) -> bool:
    return council_access.can_manage_council(user, council)


def require_reader(user) -> None:
    council_access.require_council_reader(user)


def can_mark_as(user, voter: Voter) -> bool:
    """The member themself, or a member of the group; either with a seat in the council."""
    if not user.is_authenticated:
        return False
    council_id = voter.round.plan.council_id
    if not any(seat.council_id == council_id for seat in council_access.seats(user)):
        return False
    if voter.user_id is not None:
        return voter.user_id == user.pk
    return DiscussionGroup.members.through.objects.filter(
        discussiongroup_id=voter.group_id, user_id=user.pk
    ).exists()


def voters_for(user, round_: Round) -> list[Voter]:
    """The voters of the round the user marks as (themself, or each of their groups)."""
    if not user.is_authenticated or not any(
        seat.council_id == round_.plan.council_id for seat in council_access.seats(user)
    ):
        return []
    mine = round_.voters.filter(user=user) | round_.voters.filter(group__members=user)
    return list(mine.distinct().order_by("name", "pk"))


def voter_for_marking(user, round_: Round, voter_id: int | None) -> Voter:
    """The voter a mark page is for: the one asked for among the user's, else their first;
    403 for someone who marks for nobody in this round."""
    voters = voters_for(user, round_)
    if not voters:
        raise PermissionDenied
    if voter_id is None:
        return voters[0]
    chosen = next((voter for voter in voters if voter.pk == voter_id), None)
    if chosen is None:
        raise PermissionDenied
    return chosen


def group_in_council(council: Council, pk: int) -> DiscussionGroup:
    group = DiscussionGroup.objects.filter(council=council, pk=pk).first()
    if group is None:
        raise Http404("No such group in this council")
    return group


def group_for_managing(user, slug: str, pk: int) -> DiscussionGroup:
    return group_in_council(council_for_managing(user, slug), pk)
