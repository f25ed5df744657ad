"""The events the portal tells people of, each called by the service that makes the change,
inside its transaction (see `delivery.notify`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .. import selectors
from ..models import Kind
from .delivery import event_stamp, notify


def _pk(user) -> int | None:
    return user.pk if user is not None and getattr(user, "is_authenticated", False) else None


def activity_raised_notify(*, raised, user=None) -> list[int]:
    """An activity raised to the national council: its members are told."""
    return notify(
        kind=Kind.ACTIVITY_RAISED, object_id=raised.pk,
        user_ids=selectors.national_members(), exclude=_pk(user),
    )  # fmt: skip


def raise_answered_notify(*, raised, user=None) -> list[int]:
    """The national council answered a raise: the regional council's people who edited the
    activity (or raised it) and its responsible person are told."""
    return notify(
        kind=Kind.RAISE_ANSWERED, object_id=raised.pk, event=event_stamp(raised.answered_at),
        user_ids=selectors.raise_answer_recipients(raised), exclude=_pk(user),
    )  # fmt: skip


def question_asked_notify(*, question, user=None) -> list[int]:
    """A workgroup put a question to its council (in a report handed in): the council's
    members, who may answer it, are told."""
    council_id = question.report.workgroup.council_id
    return notify(
        kind=Kind.QUESTION_ASKED, object_id=question.pk,
        user_ids=selectors.council_members(council_id),
        exclude=_pk(user) or question.asked_by_id,
    )  # fmt: skip


@transaction.atomic
def surveys_closing_notify(*, now: dt.datetime | None = None) -> list[int]:
    """Tell the secretariat of every open survey that closes within NOTIFY_SURVEY_CLOSING_DAYS,
    once per survey (run by Celery beat); the ids queued."""
    from surveys.models import Survey

    now = now or timezone.now()
    within = dt.timedelta(days=settings.NOTIFY_SURVEY_CLOSING_DAYS)
    closing = list(
        Survey.objects.filter(
            status=Survey.Status.OPEN, closes_at__gt=now, closes_at__lte=now + within
        )
        .order_by("pk")
        .values_list("pk", "council_id")
    )
    secretariats = selectors.secretariats_of({council_id for _pk, council_id in closing})
    queued = []
    for survey_id, council_id in closing:
        queued += notify(
            kind=Kind.SURVEY_CLOSING, object_id=survey_id,
            user_ids=secretariats.get(council_id, []),
        )  # fmt: skip
    return queued
