"""The prioritisation rounds' benchmark scenario (prioritisation/benchmarks.py) and its floors
(vkr_portal/benchmarking/floors.py), small, on the test world: the data it builds, the rows
its floors show in one query, and a real interleaved run with the poll answering 304."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from functools import partial

import pytest
from django.test import Client, RequestFactory, override_settings

from councils.models import Membership
from prioritisation import benchmarks
from prioritisation.models import Colour, Decision, Mark
from vkr_portal.benchmarking import benchmark_run, floors, markdown_render, registry

pytestmark = pytest.mark.django_db

BENCHMARK_URLCONF = "vkr_portal.benchmark_urls"
G, Y, R, U = Colour.GREEN, Colour.YELLOW, Colour.RED, Colour.UNKNOWN


def test_the_scenario_is_registered_and_says_what_it_builds():
    (scenario,) = registry.select("prioritisation-rounds")
    assert scenario.setup is benchmarks.prioritisation_rounds_setup
    for words in ("80 activities", "20 marking members", "1 600 marks", "304", "204"):
        assert words in scenario.description, words


def test_the_marks_agree_mostly_agree_split_and_say_vet_ej_in_turn():
    def column(activity: int) -> Counter:
        return Counter(benchmarks.mark_colour(voter, activity) for voter in range(20))

    assert column(0) == {G: 20}
    assert column(1) == {Y: 15, R: 5}
    assert set(column(2)) == {G, Y, R}
    assert column(3) == {G: 16, U: 4}


@pytest.fixture
def built(world):
    """The scenario's round, small: 10 activities, 4 participants in the first regional
    council of the test world (Norra, whose member marks too)."""
    return benchmarks.rounds_build(activities=10, participants=4)


def test_the_round_is_marked_by_every_participant_and_partly_decided(world, built):
    council = built.plan.council
    assert council == world.other
    assert built.voters.count() == 4
    assert set(built.voters.values_list("user_id", flat=True)) == set(
        Membership.objects.active()
        .filter(council=council)
        .exclude(role=Membership.Role.SECRETARIAT)
        .values_list("user_id", flat=True)
    )
    assert built.opened_by.memberships.get().role == Membership.Role.CHAIR
    marks = Mark.objects.filter(voter__round=built)
    assert marks.count() == 4 * 10
    assert marks.exclude(comment="").exists()
    assert marks.filter(move_to__isnull=False).count() == 1  # the first voter's, on the 6th
    decisions = Decision.objects.filter(round=built)
    assert decisions.count() == 3  # the 1st, 5th and 9th
    assert {d.decided_by for d in decisions} == {built.opened_by}


def test_the_round_floor_shows_every_mark_and_decision_in_one_query(
    built, django_assert_num_queries
):
    with django_assert_num_queries(1):
        rows = floors.prioritisation_rows(built.pk)
    assert len(rows) == 4 * 10
    assert len({row["activity_id"] for row in rows}) == 10
    assert sum(1 for row in rows if row["move_to"]) == 1
    decided = {row["activity_id"] for row in rows if row["priority"]}
    assert decided == set(Decision.objects.filter(round=built).values_list("activity", flat=True))
    first = built.plan.plan_focus_areas.select_related("focus_area").order_by("order").first()
    one_area = floors.prioritisation_rows(built.pk, first.focus_area_id)
    in_area = built.plan.activities.filter(focus_area=first.focus_area).count()
    assert len(one_area) == 4 * in_area > 0
    assert {row["area"] for row in one_area} == {first.focus_area.name}
    # An activity nobody marked has its row too.
    Mark.objects.filter(activity_id=rows[0]["activity_id"]).delete()
    assert len(floors.prioritisation_rows(built.pk)) == 4 * 10 - 4 + 1
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        html = floors.prioritisation_floor(request, "norra", 2023, built.pk).content.decode()
    assert html.count("<caption>") == 10
    assert "Aktivitet 1: samverkan" in html and "{%" not in html


def test_the_poll_floor_reads_the_session_and_its_user_and_answers_204(
    built, django_assert_num_queries
):
    client = Client()
    with override_settings(ROOT_URLCONF=BENCHMARK_URLCONF):
        url = floors.floor_url("live", slug="norra", year=2023, pk=built.pk)
        assert client.get(url).status_code == 401
        client.force_login(built.opened_by, backend="django.contrib.auth.backends.ModelBackend")
        with django_assert_num_queries(2):
            response = client.get(url)
    assert response.status_code == 204 and response.content == b""
    assert url == f"/__benchmark__/rad/norra/planer/2023/prioritering/{built.pk}/live/"


@pytest.mark.integration
def test_the_scenario_times_the_round_the_meeting_and_a_304_poll_against_floors(world):
    (scenario,) = registry.select("prioritisation-rounds")
    small = replace(
        scenario, setup=partial(benchmarks.prioritisation_rounds_setup, activities=10,
                                participants=4),
    )  # fmt: skip

    run = benchmark_run([small], repeat=2, warmups=1, report=lambda message: None)

    page, meeting, poll = run.results[0].pages
    assert page.page.label == "round page, 10 activities × 4 participants, as the chair"
    area = meeting.page.url.split("?")[1]
    assert area.startswith("omrade=") and meeting.baselines[0].measurement.url.endswith(area)
    for result in (page, meeting):
        floor = result.baselines[0].measurement
        assert floor.url.startswith("/__benchmark__/rad/norra/planer/2023/prioritering/")
        assert result.page.queries > floor.queries == 3  # the session, its user, the rows
        assert result.page.size > 0 and floor.size > 0
    assert poll.page.url.endswith("/live/?vy=round")
    assert (poll.page.queries, poll.page.size) == (3, 0)
    assert poll.baselines[0].measurement.queries == 2
    assert (poll.goal_ms, poll.goal_queries) == (5.0, 3)
    text = markdown_render(run)
    assert "## Prioritisation rounds (`prioritisation-rounds`)" in text
    assert "; ≤ 3 queries: met |" in text
