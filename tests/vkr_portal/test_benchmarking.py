"""The benchmark harness: percentiles, ratios, the Markdown, the scenario registry and the floor's
URL configuration need no database; one integration test runs the activity-plan scenario small."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from functools import partial

import pytest
from django.urls import Resolver404, resolve, reverse

from activities.benchmarks import activity_plans_setup
from vkr_portal import benchmark_urls
from vkr_portal.benchmarking import (
    BenchmarkError,
    BenchmarkRun,
    Machine,
    Measurement,
    Scenario,
    ScenarioRegistry,
    ScenarioResult,
    benchmark_run,
    markdown_render,
    markdown_write,
    percentile,
    registry,
    server_from_url,
)

MACHINE = Machine(
    date="2026-11-22", nproc=2, arch="x86_64", python="3.11.7", django="5.2.19", postgresql="15.18"
)


def _measurement(label: str, url: str, samples: tuple[float, ...], queries: int) -> Measurement:
    return Measurement(label=label, url=url, samples_ms=samples, queries=queries)


def _scenario(name: str, title: str = "A scenario") -> Scenario:
    return Scenario(name=name, title=title, description=f"What {name} builds.", setup=list)


def test_p95_is_the_nearest_rank_sample_whatever_the_order():
    samples = list(range(1, 21))
    random.Random(4711).shuffle(samples)
    assert percentile(samples, 95) == 19
    assert percentile(range(1, 31), 95) == 29  # rank ceil(28.5) = 29
    assert percentile([7.5], 95) == 7.5
    assert percentile([3, 1, 2], 50) == 2


def test_percentile_of_no_samples_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 95)


def test_measurement_gives_median_p95_and_ratio_to_the_floor():
    page = _measurement("page", "/p/", (3.0, 1.0, 2.0, 10.0), queries=4)
    floor = _measurement("floor", "/f/", (0.5, 0.4, 0.6), queries=0)
    assert page.median_ms == 2.5
    assert page.p95_ms == 10.0
    assert page.ratio(floor) == 5.0


def _run() -> BenchmarkRun:
    floor = _measurement("floor: bare view", "/__benchmark__/floor/", (0.5, 0.5, 0.6), 0)
    plans = ScenarioResult(
        scenario=_scenario("activity-plans", "Activity plans"),
        floor=floor,
        measurements=[_measurement("plan page", "/rad/norra/planer/2022/", (5.0, 4.0, 9.0), 9)],
    )
    surveys = ScenarioResult(
        scenario=_scenario("surveys", "Surveys"),
        floor=_measurement("floor: bare view", "/__benchmark__/floor/", (1.0, 1.0, 1.0), 0),
        measurements=[_measurement("results", "/enkater/1/", (30.0, 30.0, 31.0), 12)],
    )
    return BenchmarkRun(MACHINE, repeat=3, warmups=1, results=[plans, surveys])


def test_markdown_has_a_table_per_scenario_with_ratios_and_queries():
    lines = markdown_render(_run()).splitlines()
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Last run",
        "## Activity plans (`activity-plans`)",
        "## Surveys (`surveys`)",
    ]
    assert lines.count("| request | median ms | p95 ms | × floor | queries |") == 2
    assert "| floor: bare view | 0.50 | 0.60 | 1.0 | 0 |" in lines
    assert "| plan page (`/rad/norra/planer/2022/`) | 5.00 | 9.00 | 10.0 | 9 |" in lines
    # Each scenario divides by its own floor.
    assert "| results (`/enkater/1/`) | 30.00 | 31.00 | 30.0 | 12 |" in lines


def test_markdown_says_what_ran_where_and_how_to_run_it():
    text = markdown_render(_run())
    assert "`make benchmark`" in text
    assert "3 timed GETs after 1" in text
    for row in ("| CPUs (nproc) | 2 (x86_64) |", "| PostgreSQL | 15.18 |", "| date | 2026-11-22 |"):
        assert row in text.splitlines()


def test_markdown_write_replaces_the_whole_file(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    output.write_text("## Old scenario\n\nstale figures\n")
    markdown_write(_run(), output)
    text = output.read_text()
    assert "stale figures" not in text
    assert text == markdown_render(_run())


def test_registry_keeps_scenarios_in_order_and_selects_one():
    scenarios = ScenarioRegistry()
    scenarios.register(_scenario("b"))

    @scenarios.scenario("a", title="A", description="Builds a.")
    def setup_a() -> list:
        return []

    assert scenarios.names() == ["b", "a"]
    assert [s.name for s in scenarios.select()] == ["b", "a"]
    (only,) = scenarios.select("a")
    assert only.setup is setup_a
    assert only.title == "A"


def test_registry_refuses_a_second_scenario_of_the_same_name():
    scenarios = ScenarioRegistry()
    scenarios.register(_scenario("a"))
    with pytest.raises(ValueError, match="registered already"):
        scenarios.register(_scenario("a"))


def test_selecting_an_unknown_scenario_names_the_known_ones():
    scenarios = ScenarioRegistry()
    scenarios.register(_scenario("activity-plans"))
    with pytest.raises(BenchmarkError, match="known: activity-plans"):
        scenarios.select("sruveys")


def test_the_activity_plan_scenario_is_registered():
    (scenario,) = registry.select("activity-plans")
    assert scenario.setup is activity_plans_setup


def test_the_floor_is_reachable_only_through_the_benchmark_urlconf():
    match = resolve(benchmark_urls.FLOOR_PATH, urlconf="vkr_portal.benchmark_urls")
    assert match.func is benchmark_urls.floor_view
    with pytest.raises(Resolver404):
        resolve(benchmark_urls.FLOOR_PATH)
    # The project's pages keep their addresses under the benchmark urlconf.
    kwargs = {"slug": "norra", "year": 2022}
    assert reverse("activities:plan", kwargs=kwargs, urlconf="vkr_portal.benchmark_urls") == (
        reverse("activities:plan", kwargs=kwargs)
    )


def test_database_url_names_the_server_and_its_maintenance_database():
    server = server_from_url("postgres://bench:secret@db.example:5433/postgres")
    assert (server.host, server.port, server.user, server.password) == (
        "db.example", 5433, "bench", "secret",
    )  # fmt: skip
    assert server.maintenance_db == "postgres"
    with pytest.raises(BenchmarkError, match="PostgreSQL URL"):
        server_from_url("sqlite:///db.sqlite3")


@pytest.mark.integration
@pytest.mark.django_db
def test_the_activity_plan_scenario_times_its_pages_on_postgresql(tmp_path):
    from activities.models import Activity, ActivityNote, NationalRaise
    from councils.reference_data import reference_data_load

    reference_data_load()
    (scenario,) = registry.select("activity-plans")
    small = replace(
        scenario, setup=partial(activity_plans_setup, councils=2, activities_per_council=5)
    )

    run = benchmark_run([small], repeat=2, warmups=1, report=lambda message: None)

    assert Activity.objects.filter(plan__year=2022).count() == 10
    assert ActivityNote.objects.count() == 10
    assert NationalRaise.objects.count() == 2  # every 5th activity
    output = tmp_path / "BENCHMARKS.md"
    markdown_write(run, output)
    text = output.read_text()
    assert "| floor: bare view |" in text
    assert run.results[0].floor.queries == 0
    plan_row = re.search(
        r"^\| plan page \(`/rad/norra/planer/2022/`\) \| [\d.]+ \| [\d.]+ \| ([\d.]+) \| (\d+) \|$",
        text,
        re.MULTILINE,
    )
    assert plan_row, text
    ratio, queries = float(plan_row[1]), int(plan_row[2])
    assert ratio > 1  # a page with templates and queries costs more than the bare view
    assert queries > 0
    assert "| national roll-up (`/nationellt/oversikt/?ar=2022`) |" in text
    assert run.machine.postgresql[0].isdigit()


def test_the_survey_results_scenario_is_registered_and_says_its_sizes():
    from surveys.benchmarks import answer_counts, survey_results_setup

    (scenario,) = registry.select("survey-results")
    assert scenario.setup is survey_results_setup
    # 290 × (40 items + single + text) + 1-4 options ticked of the multiple choice each.
    assert answer_counts(290, 40, 345) == (12_903, 100_050)
    for words in ("290 municipalities", "40 items", "12 903 answers", "100 050 answers"):
        assert words in scenario.description
    assert "cached" in scenario.description


@pytest.mark.integration
@pytest.mark.django_db
def test_the_survey_results_scenario_builds_answered_surveys_whose_pages_answer():
    from django.test import Client

    from councils.models import Organisation
    from surveys.benchmarks import answer_counts, survey_results_setup
    from surveys.models import Answer, Invitation, Question, Response, Section, Survey
    from tests.world import build_world

    world = build_world()
    region = world.own.healthcare_region
    for code, name in (("1715", "Kils kommun"), ("1730", "Eda kommun")):
        extra = Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY, code=code, name=name, lan_code="17"
        )
        extra.healthcare_regions.add(region)
    before = set(Survey.objects.values_list("pk", flat=True))

    requests = survey_results_setup(
        council_slug=world.own.slug, organisations=5, items=4, sections=2, big_items=10,
        big_sections=3,
    )  # fmt: skip

    survey, big = Survey.objects.exclude(pk__in=before).order_by("pk")
    assert {survey.council, big.council} == {world.own}
    assert survey.status == big.status == Survey.Status.CLOSED
    assert Section.objects.filter(survey=survey).count() == 2 + 1  # the themes, the form
    assert Section.objects.filter(survey=big).count() == 3
    kinds = list(
        Question.objects.filter(section__survey=survey)
        .order_by("section__order", "order")
        .values_list("kind", flat=True)
    )
    assert kinds == ["scale"] * 4 + ["single", "multiple", "text"]
    assert Question.objects.filter(section__survey=big, kind="scale").count() == 10
    for target in (survey, big):
        assert Invitation.objects.filter(survey=target).count() == 5
        responses = Response.objects.filter(survey=target)
        assert responses.filter(status="submitted", submitted_at__isnull=False).count() == 5
        assert responses.filter(invitation__isnull=False).count() == 5
    expected, expected_big = answer_counts(5, 4, 10)
    assert Answer.objects.filter(response__survey=survey).count() == expected == 5 * 6 + 11
    assert Answer.objects.filter(response__survey=big).count() == expected_big == 50
    assert not Answer.objects.filter(question__kind="scale", step__isnull=True).exists()

    assert [request.label for request in requests] == [
        "results, 5 × 4 items, 41 answers",
        "results, län 17 only",
        "round overview",
        "results, 5 × 10 items, 50 answers",
    ]
    results_url = reverse("surveys:results", kwargs={"slug": "mellansverige", "pk": survey.pk})
    assert [request.url for request in requests] == [
        results_url,
        f"{results_url}?lan=17",
        reverse("surveys:detail", kwargs={"slug": "mellansverige", "pk": survey.pk}),
        reverse("surveys:results", kwargs={"slug": "mellansverige", "pk": big.pk}),
    ]
    member = requests[0].user
    assert {request.user for request in requests} == {member}
    assert member.memberships.get().council == world.own
    client = Client()
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    pages = {request.label: client.get(request.url) for request in requests}
    assert [page.status_code for page in pages.values()] == [200] * 4
    assert pages["results, 5 × 4 items, 41 answers"].context["results"].respondents == 5
    filtered = pages["results, län 17 only"].context
    assert filtered["filtered"]
    assert filtered["results"].respondents == 3  # Arvika, Kil and Eda
    assert pages["round overview"].context["rate"].submitted == 5
    big_results = pages["results, 5 × 10 items, 50 answers"].context["results"]
    assert sum(len(block.items) for theme in big_results.themes for block in theme.blocks) == 10
