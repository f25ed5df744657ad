"""The six plans side by side as XLSX, for the national secretariat to sort and filter: one row
per activity (focus area, council, title, priority in colour and text, status, raise)."""

from __future__ import annotations

from ..models import Activity
from ..selectors.comparison import Comparison
from .columns import FOCUS_AREA, PRIORITY, PROGRESS, RAISE, RESPONSIBLE, TIMELINE, TITLE, YES
from .export import activities_workbook, responsible_name, sheet_title

COUNCIL = "Råd"
ANSWER_STATUS = "Nationella rådets status"
ANSWER = "Nationella rådets svar"
COMPARISON_COLUMNS = [
    FOCUS_AREA, COUNCIL, TITLE, PRIORITY, PROGRESS, TIMELINE, RESPONSIBLE, RAISE, ANSWER_STATUS,
    ANSWER,
]  # fmt: skip
COMPARISON_WIDTHS = [30, 22, 50, 12, 14, 16, 24, 14, 18, 50]


def comparison_to_xlsx(comparison: Comparison) -> bytes:
    """The comparison as shown (the same filters): a row per activity, focus areas in the
    page's order, councils in theirs; the headers and labels in Swedish, as in a plan's file."""
    activities = [
        activity
        for section in comparison.sections
        for column in section.columns
        for activity in column.activities
    ]
    title = sheet_title("Aktivitetsplaner", suffix=str(comparison.year))
    return activities_workbook(title, COMPARISON_COLUMNS, COMPARISON_WIDTHS, activities, _row)


def _row(activity: Activity) -> list[str]:
    raised = getattr(activity, "national_raise", None)
    return [
        activity.focus_area.name,
        activity.plan.council.short_name,
        activity.title,
        str(activity.get_priority_display()),
        str(activity.get_progress_display()),
        activity.timeline_label,
        responsible_name(activity),
        YES if raised else "",
        str(raised.get_status_display()) if raised else "",
        raised.answer if raised else "",
    ]
