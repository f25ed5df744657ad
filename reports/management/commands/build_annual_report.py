"""Build a council's annual report synchronously, with the same service the worker runs."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from councils.models import Council
from reports import services, storage
from reports.models import ReportBuild


class Command(BaseCommand):
    help = (
        "Build the annual report of a council and year as a new draft version and copy the "
        "PDF to --output."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--council", required=True, help="The council's slug, e.g. mellansverige"
        )
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--output", required=True, help="Where to write the PDF")
        parser.add_argument("--reason", default="", help="Why (needed once a final version exists)")

    def handle(self, *args, council: str, year: int, output: str, reason: str, **options) -> None:
        found = Council.objects.filter(slug=council).first()
        if found is None:
            raise CommandError(f"No council with the slug {council!r}")
        if not 2000 <= year <= 2100:
            raise CommandError("The year must be between 2000 and 2100")
        report = services.report_for(council=found, year=year)
        try:
            # Queued without sending a task: this command runs it here and now.
            build, joined = services.build_request(
                report=report, user=None, reason=reason, enqueue=False
            )
        except services.BuildError as error:
            raise CommandError(str(error)) from error
        if joined:
            raise CommandError(f"Version {build.number} with these options is being built already")
        build = services.report_build(build=build)
        if build.status != ReportBuild.Status.DONE:
            raise CommandError(f"Build {build.pk} ended {build.status}: {build.error}")
        with storage.open_file(build.file) as source, Path(output).open("wb") as target:
            shutil.copyfileobj(source, target)
        for step, seconds in build.timings.items():
            self.stdout.write(f"{step:>20}: {seconds:8.3f} s")
        self.stdout.write(
            self.style.SUCCESS(
                f"Version {build.number}: {build.pages} pages, {build.size} bytes, "
                f"sha256 {build.sha256} -> {output}"
            )
        )
