"""The six plans side by side: per focus area, each regional council's activities in a column,
so the national council compares what the plans say, not only how much they hold."""

from __future__ import annotations

from dataclasses import dataclass, field

from councils.models import Council

from ..models import Activity, ActivityPlan, FocusArea, PlanFocusArea
from .plans import ActivityFilter


@dataclass
class ComparisonColumn:
    """One council's activities in one focus area; `plan` is None when the council has no
    plan for the year, `chosen` False when its plan leaves the focus area out."""

    council: Council
    plan: ActivityPlan | None
    focus_area_id: int
    chosen: bool = False
    note: str = ""
    activities: list[Activity] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """The column's id on the page: the roll-up's cells link to it."""
        return comparison_anchor(self.focus_area_id, self.council.slug)


@dataclass
class ComparisonSection:
    focus_area: FocusArea
    columns: list[ComparisonColumn]

    @property
    def total(self) -> int:
        return sum(len(column.activities) for column in self.columns)

    @property
    def anchor(self) -> str:
        return f"fokus-{self.focus_area.pk}"


@dataclass
class Comparison:
    year: int
    councils: list[Council]
    plans: dict[int, ActivityPlan]
    sections: list[ComparisonSection]
    focus_areas: list[FocusArea]

    @property
    def activity_count(self) -> int:
        return sum(section.total for section in self.sections)


def comparison_anchor(focus_area_id: int, council_slug: str) -> str:
    return f"fokus-{focus_area_id}-{council_slug}"


def national_comparison(year: int, filters: ActivityFilter | None = None) -> Comparison:
    """Every focus area any regional plan of `year` has chosen, each with the six councils'
    activities (priority, status, responsible, national raise) in plan order.

    Four queries however many activities. Filtered by priority, status or raise, focus areas
    without a matching activity in any council are left out; filtered to one focus area, only
    its section is returned.
    """
    filters = filters or ActivityFilter()
    councils = list(Council.objects.filter(kind=Council.Kind.REGIONAL).order_by("order", "name"))
    plans = {
        plan.council_id: plan
        for plan in ActivityPlan.objects.filter(year=year, council__kind=Council.Kind.REGIONAL)
    }
    choices = list(
        PlanFocusArea.objects.filter(plan__in=list(plans.values()))
        .select_related("focus_area")
        .order_by("focus_area__council_id", "focus_area__order", "focus_area__name")
    )
    areas = {choice.focus_area_id: choice.focus_area for choice in choices}
    sections = {
        area_id: ComparisonSection(area, [_column(council, plans, area_id) for council in councils])
        for area_id, area in sorted(areas.items(), key=lambda item: _area_order(item[1]))
    }
    _choose(sections, choices, plans)
    activities = filters.apply(
        Activity.objects.filter(plan__in=list(plans.values()))
        .select_related("plan__council", "focus_area", "responsible", "national_raise")
        .order_by("order", "pk")
    )
    position = {council.pk: index for index, council in enumerate(councils)}
    for activity in activities:
        section = sections.get(activity.focus_area_id)
        index = position.get(activity.plan.council_id)
        if section is not None and index is not None:
            section.columns[index].activities.append(activity)
    return Comparison(
        year=year,
        councils=councils,
        plans=plans,
        sections=_shown(list(sections.values()), filters),
        focus_areas=[section.focus_area for section in sections.values()],
    )


def _area_order(area: FocusArea) -> tuple:
    # The national catalogue first, in its order; then the councils' own focus areas.
    return (area.council_id is not None, area.order, area.name)


def _column(council: Council, plans: dict[int, ActivityPlan], area_id: int) -> ComparisonColumn:
    return ComparisonColumn(council=council, plan=plans.get(council.pk), focus_area_id=area_id)


def _choose(
    sections: dict[int, ComparisonSection],
    choices: list[PlanFocusArea],
    plans: dict[int, ActivityPlan],
) -> None:
    """Marks each column whose council's plan has chosen the section's focus area."""
    council_of_plan = {plan.pk: council_id for council_id, plan in plans.items()}
    for choice in choices:
        council_id = council_of_plan.get(choice.plan_id)
        for column in sections[choice.focus_area_id].columns:
            if column.council.pk == council_id:
                column.chosen, column.note = True, choice.note


def _shown(sections: list[ComparisonSection], filters: ActivityFilter) -> list[ComparisonSection]:
    if filters.focus_area:
        return [s for s in sections if s.focus_area.pk == filters.focus_area]
    if filters.priority or filters.progress or filters.raised:
        return [s for s in sections if s.total]
    return sections
