"""Reads for the national council's pages: the reports, and a report with its areas,
recommendations and how far they are followed up across Sweden. Fixed numbers of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet

from ..models import Actor, Area, FollowUp, Publication, Recommendation


def publication_list() -> QuerySet[Publication]:
    """Every report, newest first, with its number of areas and recommendations."""
    return Publication.objects.annotate(
        area_count=Count("areas", distinct=True),
        recommendation_count=Count("areas__recommendations", distinct=True),
    ).order_by("-published_on", "title")


@dataclass(frozen=True)
class StatusCount:
    value: str
    label: str
    count: int


@dataclass
class RecommendationRow:
    recommendation: Recommendation
    status_counts: list[StatusCount] = field(default_factory=list)

    @property
    def follow_up_total(self) -> int:
        return sum(item.count for item in self.status_counts)


@dataclass
class AreaBlock:
    area: Area
    rows: list[RecommendationRow]


def _recommendations(publication: Publication) -> Prefetch:
    return Prefetch(
        "recommendations",
        queryset=Recommendation.objects.select_related("area")
        .prefetch_related(Prefetch("addressees", queryset=Actor.objects.order_by("order")))
        .order_by("position"),
    )


def publication_areas(publication: Publication) -> list[AreaBlock]:
    """The report's areas in order, each recommendation with the count of its follow-ups by
    status, over every council and organisation (four queries)."""
    areas = list(
        Area.objects.filter(publication=publication)
        .prefetch_related(_recommendations(publication))
        .order_by("position")
    )
    counts: dict[int, dict[str, int]] = {}
    for rec_id, status, number in (
        FollowUp.objects.filter(recommendation__area__publication=publication)
        .values_list("recommendation_id", "status")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        counts.setdefault(rec_id, {})[status] = number
    blocks = []
    for area in areas:
        rows = []
        for recommendation in area.recommendations.all():
            mine = counts.get(recommendation.pk, {})
            rows.append(
                RecommendationRow(
                    recommendation,
                    [
                        StatusCount(value, label, mine[value])
                        for value, label in FollowUp.Status.choices
                        if mine.get(value)
                    ],
                )
            )
        blocks.append(AreaBlock(area, rows))
    return blocks


def area_choices(publication: Publication) -> QuerySet[Area]:
    return Area.objects.filter(publication=publication).order_by("position")


def actor_choices() -> QuerySet[Actor]:
    return Actor.objects.order_by("order")


def next_area_position(publication: Publication) -> int:
    last = Area.objects.filter(publication=publication).order_by("-position").first()
    return last.position + 1 if last else 1
