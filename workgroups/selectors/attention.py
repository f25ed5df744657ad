"""What the start page's "Att ta hand om" lists for a person's workgroups, and the reports
that are due (read by the reminders too). A fixed number of queries whatever the number of
groups, members and meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from councils import access as council_access
from councils.models import Membership

from .. import access
from ..models import Meeting, Question, Report, Workgroup

# How far ahead meetings and due reports show, and how long an answer stays news.
AHEAD_DAYS = 14
ANSWERS_DAYS = 30


@dataclass(frozen=True)
class DueReport:
    """A report a group has to hand in: its final report, or a planned status report."""

    group: Workgroup
    kind: str
    due_date: dt.date
    days_left: int
    report: Report | None = None  # the planned status report; None for the final report

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(-self.days_left, 0)

    @property
    def kind_label(self) -> str:
        return Report.Kind(self.kind).label

    @property
    def url(self) -> str:
        """The planned report's page, or the group page for the final report."""
        if self.report is not None:
            return reverse(
                "workgroups:report",
                args=[self.group.council.slug, self.group.pk, self.report.pk],
            )
        return self.group.get_absolute_url()


def due_report(
    group: Workgroup, kind: str, due_date: dt.date, today: dt.date, report: Report | None = None
) -> DueReport:
    return DueReport(group, kind, due_date, (due_date - today).days, report)


def reports_due(
    *, today: dt.date, within_days: int | None = AHEAD_DAYS, groups: Q | None = None
) -> list[DueReport]:
    """Unsubmitted reports of groups not closed that are due within `within_days` days (None:
    whenever) or overdue, soonest first; `groups` narrows the groups. Two queries."""
    open_groups = ~Q(status=Workgroup.Status.CLOSED) & (groups if groups is not None else Q())
    final_done = Report.objects.filter(
        workgroup=OuterRef("pk"), kind=Report.Kind.FINAL, submitted_at__isnull=False
    )
    finals = Workgroup.objects.filter(open_groups, final_report_due__isnull=False).filter(
        ~Exists(final_done)
    )
    planned = Report.objects.filter(
        kind=Report.Kind.STATUS, due_date__isnull=False, submitted_at__isnull=True,
        workgroup__in=Workgroup.objects.filter(open_groups),
    )  # fmt: skip
    if within_days is not None:
        horizon = today + dt.timedelta(days=within_days)
        finals = finals.filter(final_report_due__lte=horizon)
        planned = planned.filter(due_date__lte=horizon)
    due = [
        due_report(group, Report.Kind.FINAL, group.final_report_due, today)
        for group in finals.select_related("council")
    ]
    due += [
        due_report(report.workgroup, Report.Kind.STATUS, report.due_date, today, report)
        for report in planned.select_related("workgroup__council")
    ]
    due.sort(key=lambda d: (d.due_date, d.group.name, d.kind, d.report.pk if d.report else 0))
    return due


@dataclass
class WorkgroupAttention:
    """The four lists of the start page for one person; each may be empty."""

    meetings: list[Meeting] = field(default_factory=list)
    reports_due: list[DueReport] = field(default_factory=list)
    questions_waiting: list[Question] = field(default_factory=list)
    answers: list[Question] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.meetings or self.reports_due or self.questions_waiting or self.answers)


def _managed_council_ids(user) -> set[int]:
    # The seats themselves, not council_access.council_ids_managed_by: an admin is not the
    # secretariat of every council, and would otherwise see every group's reports here.
    return {
        seat.council_id
        for seat in council_access.seats(user)
        if seat.role == Membership.Role.SECRETARIAT
    }


def attention_for(user, *, today: dt.date | None = None) -> WorkgroupAttention:
    """Meetings of the user's groups in the next two weeks, reports due or overdue (of their
    groups and of the groups of councils whose secretariat they are), questions to their
    councils awaiting an answer and recent answers to their groups' questions."""
    if not user.is_authenticated:
        return WorkgroupAttention()
    today = today or timezone.localdate()
    now = timezone.now()
    group_ids = list(access.group_roles(user))
    managed = _managed_council_ids(user)
    seat_councils = {seat.council_id for seat in council_access.seats(user)}
    attention = WorkgroupAttention()
    if group_ids:
        attention.meetings = list(
            Meeting.objects.filter(
                workgroup_id__in=group_ids,
                ends_at__gte=now,
                starts_at__lt=now + dt.timedelta(days=AHEAD_DAYS),
            )
            .select_related("workgroup__council")
            .order_by("starts_at", "pk")
        )
        attention.answers = list(
            _questions()
            .filter(
                report__workgroup_id__in=group_ids,
                status=Question.Status.ANSWERED,
                answered_at__gte=now - dt.timedelta(days=ANSWERS_DAYS),
            )
            .order_by("-answered_at", "-pk")
        )
    if group_ids or managed:
        attention.reports_due = reports_due(
            today=today, groups=Q(pk__in=group_ids) | Q(council_id__in=managed)
        )
    if seat_councils:
        attention.questions_waiting = list(
            _questions()
            .filter(report__workgroup__council_id__in=seat_councils)
            .exclude(status=Question.Status.ANSWERED)
            .order_by("asked_at", "pk")
        )
    return attention


def _questions():
    """Questions of submitted reports (a draft's questions have not reached the council)."""
    return Question.objects.filter(report__submitted_at__isnull=False).select_related(
        "report__workgroup__council"
    )
