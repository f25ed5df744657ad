"""The benchmark harness behind `manage.py benchmark`: a throwaway PostgreSQL, scenarios that
build their data through the services, pages timed through Django's test client interleaved
with their fair floors, and the Markdown written to BENCHMARKS.md.

A scenario registers itself with `@registry.scenario(...)`. An app adds its own in a module
`<app>/benchmarks.py`, which `scenarios_discover()` imports. A scenario that times something
other than requests (the annual report's build) registers with `@registry.figures(...)`: it
runs its own measurements and returns the Markdown of its figures.

The modules: `registry` (scenarios and what they time), `measure` (interleaved timing, the
figures), `memory` (the process's resident set), `floors` (the fair floors' views),
`database` (PostgreSQL), `markdown` (BENCHMARKS.md); `load` and `peer*` are the load
scenario through gunicorn, imported only when it runs.
"""

from .database import (
    LOCALHOST,
    PG_CTL,
    PostgresServer,
    benchmark_database,
    database_of_its_own,
    database_prepare,
    server_from_url,
    throwaway_server,
)
from .markdown import (
    INTRO,
    markdown_render,
    markdown_write,
    memory_markdown,
    page_rows,
    scenario_markdown,
)
from .measure import (
    WARMUPS,
    BenchmarkRun,
    Compared,
    Machine,
    Measurement,
    PageResult,
    ScenarioResult,
    Target,
    benchmark_run,
    client_for,
    interleaved,
    machine_describe,
    page_measure,
    percentile,
    request_measure,
    scenario_measure,
    targets_measure,
    timing_settings,
)
from .memory import Memory, MemoryWatch, peak_reset, status_read
from .registry import (
    Baseline,
    BenchmarkError,
    FiguresFunction,
    Headers,
    Hook,
    Scenario,
    ScenarioRegistry,
    SetupFunction,
    TimedRequest,
    registry,
    scenarios_discover,
)

__all__ = [
    "INTRO", "LOCALHOST", "PG_CTL", "WARMUPS", "Baseline", "BenchmarkError", "BenchmarkRun",
    "Compared", "FiguresFunction", "Headers", "Hook", "Machine", "Measurement", "Memory",
    "MemoryWatch", "PageResult", "PostgresServer", "Scenario", "ScenarioRegistry", "ScenarioResult",
    "SetupFunction", "Target", "TimedRequest", "benchmark_database", "benchmark_run",
    "client_for", "database_of_its_own", "database_prepare", "interleaved",
    "machine_describe", "markdown_render", "markdown_write", "memory_markdown", "page_measure",
    "page_rows", "peak_reset", "percentile", "registry", "request_measure", "scenario_markdown",
    "scenario_measure", "scenarios_discover", "server_from_url", "status_read",
    "targets_measure", "throwaway_server", "timing_settings",
]  # fmt: skip
