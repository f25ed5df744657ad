"""A round's activities, who has marked, and the spread of the marks per activity."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, PlanFocusArea

from ..models import Colour, Decision, DiscussionGroup, Mark, Round, Voter

# The order of the colours everywhere: the stacked bar, the counts, the export's columns.
COLOURS = (Colour.GREEN, Colour.YELLOW, Colour.RED, Colour.UNKNOWN)
ORDINAL = {Colour.GREEN: 1, Colour.YELLOW: 2, Colour.RED: 3}

AGREE, MOSTLY, SPLIT, NONE = "agree", "mostly", "split", "none"
CONSENSUS_LABELS = {
    AGREE: _("Alla eniga"),
    MOSTLY: _("Mestadels eniga"),
    SPLIT: _("Delade meningar"),
    NONE: _("Inga markeringar"),
}
# "Mostly": the largest colour has at least two thirds of the colour marks.
MOSTLY_SHARE = 2 / 3


@dataclass
class MarkView:
    pk: int
    voter_id: int
    voter_name: str
    colour: str
    colour_label: str
    comment: str
    move_to_id: int | None
    move_to_name: str
    marked_by: str


@dataclass
class Spread:
    """One activity in a round: the marks, their counts per colour, how far they agree, the
    colour most marked (pre-selected for the decision) and the decision made."""

    activity: Activity
    counts: list[tuple[str, str, int]]  # (colour, label, count) in COLOURS' order
    marks: list[MarkView]
    voters: int
    consensus: str
    disagreement: float
    majority: str | None
    decision: Decision | None

    @property
    def marked(self) -> int:
        return len(self.marks)

    @property
    def consensus_label(self) -> str:
        return str(CONSENSUS_LABELS[self.consensus])

    @property
    def comments(self) -> list[MarkView]:
        return [mark for mark in self.marks if mark.comment]

    @property
    def moves(self) -> list[MarkView]:
        return [mark for mark in self.marks if mark.move_to_id]

    @property
    def preselected(self) -> str | None:
        """The colour the decision form starts at: the decision made, else the one most marked."""
        return self.decision.priority if self.decision else self.majority

    @property
    def decision_version(self) -> int:
        return self.decision.version if self.decision else 0

    @property
    def chart(self) -> str:
        """The spread as a small stacked bar with the counts written in it (SVG markup)."""
        from vkr_portal.charts.spread import SPREAD_COLOURS, spread_bar_svg

        counts = [(label, count, SPREAD_COLOURS[value]) for value, label, count in self.counts]
        return mark_safe(spread_bar_svg(self.activity.title, counts))  # noqa: S308 (our SVG)


@dataclass
class Section:
    focus_area_id: int
    name: str
    spreads: list[Spread] = field(default_factory=list)


@dataclass
class Participation:
    voter: Voter
    marked: int
    total: int

    @property
    def missing(self) -> int:
        return max(self.total - self.marked, 0)


@dataclass
class RoundOverview:
    round: Round
    sections: list[Section]
    participation: list[Participation]
    areas: dict[int, str]

    @property
    def spreads(self) -> list[Spread]:
        return [spread for section in self.sections for spread in section.spreads]

    @property
    def voters_done(self) -> int:
        return sum(1 for row in self.participation if not row.missing)

    @property
    def decided(self) -> int:
        return sum(1 for spread in self.spreads if spread.decision)


def scope_activities(round_: Round) -> QuerySet:
    """The round's activities: the plan's, of the round's focus areas when it names some."""
    activities = Activity.objects.filter(plan_id=round_.plan_id)
    areas = getattr(round_, "_scope_area_ids", None)
    if areas is None:  # read once per round object: the page's selectors all ask
        areas = round_._scope_area_ids = list(round_.focus_areas.values_list("pk", flat=True))
    return activities.filter(focus_area_id__in=areas) if areas else activities


def plan_focus_area_ids(plan_id: int) -> set[int]:
    return set(
        PlanFocusArea.objects.filter(plan_id=plan_id).values_list("focus_area_id", flat=True)
    )


