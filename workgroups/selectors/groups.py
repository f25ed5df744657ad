"""Reads for the group list, the group page and the links from plans; each runs a fixed
number of queries whatever the number of groups, members and meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from councils.models import Council

from .. import access
from ..models import Goal, Member, Question, Report, Workgroup
from .meetings import next_meetings

ROLE_RANK = {Member.Role.CONVENOR: 0, Member.Role.MEMBER: 1, Member.Role.COOPTED: 2}


def _current(prefix: str = "", day: dt.date | None = None) -> Q:
    day = day or timezone.localdate()
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": day})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


def _members_sorted(members) -> list[Member]:
    return sorted(members, key=lambda m: (ROLE_RANK.get(m.role, 3), m.display_name.casefold()))


@dataclass
class GroupRow:
    group: Workgroup
    convenors: list[Member]
    next_meeting: object
    overdue: bool
    due_soon: dt.date | None
    open_questions: int


def group_list(council: Council, user, *, today: dt.date | None = None) -> list[GroupRow]:
    """The council's groups the user may read: convenor, status, next meeting, and whether a
    report is overdue (the final report, or a planned status report)."""
    today = today or timezone.localdate()
    groups = Workgroup.objects.filter(council=council).select_related("council", "focus_area")
    if not access.can_read_all_groups(user, council):
        groups = groups.filter(pk__in=list(access.group_roles(user)))
    convenors = Member.objects.filter(_current(day=today), role=Member.Role.CONVENOR)
    final_done = Report.objects.filter(
        workgroup=OuterRef("pk"), kind=Report.Kind.FINAL, submitted_at__isnull=False
    )
    groups = groups.annotate(
        final_submitted=Exists(final_done),
        planned_due=Min(
            "reports__due_date",
            filter=Q(reports__submitted_at__isnull=True, reports__kind=Report.Kind.STATUS),
        ),
    ).prefetch_related(
        Prefetch("members", queryset=convenors.select_related("user"), to_attr="convenor_list")
    )
    groups = list(groups.order_by("status", "name"))
    open_counts = (
        dict(
            Question.objects.filter(
                report__workgroup__in=[g.pk for g in groups], report__submitted_at__isnull=False
            )
            .exclude(status=Question.Status.ANSWERED)
            .values("report__workgroup")
            .annotate(n=Count("pk"))
            .values_list("report__workgroup", "n")
        )
        if groups
        else {}
    )
    meetings = next_meetings([g.pk for g in groups]) if groups else {}
    rows = []
    for group in groups:
        due = [d for d in (_final_due(group), group.planned_due) if d]
        soonest = min(due) if due else None
        rows.append(
            GroupRow(
                group=group,
                convenors=group.convenor_list,
                next_meeting=meetings.get(group.pk),
                overdue=bool(soonest and soonest < today),
                due_soon=soonest,
                open_questions=open_counts.get(group.pk, 0),
            )
        )
    return rows


def _final_due(group: Workgroup) -> dt.date | None:
    if group.status == Workgroup.Status.CLOSED or group.final_submitted:
        return None
    return group.final_report_due


@dataclass
class GroupPage:
    group: Workgroup
    members: list[Member]
    former_members: list[Member]
    goals: list[Goal]
    reports: list[Report]
    open_questions: list[Question]
    activities: list = field(default_factory=list)
    surveys: list = field(default_factory=list)

    @property
    def final_report(self) -> Report | None:
        return next((r for r in self.reports if r.kind == Report.Kind.FINAL), None)

    @property
    def final_report_overdue(self) -> bool:
        """The final report's date has passed and no final report is handed in."""
        due, final = self.group.final_report_due, self.final_report
        open_group = self.group.status != Workgroup.Status.CLOSED
        handed_in = final is not None and final.is_submitted
        return bool(open_group and due and due < timezone.localdate() and not handed_in)


