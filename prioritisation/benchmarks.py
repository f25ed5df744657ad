"""Benchmark scenario for prioritisation rounds (registered with vkr_portal.benchmarking).

A council's plan of 80 activities over the five national focus areas, a round of its 20
marking members in which every one has marked every activity (a spread that agrees on some,
mostly agrees on others, splits on the rest, with comments and suggested moves), and the chair's
decisions on every 4th. Built through the services, as the members and the chair build it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from activities import services as activity_services
from activities.models import ActivityPlan, FocusArea
from councils import services as council_services
from councils.models import Council, Membership, User
from vkr_portal.benchmarking import Baseline, BenchmarkError, TimedRequest, registry
from vkr_portal.benchmarking.floors import floor_url

from . import selectors, services
from .live import live_etag
from .models import Colour, Round
from .services.rounds import MARKING_ROLES

PLAN_YEAR = 2023
ACTIVITIES, PARTICIPANTS = 80, 20
# The decidable colours in turn: an activity's "base" colour, most of its marks.
BASE = (Colour.GREEN, Colour.YELLOW, Colour.RED)
# Of every 9th mark a comment, of every 10th activity a suggested move (by the first voter),
# and the chair has decided every 4th activity.
COMMENT_EVERY, MOVE_EVERY, DECIDED_EVERY = 9, 10, 4
# The goals: the round page and the meeting view at most twice their fair floor; a
# poll that finds nothing changed under 5 ms and in at most 3 queries (the session, the
# person, their seats: the round's revision is in the cache).
PAGE_FLOOR_GOAL, POLL_GOAL_MS, POLL_GOAL_QUERIES = 2.0, 5.0, 3


def mark_colour(voter: int, activity: int) -> str:
    """The `voter`-th voter's colour for the `activity`-th activity: of four activities in
    turn, all agree on one; most on the next (every 4th voter one colour off); the third
    splits over the three colours; on the fourth every 5th voter says "vet ej"."""
    base = BASE[activity % len(BASE)]
    kind = activity % 4
    if kind == 1 and voter % 4 == 3:
        return BASE[(activity + 1) % len(BASE)]
    if kind == 2:
        return BASE[(voter + activity) % len(BASE)]
    if kind == 3 and voter % 5 == 0:
        return Colour.UNKNOWN
    return base


def round_marks_build(round_: Round, decider: User) -> None:
    """Every voter of a members' round marks every activity of it (`mark_colour`), some with
    a comment or a suggested focus area; `decider` (its chair) decides every 4th activity, on
    the colour most marked."""
    activities = list(selectors.scope_activities(round_).order_by("order", "pk"))
    areas = sorted(selectors.plan_focus_area_ids(round_.plan_id))
    voters = list(round_.voters.select_related("user").order_by("name", "pk"))
    if any(voter.user is None for voter in voters):
        raise BenchmarkError("A round of members is marked by its members, not by groups")
    for i, voter in enumerate(voters):
        marks = []
        for j, activity in enumerate(activities):
            comment = ""
            if (i + 2 * j) % COMMENT_EVERY == 0:
                comment = f"{voter.name}: bra, men resurserna räcker inte till allt i år."
            others = [pk for pk in areas if pk != activity.focus_area_id]
            move = others[0] if i == 0 and j % MOVE_EVERY == 5 and others else None
            marks.append(services.MarkInput(activity.pk, mark_colour(i, j), comment, move))
        services.marks_save(round_id=round_.pk, voter_id=voter.pk, user=voter.user, marks=marks)
    for j, activity in enumerate(activities):
        if j % DECIDED_EVERY == 0:
            services.decision_make(
                round_id=round_.pk, activity_id=activity.pk, priority=BASE[j % len(BASE)],
                expected_version=0, user=decider,
            )  # fmt: skip


def _people(council: Council, participants: int) -> User:
    """Seats in the council until `participants` of them mark (a chair among them); the
    chair."""
    chair = council_services.person_get_or_create(
        email=f"benchmark-ordforande@{council.slug}.example.se",
        full_name=f"Ordförande {council.short_name}",
    )
    council_services.membership_create(
        council=council, user=chair, role=Membership.Role.CHAIR, party=Membership.Party.REGIONS
    )
    marking = Membership.objects.active().filter(council=council, role__in=MARKING_ROLES)
    for number in range(1, participants - marking.count() + 1):
        member = council_services.person_get_or_create(
            email=f"benchmark-ledamot-{number}@{council.slug}.example.se",
            full_name=f"Ledamot {number:02} {council.short_name}",
        )
        council_services.membership_create(
            council=council, user=member, role=Membership.Role.MEMBER,
            party=(Membership.Party.REGIONS, Membership.Party.OTHER)[number % 2],
        )  # fmt: skip
    return chair


def _plan(council: Council, areas: list[FocusArea], count: int) -> ActivityPlan:
    plan = activity_services.plan_create(
        council=council, year=PLAN_YEAR, intro="Utkast inför prioriteringen.", focus_areas=areas
    )
    for number in range(1, count + 1):
        activity_services.activity_create(
            plan=plan, focus_area=areas[number % len(areas)],
            title=f"Aktivitet {number}: samverkan kring kompetensförsörjning",
            implementation="Arbetsgrupp med representanter från alla parter",
            timeline="Hela året",
        )  # fmt: skip
    return plan


def rounds_build(*, activities: int = ACTIVITIES, participants: int = PARTICIPANTS) -> Round:
    """The first regional council's plan and its marked round; the round."""
    areas = list(FocusArea.objects.filter(council=None).order_by("order"))
    council = Council.objects.filter(kind=Council.Kind.REGIONAL).order_by("order").first()
    if council is None or not areas:
        raise BenchmarkError("The councils and focus areas are missing: load the reference data")
    with transaction.atomic():
        chair = _people(council, participants)
        plan = _plan(council, areas, activities)
        round_ = services.round_open(
            plan=plan, title=f"Prioritering av aktivitetsplan {PLAN_YEAR}",
            mode=Round.Mode.MEMBERS, closes_at=timezone.now() + dt.timedelta(days=30),
            user=chair,
        )  # fmt: skip
        round_marks_build(round_, chair)
    return Round.objects.select_related("plan__council").get(pk=round_.pk)


