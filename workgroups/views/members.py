"""Adding, changing and taking people out of a group (the convenor and the secretariat)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted

from .. import access, services
from ..forms.groups import ConfirmForm, MemberCreateForm, MemberForm
from ..models import Member
from ._common import already_submitted


def _members_url(group) -> str:
    return f"{group.get_absolute_url()}#members"


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_managing(request.user, slug, pk)
    form = MemberCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_add(
                group=group,
                with_login=form.cleaned_data["with_login"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                by=request.user,
                **form.member_fields(),
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=_members_url(group))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(person)s är tillagd i gruppen.") % {"person": member})
            return redirect(f"{group.get_absolute_url()}#member-{member.pk}")
    ctx = {"council": group.council, "group": group, "form": form, "member": None}
    return render(request, "workgroups/member_form.html", ctx, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str, pk: int, member_pk: int) -> HttpResponse:
    group = access.group_for_managing(request.user, slug, pk)
    member = access.member_in_group(group, member_pk)
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_update(member=member, **form.member_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Uppgifterna för %(person)s är sparade.") % {"person": member}
            )
            return redirect(f"{group.get_absolute_url()}#member-{member.pk}")
    ctx = {"council": group.council, "group": group, "form": form, "member": member}
    return render(request, "workgroups/member_form.html", ctx, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request: HttpRequest, slug: str, pk: int, member_pk: int) -> HttpResponse:
    group = access.group_for_managing(request.user, slug, pk)
    if request.method == "POST" and not access.still_in_group(Member, group, member_pk):
        messages.info(request, _("Personen var redan borttagen ur gruppen."))
        return redirect(_members_url(group))
    member = access.member_in_group(group, member_pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.member_remove(member=member)
        messages.success(request, _("%(person)s är borttagen ur gruppen.") % {"person": member})
        return redirect(_members_url(group))
    ctx = {"council": group.council, "group": group, "member": member, "form": form}
    return render(request, "workgroups/member_remove.html", ctx)
