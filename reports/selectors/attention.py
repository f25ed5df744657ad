"""What the start page's "Att ta hand om" lists from the annual reports, for a regional
council's secretariat: last year's report when a finished version waits to be fastställd, or
when nothing has been started for it after START_BY. One query whatever the number of
reports and versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from councils import access as council_access
from councils.models import Membership

from ..models import AnnualReport, ReportBuild

# From this day of the year (month, day) last year's report should have been started.
START_BY = (2, 1)


@dataclass(frozen=True)
class ReportDue:
    """Last year's report of one council: `draft_number` is its finished version waiting to be
    fastställd, None when no report has been started."""

    council_slug: str
    council_name: str
    year: int
    draft_number: int | None = None

    @property
    def started(self) -> bool:
        return self.draft_number is not None

    @property
    def url(self) -> str:
        return reverse("reports:report", kwargs={"slug": self.council_slug, "year": self.year})


def report_attention(user, *, today: dt.date | None = None) -> list[ReportDue]:
    """Last year's reports of the regional councils whose secretariat the user is: with a
    finished version but none fastställd, or (from 1 February) not started at all."""
    seats = [
        seat
        for seat in council_access.seats(user)
        if seat.role == Membership.Role.SECRETARIAT and not seat.is_national
    ]
    if not seats:
        return []
    today = today or timezone.localdate()
    year = today.year - 1
    builds = ReportBuild.objects.filter(report=OuterRef("pk"))
    finished = builds.filter(status=ReportBuild.Status.DONE, finalised_at__isnull=True)
    reports = {
        row["council_id"]: row
        for row in AnnualReport.objects.filter(
            council_id__in=[seat.council_id for seat in seats], year=year
        )
        .annotate(
            has_final=Exists(builds.filter(finalised_at__isnull=False)),
            draft_number=Subquery(finished.order_by("-number").values("number")[:1]),
        )
        .values("council_id", "has_final", "draft_number")
    }
    late = (today.month, today.day) >= START_BY
    due = []
    for seat in sorted(seats, key=lambda seat: seat.council_name):
        row = reports.get(seat.council_id)
        if row is None and late:
            due.append(ReportDue(seat.council_slug, seat.council_name, year))
        elif row is not None and not row["has_final"] and row["draft_number"] is not None:
            due.append(ReportDue(seat.council_slug, seat.council_name, year, row["draft_number"]))
    return due
