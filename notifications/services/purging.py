"""Old notifications are forgotten: a sent row only keeps its event from being sent again, and
an event a year old does not fire again (events carry their time, surveys close)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ..models import Notification

KEEP_FOR = dt.timedelta(days=365)


def notifications_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the notifications sent more than KEEP_FOR ago; unsent ones stay. How many."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _rows = Notification.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
