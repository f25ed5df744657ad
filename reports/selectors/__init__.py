"""Reads of the reports app: the content of a report (content.py) and its versions."""

from .builds import (
    council_report_years,
    published_builds,
    report_builds,
    report_default_surveys,
    report_has_final,
)
from .content import ReportContent, draw_charts, report_content, report_surveys

__all__ = [
    "ReportContent",
    "council_report_years",
    "draw_charts",
    "published_builds",
    "report_builds",
    "report_content",
    "report_default_surveys",
    "report_has_final",
    "report_surveys",
]
