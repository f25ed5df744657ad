"""Reads for activity plans; each runs a fixed number of queries however large the plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from councils.models import Council

from .models import Activity, ActivityNote, ActivityPlan, NationalRaise, PlanFocusArea


@dataclass
class FocusAreaSection:
    choice: PlanFocusArea
    activities: list[Activity] = field(default_factory=list)


@dataclass
class ActivityFilter:
    priority: str = ""
    progress: str = ""
    focus_area: int | None = None
    raised: bool = False

    def apply(self, queryset: QuerySet[Activity]) -> QuerySet[Activity]:
        if self.priority:
            queryset = queryset.filter(priority=self.priority)
        if self.progress:
            queryset = queryset.filter(progress=self.progress)
        if self.focus_area:
            queryset = queryset.filter(focus_area_id=self.focus_area)
        if self.raised:
            queryset = queryset.filter(national_raise__isnull=False)
        return queryset


def plan_for_council_year(council: Council, year: int) -> ActivityPlan | None:
    return ActivityPlan.objects.select_related("council").filter(council=council, year=year).first()


def plan_sections(
    plan: ActivityPlan, filters: ActivityFilter | None = None
) -> list[FocusAreaSection]:
    """The plan's focus areas in order, each with its activities, notes and national raise."""
    activities = (filters or ActivityFilter()).apply(
        Activity.objects.filter(plan=plan)
        .select_related("responsible", "national_raise", "carried_over_from__plan")
        .prefetch_related(Prefetch("notes", queryset=ActivityNote.objects.select_related("author")))
        .order_by("order", "pk")
    )
    sections = {
        choice.focus_area_id: FocusAreaSection(choice)
        for choice in plan.plan_focus_areas.select_related("focus_area").order_by("order")
    }
    for activity in activities:
        section = sections.get(activity.focus_area_id)
        if section is not None:
            section.activities.append(activity)
    return list(sections.values())


@dataclass
class RollupCell:
    council: Council
    total: int
    by_priority: dict[str, int]
    by_progress: dict[str, int]


def national_rollup(year: int) -> tuple[list[Council], list[tuple[str, list[RollupCell]]]]:
    """Focus area × the regional councils: counts per priority and progress, in one query."""
    councils = list(Council.objects.filter(kind=Council.Kind.REGIONAL).order_by("order"))
    counts = {
        f"{kind}_{value}": Count("pk", filter=Q(**{kind: value}))
        for kind, choices in (
            ("priority", Activity.Priority.values),
            ("progress", Activity.Progress.values),
        )
        for value in choices
    }
    rows = (
        Activity.objects.filter(plan__year=year, plan__council__kind=Council.Kind.REGIONAL)
        .values("focus_area_id", "focus_area__name", "focus_area__order", "plan__council_id")
        .annotate(total=Count("pk"), **counts)
        .order_by("focus_area__order", "focus_area__name")
    )
    matrix: dict[int, tuple[str, dict[int, dict]]] = {}
    for row in rows:
        name_and_cells = matrix.setdefault(row["focus_area_id"], (row["focus_area__name"], {}))
        name_and_cells[1][row["plan__council_id"]] = row
    table = []
    for name, by_council in matrix.values():
        cells = []
        for council in councils:
            row = by_council.get(council.pk, {})
            cells.append(
                RollupCell(
                    council=council,
                    total=row.get("total", 0),
                    by_priority={v: row.get(f"priority_{v}", 0) for v in Activity.Priority.values},
                    by_progress={v: row.get(f"progress_{v}", 0) for v in Activity.Progress.values},
                )
            )
        table.append((name, cells))
    return councils, table


def national_inbox(status: str = "") -> QuerySet[NationalRaise]:
    """Activities raised to the national council, newest first, with council and focus area."""
    raises = NationalRaise.objects.select_related(
        "activity__plan__council", "activity__focus_area", "raised_by", "answered_by"
    )
    return raises.filter(status=status) if status else raises
