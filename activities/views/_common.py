"""What the plan views share: a row for htmx to swap in, announcements, the conflict view and
the answer to a form sent twice (the plan table's context is in _table.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget, trigger_client_event

from idempotency.services import AlreadySubmitted

from .. import merging, selectors
from ..forms import ActivityForm
from ..models import Activity, ActivityPlan
from ..services import ActivityConflict
from ._table import ROW_ALERT_KEY, plan_context, row_context, table_rows, with_workgroups

__all__ = [
    "ROW_ALERT_KEY", "already_submitted", "announce", "conflict_context", "pending_conflict",
    "plan_context", "plan_url", "row_alert", "row_response", "sections_response",
    "with_workgroups",
]  # fmt: skip


def plan_url(plan: ActivityPlan, activity: Activity) -> str:
    return f"{plan.get_absolute_url()}#activity-{activity.pk}"


def row_response(
    request,
    plan,
    activity,
    message: str = "",
    *,
    error: bool = False,
    status: int = 200,
    focus: str = "actions",
) -> HttpResponse:
    """One activity's table row for htmx to swap in; the message is read out and the focus
    put back on the control named by `focus` (a data-focus-key in the row).

    A refusal (`error`) is shown in the row itself, beside the control that was used, as an
    alert: it is read out as such, so the live region stays quiet.
    """
    alert = row_alert(activity, message, focus) if error else None
    rows = table_rows([selectors.plan_row(plan, activity.pk)], plan, alert)
    ctx = {**row_context(request, plan), "activity": activity, "rows": rows}
    response = render(request, "activities/_activity_rows.html", ctx, status=status)
    spoken = "" if error else message
    if not focus and not spoken:
        return response  # a row the page fetched by itself: nothing to say, focus stays put
    target = f'#activity-{activity.pk} [data-focus-key="{focus}"]' if focus else ""
    return announce(response, spoken, target)


def sections_response(request, plan, activity, moved_from: int, message: str) -> HttpResponse:
    """After an activity moved into another focus area: the table body it left, for htmx to
    swap in where it was, and the one it joined, swapped in out of band, so the row is in its
    new table at once; the focus goes to the row's menu there."""
    ctx = plan_context(request, plan, None)
    by_area = {section.choice.focus_area_id: section for section in ctx["sections"]}
    parts = []
    for area_id, out_of_band in ((moved_from, False), (activity.focus_area_id, True)):
        if area_id in by_area:
            section_ctx = {**ctx, "section": by_area[area_id], "out_of_band": out_of_band}
            parts.append(render_to_string("activities/_section_rows.html", section_ctx, request))
    response = HttpResponse("".join(parts))
    response = retarget(reswap(response, "outerHTML"), f"#section-{moved_from}")
    return announce(response, message, f'#activity-{activity.pk} [data-focus-key="actions"]')


def row_alert(activity: Activity, message: str, focus: str) -> dict:
    """A refusal to show in an activity's row, in the cell of the control that was used."""
    place = focus if focus in ("priority", "progress") else "actions"
    return {"activity_id": activity.pk, "message": message, "place": place}


def announce(response: HttpResponse, message: str, focus: str = "") -> HttpResponse:
    return trigger_client_event(
        response, "vkr:announce", {"message": message, "focus": focus}, after="settle"
    )


def conflict_context(form: ActivityForm, conflict: ActivityConflict, **form_kwargs) -> dict:
    """A new form on the version saved now: what merged cleanly filled in, and a decision for
    each field both people changed (nothing is saved until each one is decided)."""
    current = conflict.current
    mine = form.activity_fields()
    initial = {name: merging.saved_value(current, name) for name in ActivityForm.Meta.fields}
    initial.update({name: merging.form_value(value) for name, value in conflict.merged.items()})
    rows = selectors.activity_conflict(
        current, version=current.version, fields=conflict.fields, mine=mine
    )
    for row in rows:
        initial[row.name] = merging.form_value(mine[row.name])
        if row.mergeable:
            initial[f"merged_{row.name}"] = _merge_start(row.name, current, mine)
    initial.update(version=current.version, conflict=conflict.fields)
    new_form = ActivityForm(
        instance=current, initial=initial, conflict_fields=conflict.fields, **form_kwargs
    )
    return {"form": new_form, "conflict": _with_decisions(new_form, rows)}


def pending_conflict(form: ActivityForm, activity: Activity) -> list:
    """The conflict again, for a form sent back without every decision made."""
    version = form.cleaned_data.get("version") or activity.version
    mine = {name: form.cleaned_data.get(name) for name in form.conflict_fields}
    rows = selectors.activity_conflict(
        activity, version=version, fields=form.conflict_fields, mine=mine
    )
    return _with_decisions(form, rows)


def _merge_start(name: str, current: Activity, mine: dict) -> str:
    """What a merged text starts as: a longer text holds both, one line holds mine."""
    if name in ("content", "follow_up"):
        both = (str(merging.saved_value(current, name)), str(mine[name] or ""))
        return "\n\n".join(text for text in both if text)
    return mine[name] or ""


def _with_decisions(form: ActivityForm, rows: list) -> list:
    for row in rows:
        row.choice = form[f"resolve_{row.name}"]
        row.merged = form[f"merged_{row.name}"] if row.mergeable else None
    return rows


ALREADY_SAVED = _(
    "Det här var redan sparat: formuläret skickades mer än en gång men sparades en gång."
)


def already_submitted(request, plan, sent: AlreadySubmitted, *, fallback: str) -> HttpResponse:
    """The same form sent again (a double click, a resent POST): show what the first one made,
    with a message, and create nothing."""
    url = sent.result_url
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        url = fallback
    if request.htmx:
        activity = _activity_at(plan, url) if plan is not None else None
        if activity is not None:
            # The in-place form becomes the row that the first request saved.
            return row_response(request, plan, activity, str(ALREADY_SAVED))
        messages.info(request, ALREADY_SAVED)
        return HttpResponseClientRedirect(url)
    messages.info(request, ALREADY_SAVED)
    return redirect(url)


def _activity_at(plan: ActivityPlan, url: str) -> Activity | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    if match.view_name != "activities:activity":
        return None
    return Activity.objects.filter(plan=plan, pk=match.kwargs["pk"]).first()
