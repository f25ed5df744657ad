"""The benchmark harness behind `manage.py benchmark`: a throwaway PostgreSQL, scenarios that
build their data through the services, requests timed through Django's test client, and the
Markdown written to BENCHMARKS.md.

Latencies are reported as ratios to a floor, a bare view timed in the same run through the same
request path: the ratio survives a change of machine, the milliseconds do not.

A scenario registers itself with `@registry.scenario(...)`. An app adds its own in a module
`<app>/benchmarks.py`, which `scenarios_discover()` imports. A scenario that times something
other than requests (the annual report's build) registers with `@registry.figures(...)`: it
runs its own measurements and returns the Markdown of its figures.
"""

from __future__ import annotations

import glob
import logging
import os
import platform
import secrets
import shutil
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path

import django
import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from psycopg import sql

from councils.models import User
from councils.reference_data import reference_data_load

from .benchmark_urls import FLOOR_PATH

logger = logging.getLogger(__name__)

WARMUPS = 3
# Runs pg_ctl as the postgres user when we are root: PostgreSQL refuses to run as root.
PG_CTL = Path(settings.BASE_DIR) / "scripts" / "pg_ctl_as_postgres"
LOCALHOST = "127.0.0.1"


class BenchmarkError(Exception):
    """The benchmark cannot run or a timed request did not answer 200."""


# --- Scenarios and their registry ------------------------------------------------------------


@dataclass(frozen=True)
class TimedRequest:
    """One GET to time: a label for the table, the URL, and who asks (None: anonymous)."""

    label: str
    url: str
    user: User | None = None


SetupFunction = Callable[[], list[TimedRequest]]
# Builds its data, measures, and returns the Markdown of its figures; reports progress.
FiguresFunction = Callable[[Callable[[str], None]], str]


@dataclass(frozen=True)
class Scenario:
    """A name, a description of its data, and either a setup that builds the data and says
    which requests to time, or (`figures`) a function that measures on its own."""

    name: str
    title: str
    description: str
    setup: SetupFunction | None = None
    figures: FiguresFunction | None = None


class ScenarioRegistry:
    """The scenarios by name, in the order they were registered."""

    def __init__(self) -> None:
        self._scenarios: dict[str, Scenario] = {}

    def register(self, scenario: Scenario) -> Scenario:
        """Add a scenario; a second one of the same name is a mistake, not an override."""
        if scenario.name in self._scenarios:
            raise ValueError(f"A benchmark scenario named {scenario.name!r} is registered already")
        self._scenarios[scenario.name] = scenario
        return scenario

    def scenario(
        self, name: str, *, title: str, description: str
    ) -> Callable[[SetupFunction], SetupFunction]:
        """Decorator: register the decorated function as the setup of a new scenario."""

        def decorate(setup: SetupFunction) -> SetupFunction:
            self.register(Scenario(name=name, title=title, description=description, setup=setup))
            return setup

        return decorate

    def figures(
        self, name: str, *, title: str, description: str
    ) -> Callable[[FiguresFunction], FiguresFunction]:
        """Decorator: register the decorated function as a scenario that measures on its own
        and returns the Markdown of its figures."""

        def decorate(measure: FiguresFunction) -> FiguresFunction:
            self.register(
                Scenario(name=name, title=title, description=description, figures=measure)
            )
            return measure

        return decorate

    def names(self) -> list[str]:
        return list(self._scenarios)

    def select(self, only: str | None = None) -> list[Scenario]:
        """Every scenario, or the one named `only`."""
        if only is None:
            return list(self._scenarios.values())
        if only not in self._scenarios:
            known = ", ".join(self._scenarios) or "none"
            raise BenchmarkError(f"No benchmark scenario named {only!r} (known: {known})")
        return [self._scenarios[only]]


registry = ScenarioRegistry()


def scenarios_discover() -> None:
    """Import every installed app's `benchmarks` module, where apps register their scenarios."""
    autodiscover_modules("benchmarks")


# --- Figures ---------------------------------------------------------------------------------


