"""A group's meetings: plan, show, change and cancel one, and write its minutes in place (htmx,
with a page of its own without it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted

from .. import access
from ..forms._common import VersionForm
from ..forms.meetings import MeetingCreateForm, MeetingForm, MinutesForm
from ..models import Meeting
from ..selectors import meetings as selectors
from ..services import StaleVersion
from ..services import meetings as services
from ._common import already_submitted, announce, refuse_stale

MINUTES_SAVED = gettext_lazy("Minnesanteckningarna är sparade.")


def _meetings_url(group) -> str:
    return f"{group.get_absolute_url()}#meetings"


def _form_page(request, group, form, meeting, *, status=200, stale=None) -> HttpResponse:
    ctx = {"council": group.council, "group": group, "form": form, "meeting": meeting,
           "stale": stale}  # fmt: skip
    return render(request, "workgroups/meeting_form.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    form = MeetingCreateForm(request.POST or None, initial={"form": Meeting.Form.DIGITAL})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                group=group,
                idempotency_key=form.cleaned_data["idempotency_key"],
                user=request.user,
                **form.meeting_fields(),
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=_meetings_url(group))
        except ValidationError as error:
            form.service_errors(error)
        else:
            messages.success(request, _("Mötet är inlagt."))
            return redirect(meeting.get_absolute_url())
    return _form_page(request, group, form, None, status=400 if form.is_bound else 200)


def _detail_context(request, group, meeting, **extra) -> dict:
    can_edit = access.can_edit_group(request.user, group)
    ctx = {"council": group.council, "group": group, "meeting": meeting, "can_edit": can_edit}
    ctx.update(extra)
    return ctx


@login_required
@require_GET
def meeting_detail(request: HttpRequest, slug: str, pk: int, meeting_pk: int) -> HttpResponse:
    group = access.group_for_reading(request.user, slug, pk)
    meeting = selectors.meeting_detail(access.meeting_in_group(group, meeting_pk).pk)
    ctx = _detail_context(request, group, meeting)
    if request.htmx:
        # The minutes section as shown (what "Avbryt" in the in-place form swaps back).
        return render(request, "workgroups/_meeting_minutes.html", ctx)
    return render(request, "workgroups/meeting_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, slug: str, pk: int, meeting_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    meeting = access.meeting_in_group(group, meeting_pk)
    form = MeetingForm(request.POST or None, instance=meeting, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_update(
                meeting=meeting, version=form.cleaned_data["version"] or 0, **form.meeting_fields()
            )
        except StaleVersion as stale:
            # The person's input stays in the form, the saved meeting is shown beside it, and
            # the form now carries the saved version: saving again replaces it, knowingly.
            refuse_stale(form, stale)
            return _form_page(request, group, form, meeting, status=409, stale=stale.current)
        except ValidationError as error:
            form.service_errors(error)
        else:
            messages.success(request, _("Mötet är sparat."))
            return redirect(meeting.get_absolute_url())
    return _form_page(request, group, form, meeting, status=400 if form.is_bound else 200)


def _minutes_response(request, group, meeting, *, form=None, status=200, stale=None, message=""):
    """The minutes section: as text, or with its form (`form`). With htmx the section alone,
    swapped in place; without it the meeting's page."""
    ctx = _detail_context(request, group, meeting, minutes_form=form, stale=stale)
    if not request.htmx:
        return render(request, "workgroups/meeting_detail.html", ctx, status=status)
    response = render(request, "workgroups/_meeting_minutes.html", ctx, status=status)
    focus = "#id_minutes" if form is not None else "#minutes-edit"
    return announce(response, message, focus)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_minutes(request: HttpRequest, slug: str, pk: int, meeting_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    meeting = access.meeting_in_group(group, meeting_pk)
    if request.method == "GET":
        form = MinutesForm(initial={"version": meeting.version, "minutes": meeting.minutes})
        return _minutes_response(request, group, meeting, form=form)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return _minutes_response(request, group, meeting, form=form, status=400)
    try:
        meeting = services.meeting_minutes_update(
            meeting=meeting,
            version=form.cleaned_data["version"],
            minutes=form.cleaned_data["minutes"],
        )
    except StaleVersion as stale:
        refuse_stale(form, stale)
        return _minutes_response(
            request, group, stale.current, form=form, status=409, stale=stale.current
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _minutes_response(request, group, meeting, form=form, status=400)
    if request.htmx:
        return _minutes_response(request, group, meeting, message=MINUTES_SAVED)
    messages.success(request, MINUTES_SAVED)
    return redirect(f"{meeting.get_absolute_url()}#minutes")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_delete(request: HttpRequest, slug: str, pk: int, meeting_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    if request.method == "POST" and not access.still_in_group(Meeting, group, meeting_pk):
        # The second click of a double click: the meeting is gone already.
        messages.info(request, _("Mötet var redan borttaget."))
        return redirect(_meetings_url(group))
    meeting = access.meeting_in_group(group, meeting_pk)
    form = VersionForm(request.POST or None, initial={"version": meeting.version})
    ctx = {"council": group.council, "group": group, "meeting": meeting, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_delete(meeting=meeting, version=form.cleaned_data["version"])
        except StaleVersion as stale:
            messages.error(request, _("Mötet har ändrats sedan du öppnade det och togs inte bort."))
            ctx.update(
                meeting=stale.current, form=VersionForm(initial={"version": stale.current.version})
            )
            return render(request, "workgroups/meeting_delete.html", ctx, status=409)
        messages.success(request, _("Mötet ”%(title)s” är borttaget.") % {"title": meeting.title})
        return redirect(_meetings_url(group))
    return render(request, "workgroups/meeting_delete.html", ctx)
