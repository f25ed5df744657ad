"""What the start page's "Att ta hand om" lists from the activity plans: raised activities
awaiting the national council's answer (its members), answers to one's own council's raises
since the last visit, and the current plan's activities due by this quarter and not done.

A fixed number of queries whatever the number of plans, activities and raises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window
from django.utils import timezone

from councils import access as council_access

from ..models import Activity, NationalRaise

# How many of each list the start page shows (the heading gives the whole count).
SHOWN = 5
# Without an earlier login, "since the last visit" means the last 30 days.
ANSWERS_DAYS = 30


@dataclass(frozen=True)
class DueActivity:
    """An activity of the current plan whose end quarter has come, and is not done."""

    activity: Activity
    overdue: bool  # its end quarter is already past

    @property
    def end_label(self) -> str:
        """ "2026Q3" → "Q3 2026"."""
        year, quarter = self.activity.end_quarter.split("Q")
        return f"Q{quarter} {year}"


@dataclass
class ActivityAttention:
    """The start page's activity lists for one person; each may be empty."""

    raises_waiting: list[NationalRaise] = field(default_factory=list)
    raises_waiting_count: int = 0
    answers: list[NationalRaise] = field(default_factory=list)
    answers_count: int = 0
    answers_since: dt.datetime | None = None
    due: list[DueActivity] = field(default_factory=list)
    due_count: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.raises_waiting_count or self.answers_count or self.due_count)


def quarter_of(day: dt.date) -> str:
    """The quarter as plans write it: 2026-11-30 → "2026Q4"."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def activity_attention(
    user, *, today: dt.date | None = None, now: dt.datetime | None = None
) -> ActivityAttention:
    """For a national council member the raises not yet answered, oldest first; for a
    regional council's people the answers to their council's raises since their previous
    login (or the last 30 days) and the activities of their councils' plans for this year
    that end this quarter or earlier and are not done. Up to three queries."""
    attention = ActivityAttention()
    if not user.is_authenticated:
        return attention
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    seats = council_access.seats(user)
    if any(seat.is_national for seat in seats):
        waiting = NationalRaise.objects.exclude(status=NationalRaise.Status.ANSWERED)
        attention.raises_waiting, attention.raises_waiting_count = _first_and_count(
            _raises(waiting).order_by("raised_at", "pk")
        )
    regional = sorted({seat.council_id for seat in seats if not seat.is_national})
    if regional:
        since = user.previous_login or now - dt.timedelta(days=ANSWERS_DAYS)
        answered = NationalRaise.objects.filter(
            activity__plan__council_id__in=regional, answered_at__gte=since
        ).exclude(answer="")
        attention.answers_since = since
        attention.answers, attention.answers_count = _first_and_count(
            _raises(answered).order_by("-answered_at", "-pk")
        )
        due, attention.due_count = _first_and_count(
            activities_due(council_ids=regional, today=today).select_related(
                "plan__council", "responsible"
            )
        )
        this_quarter = quarter_of(today)
        attention.due = [DueActivity(a, a.end_quarter < this_quarter) for a in due]
    return attention


def activities_due(*, council_ids, today: dt.date) -> QuerySet[Activity]:
    """Activities of the councils' plans for today's year, not done, whose end quarter is this
    quarter or earlier (a carried-over activity may end in a past year), earliest first."""
    return (
        Activity.objects.filter(
            plan__council_id__in=council_ids,
            plan__year=today.year,
            end_quarter__gt="",
            end_quarter__lte=quarter_of(today),
        )
        .exclude(progress=Activity.Progress.DONE)
        .order_by("end_quarter", "plan__council__order", "focus_area__order", "order", "pk")
    )


def _first_and_count(queryset: QuerySet) -> tuple[list, int]:
    """The first SHOWN rows and the count of all, in one query (a window over the rows)."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:SHOWN])
    return rows, rows[0].total_rows if rows else 0


def _raises(raises: QuerySet[NationalRaise]) -> QuerySet[NationalRaise]:
    return raises.select_related("activity__plan__council", "activity__focus_area")
