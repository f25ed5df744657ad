"""What the plan views share: the plan context, a row for htmx to swap in, announcements and
the conflict view."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django_htmx.http import trigger_client_event

from .. import access, selectors
from ..models import Activity, ActivityPlan


def plan_url(plan: ActivityPlan, activity: Activity) -> str:
    return f"{plan.get_absolute_url()}#activity-{activity.pk}"


def plan_context(request, plan, filter_form, *, focus_area_id: int | None = None) -> dict:
    """What the plan page and its section partials show, for this user."""
    filters = filter_form.filters() if filter_form is not None else selectors.ActivityFilter()
    if focus_area_id:
        filters.focus_area = focus_area_id
    sections = selectors.plan_sections(plan, filters)
    return {
        "plan": plan,
        "council": plan.council,
        "sections": sections,
        "filter_form": filter_form,
        "filtered": filters != selectors.ActivityFilter(),
        "can_edit": access.can_edit_plan(request.user, plan),
        "can_manage": access.can_manage_plan(request.user, plan),
        "priorities": Activity.Priority.choices,
        "progresses": Activity.Progress.choices,
    }


def row_response(
    request,
    plan,
    activity,
    message: str = "",
    *,
    error: bool = False,
    status: int = 200,
    focus: str = "edit",
) -> HttpResponse:
    """One activity's table row for htmx to swap in; the message is read out and the focus
    put back on the control named by `focus` (a data-focus-key in the row)."""
    ctx = {
        "plan": plan,
        "activity": selectors.activity_detail(activity.pk),
        "can_edit": access.can_edit_plan(request.user, plan),
        "priorities": Activity.Priority.choices,
        "progresses": Activity.Progress.choices,
    }
    response = render(request, "activities/_activity_row.html", ctx, status=status)
    return announce(response, message, f'#activity-{activity.pk} [data-focus-key="{focus}"]')


def announce(response: HttpResponse, message: str, focus: str = "") -> HttpResponse:
    return trigger_client_event(
        response, "vkr:announce", {"message": message, "focus": focus}, after="settle"
    )


def conflict_context(form, current: Activity) -> dict:
    """Keep what the person changed, take the other person's saved values for the rest, and
    let a new save (made knowingly) go through on the current version."""
    proposed = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    conflict = selectors.activity_conflict(current, proposed, form.cleaned_data["version"] or 0)
    data = form.data.copy()
    for name, value in conflict.keep_saved.items():
        data[name] = "" if value is None else value
    data["version"] = current.version
    form.data = data
    return {"conflict": conflict}