def group_page(group: Workgroup, *, today: dt.date | None = None) -> GroupPage:
    """Everything the group page shows but meetings and documents (their own selectors)."""
    today = today or timezone.localdate()
    members = list(
        Member.objects.filter(workgroup=group).select_related("user", "user__organisation")
    )
    current = [m for m in members if m.is_current(today)]
    former = [m for m in members if not m.is_current(today)]
    goals = list(Goal.objects.filter(workgroup=group).order_by("order", "pk"))
    reports = list(
        Report.objects.filter(workgroup=group)
        .select_related("submitted_by", "workgroup__council")
        .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("pk")))
        .order_by("-report_date", "-pk")
    )
    open_questions = [
        q
        for r in reports
        if r.is_submitted
        for q in r.questions.all()
        if q.status != Question.Status.ANSWERED
    ]
    activities = list(
        group.activities.select_related("plan", "focus_area").order_by("-plan__year", "order")
    )
    surveys = list(group.surveys.exclude(status="draft").order_by("-created_at"))
    return GroupPage(
        group=group,
        surveys=surveys,
        members=_members_sorted(current),
        former_members=_members_sorted(former),
        goals=goals,
        reports=reports,
        open_questions=open_questions,
        activities=activities,
    )


def workgroups_for_activities(activity_ids) -> dict[int, list[Workgroup]]:
    """The groups carrying out each activity, in one query (for the plan page)."""
    through = Workgroup.activities.through
    rows = through.objects.filter(activity_id__in=list(activity_ids)).select_related(
        "workgroup__council"
    )
    found: dict[int, list[Workgroup]] = {}
    for row in rows.order_by("workgroup__name"):
        found.setdefault(row.activity_id, []).append(row.workgroup)
    return found


def council_workgroups(council: Council) -> QuerySet[Workgroup]:
    """The council's groups with members, goals and submitted reports, for the annual report."""
    return (
        Workgroup.objects.filter(council=council)
        .select_related("focus_area")
        .prefetch_related(
            Prefetch("members", queryset=Member.objects.select_related("user__organisation")),
            Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
            Prefetch(
                "reports",
                queryset=Report.objects.filter(submitted_at__isnull=False)
                .prefetch_related("questions")
                .order_by("report_date"),
            ),
        )
        .order_by("name")
    )


def workgroups_matching(user, text: str, *, limit: int = 20) -> list[Workgroup]:
    """The groups the user may read whose name, mandate or purpose match (the header's
    search); one query (two with the user's memberships not yet read)."""
    from vkr_portal.search import matching

    from .. import access

    if not user.is_authenticated:
        return []
    readable = Workgroup.objects.filter(access.readable_groups(user))
    found = matching(readable, text, ["name", "mandate", "purpose"])
    return list(found.select_related("council").order_by("name")[:limit])


def member_choices(council: Council):
    """People with a login who may be added to a group: the council's active members and
    everyone already in one of its groups, by name."""
    from councils.models import Membership, User

    seated = Membership.objects.active().filter(council=council).values("user_id")
    grouped = Member.objects.filter(workgroup__council=council, user__isnull=False).values(
        "user_id"
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=seated) | Q(pk__in=grouped))
        .select_related("organisation")
        .order_by("full_name")
    )


def home_council(user) -> Council | None:
    """The council whose groups are the person's own: a regional seat's council, else that of
    a group they are in."""
    from councils import access as council_access

    regional = [seat.council_id for seat in council_access.seats(user) if not seat.is_national]
    if regional:
        return Council.objects.filter(pk__in=regional).order_by("order").first()
    groups = list(access.group_roles(user))
    if groups:
        return Council.objects.filter(workgroups__pk__in=groups).order_by("order").first()
    return None


def my_groups(user) -> list[Workgroup]:
    """The groups the user is a current member of, with their council (one query)."""
    ids = list(access.group_roles(user))
    if not ids:
        return []
    return list(Workgroup.objects.filter(pk__in=ids).select_related("council").order_by("name"))
