"""Reads of meetings: a group's meetings (next first), the next meeting of many groups, and
one meeting. Each is one query, whatever the number of groups and meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ..models import Meeting, Workgroup


def _meetings():
    return Meeting.objects.select_related("workgroup__council")


def group_meetings(group: Workgroup, *, now: dt.datetime | None = None) -> list[Meeting]:
    """The group's meetings: those not over yet first, soonest first, then the past ones,
    newest first. Each carries `is_upcoming` (True until it has ended). One query."""
    now = now or timezone.now()
    meetings = list(_meetings().filter(workgroup=group).order_by("starts_at", "pk"))
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = [m for m in reversed(meetings) if m.ends_at < now]
    for meeting in upcoming:
        meeting.is_upcoming = True
    for meeting in past:
        meeting.is_upcoming = False
    return upcoming + past


def next_meetings(
    group_ids: Iterable[int], *, now: dt.datetime | None = None
) -> dict[int, Meeting]:
    """The next meeting (not over yet) of each of the groups, by group id; one query.

    A correlated subquery picks each group's soonest meeting, so it runs on PostgreSQL and on
    the SQLite of `make run` alike.
    """
    group_ids = list(group_ids)
    if not group_ids:
        return {}
    now = now or timezone.now()
    soonest = (
        Meeting.objects.filter(workgroup=OuterRef("workgroup"), ends_at__gte=now)
        .order_by("starts_at", "pk")
        .values("pk")[:1]
    )
    meetings = _meetings().filter(workgroup_id__in=group_ids, pk=Subquery(soonest))
    return {meeting.workgroup_id: meeting for meeting in meetings}


def meeting_detail(meeting_pk: int) -> Meeting:
    """One meeting with its group and council (the caller found it through access)."""
    return _meetings().get(pk=meeting_pk)


__all__ = ["group_meetings", "meeting_detail", "next_meetings"]
