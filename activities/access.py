"""Who may read and change activity plans: every activity view asks here.

Reading follows the councils' rule (any council seat reads every council's plans); changing a
plan's activities takes a seat in its council; creating, copying, importing and the plan's
settings take its secretariat; answering what is raised takes a seat in the national council.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from councils import access as council_access
from councils.models import Council

from .models import Activity, ActivityPlan, NationalRaise


def _plan_or_404(council: Council, year: int) -> ActivityPlan:
    plan = ActivityPlan.objects.select_related("council").filter(council=council, year=year).first()
    if plan is None:
        raise Http404("No plan for that year")
    return plan


def council_for_reading(user, slug: str) -> Council:
    return council_access.council_for_reading(user, slug)


def council_for_managing(user, slug: str) -> Council:
    return council_access.council_for_managing(user, slug)


def plan_for_reading(user, slug: str, year: int) -> ActivityPlan:
    """The plan with its council in one query (the plan page is the portal's most read); the
    same answers as `council_for_reading` then the plan: 403 without a seat, else 404."""
    council_access.require_council_reader(user)
    plan = (
        ActivityPlan.objects.select_related("council__healthcare_region")
        .filter(council__slug=slug, year=year)
        .first()
    )
    if plan is None:
        council_access.council_for_reading(user, slug)  # 404 for an unknown council
        raise Http404("No plan for that year")
    return plan


def plan_for_editing(user, slug: str, year: int) -> ActivityPlan:
    return _plan_or_404(council_access.council_for_editing(user, slug), year)


def plan_for_managing(user, slug: str, year: int) -> ActivityPlan:
    return _plan_or_404(council_access.council_for_managing(user, slug), year)


def activity_in_plan(plan: ActivityPlan, pk: int) -> Activity:
    """An activity looked up inside its plan only: an id from another plan is 404."""
    activity = (
        Activity.objects.select_related("plan__council", "focus_area", "responsible")
        .filter(plan=plan, pk=pk)
        .first()
    )
    if activity is None:
        raise Http404("No such activity in this plan")
    return activity


def can_manage_council(user, council: Council) -> bool:
    """The secretariat creates the council's plans."""
    return council_access.can_manage_council(user, council)


def can_edit_plan(user, plan: ActivityPlan) -> bool:
    return council_access.can_edit_council(user, plan.council)


def can_manage_plan(user, plan: ActivityPlan) -> bool:
    return council_access.can_manage_council(user, plan.council)


def can_answer_raises(user) -> bool:
    return council_access.is_national_member(user)


def require_reader(user) -> None:
    council_access.require_council_reader(user)


def require_national(user) -> None:
    if not can_answer_raises(user):
        raise PermissionDenied


def raise_for_answering(user, pk: int) -> NationalRaise:
    require_national(user)
    raised = (
        NationalRaise.objects.select_related("activity__plan__council", "activity__focus_area")
        .filter(pk=pk)
        .first()
    )
    if raised is None:
        raise Http404("No such raised activity")
    return raised
