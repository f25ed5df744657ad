"""The council's workgroups: the list, a group's page, creating and editing a group."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from activities import selectors as activity_selectors
from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted
from recommendations import selectors as recommendation_selectors
from surveys import selectors as survey_selectors

from .. import access, selectors, services
from ..forms.groups import WorkgroupCreateForm, WorkgroupForm
from ._common import already_submitted, group_context, refuse_stale


def _form_choices(council) -> dict:
    return {
        "focus_areas": activity_selectors.focus_area_choices(council),
        "activities": activity_selectors.council_activities(council),
        "surveys": survey_selectors.surveys_for_linking(council),
    }


@login_required
@require_GET
def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_listing(request.user, slug)
    can_answer = access.can_answer_questions(request.user, council)
    ctx = {
        "council": council,
        "rows": selectors.group_list(council, request.user),
        "can_create": access.can_create_group(request.user, council),
        "can_answer": can_answer,
        "questions_waiting": selectors.questions_waiting_count(council) if can_answer else 0,
    }
    return render(request, "workgroups/group_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_creating(request.user, slug)
    form = WorkgroupCreateForm(request.POST or None, **_form_choices(council))
    if request.method == "POST" and form.is_valid():
        try:
            group = services.workgroup_create(
                council=council,
                activities=form.cleaned_data["activities"],
                surveys=form.cleaned_data["surveys"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                user=request.user,
                **form.group_fields(),
            )
        except AlreadySubmitted as sent:
            fallback = reverse("workgroups:list", kwargs={"slug": council.slug})
            return already_submitted(request, sent, fallback=fallback)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Arbetsgruppen är skapad. Lägg till gruppens medlemmar."))
            return redirect(group)
    ctx = {"council": council, "form": form, "group": None}
    return render(request, "workgroups/group_form.html", ctx, status=400 if form.is_bound else 200)


@login_required
@require_GET
def group_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_reading(request.user, slug, pk)
    ctx = group_context(request, group)
    ctx["goal_history"] = selectors.goal_history(group, limit=20)
    ctx["publications_followed"] = recommendation_selectors.publications_followed_by(group)
    return render(request, "workgroups/group_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_managing(request.user, slug, pk)
    form = WorkgroupForm(
        request.POST or None,
        instance=group,
        initial={"version": group.version},
        **_form_choices(group.council),
    )
    ctx = {"council": group.council, "group": group, "form": form}
    status = 400 if form.is_bound else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.workgroup_update(
                group=group,
                version=form.cleaned_data["version"],
                activities=form.cleaned_data["activities"],
                surveys=form.cleaned_data["surveys"],
                **form.group_fields(),
            )
        except services.StaleVersion as stale:
            ctx["stale"] = stale.current
            refuse_stale(form, stale)
            status = 409
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Arbetsgruppens uppgifter är sparade."))
            return redirect(group)
    return render(request, "workgroups/group_form.html", ctx, status=status)


@login_required
@require_GET
def group_mine(request: HttpRequest) -> HttpResponse:
    """The navigation's "Arbetsgrupper": the groups of the person's own council, or their
    group's council; the national council and admins choose a council first."""
    council = selectors.home_council(request.user)
    if council is not None:
        return redirect("workgroups:list", slug=council.slug)
    access.require_reader_of_any_groups(request.user)
    return redirect("councils:list")
