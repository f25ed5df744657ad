"""Reads for the national council: the roll-up of the six plans, the year it opens on, and
the inbox of raises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from councils.models import Council

from ..models import Activity, ActivityPlan, NationalRaise


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
    def compare_url(self) -> str:
        """The council's column of this focus area in the six plans side by side."""
        from django.urls import reverse
        from django.utils.http import urlencode

        from .comparison import comparison_anchor

        base = reverse("activities:compare")
        anchor = comparison_anchor(self.focus_area_id, self.council.slug)
        return f"{base}?{urlencode({'ar': self.year})}#{anchor}"

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


def national_inbox(status: str = "", council: Council | None = None) -> QuerySet[NationalRaise]:
    """Activities raised to the national council, newest first, with council and focus area;
    narrowed to one status and one council when given."""
    raises = NationalRaise.objects.select_related(
        "activity__plan__council", "activity__focus_area", "raised_by", "answered_by"
    )
    if status:
        raises = raises.filter(status=status)
    if council is not None:
        raises = raises.filter(activity__plan__council=council)
    return raises


def regional_councils() -> list[Council]:
    """The six regional councils in their order (the national views' columns); one query."""
    return list(Council.objects.filter(kind=Council.Kind.REGIONAL).order_by("order", "name"))


def national_default_year(*, today: dt.date | None = None) -> int:
    """The newest year for which every regional council has a plan, else the current year:
    the national views open on a year that can be compared, not on one council's draft.

    Two queries.
    """
    regional = Council.objects.filter(kind=Council.Kind.REGIONAL).count()
    if regional:
        complete = (
            ActivityPlan.objects.filter(council__kind=Council.Kind.REGIONAL)
            .values("year")
            .annotate(councils=Count("council", distinct=True))
            .filter(councils__gte=regional)
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
        if complete is not None:
            return complete
    return (today or timezone.localdate()).year


def national_rollup_years(*, including: int | None = None) -> list[int]:
    """The years of any council's plan, newest first, and `including` (the year shown) even
    when no plan has it yet."""
    years = set(ActivityPlan.objects.values_list("year", flat=True).distinct())
    if including:
        years.add(including)
    return sorted(years, reverse=True)


def national_plans(year: int) -> dict[int, ActivityPlan]:
    """The regional councils' plans for `year`, by council id; one query."""
    plans = ActivityPlan.objects.filter(year=year, council__kind=Council.Kind.REGIONAL)
    return {plan.council_id: plan for plan in plans}
