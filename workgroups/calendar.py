"""Meetings as iCalendar (RFC 5545), built with the `icalendar` library: one meeting to add to
a calendar, or all of a group's meetings as a subscribable feed.

Times are written in Europe/Stockholm with the VTIMEZONE that defines it, so Outlook shows
10:00 as 10:00 in winter and in summer. Each event keeps the meeting's UID, so a second
download or the next fetch of the feed updates the event instead of adding a copy; its
SEQUENCE is the meeting's version, so the calendar knows which copy is newer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Meeting, Workgroup

PRODID = "-//Vårdkompetensråden//vkr-portal//SV"
# Calendar programs fetch a subscription about this often (Outlook decides for itself).
REFRESH_INTERVAL = dt.timedelta(hours=4)


def calendar_timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def event_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@vkr-portal"


def meeting_url(meeting: Meeting) -> str:
    """The meeting's page, as an absolute address (the feed has no request to build it)."""
    return settings.PORTAL_BASE_URL.rstrip("/") + meeting.get_absolute_url()


def _description(meeting: Meeting, url: str, location: str) -> str:
    parts = []
    if meeting.agenda:
        parts.append(meeting.agenda)
    if meeting.link and meeting.link != location:
        parts.append(_("Länk till mötet: %(link)s") % {"link": meeting.link})
    parts.append(_("Mötet i portalen: %(url)s") % {"url": url})
    return "\n\n".join(parts)


def meeting_event(meeting: Meeting, *, stamp: dt.datetime | None = None) -> icalendar.Event:
    """One meeting as a VEVENT; `meeting.workgroup` names the group in its summary."""
    tz = calendar_timezone()
    url = meeting_url(meeting)
    location = meeting.place or meeting.link
    event = icalendar.Event.new(
        uid=event_uid(meeting),
        summary=f"{meeting.workgroup.name}: {meeting.title}",
        start=meeting.starts_at.astimezone(tz),
        end=meeting.ends_at.astimezone(tz),
        stamp=stamp or timezone.now(),
        sequence=meeting.version,
        description=_description(meeting, url, location),
        url=url,
        location=location or None,
    )
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    return event


def _calendar(components: list[icalendar.Event], **properties) -> bytes:
    calendar = icalendar.Calendar.new(prodid=PRODID, method="PUBLISH", **properties)
    if "refresh_interval" in properties:
        # Outlook reads its own name for REFRESH-INTERVAL.
        calendar.add("x-published-ttl", properties["refresh_interval"])
    for component in components:
        calendar.add_component(component)
    if components:
        # A time zone definition covering the events' years, not the library's default of
        # 1970–2038: meetings may be planned up to the portal's last year.
        starts = [component.start for component in components]
        ends = [component.end for component in components]
        calendar.add_missing_timezones(
            first_date=dt.date(min(starts).year - 1, 1, 1),
            last_date=dt.date(max(ends).year + 1, 12, 31),
        )
    return calendar.to_ical()


def meeting_calendar(meeting: Meeting) -> bytes:
    """A calendar file with one meeting, to open in Outlook."""
    return _calendar([meeting_event(meeting)])


def group_calendar(group: Workgroup, meetings: Iterable[Meeting]) -> bytes:
    """All the given meetings of a group, as a calendar to download or subscribe to."""
    stamp = timezone.now()
    events = [meeting_event(meeting, stamp=stamp) for meeting in meetings]
    name = _("%(group)s: möten") % {"group": group.name}
    return _calendar(
        events,
        name=name,
        description=_("Möten i arbetsgruppen %(group)s, %(council)s.")
        % {"group": group.name, "council": group.council.short_name},
        uid=f"workgroup-{group.pk}@vkr-portal",
        refresh_interval=REFRESH_INTERVAL,
    )


__all__ = ["event_uid", "group_calendar", "meeting_calendar", "meeting_event", "meeting_url"]
