"""The annual report's benchmark scenario (reports/benchmarks.py) and the harness's figures
scenarios it needs (vkr_portal/benchmarking/). The full scenario takes minutes: it runs in
`make benchmark`, not here; these check its parts on the test world."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import benchmarks
from reports.models import ReportBuild
from reports.selectors.content import report_content
from vkr_portal.benchmarking import (
    BenchmarkRun,
    Machine,
    Scenario,
    ScenarioRegistry,
    markdown_render,
    registry,
    scenario_measure,
)

MACHINE = Machine(
    date="2026-12-01", nproc=2, arch="x86_64", python="3.11.7", django="5.2.19", postgresql="15.18"
)


def test_the_annual_report_scenario_is_registered_as_figures():
    (scenario,) = registry.select("annual-report")
    assert scenario.figures is benchmarks.annual_report_figures
    assert scenario.setup is None
    for words in ("6 focus areas × 15 activities", "WeasyPrint alone", "tracemalloc"):
        assert words in scenario.description


def test_a_figures_scenario_measures_on_its_own_and_writes_its_own_tables():
    scenarios = ScenarioRegistry()
    progress: list[str] = []

    @scenarios.figures("build", title="A build", description="Builds something.")
    def measure(report) -> str:
        report("measuring")
        return "| step | s |\n|---|--:|\n| all | 1.00 |\n"

    (scenario,) = scenarios.select("build")
    result = scenario_measure(scenario, repeat=5, report=progress.append)
    text = markdown_render(BenchmarkRun(MACHINE, repeat=5, warmups=1, results=[result]))

    assert progress == ["measuring"]
    assert result.pages == []
    section = text[text.index("## A build (`build`)") :]
    assert section.startswith(
        "## A build (`build`)\n\nBuilds something.\n\n| step | s |\n|---|--:|\n| all | 1.00 |\n"
    )
    # Its memory, read around its measuring, after its own figures.
    assert "| measuring |" in section
    assert "| request | median ms |" not in text


def test_a_figures_scenario_can_leave_out_this_process_memory():
    scenario = Scenario(
        name="load", title="Load", description="", figures=lambda report: "| x |\n",
        process_memory=False,
    )  # fmt: skip
    result = scenario_measure(scenario, repeat=1, report=lambda message: None)
    text = markdown_render(BenchmarkRun(MACHINE, repeat=1, warmups=1, results=[result]))
    assert text.endswith("## Load (`load`)\n\n| x |\n")


def test_a_request_scenario_still_needs_its_setup():
    scenario = Scenario(name="pages", title="Pages", description="Times pages.", setup=list)
    assert scenario.figures is None


def _built(seconds: float, **timings) -> benchmarks.Built:
    build = ReportBuild(timings={**timings, "total": sum(timings.values())}, pages=44, size=2**20)
    return benchmarks.Built(seconds=seconds, build=build, queries=58)


def test_the_figures_give_the_ratio_of_the_medians_the_steps_and_the_query_counts():
    steps = {"gathering": 0.1, "charts": 0.9, "typesetting": 9.0, "storing": 0.0}
    figures = benchmarks.Figures(
        activities=90, pages=44, size=2**20,
        builds=[_built(10.0, **steps), _built(12.0, **steps), _built(11.0, **steps)],
        alone=[10.0, 9.0, 8.0], heap_mb=190.4, rss_mb=120.0,
        gathering={90: 46, 180: 46},
        whole={90: _built(21.0, **steps), 180: _built(15.0, **steps)},
    )  # fmt: skip

    lines = benchmarks.figures_markdown(figures).splitlines()

    assert figures.ratio == pytest.approx(11.0 / 9.0)
    assert "| **ratio build ÷ WeasyPrint alone** (goal ≤ 1.3) | **1.22** |" in lines
    assert "| pages | 44 |" in lines
    assert "| file size | 1.00 MB (1 048 576 bytes) |" in lines
    assert (
        "| build (`report_build` wall time), median of 3 | **11.00 s** (10.00 · 12.00 · 11.00) |"
        in lines
    )
    assert "| peak memory of a build: Python heap (tracemalloc peak) | 190 MB |" in lines
    assert "| one build with 180 activities | 15.00 s, 44 pages |" in lines
    assert (
        "| typesetting: sätter sidor: WeasyPrint with the data files attached | 9.00 | 82 % |"
        in lines
    )
    assert "| total: the steps together | 10.00 | 91 % |" in lines
    assert lines[-2:] == ["| 90 | 46 | 58 |", "| 180 | 46 | 58 |"]


@pytest.mark.django_db
def test_the_grown_plan_has_its_focus_areas_full_and_gathering_costs_the_same_queries(world):
    plan = world.extra["own_plan"]  # VFU and Fortbildning, one activity

    assert benchmarks.plan_grow(plan, areas=3, per_area=2) == 6
    choices = list(plan.plan_focus_areas.select_related("focus_area").order_by("order"))
    assert [c.focus_area.name for c in choices][-1] == benchmarks.OWN_AREA
    assert choices[-1].focus_area.council == world.own
    assert [plan.activities.filter(focus_area=c.focus_area).count() for c in choices] == [2, 2, 2]

    report = world.extra["own_annual_report"]
    sections = ["key_figures", "plan", "workgroups", "recommendations"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            content = report_content(report, sections, [])
        assert sum(len(s.activities) for s in content.plan_sections) == plan.activities.count()
        return len(captured)

    small = queries()
    assert benchmarks.plan_grow(plan, areas=3, per_area=6) == 18
    assert queries() == small


@pytest.mark.django_db
def test_every_workgroup_gets_a_goals_table_and_a_status_report_of_the_year(world):
    group = world.extra["own_group"]  # one goal; its status report has no date
    group.goals.all().delete()

    assert benchmarks.workgroups_grow(world.own) == 1
    assert group.goals.count() == 3
    [report] = group.reports.filter(report_date__year=benchmarks.YEAR)
    assert report.submitted_at is not None
    assert report.report_date == dt.date(benchmarks.YEAR, 11, 17)
    # Run again, nothing is added.
    benchmarks.workgroups_grow(world.own)
    assert group.goals.count() == 3
    assert group.reports.filter(report_date__year=benchmarks.YEAR).count() == 1
