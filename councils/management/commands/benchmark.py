"""`manage.py benchmark`: time the portal's pages on a throwaway PostgreSQL, write BENCHMARKS.md.

Thin on purpose: the harness (server, scenarios, timing, Markdown) is vkr_portal/benchmarking.py.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vkr_portal import benchmarking


class Command(BaseCommand):
    help = (
        "Time the portal's pages against a floor (a bare view) on a throwaway PostgreSQL and "
        "rewrite BENCHMARKS.md with the results."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repeat", type=int, default=30, help="timed requests per page (default 30)"
        )
        parser.add_argument("--only", metavar="NAME", help="run only this scenario")
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

    def handle(self, *args, repeat: int, only: str | None, output: Path, **options) -> None:
        if repeat < 1:
            raise CommandError("--repeat must be at least 1")
        benchmarking.scenarios_discover()
        started = time.monotonic()
        try:
            scenarios = benchmarking.registry.select(only)
            self.stdout.write("Preparing a new PostgreSQL database")
            with benchmarking.benchmark_database(options["database_url"]):
                self.stdout.write("Migrating and loading the reference data")
                benchmarking.database_prepare()
                run = benchmarking.benchmark_run(scenarios, repeat=repeat, report=self.stdout.write)
        except benchmarking.BenchmarkError as error:
            raise CommandError(str(error)) from error
        benchmarking.markdown_write(run, output)
        for result in run.results:
            self.stdout.write(benchmarking.scenario_markdown(result))
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} in {elapsed:.0f} s"))
