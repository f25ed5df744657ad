"""A council's discussion groups: the list, a new group, a group's name and members."""

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
from vkr_portal.responses import already_submitted

from .. import access, selectors, services
from ..forms import GroupCreateForm, GroupForm


@login_required
@require_GET
def group_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    ctx = {
        "council": council,
        "groups": selectors.groups_of_council(council),
        "can_manage": access.can_manage(request.user, council),
    }
    return render(request, "prioritisation/group_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    form = GroupCreateForm(request.POST or None, council=council)
    back = reverse("prioritisation:groups", kwargs={"slug": council.slug})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.group_create(
                council=council, name=data["name"], members=data["members"], user=request.user,
                idempotency_key=data["idempotency_key"],
            )  # fmt: skip
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=back)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Gruppen %(name)s är skapad.") % {"name": group.name})
            return redirect(back)
    ctx = {"council": council, "form": form, "group": None}
    return render(request, "prioritisation/group_form.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_managing(request.user, slug, pk)
    council = group.council
    initial = {"name": group.name, "members": list(group.members.all())}
    form = GroupForm(request.POST or None, council=council, initial=initial)
    back = reverse("prioritisation:groups", kwargs={"slug": council.slug})
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(
                group=group, name=form.cleaned_data["name"], members=form.cleaned_data["members"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Gruppen är sparad."))
            return redirect(back)
    ctx = {"council": council, "form": form, "group": group}
    return render(request, "prioritisation/group_form.html", ctx)
