"""Timing requests through Django's test client, and the figures of a run.

A page is timed **interleaved** with its baselines (its fair floor, the admin, itself warm):
round after round, each once in the same order (ABAB…), after as many rounds of warm-ups,
so that a change in the machine's state (another process, the CPU's clock) falls on all of
them alike, and the ratio, median against median, keeps only what the page costs more.
"""

from __future__ import annotations

import logging
import os
import platform
import statistics
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import django
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.models import User

from .memory import Memory, MemoryWatch
from .registry import BenchmarkError, Headers, Hook, Scenario, TimedRequest

logger = logging.getLogger(__name__)

WARMUPS = 3


def percentile(samples: Sequence[float], percent: int) -> float:
    """The nearest-rank percentile: the smallest sample with `percent` % of them at or below."""
    if not samples:
        raise ValueError("No samples")
    ordered = sorted(samples)
    # Integer arithmetic: 0.95 * 20 in floats is not exactly 19.
    rank = -(-percent * len(ordered) // 100)
    return ordered[max(rank, 1) - 1]


def interleaved(count: int, rounds: int) -> list[int]:
    """The order of the GETs of `count` requests timed together: `rounds` rounds, each
    request once a round, in their order: 0, 1, 0, 1, … (ABAB)."""
    return [index for _round in range(rounds) for index in range(count)]


@dataclass(frozen=True)
class Measurement:
    """The timings of one request in milliseconds, its SQL queries and its size in bytes."""

    label: str
    url: str
    samples_ms: tuple[float, ...]
    queries: int
    size: int = 0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95_ms(self) -> float:
        return percentile(self.samples_ms, 95)

    def ratio(self, other: Measurement) -> float:
        """How many of `other` this request costs, median against median."""
        return self.median_ms / other.median_ms


@dataclass(frozen=True)
class Compared:
    """A baseline's measurement, and the goal for the page's ratio to it."""

    measurement: Measurement
    goal: float | None = None


@dataclass(frozen=True)
class PageResult:
    """A page and the baselines timed interleaved with it."""

    page: Measurement
    baselines: tuple[Compared, ...] = ()
    goal_ms: float | None = None
    goal_queries: int | None = None

    def ratio(self, compared: Compared) -> float:
        return self.page.ratio(compared.measurement)


@dataclass(frozen=True)
class ScenarioResult:
    """A request scenario's pages, or a figures scenario's Markdown; the process's memory
    in each phase (building the data, timing)."""

    scenario: Scenario
    pages: list[PageResult] = field(default_factory=list)
    figures: str = ""
    # What its setup returned: the load scenario reuses them.
    requests: tuple[TimedRequest, ...] = ()
    memory: tuple[tuple[str, Memory], ...] = ()


@dataclass(frozen=True)
class Machine:
    date: str
    nproc: int
    arch: str
    python: str
    django: str
    postgresql: str
    # os.getloadavg() when the run started and when it ended: 1, 5 and 15 minutes.
    load_start: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_end: tuple[float, float, float] = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class BenchmarkRun:
    machine: Machine
    repeat: int
    warmups: int
    results: list[ScenarioResult] = field(default_factory=list)


# --- Timing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One request of an interleaved set: who asks (a logged-in client), what to run,
    untimed, before each GET, the headers it sends and the status it must answer."""

    label: str
    url: str
    client: Client
    before: Hook | None = None
    headers: Headers = ()
    status: int = 200

    def get(self) -> int:
        """GET the URL, read the whole body; its size. Any other status than the expected
        one (normally 200) is an error."""
        if self.headers:
            response = self.client.get(self.url, headers=dict(self.headers))
        else:
            response = self.client.get(self.url)
        if response.status_code != self.status:
            # A timed redirect or 404 would measure the wrong page, and look fast doing it; a
            # conditional request that answers 200 measures a full answer, not the 304.
            raise BenchmarkError(
                f"{self.label}: GET {self.url} answered {response.status_code}, not {self.status}"
            )
        if getattr(response, "streaming", False):
            return len(b"".join(response.streaming_content))
        return len(response.content)

    def prepare(self) -> None:
        if self.before is not None:
            self.before()


def targets_measure(
    targets: Sequence[Target], *, repeat: int, warmups: int = WARMUPS
) -> list[Measurement]:
    """Time `repeat` GETs of each target, interleaved, after `warmups` interleaved rounds of
    untimed ones; then count the queries of one more of each (apart from the timed ones, so
    that recording queries costs them nothing)."""
    for index in interleaved(len(targets), warmups):
        targets[index].prepare()
        targets[index].get()
    samples: list[list[float]] = [[] for _target in targets]
    for index in interleaved(len(targets), repeat):
        target = targets[index]
        target.prepare()
        start = time.perf_counter()
        target.get()
        samples[index].append((time.perf_counter() - start) * 1000)
    measurements = []
    for target, timed in zip(targets, samples, strict=True):
        target.prepare()
        with CaptureQueriesContext(connection) as queries:
            size = target.get()
        measurements.append(Measurement(target.label, target.url, tuple(timed), len(queries), size))
    return measurements


def request_measure(
    client: Client, label: str, url: str, *, repeat: int, warmups: int = WARMUPS
) -> Measurement:
    """Time one request on its own."""
    (measurement,) = targets_measure([Target(label, url, client)], repeat=repeat, warmups=warmups)
    return measurement


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page_measure(request: TimedRequest, *, repeat: int, warmups: int = WARMUPS) -> PageResult:
    """Time a page interleaved with its baselines (each asked by the page's user unless it
    names its own)."""
    if request.prepare is not None:
        request.prepare()
    page_client = client_for(request.user)
    targets = [
        Target(request.label, request.url, page_client, request.before, request.headers,
               request.status)
    ]  # fmt: skip
    for baseline in request.baselines:
        client = page_client if baseline.user is None else client_for(baseline.user)
        targets.append(
            Target(baseline.label, baseline.url, client, baseline.before, baseline.headers,
                   baseline.status)
        )  # fmt: skip
    page, *others = targets_measure(targets, repeat=repeat, warmups=warmups)
    compared = tuple(
        Compared(measurement, baseline.goal)
        for measurement, baseline in zip(others, request.baselines, strict=True)
    )
    return PageResult(page, compared, request.goal_ms, request.goal_queries)


def timing_settings() -> override_settings:
    # Production's DEBUG (no query log kept); the test client's host name allowed without
    # setup_test_environment(), which would also instrument template rendering; the floors'
    # URLs next to the project's.
    return override_settings(
        ROOT_URLCONF="vkr_portal.benchmark_urls",
        DEBUG=False,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
    )


def statistics_refresh() -> None:
    """ANALYZE after the bulk build: autovacuum would get to it within a minute, and a
    production database has statistics; without them PostgreSQL plans the first pages'
    queries as if the new tables were empty."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def scenario_measure(
    scenario: Scenario, *, repeat: int, warmups: int = WARMUPS, report: Callable[[str], None]
) -> ScenarioResult:
    """Build the scenario's data, then time each of its pages with its baselines (or let a
    figures scenario measure on its own); the memory of each phase."""
    watch = MemoryWatch()
    if scenario.figures is not None:
        figures = scenario.figures(report)
        memory = (("measuring", watch.stop()),) if scenario.process_memory else ()
        return ScenarioResult(scenario, figures=figures, memory=memory)
    report(f"{scenario.name}: building the data")
    requests = scenario.setup()
    statistics_refresh()
    built = watch.stop()
    watch = MemoryWatch()
    pages = []
    with timing_settings(), warnings.catch_warnings():
        # WhiteNoise warns when collectstatic has not run; no static file is timed here.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        for request in requests:
            report(f"{scenario.name}: timing {request.label}")
            pages.append(page_measure(request, repeat=repeat, warmups=warmups))
    memory = (("building the data", built), ("timing the pages", watch.stop()))
    return ScenarioResult(scenario, pages=pages, memory=memory, requests=tuple(requests))


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def machine_describe(load_start: tuple[float, float, float] | None = None) -> Machine:
    """What ran the benchmark: CPUs, versions, the day, the load average now and at the start."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0].split()[0]
    load_end = load_average()
    return Machine(
        date=timezone.localdate().isoformat(),
        # What `nproc` prints: the CPUs this process may run on.
        nproc=len(os.sched_getaffinity(0)),
        arch=platform.machine(),
        python=platform.python_version(),
        django=django.get_version(),
        postgresql=postgresql,
        load_start=load_start or load_end,
        load_end=load_end,
    )


def benchmark_run(
    scenarios: Sequence[Scenario],
    *,
    repeat: int,
    warmups: int = WARMUPS,
    report: Callable[[str], None] = logger.info,
    on_result: Callable[[ScenarioResult], None] | None = None,
) -> BenchmarkRun:
    """Run the scenarios one after the other on the current database; `on_result` hears of
    each scenario's result as soon as it is there (before the next scenario runs)."""
    load_start = load_average()
    results = []
    for scenario in scenarios:
        results.append(scenario_measure(scenario, repeat=repeat, warmups=warmups, report=report))
        if on_result is not None:
            on_result(results[-1])
    return BenchmarkRun(
        machine_describe(load_start), repeat=repeat, warmups=warmups, results=results
    )
