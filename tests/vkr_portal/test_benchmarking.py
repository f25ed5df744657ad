"""The benchmark harness: percentiles, the interleaved (ABAB) order, ratios to the baselines,
the Markdown, the registry, the memory readings and the fair floors' URLs need no big data.
The floors' rows are in test_benchmark_floors.py, the scenarios in test_benchmark_scenarios.py."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import pytest
from django.urls import Resolver404, resolve, reverse

from activities.benchmarks import activity_plans_setup
from vkr_portal import benchmark_urls
from vkr_portal.benchmarking import (
    Baseline,
    BenchmarkError,
    BenchmarkRun,
    Compared,
    Machine,
    Measurement,
    Memory,
    PageResult,
    Scenario,
    ScenarioRegistry,
    ScenarioResult,
    Target,
    TimedRequest,
    floors,
    interleaved,
    markdown_render,
    markdown_write,
    page_rows,
    percentile,
    registry,
    server_from_url,
    status_read,
    targets_measure,
)

BENCHMARK_URLCONF = "vkr_portal.benchmark_urls"
MACHINE = Machine(
    date="2026-11-22", nproc=2, arch="x86_64", python="3.11.7", django="5.2.19",
    postgresql="15.18", load_start=(1.5, 1.25, 0.5), load_end=(2.0, 1.5, 0.75),
)  # fmt: skip


def _measurement(label: str, url: str, samples: tuple[float, ...], queries: int) -> Measurement:
    return Measurement(label=label, url=url, samples_ms=samples, queries=queries, size=2500)


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


def test_interleaving_takes_each_request_once_a_round_in_order():
    assert interleaved(2, 3) == [0, 1, 0, 1, 0, 1]
    assert interleaved(3, 2) == [0, 1, 2, 0, 1, 2]
    assert interleaved(1, 2) == [0, 0]
    assert interleaved(2, 0) == []


@dataclass
class _Answer:
    status_code: int = 200
    content: bytes = b"<table></table>"


class _Client:
    """A stand-in for the test client that writes down what it is asked, in order."""

    def __init__(self, log: list[str], status: int = 200):
        self.log, self.status = log, status

    def get(self, url: str, headers: dict | None = None) -> _Answer:
        sent = "".join(f" {name}: {value}" for name, value in (headers or {}).items())
        self.log.append(f"GET {url}{sent}")
        return _Answer(self.status, b"" if self.status == 304 else _Answer.content)


@pytest.mark.django_db
def test_targets_are_timed_abab_after_interleaved_warmups_each_after_its_hook():
    log: list[str] = []
    client = _Client(log)
    page = Target("page", "/a/", client, before=lambda: log.append("clear"))
    floor = Target("floor", "/f/", client)

    measured = targets_measure([page, floor], repeat=2, warmups=1)

    one_round = ["clear", "GET /a/", "GET /f/"]
    # Warm-ups, timed rounds, then one more of each for its queries and size.
    assert log == one_round * 3 + one_round
    assert [m.label for m in measured] == ["page", "floor"]
    assert [len(m.samples_ms) for m in measured] == [2, 2]
    assert measured[0].size == len(b"<table></table>")
    assert measured[1].queries == 0


@pytest.mark.django_db
def test_a_page_that_does_not_answer_200_stops_the_benchmark():
    target = Target("plan page", "/rad/x/", _Client([], status=302))
    with pytest.raises(BenchmarkError, match="plan page: GET /rad/x/ answered 302"):
        targets_measure([target], repeat=1, warmups=0)


@pytest.mark.django_db
def test_a_conditional_request_sends_its_headers_and_must_answer_its_status():
    log: list[str] = []
    poll = Target("poll", "/live/", _Client(log, status=304), headers=(("If-None-Match", '"r1"'),),
                  status=304)  # fmt: skip
    (measured,) = targets_measure([poll], repeat=1, warmups=0)
    assert log == ['GET /live/ If-None-Match: "r1"'] * 2
    assert measured.size == 0
    # A 200 where a 304 was asked for times a whole answer: an error, as a 302 for a 200 is.
    changed = replace(poll, client=_Client([], status=200))
    with pytest.raises(BenchmarkError, match="poll: GET /live/ answered 200, not 304"):
        targets_measure([changed], repeat=1, warmups=0)


def test_measurement_gives_median_p95_and_ratio_median_over_median():
    page = _measurement("page", "/p/", (3.0, 1.0, 2.0, 10.0), queries=4)
    floor = _measurement("floor", "/f/", (0.5, 0.4, 0.6), queries=0)
    assert page.median_ms == 2.5
    assert page.p95_ms == 10.0
    assert page.ratio(floor) == 5.0
    result = PageResult(page, (Compared(floor, goal=2.0),))
    assert result.ratio(result.baselines[0]) == 5.0


def test_a_request_names_its_fair_floor_among_its_baselines():
    admin = Baseline("admin", "/admin/x/", goal=0.8)
    floor = Baseline("floor", "/__benchmark__/x/", is_floor=True)
    assert TimedRequest("page", "/x/", baselines=(admin, floor)).floor == "/__benchmark__/x/"
    assert TimedRequest("page", "/x/", baselines=(admin,)).floor is None


def _memory() -> tuple[tuple[str, Memory], ...]:
    built = Memory(rss_before=150 * 1024, rss_after=400 * 1024, peak=420 * 1024,
                   hwm_before=150 * 1024, reset=True)  # fmt: skip
    timed = Memory(rss_before=400 * 1024, rss_after=400 * 1024, peak=300 * 1024,
                   hwm_before=500 * 1024, reset=False)  # fmt: skip
    return (("building the data", built), ("timing the pages", timed))


def _run() -> BenchmarkRun:
    plan = _measurement("plan page", "/rad/norra/planer/2022/", (5.0, 4.0, 9.0), 9)
    floor = _measurement("fair floor", "/__benchmark__/rad/norra/planer/2022/", (1.0, 2.0, 2.0), 3)
    admin = _measurement("admin", "/admin/activities/activity/", (8.0, 8.0, 8.0), 8)
    plans = ScenarioResult(
        scenario=_scenario("activity-plans", "Activity plans"),
        pages=[PageResult(plan, (Compared(floor, goal=2.0), Compared(admin, goal=0.8)))],
        memory=_memory(),
    )
    results = _measurement("results", "/enkater/1/", (30.0, 30.0, 31.0), 12)
    surveys = ScenarioResult(
        scenario=_scenario("surveys", "Surveys"),
        pages=[PageResult(results, goal_ms=100.0)],
    )
    return BenchmarkRun(MACHINE, repeat=3, warmups=1, results=[plans, surveys])


def test_markdown_shows_each_page_with_its_floor_under_it_and_the_ratios_against_goals():
    lines = markdown_render(_run()).splitlines()
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Last run",
        "## Activity plans (`activity-plans`)",
        "## Surveys (`surveys`)",
    ]
    head = "| request | median ms | p95 ms | KB | queries | page ÷ row | goal |"
    assert lines.count(head) == 2
    page = lines.index("| **plan page** (`/rad/norra/planer/2022/`) | 5.00 | 9.00 | 2 | 9 | |  |")
    assert lines[page + 1] == (
        "| ↳ fair floor (`/__benchmark__/rad/norra/planer/2022/`) | 2.00 | 2.00 | 2 | 3 "
        "| **2.50** | ≤ 2: **not met** |"
    )
    assert lines[page + 2] == (
        "| ↳ admin (`/admin/activities/activity/`) | 8.00 | 8.00 | 2 | 8 | **0.62** | ≤ 0.8: met |"
    )
    assert "| **results** (`/enkater/1/`) | 30.00 | 31.00 | 2 | 12 | | ≤ 100 ms: met |" in lines


def test_markdown_holds_a_request_to_its_queries_goal_beside_its_milliseconds():
    poll = _measurement("poll", "/live/", (2.0, 3.0, 4.0), queries=4)
    floor = _measurement("floor", "/__benchmark__/live/", (1.0, 1.0, 1.0), queries=2)
    result = PageResult(poll, (Compared(floor),), goal_ms=5.0, goal_queries=3)
    rows = page_rows(result)
    assert rows[0] == (
        "| **poll** (`/live/`) | 3.00 | 4.00 | 2 | 4 | | ≤ 5 ms: met; ≤ 3 queries: **not met** |"
    )
    assert rows[1].endswith("| **3.00** |  |")
    queries_only = page_rows(replace(result, goal_ms=None, goal_queries=4))
    assert queries_only[0].endswith("| | ≤ 4 queries: met |")


def test_markdown_has_the_memory_of_each_phase_and_says_when_the_peak_could_not_be_reset():
    lines = markdown_render(_run()).splitlines()
    assert "| building the data | 150 | 400 | 420 | 270 |" in lines
    assert (
        "| timing the pages (VmHWM not resettable: the run's peak so far) | 400 | 400 | 300 | 0 |"
        in lines
    )
    # A scenario without memory readings has no memory table.
    surveys = "\n".join(lines[lines.index("## Surveys (`surveys`)") :])
    assert "memory of the benchmark process" not in surveys


def test_markdown_says_what_ran_where_how_it_was_timed_and_how_to_run_it():
    text = markdown_render(_run())
    for words in ("`make benchmark`", "--no-load", "1 rounds of untimed warm-ups, then 3 timed",
                  "ABAB", "fair floor", "cold", "Django admin changelist"):  # fmt: skip
        assert words.lower() in text.lower(), words
    for row in (
        "| CPUs (nproc) | 2 (x86_64) |",
        "| PostgreSQL | 15.18 |",
        "| date | 2026-11-22 |",
        "| load average at the start (1 · 5 · 15 min) | 1.50 · 1.25 · 0.50 |",
        "| load average at the end (1 · 5 · 15 min) | 2.00 · 1.50 · 0.75 |",
    ):
        assert row in text.splitlines()


def test_markdown_write_replaces_the_whole_file(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    output.write_text("## Old scenario\n\nstale figures\n")
    markdown_write(_run(), output)
    text = output.read_text()
    assert "stale figures" not in text
    assert text == markdown_render(_run())


def test_the_process_memory_is_read_from_proc():
    now = status_read()
    assert now["VmRSS"] > 0
    assert now["VmHWM"] >= now["VmRSS"]
    assert status_read(pid=2**22 + 1) == {}  # no such process
    memory = Memory(rss_before=100, rss_after=90, peak=150, hwm_before=200, reset=True)
    assert memory.peak_growth == 50


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


def test_the_floors_are_reachable_only_through_the_benchmark_urlconf():
    url = floors.floor_url("plan", slug="norra", year=2022)
    assert url == "/__benchmark__/rad/norra/planer/2022/"
    assert resolve(url, urlconf=BENCHMARK_URLCONF).func is floors.plan_floor
    with pytest.raises(Resolver404):
        resolve(url)
    assert floors.floor_url("results", pk=7, query="lan=17") == (
        "/__benchmark__/enkater/7/resultat/?lan=17"
    )
    # The project's pages keep their addresses under the benchmark urlconf.
    kwargs = {"slug": "norra", "year": 2022}
    assert reverse("activities:plan", kwargs=kwargs, urlconf=BENCHMARK_URLCONF) == (
        reverse("activities:plan", kwargs=kwargs)
    )
    assert benchmark_urls.FLOOR_PREFIX == "/__benchmark__/"


def test_database_url_names_the_server_and_its_maintenance_database():
    server = server_from_url("postgres://bench:secret@db.example:5433/postgres")
    assert (server.host, server.port, server.user, server.password) == (
        "db.example", 5433, "bench", "secret",
    )  # fmt: skip
    assert server.maintenance_db == "postgres"
    with pytest.raises(BenchmarkError, match="PostgreSQL URL"):
        server_from_url("sqlite:///db.sqlite3")
