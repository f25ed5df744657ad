"""What a group's XLSX export reads: its goals, meetings, reports and their questions, in four
queries whatever their number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from ..models import Goal, Meeting, Question, Report, Workgroup


@dataclass
class GroupExport:
    group: Workgroup
    goals: list[Goal]
    meetings: list[Meeting]
    reports: list[Report]  # each with its questions prefetched, oldest question first


def group_export(group: Workgroup) -> GroupExport:
    """The group's goals in table order, meetings oldest first, reports oldest first."""
    questions = Question.objects.order_by("pk")
    return GroupExport(
        group=group,
        goals=list(Goal.objects.filter(workgroup=group).order_by("order", "pk")),
        meetings=list(Meeting.objects.filter(workgroup=group).order_by("starts_at", "pk")),
        reports=list(
            Report.objects.filter(workgroup=group)
            .prefetch_related(Prefetch("questions", queryset=questions))
            .order_by("report_date", "pk")
        ),
    )
