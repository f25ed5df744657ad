"""`manage.py benchmark`: time the portal's pages on a throwaway PostgreSQL, write BENCHMARKS.md.

Thin on purpose: the harness (server, scenarios, timing, Markdown) is vkr_portal/benchmarking/.
The load scenario through gunicorn (vkr_portal/benchmarking/load.py) runs last, on the same
database, so that it can use the data the other scenarios built.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vkr_portal import benchmarking

LOAD_NAME = "load"
LOAD_TITLE = "Load through gunicorn"


def load_scenario(
    *, repeat: int, requests: dict[str, Sequence[benchmarking.TimedRequest]]
) -> benchmarking.Scenario:
    """The load scenario, given the requests of the scenarios that ran before it."""

    def figures(progress: Callable[[str], None]) -> str:
        # Imported only when it runs: a run without it does not need gunicorn or the peer.
        try:
            from vkr_portal.benchmarking.load import load_figures
        except ModuleNotFoundError as error:
            if error.name != "vkr_portal.benchmarking.load":
                raise
            raise benchmarking.BenchmarkError(
                "The load scenario (vkr_portal/benchmarking/load.py) is missing: run with --no-load"
            ) from error

        return load_figures(progress, repeat=repeat, requests=requests)

    return benchmarking.Scenario(
        name=LOAD_NAME, title=LOAD_TITLE, description="", figures=figures, process_memory=False
    )


class Command(BaseCommand):
    help = (
        "Time the portal's pages against their fair floors on a throwaway PostgreSQL, then "
        "load it through gunicorn, and rewrite BENCHMARKS.md with the results."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repeat", type=int, default=30, help="timed requests per page (default 30)"
        )
        parser.add_argument(
            "--only", metavar="NAME", help=f"run only this scenario ({LOAD_NAME!r}: the load)"
        )
        parser.add_argument(
            "--no-load",
            action="store_true",
            help="skip the load scenario through gunicorn (the in-process scenarios only)",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "BENCHMARKS.md",
            help="the Markdown file to write (default: BENCHMARKS.md at the repository root)",
        )
        parser.add_argument(
            "--database-url",
            metavar="URL",
            help="create the benchmark database on this PostgreSQL server instead of starting "
            "one (the user needs CREATEDB; the database is dropped afterwards)",
        )

    def handle(
        self, *args, repeat: int, only: str | None, no_load: bool, output: Path, **options
    ) -> None:
        if repeat < 1:
            raise CommandError("--repeat must be at least 1")
        if no_load and only == LOAD_NAME:
            raise CommandError(f"--only {LOAD_NAME} and --no-load leave nothing to run")
        benchmarking.scenarios_discover()
        requests: dict[str, Sequence[benchmarking.TimedRequest]] = {}
        scenarios = benchmarking.ScenarioRegistry()
        for scenario in benchmarking.registry.select():
            scenarios.register(scenario)
        if not no_load:
            scenarios.register(load_scenario(repeat=repeat, requests=requests))
        started = time.monotonic()
        try:
            selected = scenarios.select(only)
            self.stdout.write("Preparing a new PostgreSQL database")
            with benchmarking.benchmark_database(options["database_url"]):
                self.stdout.write("Migrating and loading the reference data")
                benchmarking.database_prepare()
                run = benchmarking.benchmark_run(
                    selected,
                    repeat=repeat,
                    report=self.stdout.write,
                    on_result=lambda result: requests.update(
                        {result.scenario.name: result.requests}
                    ),
                )
        except benchmarking.BenchmarkError as error:
            raise CommandError(str(error)) from error
        benchmarking.markdown_write(run, output)
        for result in run.results:
            self.stdout.write(benchmarking.scenario_markdown(result))
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} in {elapsed:.0f} s"))
