"""The annual report benchmark's measurements and their Markdown, and its registration."""

from __future__ import annotations

import resource
import shutil
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activities import selectors as activity_selectors
from activities.models import ActivityPlan
from councils.models import Council, User
from vkr_portal.benchmarking import BenchmarkError, database_of_its_own, registry
from vkr_portal.benchmarking.queues import tasks_queued_not_run

from .. import pdf, rendering, storage
from .. import services as report_services
from ..models import AnnualReport, ReportBuild
from ..selectors.content import report_content
from .data import (
    AREAS,
    BUILDS,
    COUNCIL_SLUG,
    MB,
    PER_AREA,
    SECRETARIAT,
    YEAR,
    Built,
    demo_load,
    plan_grow,
    report_prepare,
    workgroups_grow,
)


def build_once(report: AnnualReport, *, count_queries: bool = False) -> Built:
    """Request a build and run it, timed, with Django's cache cleared first. Inside
    `tasks_queued_not_run`, or the request's task would run the build itself."""
    secretariat = User.objects.get(email=SECRETARIAT)
    build, joined = report_services.build_request(report=report, user=secretariat)
    if joined:
        raise BenchmarkError(f"Build {build.pk} was still under way")
    cache.clear()
    with CaptureQueriesContext(connection) if count_queries else nullcontext([]) as queries:
        started = time.perf_counter()
        built = report_services.report_build(build=build)
        seconds = time.perf_counter() - started
    if built.status != ReportBuild.Status.DONE:
        raise BenchmarkError(f"Build {built.pk} ended {built.status}: {built.error}")
    return Built(seconds=seconds, build=built, queries=len(queries) if count_queries else 0)


def weasyprint_alone(build: ReportBuild) -> float:
    """WeasyPrint on the HTML the build typeset (its stored content in the document), timed."""
    build = ReportBuild.objects.select_related("report__council").get(pk=build.pk)
    with translation.override(settings.LANGUAGE_CODE):
        content = storage.read(build.content_file).decode()
        html = rendering.document_html(build, content, final=False)
        started = time.perf_counter()
        pdf.render_pdf_plain(html)
        return time.perf_counter() - started


def gathering_queries(report: AnnualReport) -> int:
    """The queries of the "hämtar data" step: `report_content` for the report's options."""
    build = report.builds.order_by("-number").first()
    with translation.override(settings.LANGUAGE_CODE), CaptureQueriesContext(connection) as q:
        report_content(report, build.sections, build.survey_ids)
    return len(q)


def memory_peak(report: AnnualReport) -> tuple[float, float]:
    """A build under tracemalloc: the Python heap's peak during it (MB), and how much the
    process's high-water mark (ru_maxrss) grew during it (MB)."""
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    try:
        build_once(report)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MB, (rss_after - rss_before) / 1024  # ru_maxrss is in KiB on Linux


# --- The scenario -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    activities: int
    pages: int
    size: int
    builds: list[Built]
    alone: list[float]
    heap_mb: float
    rss_mb: float
    gathering: dict[int, int]
    whole: dict[int, Built]

    @property
    def build_s(self) -> float:
        return statistics.median(b.seconds for b in self.builds)

    @property
    def alone_s(self) -> float:
        return statistics.median(self.alone)

    @property
    def ratio(self) -> float:
        return self.build_s / self.alone_s

    def step(self, name: str) -> float:
        return statistics.median(b.build.timings.get(name, 0.0) for b in self.builds)


STEPS = [
    ("gathering", "hämtar data: the selectors, the XLSX and CSV files"),
    ("charts", "ritar diagram: every SVG chart, the content HTML and the data files stored"),
    ("typesetting", "sätter sidor: WeasyPrint with the data files attached"),
    ("typesetting_layout", "… of which layout"),
    ("typesetting_write", "… of which writing the PDF/A-3a"),
    ("storing", "the PDF stored"),
]


def _seconds(samples) -> str:
    return " · ".join(f"{value:.2f}" for value in samples)


def figures_markdown(f: Figures) -> str:
    """The report's tables: the build against WeasyPrint alone, its steps, its queries."""
    doubled = max(f.whole)
    lines = [
        "| | |",
        "|---|--:|",
        f"| activities in the plan | {f.activities} |",
        f"| pages | {f.pages} |",
        f"| file size | {f.size / MB:.2f} MB ({f.size:,} bytes) |".replace(",", " "),
        f"| build (`report_build` wall time), median of {len(f.builds)} | **{f.build_s:.2f} s** "
        f"({_seconds(b.seconds for b in f.builds)}) |",
        f"| WeasyPrint alone on the same HTML, median of {len(f.alone)} | **{f.alone_s:.2f} s** "
        f"({_seconds(f.alone)}) |",
        f"| **ratio build ÷ WeasyPrint alone** (goal ≤ 1.3) | **{f.ratio:.2f}** |",
        f"| peak memory of a build: Python heap (tracemalloc peak) | {f.heap_mb:.0f} MB |",
        f"| peak memory of a build: growth of the process's high-water mark (ru_maxrss) | "
        f"{f.rss_mb:.0f} MB |",
        f"| one build with {doubled} activities | {f.whole[doubled].seconds:.2f} s, "
        f"{f.whole[doubled].build.pages} pages |",
        "",
        "| step (`build.timings`) | median s | share of the build |",
        "|---|--:|--:|",
    ]
    for name, label in [*STEPS, ("total", "the steps together")]:
        seconds = f.step(name)
        lines.append(f"| {name}: {label} | {seconds:.2f} | {100 * seconds / f.build_s:.0f} % |")
    lines += [
        "",
        "| activities | queries of the data gathering (`report_content`) | queries of the "
        "whole build (`report_build`) |",
        "|--:|--:|--:|",
    ]
    lines += [
        f"| {count} | {f.gathering[count]} | {f.whole[count].queries} |"
        for count in sorted(f.gathering)
    ]
    return "\n".join(lines) + "\n"


