"""Reads for activity plans; each runs a fixed number of queries however large the plan."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from councils.models import Council

from . import merging
from .models import Activity, ActivityNote, ActivityPlan, FocusArea, NationalRaise, PlanFocusArea


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
        .select_related(
            "plan__council", "responsible", "national_raise", "carried_over_from__plan__council"
        )
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
    if filters and filters.focus_area:
        # Filtered to one focus area, the page shows that area's table only.
        return [sections[filters.focus_area]] if filters.focus_area in sections else []
    return list(sections.values())


@dataclass
class RollupItem:
    value: str
    label: str
    count: int
    url: str


@dataclass
class RollupCell:
    council: Council
    year: int
    focus_area_id: int
    total: int
    by_priority: dict[str, int]
    by_progress: dict[str, int]

    @property
    def url(self) -> str:
        """The council's plan, filtered to this focus area."""
        return self._url()

    def _url(self, **extra: str) -> str:
        from django.urls import reverse
        from django.utils.http import urlencode

        base = reverse("activities:plan", kwargs={"slug": self.council.slug, "year": self.year})
        return f"{base}?{urlencode({'fokus': self.focus_area_id, **extra})}"

    @property
    def priorities(self) -> list[RollupItem]:
        return [
            RollupItem(value, label, self.by_priority[value], self._url(prioritet=value))
            for value, label in Activity.Priority.choices
        ]

    @property
    def progresses(self) -> list[RollupItem]:
        return [
            RollupItem(value, label, self.by_progress[value], self._url(status=value))
            for value, label in Activity.Progress.choices
        ]


@dataclass
class RollupRow:
    name: str
    focus_area_id: int
    cells: list[RollupCell]


def national_rollup(year: int) -> tuple[list[Council], list[RollupRow]]:
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
    return councils, [
        RollupRow(name, area_id, [_rollup_cell(c, year, area_id, by_council) for c in councils])
        for area_id, (name, by_council) in matrix.items()
    ]


def _rollup_cell(council: Council, year: int, area_id: int, by_council: dict) -> RollupCell:
    row = by_council.get(council.pk, {})
    return RollupCell(
        council=council,
        year=year,
        focus_area_id=area_id,
        total=row.get("total", 0),
        by_priority={v: row.get(f"priority_{v}", 0) for v in Activity.Priority.values},
        by_progress={v: row.get(f"progress_{v}", 0) for v in Activity.Progress.values},
    )


def national_inbox(status: str = "") -> QuerySet[NationalRaise]:
    """Activities raised to the national council, newest first, with council and focus area."""
    raises = NationalRaise.objects.select_related(
        "activity__plan__council", "activity__focus_area", "raised_by", "answered_by"
    )
    return raises.filter(status=status) if status else raises


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


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: object
    who: str
    kind: str
    reason: str
    changes: list[FieldChange]


HISTORY_KINDS = {"+": _("Skapad"), "~": _("Ändrad"), "-": _("Borttagen")}
HISTORY_FIELDS = [
    "focus_area", "title", "implementation", "timeline", "start_quarter", "end_quarter",
    "content", "follow_up", "priority", "progress", "responsible",
]  # fmt: skip


def _display(field_name: str, value, names: dict) -> str:
    if value in (None, ""):
        return "–"
    field = Activity._meta.get_field(field_name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if field_name in ("focus_area", "responsible"):
        return names[field_name].get(value, str(value))
    return str(value)


def activity_history(activity: Activity) -> list[HistoryEntry]:
    """Every recorded change of an activity, newest first: who, when, and each field's
    old and new value."""
    from councils.models import User

    from .models import FocusArea

    records = list(activity.history.select_related("history_user").order_by("history_id"))
    names = {
        "focus_area": dict(FocusArea.objects.values_list("pk", "name")),
        "responsible": dict(
            User.objects.filter(
                pk__in={r.responsible_id for r in records if r.responsible_id}
            ).values_list("pk", "full_name")
        ),
    }
    entries, previous = [], None
    for record in records:
        changes = []
        for name in HISTORY_FIELDS:
            attr = f"{name}_id" if name in ("focus_area", "responsible") else name
            old = getattr(previous, attr) if previous else None
            new = getattr(record, attr)
            if previous is None and new in (None, ""):
                continue
            if previous is None or old != new:
                label = str(Activity._meta.get_field(name).verbose_name)
                changes.append(
                    FieldChange(label, _display(name, old, names), _display(name, new, names))
                )
        who = record.history_user.full_name if record.history_user else ""
        kind = str(HISTORY_KINDS.get(record.history_type, record.history_type))
        entries.append(
            HistoryEntry(
                record.history_date, who, kind, record.history_change_reason or "", changes
            )
        )
        previous = record
    return list(reversed(entries))


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


def national_rollup_years() -> list[int]:
    return list(ActivityPlan.objects.order_by("-year").values_list("year", flat=True).distinct())


# The texts a person may merge by hand when both changed them; the others are chosen.
MERGEABLE_FIELDS = ("title", "implementation", "timeline", "content", "follow_up")


@dataclass
class ConflictField:
    """A field two people changed, each in their own way: both values, who saved the other
    one and when; the view adds the form's fields for the decision."""

    name: str
    label: str
    mine: str
    theirs: str
    who: str
    when: object
    mergeable: bool
    choice: object = None
    merged: object = None


def activity_conflict(
    activity: Activity, *, version: int, fields: list[str], mine: dict
) -> list[ConflictField]:
    """The fields both the form and the save of `version` changed: the form's value beside
    the saved one, and per field the save that set it (who, when)."""
    records = list(
        activity.history.filter(version__lte=version)
        .select_related("history_user")
        .order_by("-version", "-history_id")
    ) or [activity]  # no such version (a forged form): what is saved now, by nobody known
    names = _names(records[0], mine)
    conflicts = []
    for name in fields:
        theirs = merging.saved_value(records[0], name)
        setter = records[0]
        for record in records[1:]:
            if merging.saved_value(record, name) != theirs:
                break
            setter = record
        user = getattr(setter, "history_user", None)
        conflicts.append(
            ConflictField(
                name=name,
                label=str(Activity._meta.get_field(name).verbose_name),
                mine=_display(name, merging.form_value(mine.get(name)), names),
                theirs=_display(name, theirs, names),
                who=user.full_name if user else "",
                when=getattr(setter, "history_date", None),
                mergeable=name in MERGEABLE_FIELDS,
            )
        )
    return conflicts


def _names(saved, mine: dict) -> dict:
    """Names of the focus areas and people a conflict shows, in two small queries."""
    from councils.models import User

    from .models import FocusArea

    def pks(name: str) -> set:
        return {merging.form_value(mine.get(name)), merging.saved_value(saved, name)} - {""}

    return {
        "focus_area": dict(
            FocusArea.objects.filter(pk__in=pks("focus_area")).values_list("pk", "name")
        ),
        "responsible": dict(
            User.objects.filter(pk__in=pks("responsible")).values_list("pk", "full_name")
        ),
    }


@dataclass
class CopyPreview:
    next_year: int
    exists: bool
    unfinished: int


def plan_copy_preview(plan: ActivityPlan) -> CopyPreview:
    """What copying the plan to next year would do: is there a plan already, how many carry over."""
    return CopyPreview(
        next_year=plan.year + 1,
        exists=ActivityPlan.objects.filter(council=plan.council, year=plan.year + 1).exists(),
        unfinished=plan.activities.exclude(progress=Activity.Progress.DONE).count(),
    )
