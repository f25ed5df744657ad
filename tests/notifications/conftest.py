"""Helpers for the notification tests: run a change as a request would (its on_commit
callbacks run when it commits, tasks are eager), mark who edited an activity, end a seat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(fn, **kwargs)`: call fn, then run what it queued for after its commit."""

    def run(fn, /, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


def edited_by(activity, user) -> None:
    """A change to the activity saved by `user` (its history records who)."""
    from activities.models import Activity

    fresh = Activity.objects.get(pk=activity.pk)
    fresh._history_user = user
    fresh.content = f"{fresh.content} ändrad av {user}"
    fresh.save()


def seat_ended(world, council, email: str, name: str):
    """A person whose seat in the council ended yesterday."""
    from councils.models import Membership, User
    from councils.services import membership_create

    person = User.objects.create_user(email=email, password="x", full_name=name)
    today = timezone.localdate()
    membership_create(
        council=council, user=person, role=Membership.Role.MEMBER,
        party=Membership.Party.OTHER, start_date=today - dt.timedelta(days=100),
        end_date=today - dt.timedelta(days=1),
    )  # fmt: skip
    return person


def rows(kind: str, object_id: int | None = None):
    from notifications.models import Notification

    found = Notification.objects.filter(kind=kind)
    if object_id is not None:
        found = found.filter(object_id=object_id)
    return found


def recipients(kind: str, object_id: int | None = None) -> set[str]:
    return {
        row.recipient.email if row.recipient_id else row.email
        for row in rows(kind, object_id).select_related("recipient")
    }
