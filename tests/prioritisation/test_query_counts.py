"""A round's pages run as many queries for a small round as for a large one: the round page,
the meeting view, the mark page and a live request that finds changes, for 6 activities and 2
voters as for 30 activities and 12 voters, marked as the benchmark's round is marked (every
voter every activity, with comments, suggested moves and the chair's decisions). A poll that
finds nothing changed answers 304, empty, in three queries. (Their time is the benchmark's.)"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import services as plans
from councils.models import Membership, User
from prioritisation import services
from prioritisation.benchmarks import mark_colour, round_marks_build
from prioritisation.models import Colour, Decision, Mark, Round, Voter
from tests.prioritisation.builders import catalogue_area, round_build, seat

pytestmark = pytest.mark.django_db

SMALL_YEAR, LARGE_YEAR = 2030, 2031


@dataclass
class Built:
    round: Round
    chair: User
    member: User

    def url(self, name: str, query: str = "") -> str:
        plan = self.round.plan
        kwargs = {"slug": plan.council.slug, "year": plan.year, "pk": self.round.pk}
        return reverse(f"prioritisation:{name}", kwargs=kwargs) + query


def _round(world, chair: User, year: int, activities: int) -> Built:
    """A plan of `activities` over VFU and Fortbildning and a round of the council's marking
    seats as they are now, marked and partly decided as the benchmark's."""
    areas = [catalogue_area("VFU"), catalogue_area("Fortbildning")]
    plan = plans.plan_create(council=world.own, year=year, focus_areas=areas)
    for number in range(activities):
        plans.activity_create(
            plan=plan, focus_area=areas[number % 2], title=f"Aktivitet {number + 1}"
        )
    round_ = round_build(plan, user=world.users["secretariat"])
    round_marks_build(round_, chair)
    return Built(Round.objects.get(pk=round_.pk), chair, world.users["member"])


@pytest.fixture
def rounds(world) -> tuple[Built, Built]:
    """The small round (6 activities, the chair and the member marking), then ten more
    members and the large round (30 activities, 12 voters)."""
    chair = seat(world.own, "ordforande@mellan.test", "Olga Ordförande", Membership.Role.CHAIR)
    small = _round(world, chair, SMALL_YEAR, 6)
    for number in range(10):
        seat(world.own, f"ledamot{number}@mellan.test", f"Ledamot {number:02}")
    large = _round(world, chair, LARGE_YEAR, 30)
    assert (small.round.voters.count(), large.round.voters.count()) == (2, 12)
    # Both with what a spread can show: comments, a suggested move, "vet ej", decisions.
    for built, marks, moves, decisions in ((small, 2 * 6, 1, 2), (large, 12 * 30, 3, 8)):
        shown = Mark.objects.filter(voter__round=built.round)
        assert shown.count() == marks
        assert shown.filter(move_to__isnull=False).count() == moves
        assert shown.exclude(comment="").count() >= 2
        assert shown.filter(colour=Colour.UNKNOWN).exists()
        assert Decision.objects.filter(round=built.round).count() == decisions
    return small, large


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _get(client: Client, url: str, **headers) -> tuple[object, int]:
    """The response and its number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def _voter(built: Built, user: User) -> Voter:
    return built.round.voters.get(user=user)


def _pages(built: Built) -> dict[str, tuple[Client, str]]:
    chair, member = _client(built.chair), _client(built.member)
    area = built.round.plan.plan_focus_areas.order_by("order").first().focus_area_id
    voter = _voter(built, built.member)
    return {
        "round page": (chair, built.url("round")),
        "round page, most disputed first": (chair, built.url("round", "?ordning=disagreement")),
        "meeting view": (chair, built.url("meeting", f"?omrade={area}")),
        "mark page": (member, built.url("mark", f"?deltagare={voter.pk}")),
        "round page, as a member": (member, built.url("round")),
    }


def _page_counts(built: Built) -> dict[str, int]:
    counts = {}
    for name, (client, url) in _pages(built).items():
        client.get(url)  # the session's first use also writes its stamp
        response, counts[name] = _get(client, url)
        assert response.status_code == 200, name
    return counts


def test_the_round_pages_run_as_many_queries_for_30_activities_and_12_voters_as_for_6_and_2(
    rounds,
):
    small, large = rounds
    small_counts, large_counts = _page_counts(small), _page_counts(large)
    assert small_counts == large_counts
    # Every activity of the large round is on its page, with the chair's decision form.
    html = _client(large.chair).get(large.url("round")).content.decode()
    assert html.count('class="decide-form"') == 30


def _remark(built: Built, changes: int) -> None:
    """`changes` voters each change one mark, committed as a request commits (the live state
    in the cache follows)."""
    voters = list(built.round.voters.select_related("user").order_by("name", "pk"))[:changes]
    activities = list(built.round.plan.activities.order_by("order", "pk"))
    for i, voter in enumerate(voters):
        activity = activities[i % len(activities)]
        colour = Colour.RED if mark_colour(i, i % len(activities)) != Colour.RED else Colour.GREEN
        services.marks_save(
            round_id=built.round.pk, voter_id=voter.pk, user=voter.user,
            marks=[services.MarkInput(activity.pk, colour)],
        )  # fmt: skip


@pytest.mark.parametrize("view", ["round", "meeting"])
def test_a_live_request_after_changes_runs_as_many_queries_for_the_large_round(
    rounds, view, django_capture_on_commit_callbacks
):
    """Each of the round's voters (2, and 12) changes a mark after the screen's revision: the
    live answer draws those spreads again and tells of the changes, in as many queries."""
    counts = []
    for built in rounds:
        client = _client(built.chair)
        url = built.url("live", f"?vy={view}")
        first, _queries = _get(client, url)
        assert first.status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            _remark(built, built.round.voters.count())
        response, queries = _get(client, url, if_none_match=first["ETag"])
        assert response.status_code == 200
        assert response["ETag"] != first["ETag"]
        assert response.content.decode().count('hx-swap-oob="outerHTML"') >= 2
        counts.append(queries)
    assert counts[0] == counts[1]


def test_a_poll_that_finds_nothing_changed_answers_304_empty_in_three_queries(
    rounds, django_assert_num_queries
):
    """The session, the person, their seats: the round's revision comes from the cache."""
    for built in rounds:
        client = _client(built.chair)
        url = built.url("live", "?vy=round")
        first, _queries = _get(client, url)
        assert first.status_code == 200
        etag = first["ETag"]
        with django_assert_num_queries(3):
            response = client.get(url, headers={"if-none-match": etag})
        assert response.status_code == 304
        assert response.content == b""
        assert response["ETag"] == etag
        # Another view of the same round is another representation: not a 304.
        meeting = client.get(built.url("live", "?vy=meeting"), headers={"if-none-match": etag})
        assert meeting.status_code == 200
