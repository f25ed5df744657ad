"""Editing activities in place (htmx, with plain forms as the fallback): add, edit, one-click
settings, move, delete, notes and raising to the national council."""

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
from prioritisation import selectors as round_selectors
from workgroups import access as workgroup_access

from .. import access, selectors, services
from ..forms import (
    ActivityCreateForm,
    ActivityForm,
    MoveForm,
    NoteForm,
    QuickSetForm,
    RaiseForm,
    VersionForm,
)
from ._common import (
    ROW_ALERT_KEY,
    already_submitted,
    announce,
    conflict_context,
    pending_conflict,
    plan_context,
    plan_url,
    row_alert,
    row_response,
    sections_response,
    with_workgroups,
)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = access.plan_for_editing(request.user, slug, year)
    initial = {"focus_area": request.GET.get("fokus"), "version": 0}
    form = ActivityCreateForm(
        request.POST or None,
        plan=plan,
        initial=initial,
        responsible_choices=selectors.responsible_choices(plan.council),
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                plan=plan,
                idempotency_key=form.cleaned_data["idempotency_key"],
                user=request.user,
                **form.activity_fields(),
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, plan, sent, fallback=plan.get_absolute_url())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                return row_response(request, plan, activity, _("Aktiviteten är tillagd."))
            messages.success(request, _("Aktiviteten är tillagd."))
            return redirect(activity.get_absolute_url())
    template = (
        "activities/_activity_form_row.html" if request.htmx else "activities/activity_form.html"
    )
    return render(request, template, {"plan": plan, "form": form, "activity": None})


