"""Meetings for people's calendars: a meeting's .ics, all of a group's, and the personal
subscription link that Outlook fetches without a login."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vkr_portal import throttles

from .. import access
from .. import calendar as ical
from ..selectors import meetings as selectors
from ..services import calendar as feeds

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Wrong subscription links per address; a valid link is never refused (see feed()).
FEED_THROTTLE = "calendar_feed_failures"


def _ics(body: bytes, name: str, *, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    # Our own name, in ASCII: the title is only a hint, never a path.
    filename = f"{slugify(name)[:80] or 'kalender'}.ics"
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


@login_required
@require_safe
def meeting_ics(request: HttpRequest, slug: str, pk: int, meeting_pk: int) -> HttpResponse:
    group = access.group_for_reading(request.user, slug, pk)
    meeting = selectors.meeting_detail(access.meeting_in_group(group, meeting_pk).pk)
    name = f"{meeting.title} {meeting.starts_at:%Y-%m-%d}"
    return _ics(ical.meeting_calendar(meeting), name)


@login_required
@require_safe
def group_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_reading(request.user, slug, pk)
    body = ical.group_calendar(group, selectors.group_meetings(group))
    return _ics(body, _("möten %(group)s") % {"group": group.name})


def _feed_url(token: str) -> str:
    # The portal's public address: the link is pasted into Outlook, far from this request.
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("workgroups:feed", args=[token])


@login_required
@require_http_methods(["GET", "POST"])
def feed_subscribe(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The person's subscription link to the group's meetings; "Skapa ny länk" ends the old."""
    group = access.group_for_reading(request.user, slug, pk)
    if request.method == "POST":
        feeds.feed_renew(user=request.user, group=group)
        messages.success(request, _("En ny länk är skapad. Den gamla länken fungerar inte längre."))
        return redirect("workgroups:feed_subscribe", slug=group.council.slug, pk=group.pk)
    url = _feed_url(feeds.feed_token(user=request.user, group=group))
    ctx = {
        "council": group.council,
        "group": group,
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[-1],
    }
    return render(request, "workgroups/feed_subscribe.html", ctx)


def _wrong_link(request: HttpRequest) -> HttpResponse:
    """A link that is forged, renewed, or no longer the person's to use: 404, and counted."""
    # The rate is the lead's to add to settings.THROTTLE_RATES; until then nothing is counted.
    if FEED_THROTTLE in settings.THROTTLE_RATES and throttles.hit(request, FEED_THROTTLE):
        return HttpResponse(_("För många felaktiga länkar. Försök igen senare."), status=429)
    raise Http404("No such calendar feed")


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The group's meetings for a calendar program; the link is the key, and the person it
    belongs to must still be able to read the group, checked at every fetch."""
    subscription = feeds.feed_from_token(token)
    if subscription is None:
        return _wrong_link(request)
    if not access.feed_still_readable(subscription):
        return _wrong_link(request)
    group = subscription.workgroup
    body = ical.group_calendar(group, selectors.group_meetings(group))
    # Shown by the calendar program, not saved as a file.
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, "kalender.ics")
    response["X-Robots-Tag"] = "noindex"
    return response