def _round_plan_areas(round_: Round) -> list[tuple[int, str]]:
    """The plan's focus areas, read once per round object."""
    areas = getattr(round_, "_plan_areas", None)
    if areas is None:
        areas = round_._plan_areas = _plan_areas(round_.plan_id)
    return areas


def _plan_areas(plan_id: int) -> list[tuple[int, str]]:
    return list(
        PlanFocusArea.objects.filter(plan_id=plan_id)
        .order_by("order", "pk")
        .values_list("focus_area_id", "focus_area__name")
    )


def consensus(counts: Counter) -> tuple[str, float, str | None]:
    """How far the colour marks agree, their spread on the scale green–yellow–red (the
    standard deviation: green against red disagrees more than green against yellow), and the
    colour most marked (a tie: the median mark)."""
    values = [
        ORDINAL[c] for c in (Colour.GREEN, Colour.YELLOW, Colour.RED) for _ in range(counts[c])
    ]
    if not values:
        return NONE, 0.0, None
    mean = sum(values) / len(values)
    deviation = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
    top = max(counts[c] for c in ORDINAL)
    leaders = [c for c in ORDINAL if counts[c] == top]
    majority = leaders[0] if len(leaders) == 1 else sorted(values)[(len(values) - 1) // 2]
    if isinstance(majority, int):
        majority = next(c for c, v in ORDINAL.items() if v == majority)
    if top == len(values):
        level = AGREE
    elif top / len(values) >= MOSTLY_SHARE:
        level = MOSTLY
    else:
        level = SPLIT
    return level, deviation, str(majority)


def spread_of(activity: Activity, marks: list[MarkView], voters: int, decision) -> Spread:
    counts = Counter(mark.colour for mark in marks)
    level, deviation, majority = consensus(counts)
    return Spread(
        activity=activity,
        counts=[(c.value, str(c.label), counts[c.value]) for c in COLOURS],
        marks=marks,
        voters=voters,
        consensus=level,
        disagreement=deviation,
        majority=majority,
        decision=decision,
    )


def _mark_views(round_: Round, activity_ids) -> dict[int, list[MarkView]]:
    marks = Mark.objects.filter(voter__round=round_, activity_id__in=activity_ids)
    return _grouped_marks(marks, "activity_id")


# A mark as the pages show it, read as values (1 600 of them on a large round's page).
_MARK_VALUES = ("pk", "voter_id", "voter__name", "colour", "comment", "move_to_id",
                "move_to__name", "marked_by__full_name")  # fmt: skip


def _grouped_marks(marks: QuerySet, key: str) -> dict[int, list[MarkView]]:
    """The marks as MarkViews, by `key` (their activity, or their round), in voter order."""
    labels = dict(Colour.choices)
    grouped: dict[int, list[MarkView]] = {}
    rows = marks.order_by("voter__name", "voter_id").values_list(key, *_MARK_VALUES)
    for group, pk, voter_id, name, colour, comment, move_to, area, by in rows:
        grouped.setdefault(group, []).append(
            MarkView(
                pk,
                voter_id,
                name,
                colour,
                str(labels[colour]),
                comment,
                move_to,
                area or "",
                by or "",
            )  # fmt: skip
        )
    return grouped


def round_overview(round_: Round, *, order: str = "plan", only: str = "",
                   focus_area_id: int | None = None) -> RoundOverview:  # fmt: skip
    """Every activity of the round with its spread, by focus area in the plan's order.

    `order` "disagreement" puts the most disputed first within each area (split, then mostly,
    then agreed; unmarked last); `only` "split" keeps the activities whose marks disagree,
    "undecided" those without a decision; `focus_area_id` keeps one area (the meeting view).
    Seven queries, whatever the number of activities and voters."""
    plan_areas = _round_plan_areas(round_)
    areas = dict(plan_areas)
    activities = scope_activities(round_).select_related("focus_area").order_by("order", "pk")
    if focus_area_id is not None:
        activities = activities.filter(focus_area_id=focus_area_id)
    activities = list(activities)
    for activity in activities:
        activity.plan = round_.plan  # its URL names the plan's council and year: no query
    ids = [activity.pk for activity in activities]
    rows = participation(round_)
    marks = _mark_views(round_, ids)
    decisions = {
        d.activity_id: d
        for d in Decision.objects.filter(round=round_, activity_id__in=ids).select_related(
            "decided_by"
        )
    }
    sections = {pk: Section(pk, name) for pk, name in plan_areas}
    for activity in activities:
        spread = spread_of(
            activity, marks.get(activity.pk, []), len(rows), decisions.get(activity.pk)
        )
        if only == "split" and spread.consensus not in (SPLIT, MOSTLY):
            continue
        if only == "undecided" and spread.decision:
            continue
        section = sections.setdefault(
            activity.focus_area_id, Section(activity.focus_area_id, activity.focus_area.name)
        )
        section.spreads.append(spread)
    if order == "disagreement":
        rank = {SPLIT: 0, MOSTLY: 1, AGREE: 2, NONE: 3}
        for section in sections.values():
            section.spreads.sort(key=lambda s: (rank[s.consensus], -s.disagreement))
    return RoundOverview(
        round=round_,
        sections=[section for section in sections.values() if section.spreads],
        participation=rows,
        areas=areas,
    )


def participation(round_: Round) -> list[Participation]:
    """Each voter with how many of the round's activities they have marked (two queries)."""
    scope = scope_activities(round_)
    total = scope.count()
    voters = round_.voters.annotate(
        marked=Count("marks", filter=Q(marks__activity__in=scope.values("pk")))
    ).order_by("name", "pk")
    return [Participation(voter, voter.marked, total) for voter in voters]


def marks_of_voter(voter: Voter) -> dict[int, Mark]:
    return {mark.activity_id: mark for mark in voter.marks.all()}


def voter_people(voter: Voter) -> list[int]:
    """Who marks as the voter: the member, or the group's members."""
    if voter.user_id:
        return [voter.user_id]
    return list(voter.group.members.values_list("pk", flat=True))


def rounds_of_plan(plan) -> list[Round]:
    rounds = list(
        Round.objects.filter(plan=plan)
        .annotate(voter_count=Count("voters", distinct=True),
                  decision_count=Count("decisions", distinct=True))
        .order_by("-opened_at", "-pk")
    )  # fmt: skip
    for round_ in rounds:
        round_.plan = plan  # its URL names the plan: no query per round
    return rounds


def groups_of_council(council) -> list[DiscussionGroup]:
    return list(
        DiscussionGroup.objects.filter(council=council).prefetch_related("members").order_by("name")
    )


def round_areas(round_: Round) -> list[tuple[int, str]]:
    """The plan's focus areas that have activities in the round, in the plan's order."""
    used = set(scope_activities(round_).values_list("focus_area_id", flat=True).distinct())
    return [(pk, name) for pk, name in _round_plan_areas(round_) if pk in used]


@dataclass
class ActivityRound:
    """One round an activity was in, for its page: the spread and the decision."""

    round: Round
    spread: Spread


def activity_rounds(activity: Activity) -> list[ActivityRound]:
    """The rounds of the activity's plan that had it in scope and have a mark or a decision
    of it, newest first, each with the activity's spread (three queries)."""
    rounds = {
        r.pk: r
        for r in Round.objects.filter(plan_id=activity.plan_id)
        .annotate(voter_count=Count("voters", distinct=True))
        .order_by("-opened_at", "-pk")
    }
    if not rounds:
        return []
    marks = _grouped_marks(
        Mark.objects.filter(voter__round_id__in=rounds, activity=activity), "voter__round_id"
    )
    decisions = {
        d.round_id: d
        for d in Decision.objects.filter(round_id__in=rounds, activity=activity).select_related(
            "decided_by"
        )
    }
    result = []
    for pk, round_ in rounds.items():
        if pk in marks or pk in decisions:
            round_.plan = activity.plan
            spread = spread_of(activity, marks.get(pk, []), round_.voter_count, decisions.get(pk))
            result.append(ActivityRound(round_, spread))
    return result