@registry.scenario(
    "prioritisation-rounds",
    title="Prioritisation rounds",
    description=(
        "A plan of 80 activities over the five national focus areas (16 each) and a round of "
        "the council's 20 marking members (its chair among them), each of whom has marked "
        "every activity through `marks_save`: of four activities in turn all agree on one, "
        "most on the next, the third splits over green, yellow and red, on the fourth every "
        '5th says "vet ej"; every 9th mark has a comment, every 10th activity a suggested '
        "move, and the chair has decided every 4th activity. Requested by the chair, who may "
        "decide: every activity has its decision form. The round page's fair floor is the "
        "same activities with their decision and every one of their 1 600 marks (voter, "
        "colour, comment, suggested area) in one query, in plain tables; the meeting view's "
        "is the same for its one focus area. The poll is the live view's conditional GET "
        "when nothing has changed (If-None-Match the current ETag; 304, no body); its floor "
        "is the least Django does for a logged-in request (the session and its user read, "
        "an empty 204)."
    ),
)
def prioritisation_rounds_setup(
    *, activities: int = ACTIVITIES, participants: int = PARTICIPANTS
) -> list[TimedRequest]:
    """Build the marked round; time its page, its meeting view and a poll answering 304."""
    round_ = rounds_build(activities=activities, participants=participants)
    plan, chair = round_.plan, round_.opened_by
    kwargs = {"slug": plan.council.slug, "year": plan.year, "pk": round_.pk}
    area = selectors.round_areas(round_)[0][0]
    count = selectors.scope_activities(round_).filter(focus_area_id=area).count()
    etag = live_etag(round_.pk, round_.revision, True, "round", settings.LANGUAGE_CODE)
    page_floor = Baseline(
        "fair floor: the activities, their decisions and marks, one query, plain tables",
        floor_url("prioritisation", **kwargs), goal=PAGE_FLOOR_GOAL, is_floor=True,
    )  # fmt: skip
    meeting_floor = Baseline(
        "fair floor: the same for the one focus area, one query, plain tables",
        floor_url("meeting", **kwargs, query=f"omrade={area}"), goal=PAGE_FLOOR_GOAL,
        is_floor=True,
    )  # fmt: skip
    poll_floor = Baseline(
        "floor: a logged-in request that reads its user and answers 204",
        floor_url("live", **kwargs), status=204, is_floor=True,
    )  # fmt: skip
    voters = round_.voters.count()
    return [
        TimedRequest(
            f"round page, {activities} activities × {voters} participants, as the chair",
            round_.get_absolute_url(),
            chair,
            baselines=(page_floor,),
        ),  # fmt: skip
        TimedRequest(
            f"meeting view, one focus area ({count} activities)",
            f"{reverse('prioritisation:meeting', kwargs=kwargs)}?omrade={area}",
            chair,
            baselines=(meeting_floor,),
        ),  # fmt: skip
        TimedRequest(
            "poll of the round page, nothing changed (304)",
            f"{reverse('prioritisation:live', kwargs=kwargs)}?vy=round",
            chair,
            baselines=(poll_floor,),
            headers=(("If-None-Match", etag),),
            status=304,
            goal_ms=POLL_GOAL_MS,
            goal_queries=POLL_GOAL_QUERIES,
        ),  # fmt: skip
    ]
