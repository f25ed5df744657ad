"""What the start page's "Att ta hand om" lists from the surveys: the open surveys of the
person's councils with their response rate and days left, and for a council's secretariat the
ones closing within a week while many invited organisations have not answered ("skicka
påminnelse"). Two queries whatever the number of surveys and invitations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from councils import access as council_access
from councils.models import Membership

from ..models import Survey
from .rate import surveys_rate_annotate

# A survey "closes soon" within this many days, and then needs a reminder when fewer than
# REMIND_BELOW_RATE per cent of the invited have answered or REMIND_MISSING or more are missing.
CLOSING_DAYS = 7
REMIND_BELOW_RATE = 80
REMIND_MISSING = 5


@dataclass(frozen=True)
class OpenSurvey:
    """An open survey with its counts (see rate.surveys_rate_annotate) and days left."""

    survey: Survey
    days_left: int | None  # None: no closing date

    @property
    def invited(self) -> int:
        return self.survey.invited

    @property
    def submitted(self) -> int:
        return self.survey.submitted

    @property
    def missing(self) -> int:
        return self.invited - self.submitted

    @property
    def rate(self) -> int | None:
        return self.survey.rate

    @property
    def needs_reminder(self) -> bool:
        """Closing within CLOSING_DAYS days with many of the invited not answered."""
        closing = self.days_left is not None and self.days_left <= CLOSING_DAYS
        many_missing = self.missing >= REMIND_MISSING or (self.rate or 0) < REMIND_BELOW_RATE
        return closing and self.invited > 0 and self.missing > 0 and many_missing


@dataclass
class SurveyAttention:
    """`remind`: the secretariat's surveys that need a reminder; `open`: the other open ones."""

    open: list[OpenSurvey] = field(default_factory=list)
    remind: list[OpenSurvey] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.open or self.remind)


def survey_attention(user, *, now: dt.datetime | None = None) -> SurveyAttention:
    """The surveys of the user's councils that take answers now, closing first; those of the
    councils whose secretariat they are that need a reminder apart (see OpenSurvey)."""
    seats = council_access.seats(user)
    if not seats:
        return SurveyAttention()
    now = now or timezone.now()
    today = timezone.localdate(now)
    managed = {seat.council_id for seat in seats if seat.role == Membership.Role.SECRETARIAT}
    surveys = (
        Survey.objects.filter(
            council_id__in={seat.council_id for seat in seats}, status=Survey.Status.OPEN
        )
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("council")
        .order_by(F("closes_at").asc(nulls_last=True), "title", "pk")
    )
    attention = SurveyAttention()
    for survey in surveys_rate_annotate(list(surveys)):
        item = OpenSurvey(survey, _days_left(survey, today))
        if survey.council_id in managed and item.needs_reminder:
            attention.remind.append(item)
        else:
            attention.open.append(item)
    return attention


def _days_left(survey: Survey, today: dt.date) -> int | None:
    if survey.closes_at is None:
        return None
    return (timezone.localdate(survey.closes_at) - today).days
