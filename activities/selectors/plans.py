"""Reads for activity plans; each runs a fixed number of queries however large the plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from councils.models import Council

from .. import quarters
from ..models import Activity, ActivityNote, ActivityPlan, FocusArea, PlanFocusArea
from ..texts import year_replaced


@dataclass
class FocusAreaSection:
    choice: PlanFocusArea
    activities: list[Activity] = field(default_factory=list)  # plan_sections'
    rows: list[dict] = field(default_factory=list)  # plan_table's
    # The digest of everything its rows show (the page's fragment cache key), or "".
    rows_key: str = ""


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


@dataclass
class PlanTable:
    """The plan page's tables: the sections shown (after the filters), each with its `rows`
    (`plan_rows`), and every focus area of the plan as (id, name) in the plan's order, where
    a row can move to."""

    sections: list[FocusAreaSection]
    focus_areas: list[tuple[int, str]]


def plan_table(plan: ActivityPlan, filters: ActivityFilter | None = None) -> PlanTable:
    """The plan's focus areas in order, each with its activities as the page's rows (a dict
    each: `plan_rows`); two queries."""
    choices = list(plan.plan_focus_areas.select_related("focus_area").order_by("order"))
    sections = {choice.focus_area_id: FocusAreaSection(choice) for choice in choices}
    for row in plan_rows(plan, (filters or ActivityFilter()).apply(Activity.objects.all())):
        section = sections.get(row["focus_area_id"])
        if section is not None:
            section.rows.append(row)
    shown = list(sections.values())
    if filters and filters.focus_area:
        # Filtered to one focus area, the page shows that area's table only.
        shown = [sections[filters.focus_area]] if filters.focus_area in sections else []
    return PlanTable(
        sections=shown,
        focus_areas=[(choice.focus_area_id, choice.focus_area.name) for choice in choices],
    )


# What a row of the plan page shows of its activity's own fields.
ROW_FIELDS = (
    "pk", "focus_area_id", "version", "order", "title", "implementation", "timeline",
    "start_quarter", "end_quarter", "content", "follow_up", "priority", "progress",
    "carried_over_from_id",
)  # fmt: skip


def plan_rows(plan: ActivityPlan, activities: QuerySet[Activity]) -> list[dict]:
    """The plan's `activities` as the page's rows read them: a dict each (a template reads a
    dict's keys faster than an object's attributes, and no object is made per row or per
    related row), in one query. Besides ROW_FIELDS: the number of notes (`note_count`), the
    responsible person's name (`responsible_name`), the national raise's status
    (`raise_state`, or None), the year of the plan it was carried over from
    (`carried_from_year`), the timeline's quarters as shown (`quarters`) and whether it is
    late (`late`)."""
    rows = list(
        activities.filter(plan=plan)
        .annotate(
            note_count=Count("notes"),
            responsible_name=Coalesce(
                NullIf("responsible__full_name", Value("")), "responsible__email",
                output_field=CharField(),
            ),
            raise_state=F("national_raise__status"),
            carried_from_year=F("carried_over_from__plan__year"),
        )
        .order_by("order", "pk")
        .values(*ROW_FIELDS, "note_count", "responsible_name", "raise_state", "carried_from_year")
    )  # fmt: skip
    for row in rows:
        row["quarters"] = quarters.label(row["start_quarter"], row["end_quarter"])
        # Only a carried-over activity can be late; the model says when it is.
        row["late"] = bool(row["carried_over_from_id"]) and Activity(
            plan=plan, carried_over_from_id=row["carried_over_from_id"],
            progress=row["progress"], end_quarter=row["end_quarter"],
        ).is_late  # fmt: skip
    return rows


def plan_row(plan: ActivityPlan, activity_pk: int) -> dict:
    """One activity of the plan as its row shows it (after an in-place change)."""
    [row] = plan_rows(plan, Activity.objects.filter(pk=activity_pk))
    return row


def plan_sections(
    plan: ActivityPlan, filters: ActivityFilter | None = None
) -> list[FocusAreaSection]:
    """The plan's focus areas in order, each with its activities (their national raise,
    responsible person and number of notes, `note_count`), for the printed plan and the
    annual report; two queries."""
    activities = (filters or ActivityFilter()).apply(_rows().filter(plan=plan))
    sections = {
        choice.focus_area_id: FocusAreaSection(choice)
        for choice in plan.plan_focus_areas.select_related("focus_area").order_by("order")
    }
    for activity in activities:
        section = sections.get(activity.focus_area_id)
        if section is not None:
            section.activities.append(activity)
    if filters and filters.focus_area:
        return [sections[filters.focus_area]] if filters.focus_area in sections else []
    return list(sections.values())


def _rows() -> QuerySet[Activity]:
    """Activities with their national raise, responsible person, origin and number of notes
    (`note_count`), in one query."""
    return (
        Activity.objects.select_related(
            "plan__council", "responsible", "national_raise", "carried_over_from__plan__council"
        )
        .annotate(note_count=Count("notes"))
        .order_by("order", "pk")
    )


def plan_focus_area_names(plan: ActivityPlan) -> list[tuple[int, str]]:
    """The plan's focus areas as (id, name) in the plan's order: where a row can move to."""
    return list(
        plan.plan_focus_areas.order_by("order").values_list("focus_area_id", "focus_area__name")
    )


def plan_focus_area(plan: ActivityPlan, focus_area_id: int) -> FocusArea | None:
    """One of the plan's focus areas by its id, or None when the plan has no such area."""
    return FocusArea.objects.filter(pk=focus_area_id, plan_choices__plan=plan).first()


