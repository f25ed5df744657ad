"""Benchmark scenario for the annual report's build (registered with vkr_portal.benchmarking).

Not a page: the build of Mellansverige's 2022 report, grown from the demo data to the issue's
size (6 focus areas × 15 activities, 2 surveys, 4 workgroups; more pages than its "about 40",
the surveys' tables take many), timed as the worker runs it (`report_build`), and WeasyPrint
alone on the very HTML the build typeset, in the same run. Everything is built through the
services; the builds are requested with `build_request` and run here, so that the timing is
the build and nothing else.
"""

from .data import OWN_AREA, YEAR, plan_grow, workgroups_grow
from .measure import Built, Figures, annual_report_figures, figures_markdown

__all__ = [
    "OWN_AREA",
    "YEAR",
    "Built",
    "Figures",
    "annual_report_figures",
    "figures_markdown",
    "plan_grow",
    "workgroups_grow",
]
