"""The goals table, edited in place with htmx (plain forms and pages without it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted

from .. import access, selectors, services
from ..forms._common import MoveForm, VersionForm
from ..forms.goals import GoalCreateForm, GoalForm
from ..models import Goal
from ._common import already_submitted, announce, refuse_stale


def _goal_url(group, goal) -> str:
    return f"{group.get_absolute_url()}#goal-{goal.pk}"


def _row(request, group, goal, message: str = "", *, focus="edit", status=200, alert=""):
    """The row for htmx to swap in; a refusal (`alert`) is shown in the row, as an alert."""
    ctx = {"group": group, "goal": goal, "can_edit": True, "alert": alert}
    response = render(request, "workgroups/_goal_row.html", ctx, status=status)
    return announce(response, message, f'#goal-{goal.pk} [data-focus-key="{focus}"]')


def _form_response(request, group, form, goal, *, status=200, stale=None) -> HttpResponse:
    ctx = {"council": group.council, "group": group, "form": form, "goal": goal, "stale": stale}
    template = "workgroups/_goal_form_row.html" if request.htmx else "workgroups/goal_form.html"
    return render(request, template, ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    form = GoalCreateForm(request.POST or None, initial={"version": 0})
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(
                group=group,
                idempotency_key=form.cleaned_data["idempotency_key"],
                user=request.user,
                **form.goal_fields(),
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=f"{group.get_absolute_url()}#goals")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                return _row(request, group, goal, _("Raden är tillagd i måltabellen."))
            messages.success(request, _("Raden är tillagd i måltabellen."))
            return redirect(_goal_url(group, goal))
    status = 400 if form.is_bound else 200
    return _form_response(request, group, form, None, status=status)


@login_required
@require_GET
def goal_row(request: HttpRequest, slug: str, pk: int, goal_pk: int) -> HttpResponse:
    """One row as shown in the table (what "Avbryt" swaps back in place)."""
    group = access.group_for_reading(request.user, slug, pk)
    goal = access.goal_in_group(group, goal_pk)
    if not request.htmx:
        return redirect(_goal_url(group, goal))
    ctx = {"group": group, "goal": goal, "can_edit": access.can_edit_group(request.user, group)}
    response = render(request, "workgroups/_goal_row.html", ctx)
    return announce(response, "", f'#goal-{goal.pk} [data-focus-key="edit"]')


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, slug: str, pk: int, goal_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    goal = access.goal_in_group(group, goal_pk)
    form = GoalForm(request.POST or None, instance=goal, initial={"version": goal.version})
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_update(
                row=goal, version=form.cleaned_data["version"] or 0, **form.goal_fields()
            )
        except services.StaleVersion as stale:
            # The person's text stays in the form; the saved row is shown beside it, and the
            # form now carries the saved version: saving again replaces it, knowingly.
            refuse_stale(form, stale)
            return _form_response(request, group, form, goal, status=409, stale=stale.current)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                return _row(request, group, goal, _("Raden är sparad."))
            messages.success(request, _("Raden är sparad."))
            return redirect(_goal_url(group, goal))
    status = 400 if form.is_bound else 200
    return _form_response(request, group, form, goal, status=status)


@login_required
@require_POST
def goal_move(request: HttpRequest, slug: str, pk: int, goal_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    goal = access.goal_in_group(group, goal_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ogiltig riktning: inget har flyttats."))
        return redirect(_goal_url(group, goal))
    direction = form.cleaned_data["direction"]
    services.goal_move(row=goal, direction=direction, expected_order=form.cleaned_data["order"])
    if request.htmx:
        page = selectors.group_page(group)
        ctx = {"group": group, "goals": page.goals, "can_edit": True}
        response = render(request, "workgroups/_goal_rows.html", ctx)
        focus = f'#goal-{goal.pk} [data-focus-key="move-{direction}"]'
        return announce(response, _("Raden är flyttad."), focus)
    return redirect(_goal_url(group, goal))


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete(request: HttpRequest, slug: str, pk: int, goal_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    if request.method == "POST" and not access.still_in_group(Goal, group, goal_pk):
        # The second click of a double click: the row is gone already.
        gone = _("Raden var redan borttagen.")
        if request.htmx:
            return announce(HttpResponse(""), gone, "#goal-add")
        messages.info(request, gone)
        return redirect(f"{group.get_absolute_url()}#goals")
    goal = access.goal_in_group(group, goal_pk)
    form = VersionForm(request.POST or None, initial={"version": goal.version})
    ctx = {"council": group.council, "group": group, "goal": goal, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_delete(row=goal, version=form.cleaned_data["version"])
        except services.StaleVersion as stale:
            refused = _("Raden har ändrats sedan du öppnade den och togs inte bort.")
            if request.htmx:
                return _row(request, group, stale.current, status=409, alert=refused)
            messages.error(request, refused)
            return redirect(_goal_url(group, goal))
        message = _("Raden är borttagen ur måltabellen.")
        if request.htmx:
            return announce(HttpResponse(""), message, "#goal-add")
        messages.success(request, message)
        return redirect(f"{group.get_absolute_url()}#goals")
    return render(request, "workgroups/goal_delete.html", ctx)
