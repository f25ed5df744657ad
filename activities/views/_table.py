"""The plan table as its page and its in-place responses show it: the words and URLs every row
repeats, built once per page, and the filters as plain fields.

A row is cheap to render: it is a dict (selectors.plan_rows), its words come from `labels`, its
URL from one `reverse()` per page (`url`), and its menus are not in it: the page has them once,
in a `<template>` that static/js/plan.js fills in for each row from the row's data attributes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language, gettext

from workgroups import access as workgroup_access
from workgroups import selectors as workgroup_selectors

from .. import access, selectors
from ..forms import ActivityFilterForm
from ..models import Activity, ActivityPlan, NationalRaise

# A refusal without htmx is shown in its row on the plan page the browser is sent back to.
ROW_ALERT_KEY = "activities.row_alert"


def row_labels() -> dict:
    """The words every row repeats (its cells' labels when the table is shown as cards, the
    controls' names) and the tables' column heads, translated and escaped once per page
    instead of once per row."""
    words = {
        "title": gettext("Aktivitet"),
        "implementation": gettext("Genomförande"),
        "timeline": gettext("Tidplan"),
        "content": gettext("Innehåll"),
        "follow_up": gettext("Uppföljning – när"),
        "responsible": gettext("Ansvarig"),
        "priority": gettext("Prioritet"),
        "progress": gettext("Status"),
        "actions": gettext("Åtgärder"),
        "priority_of": gettext("Prioritet för"),
        "progress_of": gettext("Status för"),
        "actions_of": gettext("Åtgärder för"),
        "edit": gettext("Ändra"),
        "move_up": gettext("Flytta upp"),
        "move_down": gettext("Flytta ned"),
        "move_to": gettext("Flytta till fokusområde"),
        "notes": gettext("Anteckningar"),
        "raise": gettext("Lyft till nationella rådet"),
        "raised": gettext("Lyft till nationell nivå"),
        "delete": gettext("Ta bort"),
        "confirm_delete": gettext("Ta bort aktiviteten"),
        "late": gettext("Försenad"),
        "late_help": gettext("slutkvartalet har passerat"),
        "carried_from": gettext("Överförd från"),
    }
    return {key: conditional_escape(word) for key, word in words.items()}


def row_context(request, plan: ActivityPlan) -> dict:
    """What every row of the plan table reads besides its activity, built once per page."""
    return {
        "plan": plan,
        "can_edit": access.can_edit_plan(request.user, plan),
        "can_read_workgroups": workgroup_access.can_list_groups(request.user, plan.council),
        "labels": row_labels(),
    }


def plan_context(
    request, plan: ActivityPlan, filter_form: ActivityFilterForm | None, *,
    focus_area_id: int | None = None, with_filters: bool = False,
) -> dict:  # fmt: skip
    """What the plan page (`with_filters`: and its filters, from `filter_form` when the page
    was asked with any) and its section partials show, for this user."""
    filters = filter_form.filters() if filter_form is not None else selectors.ActivityFilter()
    if focus_area_id:
        filters.focus_area = focus_area_id
    table = selectors.plan_table(plan, filters)
    alert = request.session.pop(ROW_ALERT_KEY, None)
    table_rows([row for section in table.sections for row in section.rows], plan, alert)
    context = row_context(request, plan)
    for section in table.sections:
        section.rows_key = rows_key(section.rows, context)
    fields = plan_filter_fields(filter_form, table.focus_areas) if with_filters else None
    return {
        **context,
        "council": plan.council,
        "sections": table.sections,
        "filter_form": filter_form,
        "filter_fields": fields,
        "filtered": filters != selectors.ActivityFilter(),
        "can_manage": access.can_manage_plan(request.user, plan),
        "row_alert": alert,
        # The row menus' one copy (the page's <template>).
        "priorities": Activity.Priority.choices,
        "progresses": Activity.Progress.choices,
        "focus_areas": table.focus_areas,
    }


def table_rows(rows: list[dict], plan: ActivityPlan, alert: dict | None = None) -> list[dict]:
    """The page's rows (selectors.plan_rows) with what only the page adds to them: the URL
    (`url`), the workgroups that carry the activity out (`workgroup_list`, one query for all),
    the names of its priority, progress and national raise's status (`priority_label`,
    `progress_label`, `raise_status`, or "") and a refusal to show in it (`alert_at`, the
    cell, and `alert_message`); without a query or a reverse() per row."""
    prefix = _activity_url_prefix(plan)
    # The values' names translated once per page, not once per row and value.
    priorities = {value: str(label) for value, label in Activity.Priority.choices}
    progresses = {value: str(label) for value, label in Activity.Progress.choices}
    raise_states = {value: str(label) for value, label in NationalRaise.Status.choices}
    groups = workgroup_selectors.workgroups_for_activities([row["pk"] for row in rows])
    for row in rows:
        row.update(
            url=f"{prefix}{row['pk']}/",
            workgroup_list=groups.get(row["pk"], []),
            priority_label=priorities.get(row["priority"], row["priority"]),
            progress_label=progresses.get(row["progress"], row["progress"]),
            raise_status=raise_states.get(row["raise_state"], ""),
            alert_at="",
            alert_message="",
        )
        if alert and alert.get("activity_id") == row["pk"]:
            row.update(alert_at=alert["place"], alert_message=alert["message"])
    return rows


def rows_key(rows: list[dict], context: dict) -> str:
    """A digest of all that the rows of a table show: their values, their workgroups' names
    and addresses, the language and what the reader may do. The rendered rows are cached
    under it (`{% cache %}` in _section_rows.html), so a plan read again unchanged, as in a
    meeting where ten members follow it, is not rendered again; any change to what a row
    shows is a new key, so a cached table is never stale."""
    shown = [
        sorted(
            (key, value) if key != "workgroup_list"
            else (key, [(g.pk, g.name, g.get_absolute_url()) for g in value])
            for key, value in row.items()
        )
        for row in rows
    ]  # fmt: skip
    facts = (get_language(), context["can_edit"], context["can_read_workgroups"], shown)
    return hashlib.sha256(repr(facts).encode()).hexdigest()


def _activity_url_prefix(plan: ActivityPlan) -> str:
    # The URLconf's activity URL is the plan's plus "<pk>/": reversed once, for pk 0.
    url = reverse(
        "activities:activity", kwargs={"slug": plan.council.slug, "year": plan.year, "pk": 0}
    )
    return url.removesuffix("0/")


def with_workgroups(activities: list[Activity]) -> list[Activity]:
    """Each activity with the workgroups that carry it out (`workgroup_list`), in one query:
    the plan's "Genomförande" links to them."""
    groups = workgroup_selectors.workgroups_for_activities([a.pk for a in activities])
    for activity in activities:
        activity.workgroup_list = groups.get(activity.pk, [])
    return activities


