"""The fair floors of the benchmark (vkr_portal/benchmarking/floors.py) on the test world: the
rows their pages show, each fetched with one query, in a plain table."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from vkr_portal.benchmarking import floors


def _get(view, url: str, *args, **kwargs):
    return view(RequestFactory().get(url), *args, **kwargs)


@pytest.mark.django_db
def test_the_plan_floor_shows_the_plans_activities_in_one_query(world, django_assert_num_queries):
    activity = world.extra["own_activity"]
    activity.responsible = world.users["member"]
    activity.save()
    with django_assert_num_queries(1):
        response = _get(floors.plan_floor, "/", world.own.slug, 2022)
    html = response.content.decode()
    assert html.count("<tr>") == 1 + 1  # the head and the one activity
    for shown in (activity.title, "Arbetsgrupp", "VFU", "Grön", world.users["member"].full_name):
        assert shown in html, shown
    assert world.extra["other_activity"].title not in html
    assert "{%" not in html and "base" not in html


@pytest.mark.django_db
def test_the_rollup_floor_counts_as_the_rollup_does(world, django_assert_num_queries):
    from activities.selectors import national_rollup

    with django_assert_num_queries(1):
        rows = floors.rollup_counts(2022)
    _councils, table = national_rollup(2022)
    expected = {
        (row.name, cell.council.short_name): cell.total
        for row in table
        for cell in row.cells
        if cell.total
    }
    assert {(r["focus_area__name"], r["plan__council__short_name"]): r["total"] for r in rows} == (
        expected
    )
    assert all(r["priority_green"] == 1 for r in rows)
    with django_assert_num_queries(1):
        _get(floors.rollup_floor, "/?ar=2022")


@pytest.mark.django_db
def test_the_results_floor_counts_submitted_answers_per_question_and_step(
    world, django_assert_num_queries
):
    survey, item = world.extra["own_survey"], world.extra["own_scale_item"]
    answer = world.extra["own_response"].answers.get(question=item)
    with django_assert_num_queries(1):
        rows = floors.results_counts(survey.pk)
    assert rows == [
        {"question_id": item.pk, "question__text": item.text, "step__label": answer.step.label,
         "option__label": None, "n": 1},
    ]  # fmt: skip
    assert floors.results_counts(survey.pk, lan_code="99") == []
    with django_assert_num_queries(1):
        html = _get(floors.results_floor, "/", survey.pk).content.decode()
    assert item.text in html and answer.step.label in html


@pytest.mark.django_db
def test_the_round_floor_counts_the_invitations_and_their_responses(
    world, django_assert_num_queries
):
    survey = world.extra["own_survey"]
    with django_assert_num_queries(1):
        counts = floors.round_counts(survey.pk)
    assert counts["invited"] == survey.invitations.count() > 1
    assert counts["submitted"] == 1
    with django_assert_num_queries(1):
        html = _get(floors.round_floor, "/", survey.pk).content.decode()
    assert "<th>submitted</th><td>1</td>" in html


@pytest.mark.django_db
def test_the_matrix_floor_shows_the_councils_and_the_regions_follow_ups(
    world, django_assert_num_queries
):
    publication = world.extra["publication"]
    with django_assert_num_queries(1):
        shown = list(floors.matrix_follow_ups(publication.pk))
    assert {f.pk for f in shown} == {
        world.extra[key].pk for key in ("own_follow_up", "own_region_follow_up",
                                        "other_region_follow_up")
    }  # fmt: skip
    regions_only = floors.matrix_follow_ups(publication.pk, regions_only=True)
    assert world.extra["own_follow_up"] not in regions_only
    with django_assert_num_queries(1):
        html = _get(floors.matrix_floor, "/", publication.pk).content.decode()
    assert "Region Örebro län" in html or world.organisations["region_orebro"].name in html
    with django_assert_num_queries(1):
        html = _get(floors.publication_floor, "/", publication.pk).content.decode()
    assert html.count("<tr>") == 1 + publication.areas.values("recommendations").count()
