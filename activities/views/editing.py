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

from .. import access, selectors, services
from ..forms import (
    ActivityForm,
    MoveForm,
    NoteForm,
    QuickSetForm,
    RaiseForm,
    VersionForm,
)
from ._common import announce, conflict_context, plan_context, plan_url, row_response


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = access.plan_for_editing(request.user, slug, year)
    initial = {"focus_area": request.GET.get("fokus"), "version": 0}
    form = ActivityForm(
        request.POST or None,
        plan=plan,
        initial=initial,
        responsible_choices=selectors.responsible_choices(plan.council),
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            activity = services.activity_create(plan=plan, **fields)
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
        return row_response(request, plan, activity)
    ctx = {
        "plan": plan,
        "activity": activity,
        "history": selectors.activity_history(activity),
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
    form = ActivityForm(
        request.POST or None,
        instance=activity,
        plan=plan,
        initial={"version": activity.version},
        responsible_choices=selectors.responsible_choices(plan.council),
    )
    ctx = {"plan": plan, "form": form, "activity": activity}
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            saved = services.activity_update(
                activity=activity, version=form.cleaned_data["version"] or 0, **fields
            )
        except services.ActivityConflict as conflict:
            ctx.update(conflict_context(form, conflict.current))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                return row_response(request, plan, saved, _("Aktiviteten är sparad."))
            messages.success(request, _("Aktiviteten är sparad."))
            return redirect(saved.get_absolute_url())
    template = (
        "activities/_activity_form_row.html" if request.htmx else "activities/activity_form.html"
    )
    return render(request, template, ctx, status=409 if ctx.get("conflict") else 200)


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
        return _refused(
            request,
            plan,
            conflict.current,
            _("Någon annan hann ändra aktiviteten. Se den nya versionen och försök igen."),
        )
    if request.htmx:
        return row_response(
            request,
            plan,
            activity,
            _("Ändringen är sparad."),
            focus=f"{data['field']}-{data['value']}",
        )
    messages.success(request, _("Ändringen är sparad."))
    return redirect(plan_url(plan, activity))


def _refused(request, plan, activity, message: str) -> HttpResponse:
    if request.htmx:
        return row_response(request, plan, activity, message, error=True, status=409)
    messages.error(request, message)
    return redirect(plan_url(plan, activity))


@login_required
@require_POST
def activity_move(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    plan = access.plan_for_editing(request.user, slug, year)
    activity = access.activity_in_plan(plan, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, plan, activity, _("Ogiltig riktning: inget har flyttats."))
    activity = services.activity_move(activity=activity, direction=form.cleaned_data["direction"])
    if request.htmx:
        ctx = plan_context(request, plan, None, focus_area_id=activity.focus_area_id)
        ctx["section"] = ctx["sections"][0]
        response = render(request, "activities/_section_rows.html", ctx)
        focus = f'#activity-{activity.pk} [data-focus-key="move-{form.cleaned_data["direction"]}"]'
        return announce(response, _("Aktiviteten är flyttad."), focus)
    return redirect(plan_url(plan, activity))


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
        services.activity_note_add(activity=activity, author=request.user, **form.cleaned_data)
        messages.success(request, _("Anteckningen är tillagd."))
        return redirect(activity.get_absolute_url() + "#notes")
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
                activity=activity, motivation=form.cleaned_data["motivation"], user=request.user
            )
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
        "can_edit": True,
        "note_form": NoteForm(),
        "raise_form": RaiseForm(),
        **forms,
    }
    return render(request, "activities/activity_detail.html", ctx, status=400)