def year_prepare(*, areas: int, per_area: int) -> tuple[AnnualReport, ActivityPlan]:
    """The demo data loaded and grown, and the report ready to build."""
    council = Council.objects.filter(slug=COUNCIL_SLUG).first()
    if council is None:
        raise BenchmarkError(f"The council {COUNCIL_SLUG!r} is missing: load the reference data")
    demo_load()
    plan = activity_selectors.plan_for_council_year(council, YEAR)
    if plan is None:
        raise BenchmarkError(f"The demo has no {YEAR} plan for {council.short_name}")
    with transaction.atomic():
        plan_grow(plan, areas=areas, per_area=per_area)
        workgroups_grow(council)
        return report_prepare(council), plan


def annual_report_measure(
    progress: Callable[[str], None],
    *,
    areas: int = AREAS,
    per_area: int = PER_AREA,
    builds: int = BUILDS,
) -> Figures:
    """Load and grow the demo year, build it, and measure (see the scenario's description)."""
    progress("annual-report: loading and growing the demo data")
    report, plan = year_prepare(areas=areas, per_area=per_area)
    activities = plan.activities.count()
    with tasks_queued_not_run():
        progress(f"annual-report: a first build ({activities} activities), to warm up")
        whole = {activities: build_once(report, count_queries=True)}
        gathering = {activities: gathering_queries(report)}
        timed, alone = [], []
        for number in range(1, builds + 1):
            progress(f"annual-report: build {number} of {builds}, then WeasyPrint alone")
            timed.append(build_once(report))
            alone.append(weasyprint_alone(timed[-1].build))
        progress("annual-report: a build under tracemalloc")
        heap_mb, rss_mb = memory_peak(report)
        with transaction.atomic():
            doubled = plan_grow(plan, areas=areas, per_area=2 * per_area)
        progress(f"annual-report: a build with {doubled} activities")
        whole[doubled] = build_once(report, count_queries=True)
        gathering[doubled] = gathering_queries(report)
    return Figures(
        activities=activities, pages=timed[0].build.pages, size=timed[0].build.size,
        builds=timed, alone=alone, heap_mb=heap_mb, rss_mb=rss_mb, gathering=gathering,
        whole=whole,
    )  # fmt: skip


@registry.figures(
    "annual-report",
    title="Annual report build",
    description=(
        f"Mellansverige's {YEAR} report from the demo data (`load_demo_data`), grown: "
        f"{AREAS} focus areas × {PER_AREA} activities (the demo's 24 and a focus area of the "
        "council's own; every 4th new activity has a note), the council's 2 surveys with "
        "their answers and charts (56 and 4 respondents), its 4 workgroups each with a goals "
        f"table and a status report of {YEAR}, the follow-ups of the national recommendations, "
        "the secretariat's four texts; every section; on a database of its own, so that no "
        "other scenario's data mixes in. Not a page: the build is requested with "
        "`build_request` and `report_build` runs in this process, as the worker runs it, with "
        "Django's cache cleared first (the charts are drawn on every build). After one "
        "untimed build, "
        f"{BUILDS} builds are timed, each followed by **WeasyPrint alone** "
        "(`pdf.render_pdf_plain`: same PDF/A-3a variant, no attached data files) on the very "
        "HTML the build typeset (`rendering.document_html` of its stored content). The ratio "
        "is median against median: what gathering the data, drawing the charts, attaching the "
        "files and storing cost on top of typesetting. Memory is measured in a build of its "
        "own, under tracemalloc (which slows it): the Python heap's peak, and the growth of the "
        "process's high-water mark, which misses what was already reached before. The query "
        "counts are of one build each; then the plan grows to twice the activities and is "
        "built again: the counts must be equal."
    ),
)
def annual_report_figures(progress: Callable[[str], None]) -> str:
    """Measure the build on a database and with media files of their own, removed after."""
    media = Path(tempfile.mkdtemp(prefix="vkr-benchmark-media-"))
    try:
        # The other scenarios' plans, surveys and follow-ups of Mellansverige would make the
        # demo skip its own, and the report show theirs.
        with database_of_its_own(), override_settings(MEDIA_ROOT=str(media), DEBUG=False):
            return figures_markdown(annual_report_measure(progress))
    finally:
        shutil.rmtree(media, ignore_errors=True)