@dataclass(frozen=True)
class FilterField:
    """One of the plan's filters as the page writes it: plain HTML, as the form layout writes
    it but without its templates (a form with errors is shown through the layout)."""

    id: str
    name: str
    label: str
    options: list[tuple[str, str, bool]]  # a list's (value, name, chosen)
    checked: bool = False  # a checkbox's


def plan_filter_fields(
    form: ActivityFilterForm | None, focus_areas: list[tuple[int, str]]
) -> list[FilterField]:
    """The filters' three lists and the checkbox, chosen as in `form` (none when the page was
    asked without filters: then no form is made, and its query for the focus areas is not
    run, they are the table's)."""
    fields = ActivityFilterForm.base_fields
    chosen = {name: "" for name in fields}
    if form is not None:
        chosen = {name: form[name].value() for name in fields}
    every = fields["prioritet"].choices[0]  # ("", "Alla")
    lists = {
        "prioritet": fields["prioritet"].choices,
        "status": fields["status"].choices,
        "fokus": [every, *focus_areas],
    }
    result = [
        FilterField(
            id=f"id_{name}",
            name=name,
            label=str(fields[name].label),
            options=[
                (str(value), str(label), str(value) == str(chosen[name] or ""))
                for value, label in choices
            ],
        )  # fmt: skip
        for name, choices in lists.items()
    ]
    checkbox = fields["lyft"]
    result.append(
        FilterField(id="id_lyft", name="lyft", label=str(checkbox.label), options=[],
                    checked=bool(chosen["lyft"]))
    )  # fmt: skip
    return result