@login_required
@require_GET
def activity_detail(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    plan = access.plan_for_reading(request.user, slug, year)
    activity = selectors.activity_detail(access.activity_in_plan(plan, pk).pk)
    if request.htmx:
        # The row again; brought by the page itself (a decision seen live), focus stays put.
        return row_response(
            request, plan, activity, focus="" if "live" in request.GET else "actions"
        )
    ctx = {
        "plan": plan,
        "activity": with_workgroups([activity])[0],
        "can_read_workgroups": workgroup_access.can_list_groups(request.user, plan.council),
        "history": selectors.activity_history(activity),
        "rounds": round_selectors.activity_rounds(activity),
        "can_edit": access.can_edit_plan(request.user, plan),
        "note_form": NoteForm(),
        "raise_form": RaiseForm(
            initial={
                "motivation": getattr(activity, "national_raise", None)
                and activity.national_raise.motivation
            }
        ),
    }
    return render(request, "activities/activity_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    plan = access.plan_for_editing(request.user, slug, year)
    activity = access.activity_in_plan(plan, pk)
    form_kwargs = {"plan": plan, "responsible_choices": selectors.responsible_choices(plan.council)}
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        initial={"version": activity.version},
        **form_kwargs,
    )
    ctx = {"plan": plan, "form": form, "activity": activity}
    was_in = activity.focus_area_id
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            saved = services.activity_update_merged(
                activity=activity, version=version, **form.activity_fields()
            )
        except services.ActivityConflict as conflict:
            ctx.update(conflict_context(form, conflict, **form_kwargs))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            merged = saved.version > version + 1
            return _saved(request, plan, saved, merged=merged, was_in=was_in)
    elif form.conflict_fields:
        ctx["conflict"] = pending_conflict(form, activity)
    template = (
        "activities/_activity_form_row.html" if request.htmx else "activities/activity_form.html"
    )
    return render(request, template, ctx, status=409 if ctx.get("conflict") else 200)


def _saved(request, plan, activity, *, merged: bool, was_in: int) -> HttpResponse:
    message = _("Aktiviteten är sparad.")
    if merged:
        message = _(
            "Aktiviteten är sparad. Det som någon annan sparade under tiden, i andra fält, "
            "finns kvar."
        )
    if request.htmx and activity.focus_area_id != was_in:
        # The row leaves this table for its new focus area's: both are shown anew.
        return sections_response(request, plan, activity, was_in, _moved_message(message, activity))
    if request.htmx:
        return row_response(request, plan, activity, message)
    messages.success(request, message)
    return redirect(activity.get_absolute_url())


@login_required
@require_POST
def activity_set(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """One click on a priority or progress button."""
    plan = access.plan_for_editing(request.user, slug, year)
    activity = access.activity_in_plan(plan, pk)
    form = QuickSetForm(request.POST)
    if not form.is_valid():
        return _refused(request, plan, activity, _("Ogiltigt värde: inget har ändrats."))
    data = form.cleaned_data
    try:
        activity = services.activity_update(
            activity=activity, version=data["version"], **{data["field"]: data["value"]}
        )
    except services.ActivityConflict as conflict:
        # The row is shown as it is saved now, so the other person's change is in view.
        return _refused(
            request,
            plan,
            conflict.current,
            _("Inte sparat: någon annan hann ändra aktiviteten. Raden visar nu det som är sparat."),
            focus=data["field"],
        )
    if request.htmx:
        return row_response(
            request,
            plan,
            activity,
            _("Ändringen är sparad."),
            focus=data["field"],
        )
    messages.success(request, _("Ändringen är sparad."))
    return redirect(plan_url(plan, activity))


def _refused(request, plan, activity, message: str, *, focus: str = "edit") -> HttpResponse:
    """Nothing was changed: the row as it is saved now, with the reason beside the control
    (without htmx, in the row of the plan page the browser is sent back to)."""
    if request.htmx:
        return row_response(request, plan, activity, message, error=True, status=409, focus=focus)
    request.session[ROW_ALERT_KEY] = row_alert(activity, message, focus)
    return redirect(plan_url(plan, activity))


@login_required
@require_POST
def activity_move(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """Up or down within the focus area, or into another of the plan's focus areas."""
    plan = access.plan_for_editing(request.user, slug, year)
    activity = access.activity_in_plan(plan, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, plan, activity, _("Ogiltig riktning: inget har flyttats."))
    direction = form.cleaned_data["direction"]
    if direction == "area":
        return _moved_to_area(request, plan, activity, form.cleaned_data)
    activity = services.activity_move(
        activity=activity, direction=direction, expected_order=form.cleaned_data["order"]
    )
    if request.htmx:
        ctx = plan_context(request, plan, None, focus_area_id=activity.focus_area_id)
        ctx["section"] = ctx["sections"][0]
        response = render(request, "activities/_section_rows.html", ctx)
        focus = f'#activity-{activity.pk} [data-focus-key="actions"]'
        return announce(response, _("Aktiviteten är flyttad."), focus)
    return redirect(plan_url(plan, activity))


def _moved_to_area(request, plan, activity, data: dict) -> HttpResponse:
    """Into another focus area: a change of the activity, so on the version shown."""
    was_in = activity.focus_area_id
    area = selectors.plan_focus_area(plan, data["focus_area"])
    if area is None:
        return _refused(request, plan, activity, _("Fokusområdet ingår inte i den här planen."))
    try:
        moved = services.activity_update(
            activity=activity, version=data["version"], focus_area=area
        )
    except services.ActivityConflict as conflict:
        return _refused(
            request,
            plan,
            conflict.current,
            _(
                "Inte flyttad: någon annan hann ändra aktiviteten. Raden visar nu det som är "
                "sparat."
            ),
        )
    message = _moved_message("", moved)
    if request.htmx:
        return sections_response(request, plan, moved, was_in, message)
    messages.success(request, message)
    return redirect(plan_url(plan, moved))


def _moved_message(before: str, activity) -> str:
    moved = _("Aktiviteten är flyttad till %(area)s.") % {"area": activity.focus_area.name}
    return f"{before} {moved}".strip()


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    plan = access.plan_for_editing(request.user, slug, year)
    activity = access.activity_in_plan(plan, pk)
    form = VersionForm(request.POST or None, initial={"version": activity.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_delete(activity=activity, version=form.cleaned_data["version"])
        except services.ActivityConflict as conflict:
            return _refused(
                request,
                plan,
                conflict.current,
                _("Aktiviteten har ändrats sedan du öppnade den och togs inte bort."),
            )
        message = _("Aktiviteten ”%(title)s” är borttagen.") % {"title": activity.title}
        if request.htmx:
            return announce(HttpResponse(""), message, f"#add-{activity.focus_area_id}")
        messages.success(request, message)
        return redirect(plan)
    return render(
        request,
        "activities/activity_delete.html",
        {"plan": plan, "activity": activity, "form": form},
    )


@login_required
@require_POST
def activity_note_add(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    plan = access.plan_for_editing(request.user, slug, year)
    activity = access.activity_in_plan(plan, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            note = services.activity_note_add(
                activity=activity, author=request.user, **form.cleaned_data
            )
        except AlreadySubmitted as sent:
            fallback = f"{activity.get_absolute_url()}#notes"
            return already_submitted(request, plan, sent, fallback=fallback)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Anteckningen är tillagd."))
            return redirect(f"{activity.get_absolute_url()}#note-{note.pk}")
    return _detail_with_errors(request, plan, activity, note_form=form)


@login_required
@require_POST
def activity_raise(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    plan = access.plan_for_editing(request.user, slug, year)
    activity = access.activity_in_plan(plan, pk)
    form = RaiseForm(request.POST)
    if form.is_valid():
        try:
            services.activity_raise_to_national(
                activity=activity, user=request.user, **form.cleaned_data
            )
        except AlreadySubmitted as sent:
            fallback = f"{activity.get_absolute_url()}#national"
            return already_submitted(request, plan, sent, fallback=fallback)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Aktiviteten är lyft till det nationella rådet."))
            return redirect(activity.get_absolute_url() + "#national")
    return _detail_with_errors(request, plan, activity, raise_form=form)


def _detail_with_errors(request, plan, activity, **forms) -> HttpResponse:
    activity = selectors.activity_detail(activity.pk)
    ctx = {
        "plan": plan,
        "activity": activity,
        "history": selectors.activity_history(activity),
        "rounds": round_selectors.activity_rounds(activity),
        "can_edit": True,
        "note_form": NoteForm(),
        "raise_form": RaiseForm(),
        **forms,
    }
    return render(request, "activities/activity_detail.html", ctx, status=400)
