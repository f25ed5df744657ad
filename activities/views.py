"""Activity plan pages: the plan, in-place editing (htmx), history, copy, export and import,
the national roll-up and the national inbox. Every view asks `access` first."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import trigger_client_event

from councils.forms import add_service_errors

from . import access, selectors, services
from .forms import (
    ActivityFilterForm,
    ActivityForm,
    AnswerForm,
    MoveForm,
    NoteForm,
    PlanCreateForm,
    PlanImportForm,
    PlanSettingsForm,
    QuickSetForm,
    RaiseForm,
    VersionForm,
)
from .models import Activity, ActivityPlan, NationalRaise


@login_required
@require_GET
def plan_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    ctx = {
        "council": council,
        "plans": selectors.plans_of_council(council),
        "can_manage": access.can_manage_council(request.user, council),
    }
    return render(request, "activities/plan_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    form = PlanCreateForm(request.POST or None, council=council)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            areas = list(data["focus_areas"])
            if data["new_focus_area"]:
                areas.append(
                    services.focus_area_create(council=council, name=data["new_focus_area"])
                )
            plan = services.plan_create(
                council=council, year=data["year"], intro=data["intro"], focus_areas=areas
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Aktivitetsplanen för %(year)s är skapad.") % {"year": plan.year}
            )
            return redirect(plan)
    return render(request, "activities/plan_create.html", {"council": council, "form": form})


@login_required
@require_GET
def plan_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = access.plan_for_reading(request.user, slug, year)
    filter_form = ActivityFilterForm(request.GET or None, plan=plan)
    return render(request, "activities/plan_detail.html", _plan_context(request, plan, filter_form))


@login_required
@require_http_methods(["GET", "POST"])
def plan_settings(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = access.plan_for_managing(request.user, slug, year)
    initial = {"intro": plan.intro, "status": plan.status}
    form = PlanSettingsForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            areas = list(data["add_focus_areas"])
            if data["new_focus_area"]:
                areas.append(
                    services.focus_area_create(council=plan.council, name=data["new_focus_area"])
                )
            services.plan_update(
                plan=plan,
                intro=data["intro"],
                status=data["status"],
                notes=form.notes(),
                add_focus_areas=areas,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Planens inställningar är sparade."))
            return redirect(plan)
    return render(request, "activities/plan_settings.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_copy(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = access.plan_for_managing(request.user, slug, year)
    preview = selectors.plan_copy_preview(plan)
    if request.method == "POST" and not preview.exists:
        try:
            next_plan = services.plan_copy_to_next_year(plan=plan)
        except ValidationError:
            preview.exists = True  # a second click got there first
        else:
            return _copied(request, next_plan)
    status = 409 if preview.exists and request.method == "POST" else 200
    return render(
        request, "activities/plan_copy.html", {"plan": plan, "preview": preview}, status=status
    )


def _copied(request: HttpRequest, next_plan: ActivityPlan) -> HttpResponse:
    count = next_plan.activities.count()
    messages.success(
        request,
        _("Planen för %(year)s är skapad med %(count)s överförda aktiviteter.")
        % {"year": next_plan.year, "count": count},
    )
    return redirect(next_plan)


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
                return _row_response(request, plan, activity, _("Aktiviteten är tillagd."))
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
        return _row_response(request, plan, activity)
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
            ctx.update(_conflict_context(form, conflict.current))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if request.htmx:
                return _row_response(request, plan, saved, _("Aktiviteten är sparad."))
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
        return _row_response(
            request,
            plan,
            activity,
            _("Ändringen är sparad."),
            focus=f"{data['field']}-{data['value']}",
        )
    messages.success(request, _("Ändringen är sparad."))
    return redirect(_plan_url(plan, activity))


def _refused(request, plan, activity, message: str) -> HttpResponse:
    if request.htmx:
        return _row_response(request, plan, activity, message, error=True, status=409)
    messages.error(request, message)
    return redirect(_plan_url(plan, activity))


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
        ctx = _plan_context(request, plan, None, focus_area_id=activity.focus_area_id)
        ctx["section"] = ctx["sections"][0]
        response = render(request, "activities/_section_rows.html", ctx)
        focus = f'#activity-{activity.pk} [data-focus-key="move-{form.cleaned_data["direction"]}"]'
        return _announce(response, _("Aktiviteten är flyttad."), focus)
    return redirect(_plan_url(plan, activity))


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
            return _announce(HttpResponse(""), message, f"#add-{activity.focus_area_id}")
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


@login_required
@require_GET
def plan_export(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    from . import spreadsheets

    plan = access.plan_for_reading(request.user, slug, year)
    name = f"aktivitetsplan-{plan.council.slug}-{plan.year}"
    if fmt == "xlsx":
        response = HttpResponse(
            spreadsheets.plan_to_xlsx(plan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            spreadsheets.plan_to_csv(plan), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from . import spreadsheets

    plan = access.plan_for_managing(request.user, slug, year)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    file_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = spreadsheets.plan_file_parse(plan=plan, uploaded_file=form.cleaned_data["file"])
            count = services.plan_import(plan=plan, rows=rows, user=request.user)
        except spreadsheets.PlanFileError as error:
            file_errors = error.errors
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(count)s aktiviteter är importerade.") % {"count": count})
            return redirect(plan)
    ctx = {
        "plan": plan,
        "form": form,
        "file_errors": file_errors,
        "columns": spreadsheets.EXPORT_COLUMNS,
    }
    return render(request, "activities/plan_import.html", ctx, status=400 if file_errors else 200)


@login_required
@require_GET
def rollup(request: HttpRequest) -> HttpResponse:
    access.require_reader(request.user)
    years = selectors.national_rollup_years()
    try:
        year = int(request.GET.get("ar") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    councils, table = selectors.national_rollup(year)
    ctx = {
        "year": year,
        "years": years,
        "councils": councils,
        "table": table,
        "priorities": Activity.Priority.choices,
        "progresses": Activity.Progress.choices,
    }
    return render(request, "activities/rollup.html", ctx)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    access.require_national(request.user)
    status = request.GET.get("status", "")
    if status not in NationalRaise.Status.values:
        status = ""
    ctx = {
        "raises": selectors.national_inbox(status),
        "status": status,
        "statuses": NationalRaise.Status.choices,
    }
    return render(request, "activities/inbox.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def raise_answer(request: HttpRequest, pk: int) -> HttpResponse:
    raised = access.raise_for_answering(request.user, pk)
    initial = {
        "status": raised.status
        if raised.status != raised.Status.RAISED
        else raised.Status.RECEIVED,
        "answer": raised.answer,
    }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.national_raise_answer(raised=raised, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Svaret är sparat och syns för det regionala rådet."))
            return redirect("activities:inbox")
    return render(request, "activities/raise_answer.html", {"raised": raised, "form": form})


def _plan_url(plan: ActivityPlan, activity: Activity) -> str:
    return f"{plan.get_absolute_url()}#activity-{activity.pk}"


def _plan_context(request, plan, filter_form, *, focus_area_id: int | None = None) -> dict:
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


def _row_response(
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
    return _announce(response, message, f'#activity-{activity.pk} [data-focus-key="{focus}"]')


def _announce(response: HttpResponse, message: str, focus: str = "") -> HttpResponse:
    return trigger_client_event(
        response, "vkr:announce", {"message": message, "focus": focus}, after="settle"
    )


def _conflict_context(form, current: Activity) -> dict:
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
