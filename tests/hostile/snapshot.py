"""The other council's rows, as one checksum per table read in a single query.

The sweep compares them before and after every request that wrote something: a forged id
that reaches another council's plan, survey or members shows up here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet

from tests.world import World


def other_council_rows(world: World) -> dict[str, QuerySet]:
    from activities import models as plans
    from councils import models as councils
    from prioritisation import models as rounds
    from surveys import models as surveys

    other = world.other
    return {
        "council": councils.Council.objects.filter(pk=other.pk),
        "goals": councils.CouncilGoal.objects.filter(council=other),
        "memberships": councils.Membership.objects.filter(council=other),
        "people": councils.User.objects.filter(memberships__council=other).distinct(),
        "focus areas": plans.FocusArea.objects.filter(council=other),
        "plans": plans.ActivityPlan.objects.filter(council=other),
        "plan focus areas": plans.PlanFocusArea.objects.filter(plan__council=other),
        "activities": plans.Activity.objects.filter(plan__council=other),
        "notes": plans.ActivityNote.objects.filter(activity__plan__council=other),
        "raises": plans.NationalRaise.objects.filter(activity__plan__council=other),
        "surveys": surveys.Survey.objects.filter(council=other),
        "sections": surveys.Section.objects.filter(survey__council=other),
        "questions": surveys.Question.objects.filter(section__survey__council=other),
        "options": surveys.Option.objects.filter(question__section__survey__council=other),
        "invitations": surveys.Invitation.objects.filter(survey__council=other),
        "invitation events": surveys.InvitationEvent.objects.filter(
            invitation__survey__council=other
        ),
        "responses": surveys.Response.objects.filter(survey__council=other),
        "answers": surveys.Answer.objects.filter(response__survey__council=other),
        "discussion groups": rounds.DiscussionGroup.objects.filter(council=other),
        "discussion group members": rounds.DiscussionGroup.members.through.objects.filter(
            discussiongroup__council=other
        ),
        "rounds": rounds.Round.objects.filter(plan__council=other),
        "round focus areas": rounds.Round.focus_areas.through.objects.filter(
            round__plan__council=other
        ),
        "voters": rounds.Voter.objects.filter(round__plan__council=other),
        "marks": rounds.Mark.objects.filter(voter__round__plan__council=other),
        "decisions": rounds.Decision.objects.filter(round__plan__council=other),
        "round events": rounds.Event.objects.filter(round__plan__council=other),
    }


def fingerprint_of(querysets: dict[str, QuerySet]) -> Callable[[], list[tuple[str, str]]]:
    """A function returning [(label, md5 of the rows)], compiled once into one statement."""
    selects, params = [], []
    for label, queryset in querysets.items():
        sql, sql_params = queryset.values().order_by().query.sql_with_params()
        # The SQL is Django's own, compiled from the queryset; its values stay parameters.
        select = "SELECT %s, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
        selects.append(f"({select} FROM ({sql}) t)")
        params.extend([label, *sql_params])
    statement = " UNION ALL ".join(selects)

    def fingerprint() -> list[tuple[str, str]]:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return [tuple(row) for row in cursor.fetchall()]

    return fingerprint
