"""Reads for follow-up rounds: the round page (its survey's state through surveys' selectors
and the follow-ups its answers made), a council's rounds, and what a round can be made of.
A fixed number of queries whatever the number of organisations and recommendations."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from councils.models import Council, Organisation
from surveys import selectors as survey_selectors

from ..models import Actor, FollowUp, FollowUpRound, Publication, Recommendation

SUBMITTED = "submitted"  # surveys' Response.Status.SUBMITTED


def round_in_council(council: Council, pk: int) -> FollowUpRound:
    """The council's round, or 404 (another council's round through this council's address
    included)."""
    round_ = (
        FollowUpRound.objects.select_related("council", "publication", "actor", "survey__council")
        .filter(council=council, pk=pk)
        .first()
    )
    if round_ is None:
        raise Http404("No such follow-up round in this council")
    return round_


def council_rounds(council: Council) -> QuerySet[FollowUpRound]:
    """The council's rounds, newest first, with their report, addressee and survey."""
    return (
        FollowUpRound.objects.filter(council=council)
        .select_related("publication", "actor", "survey")
        .order_by("-created_at", "-pk")
    )


def round_actors() -> QuerySet[Actor]:
    """The addressees a round can go to: those that are organisations of a council's area."""
    return Actor.objects.filter(code__in=list(Actor.ORGANISATION_KINDS)).order_by("order")


def round_publications() -> QuerySet[Publication]:
    """Reports with a recommendation to regions, municipalities or universities."""
    return (
        Publication.objects.filter(
            areas__recommendations__addressees__code__in=list(Actor.ORGANISATION_KINDS)
        )
        .distinct()
        .order_by("-published_on", "title")
    )


@dataclass
class RoundCell:
    recommendation: Recommendation
    follow_up: FollowUp | None  # None: not answered (and not recorded by the council)


@dataclass
class RoundRow:
    """An organisation that submitted its answers, and its follow-up of each recommendation
    of the round."""

    organisation: Organisation
    submitted_at: object
    cells: list[RoundCell] = field(default_factory=list)


@dataclass
class RoundPage:
    round: FollowUpRound
    recommendations: list[Recommendation]
    rate: object  # surveys.selectors.ResponseRate
    rows: list[RoundRow]
    # Invited organisations of another kind than the round's addressee: their answers are not
    # follow-ups (the recommendations are not addressed to them).
    other_kinds: list[Organisation]
    from_round: int  # follow-ups whose latest save is an answer of a round


def round_page(round_: FollowUpRound) -> RoundPage:
    """The round's recommendations, its survey's response rate, and per organisation that
    submitted its answers the follow-ups of the round's recommendations as saved now."""
    recommendations = [
        item.recommendation
        for item in round_.questions.select_related("recommendation__area").order_by(
            "recommendation__area__position", "recommendation__position"
        )
    ]
    kind = round_.actor.organisation_kind
    rows, other_kinds = [], []
    for invitation in survey_selectors.survey_invitations(round_.survey):
        response = getattr(invitation, "response", None)
        if invitation.organisation.kind != kind:
            other_kinds.append(invitation.organisation)
        elif response is not None and response.status == SUBMITTED:
            rows.append(RoundRow(invitation.organisation, response.submitted_at))
    follow_ups = FollowUp.objects.filter(
        council=round_.council,
        organisation__in=[row.organisation.pk for row in rows],
        recommendation__in=[r.pk for r in recommendations],
    )
    by_key = {(f.organisation_id, f.recommendation_id): f for f in follow_ups}
    for row in rows:
        row.cells = [RoundCell(r, by_key.get((row.organisation.pk, r.pk))) for r in recommendations]
    rows.sort(key=lambda row: row.organisation.name)
    return RoundPage(
        round=round_,
        recommendations=recommendations,
        rate=survey_selectors.survey_response_rate(round_.survey),
        rows=rows,
        other_kinds=other_kinds,
        from_round=sum(1 for f in by_key.values() if f.source == FollowUp.Source.ROUND),
    )
