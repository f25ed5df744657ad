"""BENCHMARKS.md: the introduction, the machine, and a section per scenario."""

from __future__ import annotations

from pathlib import Path

from .measure import BenchmarkRun, Measurement, PageResult, ScenarioResult
from .memory import KIB_PER_MIB, Memory

INTRO = """\
# Benchmarks

Written by `make benchmark` (`manage.py benchmark`); do not edit by hand, run it again.

**What is measured.** The server-side time of a page: every request goes through Django's test
client (`django.test.Client`), in process, with the full middleware stack, URL resolving, the
view, its templates and its real SQL against PostgreSQL, with `DEBUG` off. There is no HTTP
server, network or browser in it, so the figures are not page-load times: they are for
comparing pages, and runs, with one another. The load scenario, last, is the exception: it
goes through gunicorn and real sockets, and says so.

**Fair floors.** Each page is compared with a **floor of the same work**: the same rows
fetched with one query and shown in a plain table by a minimal template (`templates/benchmarks/`,
extending nothing), through the same request path (the same client and user, the whole
middleware, the benchmark's URL configuration `vkr_portal/benchmark_urls.py`): for the plan
page its activities with their focus area and responsible person in one `select_related`
query; for the national roll-up the same counts in one aggregate query; for the survey results
the counts per question and scale step and per question and option in one aggregate query;
for the matrix its follow-ups in one query; for a prioritisation round's page its activities
with their decisions and every mark in one query; for a live view's poll that answers 304 the
least Django does for a logged-in request (the session and its user read, an empty 204).
**page ÷ row** is the page's median over the row's: what our features cost over the least
Django can do for that data. A goal is a ratio, milliseconds, or a number of queries. The
plan page is also compared with the **Django admin changelist** of the same rows (a superuser,
filtered to the plan).

**Interleaved (ABAB).** A page and its floor (and any other row under it) are timed in turns:
page, floor, page, floor, … — {warmups} rounds of untimed warm-ups, then {repeat} timed rounds;
the median and the 95th percentile (nearest rank) of each, and one more untimed request for its
count of SQL queries and its size (KB of the body). A change in the machine's state during the
run falls on both alike, so the ratio keeps; a faster machine lowers the milliseconds, not the
ratios. Only the ratios and query counts compare across machines.

**Cold and after a submission.** The survey results page is timed warm (its charts and
caches filled by the warm-ups), **cold** (Django's cache cleared, and any memo the process
keeps, before each timed request; cold ÷ warm is its ratio to the warm page timed in the same
rounds) and **after one new submission** (before each timed request one more organisation
submits a response through the surveys' services; its milliseconds are what the first member
to look after a submission waits).

**Memory.** Per scenario, the benchmark process's resident set (`VmRSS`) before and after, and
its peak (`VmHWM`, reset to the resident set at the start of each phase so that an earlier
scenario's peak does not hide a later one's), while building the data and while timing.

**Run.** `make benchmark`, or `.venv/bin/python manage.py benchmark [--repeat N] [--only
NAME] [--no-load] [--output FILE] [--database-url postgres://…]`. Scenarios register in
`<app>/benchmarks.py` (see `vkr_portal/benchmarking/`); the command rewrites this file with
the scenarios it ran. The load average (1, 5 and 15 minutes) at the start and the end of the
run is in the table below: on a busy machine the milliseconds rise, the ratios much less.
"""


def _load(values: tuple[float, float, float]) -> str:
    return " · ".join(f"{value:.2f}" for value in values)


def _machine_markdown(run: BenchmarkRun) -> str:
    m = run.machine
    rows = [
        ("date", m.date),
        ("CPUs (nproc)", f"{m.nproc} ({m.arch})"),
        ("Python", m.python),
        ("Django", m.django),
        ("PostgreSQL", m.postgresql),
        ("timed requests", f"{run.repeat} each, interleaved, after {run.warmups} warm-ups"),
        ("load average at the start (1 · 5 · 15 min)", _load(m.load_start)),
        ("load average at the end (1 · 5 · 15 min)", _load(m.load_end)),
    ]
    lines = ["## Last run", "", "| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines) + "\n"


TABLE_HEAD = [
    "| request | median ms | p95 ms | KB | queries | page ÷ row | goal |",
    "|---|--:|--:|--:|--:|--:|--:|",
]


def _goal(limit: float | None, value: float, unit: str = "") -> str:
    if limit is None:
        return ""
    met = "met" if value <= limit else "**not met**"
    return f"≤ {limit:g}{unit}: {met}"


def _cells(measurement: Measurement) -> str:
    return (
        f"{measurement.median_ms:.2f} | {measurement.p95_ms:.2f} | "
        f"{measurement.size / 1000:.0f} | {measurement.queries}"
    )


def page_rows(result: PageResult) -> list[str]:
    """The page's row, then a row per baseline with the page's ratio to it."""
    page = result.page
    goals = (
        _goal(result.goal_ms, page.median_ms, " ms"),
        _goal(result.goal_queries, page.queries, " queries"),
    )
    goal = "; ".join(goal for goal in goals if goal)
    lines = [f"| **{page.label}** (`{page.url}`) | {_cells(page)} | | {goal} |"]
    for compared in result.baselines:
        baseline, ratio = compared.measurement, result.ratio(compared)
        lines.append(
            f"| ↳ {baseline.label} (`{baseline.url}`) | {_cells(baseline)} | **{ratio:.2f}** "
            f"| {_goal(compared.goal, ratio)} |"
        )
    return lines


def _mib(kib: int) -> str:
    return f"{kib / KIB_PER_MIB:.0f}"


def memory_markdown(phases: tuple[tuple[str, Memory], ...]) -> str:
    """The process's memory in each phase of the scenario, as a table."""
    lines = [
        "| memory of the benchmark process, MiB | resident before | resident after "
        "| peak (VmHWM) | peak above the start |",
        "|---|--:|--:|--:|--:|",
    ]
    for name, memory in phases:
        note = "" if memory.reset else " (VmHWM not resettable: the run's peak so far)"
        lines.append(
            f"| {name}{note} | {_mib(memory.rss_before)} | {_mib(memory.rss_after)} "
            f"| {_mib(memory.peak)} | {_mib(memory.peak_growth)} |"
        )
    return "\n".join(lines) + "\n"


def scenario_markdown(result: ScenarioResult) -> str:
    """One scenario's heading, description and tables (or its own figures), and its memory."""
    lines = [f"## {result.scenario.title} (`{result.scenario.name}`)", ""]
    if result.scenario.description:
        lines += [result.scenario.description, ""]
    if result.figures:
        lines.append(result.figures.rstrip("\n"))
    else:
        lines += TABLE_HEAD
        for page in result.pages:
            lines += page_rows(page)
    if result.memory:
        lines += ["", memory_markdown(result.memory).rstrip("\n")]
    return "\n".join(lines) + "\n"


def markdown_render(run: BenchmarkRun) -> str:
    """The whole of BENCHMARKS.md for one run."""
    parts = [INTRO.format(repeat=run.repeat, warmups=run.warmups), _machine_markdown(run)]
    parts += [scenario_markdown(result) for result in run.results]
    return "\n".join(parts)


def markdown_write(run: BenchmarkRun, path: Path) -> None:
    """Replace the file with the run's results."""
    path.write_text(markdown_render(run), encoding="utf-8")