def carried_over_from(plan: ActivityPlan) -> list[Activity]:
    """The activities of later plans carried over from this plan (the annual report's "what
    goes on next year"), with the activity they came from; one query."""
    return list(
        Activity.objects.filter(carried_over_from__plan=plan)
        .select_related("plan", "focus_area", "carried_over_from")
        .order_by("plan__year", "focus_area__order", "order", "pk")
    )


def activities_matching(text: str, *, limit: int = 20) -> list[Activity]:
    """Activities of every council's plans whose texts match (the header's search; every
    council seat reads every plan), newest plan first; one query."""
    from vkr_portal.search import matching

    found = matching(Activity.objects.all(), text, ["title", "implementation", "content"])
    return list(found.select_related("plan__council").order_by("-plan__year", "pk")[:limit])


def plans_of_council(council: Council) -> QuerySet[ActivityPlan]:
    """The council's plans, newest first, with their number of activities."""
    return council.activity_plans.annotate(activity_count=Count("activities")).order_by("-year")


def council_activities(council: Council) -> QuerySet[Activity]:
    """The activities of the council's plans, newest plan first, for choosing who carries
    them out (a workgroup)."""
    return (
        Activity.objects.filter(plan__council=council)
        .select_related("plan")
        .order_by("-plan__year", "focus_area__order", "order", "pk")
    )


def focus_area_choices(council: Council) -> QuerySet[FocusArea]:
    """The national focus areas and the council's own."""
    return FocusArea.objects.filter(Q(council__isnull=True) | Q(council=council)).order_by(
        "council", "order", "name"
    )


def responsible_choices(council: Council):
    """People who may be responsible for an activity: the council's active members."""
    from councils.models import Membership, User

    seated = Membership.objects.active().filter(council=council).values("user_id")
    return User.objects.filter(pk__in=seated).order_by("full_name")


def activity_detail(activity_pk: int) -> Activity:
    """An activity with its notes, national raise and carried-over origin."""
    return (
        Activity.objects.select_related(
            "plan__council", "focus_area", "responsible", "national_raise__answered_by",
            "national_raise__raised_by", "carried_over_from__plan",
        )
        .prefetch_related(Prefetch("notes", queryset=ActivityNote.objects.select_related("author")))
        .get(pk=activity_pk)
    )  # fmt: skip


@dataclass
class CopyPreview:
    next_year: int
    exists: bool
    unfinished: int
    next_plan: ActivityPlan | None = None
    # How many times the plan's year is written in its intro and focus-area notes: each one
    # becomes next year in the copy.
    year_mentions: int = 0


def plan_copy_preview(plan: ActivityPlan) -> CopyPreview:
    """What copying the plan to next year would do: is there a plan already (and which), how
    many activities carry over, and how many year numbers in its texts become next year's."""
    next_plan = ActivityPlan.objects.filter(council=plan.council, year=plan.year + 1).first()
    notes = plan.plan_focus_areas.values_list("note", flat=True)
    texts = [plan.intro, *notes]
    return CopyPreview(
        next_year=plan.year + 1,
        exists=next_plan is not None,
        unfinished=plan.activities.exclude(progress=Activity.Progress.DONE).count(),
        next_plan=next_plan,
        year_mentions=sum(year_replaced(text, plan.year)[1] for text in texts),
    )