def percentile(samples: Sequence[float], percent: int) -> float:
    """The nearest-rank percentile: the smallest sample with `percent` % of them at or below."""
    if not samples:
        raise ValueError("No samples")
    ordered = sorted(samples)
    # Integer arithmetic: 0.95 * 20 in floats is not exactly 19.
    rank = -(-percent * len(ordered) // 100)
    return ordered[max(rank, 1) - 1]


@dataclass(frozen=True)
class Measurement:
    """The timings of one request in milliseconds, and the SQL queries it makes."""

    label: str
    url: str
    samples_ms: tuple[float, ...]
    queries: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95_ms(self) -> float:
        return percentile(self.samples_ms, 95)

    def ratio(self, floor: Measurement) -> float:
        """How many floors this request costs, median against median."""
        return self.median_ms / floor.median_ms


@dataclass(frozen=True)
class ScenarioResult:
    """A request scenario's floor and measurements, or a figures scenario's Markdown."""

    scenario: Scenario
    floor: Measurement | None = None
    measurements: list[Measurement] = field(default_factory=list)
    figures: str = ""


@dataclass(frozen=True)
class Machine:
    date: str
    nproc: int
    arch: str
    python: str
    django: str
    postgresql: str


@dataclass(frozen=True)
class BenchmarkRun:
    machine: Machine
    repeat: int
    warmups: int
    results: list[ScenarioResult] = field(default_factory=list)


# --- Timing ----------------------------------------------------------------------------------


def _get_ok(client: Client, label: str, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        # A timed redirect or 404 would measure the wrong page, and look fast doing it.
        raise BenchmarkError(f"{label}: GET {url} answered {response.status_code}, not 200")


def request_measure(
    client: Client, label: str, url: str, *, repeat: int, warmups: int = WARMUPS
) -> Measurement:
    """Time `repeat` GETs after `warmups` untimed ones; count the queries of one more."""
    for _ in range(warmups):
        _get_ok(client, label, url)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        _get_ok(client, label, url)
        samples.append((time.perf_counter() - start) * 1000)
    # Counted apart from the timed requests, so that recording queries costs them nothing.
    with CaptureQueriesContext(connection) as queries:
        _get_ok(client, label, url)
    return Measurement(label=label, url=url, samples_ms=tuple(samples), queries=len(queries))


def _client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _timing_settings() -> override_settings:
    # Production's DEBUG (no query log kept); the test client's host name allowed without
    # setup_test_environment(), which would also instrument template rendering.
    return override_settings(
        ROOT_URLCONF="vkr_portal.benchmark_urls",
        DEBUG=False,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
    )


def scenario_measure(
    scenario: Scenario, *, repeat: int, warmups: int = WARMUPS, report: Callable[[str], None]
) -> ScenarioResult:
    """Build the scenario's data, then time the floor and each of its requests (or let a
    figures scenario measure on its own)."""
    if scenario.figures is not None:
        return ScenarioResult(scenario=scenario, figures=scenario.figures(report))
    report(f"{scenario.name}: building the data")
    requests = scenario.setup()
    with _timing_settings(), warnings.catch_warnings():
        # WhiteNoise warns when collectstatic has not run; no static file is timed here.
        warnings.filterwarnings("ignore", "No directory at", UserWarning)
        report(f"{scenario.name}: timing the floor")
        # Timed next to the scenario's requests, so that both see the machine in one state.
        floor = request_measure(
            _client_for(None), "floor: bare view", FLOOR_PATH, repeat=repeat, warmups=warmups
        )
        measurements = []
        for request in requests:
            report(f"{scenario.name}: timing {request.label}")
            client = _client_for(request.user)
            measurements.append(
                request_measure(client, request.label, request.url, repeat=repeat, warmups=warmups)
            )
    return ScenarioResult(scenario=scenario, floor=floor, measurements=measurements)


def machine_describe() -> Machine:
    """What ran the benchmark: CPUs, versions, and the day."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0].split()[0]
    return Machine(
        date=timezone.localdate().isoformat(),
        # What `nproc` prints: the CPUs this process may run on.
        nproc=len(os.sched_getaffinity(0)),
        arch=platform.machine(),
        python=platform.python_version(),
        django=django.get_version(),
        postgresql=postgresql,
    )


def benchmark_run(
    scenarios: Sequence[Scenario],
    *,
    repeat: int,
    warmups: int = WARMUPS,
    report: Callable[[str], None] = logger.info,
) -> BenchmarkRun:
    """Run the scenarios one after the other on the current database."""
    results = [
        scenario_measure(scenario, repeat=repeat, warmups=warmups, report=report)
        for scenario in scenarios
    ]
    return BenchmarkRun(machine_describe(), repeat=repeat, warmups=warmups, results=results)


# --- The database ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    password: str = ""
    # The database to connect to for CREATE and DROP DATABASE.
    maintenance_db: str = "postgres"

    def execute(self, statement: sql.Composable) -> None:
        """Run one statement in the maintenance database, outside any transaction."""
        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, password=self.password,
            dbname=self.maintenance_db, autocommit=True,
        ) as conn:  # fmt: skip
            conn.execute(statement)


def _pg_ctl_found() -> bool:
    bindir = os.environ.get("PG_BINDIR")
    if bindir:
        return Path(bindir, "pg_ctl").is_file()
    # Where scripts/pg_ctl_as_postgres looks: Debian keeps the server binaries off PATH.
    return bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))


@contextmanager
def throwaway_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of its own in a temporary directory, as the test session starts one;
    stopped and deleted afterwards."""
    from pytest_postgresql.executors import PostgreSQLExecutor

    if not _pg_ctl_found():
        raise BenchmarkError("PostgreSQL is not installed (run: make system-deps)")
    # Not under the project: the postgres user must reach it and socket paths must stay short.
    workdir = Path(tempfile.mkdtemp(prefix="vkr-benchmark-postgresql-"))
    if os.geteuid() == 0:
        shutil.chown(workdir, user="postgres", group="postgres")
    logfile = workdir / "postgresql.log"
    executor = PostgreSQLExecutor(
        executable=str(PG_CTL), host=LOCALHOST, port=_free_port(), datadir=str(workdir / "data"),
        unixsocketdir=str(workdir), logfile=str(logfile), startparams="-w", dbname="postgres",
        user="postgres",
        # Nothing here has to survive a crash; the data is written once, before the timing.
        postgres_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
    )  # fmt: skip
    try:
        try:
            executor.start()
        except Exception as error:
            log = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else ""
            raise BenchmarkError(f"PostgreSQL did not start (make system-deps?): {log}") from error
        server = PostgresServer(host=LOCALHOST, port=executor.port, user="postgres")
        _wait_until_ready(server)
        yield server
    finally:
        with suppress(Exception):
            if executor.running():
                executor.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_until_ready(server: PostgresServer, timeout: float = 30.0) -> None:
    # The port opens while the server is still "starting up" and refusing connections.
    deadline = time.monotonic() + timeout
    while True:
        try:
            server.execute(sql.SQL("SELECT 1"))
            return
        except psycopg.OperationalError as error:
            if time.monotonic() > deadline:
                raise BenchmarkError(f"PostgreSQL takes no connections: {error}") from error
            time.sleep(0.1)


def _free_port() -> int:
    import port_for

    return port_for.select_random()


def server_from_url(url: str) -> PostgresServer:
    """The server of a postgres:// URL; its database is only used to create and drop ours."""
    import dj_database_url

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        raise BenchmarkError(f"--database-url must be a PostgreSQL URL, not {config['ENGINE']}")
    return PostgresServer(
        host=config["HOST"] or LOCALHOST,
        port=int(config["PORT"] or 5432),
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or "",
        maintenance_db=config["NAME"] or "postgres",
    )


def _django_use(server: PostgresServer, name: str) -> None:
    # Updated in place: Django's connection handler holds this very dict, with its defaults.
    settings.DATABASES["default"].update(
        ENGINE="django.db.backends.postgresql", NAME=name, USER=server.user,
        PASSWORD=server.password, HOST=server.host, PORT=str(server.port), OPTIONS={},
    )  # fmt: skip
    # A connection opened before this point would still talk to SQLite.
    connections.close_all()
    with suppress(AttributeError):
        del connections["default"]


@contextmanager
def benchmark_database(database_url: str | None = None) -> Iterator[PostgresServer]:
    """A new database for one run, on a throwaway server or on the server of `database_url`,
    with Django pointed at it; dropped afterwards (an existing server keeps nothing)."""
    name = f"vkr_benchmark_{secrets.token_hex(4)}"
    if database_url is None:
        server_context = throwaway_server()
    else:
        server_context = nullcontext(server_from_url(database_url))
    with server_context as server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            _django_use(server, name)
            yield server
        finally:
            connections.close_all()
            try:
                server.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
                )
            except Exception:
                logger.warning("Could not drop the benchmark database %s", name, exc_info=True)


def database_prepare() -> None:
    """Migrate the empty database and load the reference data every scenario starts from."""
    call_command("migrate", interactive=False, verbosity=0)
    reference_data_load()


@contextmanager
def database_of_its_own() -> Iterator[None]:
    """For a scenario whose data must not mix with the others' (the demo data, which skips
    what exists): a new database on the server of the current one, prepared as the run's was,
    with Django pointed at it until the block ends; then the run's database again, and the new
    one is dropped."""
    current = dict(settings.DATABASES["default"])
    server = PostgresServer(
        host=current["HOST"] or LOCALHOST, port=int(current["PORT"] or 5432),
        user=current["USER"], password=current["PASSWORD"] or "",
        maintenance_db=current["NAME"],
    )  # fmt: skip
    name = f"vkr_benchmark_{secrets.token_hex(4)}"
    connections.close_all()
    server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        _django_use(server, name)
        database_prepare()
        yield
    finally:
        _django_use(server, current["NAME"])
        try:
            server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        except Exception:
            logger.warning("Could not drop the benchmark database %s", name, exc_info=True)


# --- BENCHMARKS.md ---------------------------------------------------------------------------

INTRO = """\
# Benchmarks

Written by `make benchmark` (`manage.py benchmark`); do not edit by hand, run it again.

**What is measured.** The server-side time of a page: every request goes through Django's test
client (`django.test.Client`), in process, with the full middleware stack, URL resolving, the
view, its templates and its real SQL against PostgreSQL, with `DEBUG` off. There is no HTTP
server, network or browser in it, so the figures are not page-load times: they are for
comparing pages, and runs, with one another.

**How.** The command starts a throwaway PostgreSQL (or creates a database on the server of
`--database-url`), migrates it, loads the reference data, then for each scenario builds its
data through the services and times each request: {repeat} timed GETs after {warmups}
untimed warm-ups give the median and the 95th percentile (nearest rank), and one more untimed
request its count of SQL queries. **× floor** is the median divided by the median of a bare
view that returns `ok` (no template, no query), timed just before the scenario's requests
through the same request path: a faster machine lowers the milliseconds, not the ratio. Only
the ratios and query counts compare across machines. A scenario that times other work than
a page (the annual report's build) says in its section what it measures and how.

**Run.** `make benchmark`, or `.venv/bin/python manage.py benchmark [--repeat N] [--only
NAME] [--output FILE] [--database-url postgres://…]`. Scenarios register in `<app>/benchmarks.py`
(see `vkr_portal/benchmarking.py`); the command rewrites this file with the scenarios it ran.
"""


def _machine_markdown(run: BenchmarkRun) -> str:
    m = run.machine
    rows = [
        ("date", m.date),
        ("CPUs (nproc)", f"{m.nproc} ({m.arch})"),
        ("Python", m.python),
        ("Django", m.django),
        ("PostgreSQL", m.postgresql),
        ("timed requests", f"{run.repeat} each, after {run.warmups} warm-ups"),
    ]
    lines = ["## Last run", "", "| | |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines) + "\n"


def _row(measurement: Measurement, floor: Measurement, *, show_url: bool = True) -> str:
    request = f"{measurement.label} (`{measurement.url}`)" if show_url else measurement.label
    return (
        f"| {request} | {measurement.median_ms:.2f} | {measurement.p95_ms:.2f} "
        f"| {measurement.ratio(floor):.1f} | {measurement.queries} |"
    )


def scenario_markdown(result: ScenarioResult) -> str:
    """One scenario's heading, description and table, the floor first (or its own figures)."""
    lines = [
        f"## {result.scenario.title} (`{result.scenario.name}`)",
        "",
        result.scenario.description,
        "",
    ]
    if result.figures:
        return "\n".join(lines) + "\n" + result.figures.rstrip("\n") + "\n"
    lines += [
        "| request | median ms | p95 ms | × floor | queries |",
        "|---|--:|--:|--:|--:|",
        _row(result.floor, result.floor, show_url=False),
    ]
    lines += [_row(measurement, result.floor) for measurement in result.measurements]
    return "\n".join(lines) + "\n"


def markdown_render(run: BenchmarkRun) -> str:
    """The whole of BENCHMARKS.md for one run."""
    parts = [INTRO.format(repeat=run.repeat, warmups=run.warmups), _machine_markdown(run)]
    parts += [scenario_markdown(result) for result in run.results]
    return "\n".join(parts)


def markdown_write(run: BenchmarkRun, path: Path) -> None:
    """Replace the file with the run's results."""
    path.write_text(markdown_render(run), encoding="utf-8")
