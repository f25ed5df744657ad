"""Plan pages: the list, creating, the plan table, settings, copy to next year, export and
import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted
from prioritisation import selectors as round_selectors
from vkr_portal.fileformats import file_sha256

from .. import access, selectors, services
from ..forms import (
    ActivityFilterForm,
    PlanCopyForm,
    PlanCreateForm,
    PlanImportForm,
    PlanSettingsForm,
)
from ..models import ActivityPlan
from ._common import already_submitted, plan_context


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
        try:
            plan = services.plan_create(council=council, user=request.user, **form.cleaned_data)
        except AlreadySubmitted as sent:
            fallback = reverse("activities:plan_list", kwargs={"slug": council.slug})
            return already_submitted(request, None, sent, fallback=fallback)
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
    # Without filters asked for, no form: the page writes the filters from the table's data.
    filter_form = ActivityFilterForm(request.GET, plan=plan) if request.GET else None
    ctx = plan_context(request, plan, filter_form, with_filters=True)
    # The plan's prioritisation round, followed live: its decisions change the rows' colours.
    ctx["live_round"] = round_selectors.plan_live(plan)
    return render(request, "activities/plan_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def plan_settings(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = access.plan_for_managing(request.user, slug, year)
    initial = {"intro": plan.intro, "status": plan.status, "adopted_on": plan.adopted_on}
    form = PlanSettingsForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_update(
                plan=plan,
                intro=data["intro"],
                status=data["status"],
                adopted_on=data["adopted_on"],
                notes=form.notes(),
                add_focus_areas=list(data["add_focus_areas"]),
                new_focus_area=data["new_focus_area"],
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
    # Bound on every POST: the form has no field but its key, so an empty POST is one too.
    form = PlanCopyForm(request.POST if request.method == "POST" else None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    if form.is_bound and form.is_valid():
        try:
            next_plan = services.plan_copy_to_next_year(
                plan=plan, user=request.user, **form.cleaned_data
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, plan, sent, fallback=plan.get_absolute_url())
        except ValidationError:
            # Made otherwise (by another form, or by hand): say so, and link to it.
            preview, status = selectors.plan_copy_preview(plan), 409
        else:
            return _copied(request, next_plan)
    ctx = {"plan": plan, "preview": preview, "form": form}
    return render(request, "activities/plan_copy.html", ctx, status=status)


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
def plan_import(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    from .. import spreadsheets

    plan = access.plan_for_managing(request.user, slug, year)
    form = PlanImportForm(request.POST or None, request.FILES or None)
    file_errors, more_errors = [], 0
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = spreadsheets.plan_file_parse(plan=plan, uploaded_file=upload)
            count = services.plan_import(
                plan=plan, rows=rows, user=request.user, sha256=file_sha256(upload),
                filename=upload.name or "",
            )  # fmt: skip
        except spreadsheets.PlanFileError as error:
            file_errors, more_errors = error.errors, error.more
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(count)s aktiviteter är importerade.") % {"count": count})
            return redirect(plan)
    ctx = {
        "plan": plan,
        "form": form,
        "file_errors": file_errors,
        "more_errors": more_errors,
        "columns": spreadsheets.EXPORT_COLUMNS,
        "max_rows": spreadsheets.MAX_ROWS,
    }
    status = 400 if file_errors or form.errors else 200
    return render(request, "activities/plan_import.html", ctx, status=status)
