"""A plan as XLSX and CSV: one header row, then one row per activity in EXPORT_COLUMNS."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import translation

from vkr_portal.fileformats import csv_document, workbook_bytes, xlsx_value

from ..models import Activity, ActivityPlan
from .columns import COLUMN_WIDTHS, EXPORT_COLUMNS, PRIORITY, PRIORITY_FILLS, YES

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


def plan_export_rows(plan: ActivityPlan) -> list[list[str]]:
    """The plan's activities as rows of EXPORT_COLUMNS: focus areas in plan order, then order.

    Two queries however large the plan.
    """
    activities = _ordered_activities(plan)
    with translation.override("sv"):
        return [_export_row(activity) for activity in activities]


def _ordered_activities(plan: ActivityPlan) -> list[Activity]:
    choices = plan.plan_focus_areas.order_by("order").values_list("focus_area_id", flat=True)
    position = {focus_area_id: index for index, focus_area_id in enumerate(choices)}
    activities = (
        Activity.objects.filter(plan=plan)
        .select_related("focus_area", "national_raise", "responsible")
        .order_by("order", "pk")
    )
    # sorted() is stable, so each focus area keeps the activities' own order.
    return sorted(
        activities, key=lambda a: (position.get(a.focus_area_id, len(position)), a.focus_area_id)
    )


def responsible_name(activity: Activity) -> str:
    person = activity.responsible
    return (person.full_name or person.email) if person is not None else ""


def _export_row(activity: Activity) -> list[str]:
    # Without a raise, select_related has cached its absence: getattr asks nothing more.
    raised = getattr(activity, "national_raise", None)
    return [
        activity.focus_area.name,
        activity.title,
        activity.implementation,
        # The quarters as shown ("Q3–Q4 2022"), read back as quarters; without them, the text.
        activity.timeline_label or activity.timeline,
        activity.timeline if activity.timeline_label else "",
        activity.content,
        activity.follow_up,
        str(activity.get_priority_display()),
        str(activity.get_progress_display()),
        responsible_name(activity),
        YES if raised else "",
        raised.motivation if raised else "",
    ]


def plan_to_xlsx(plan: ActivityPlan) -> bytes:
    """The plan as an Excel workbook: one sheet, a bold frozen header row, wrapped text, each
    priority in its colour as well as its text."""
    title = sheet_title(plan.council.short_name, suffix=str(plan.year))
    return activities_workbook(
        title, EXPORT_COLUMNS, COLUMN_WIDTHS, _ordered_activities(plan), _export_row
    )


def activities_workbook(title, columns, widths, activities, row) -> bytes:
    """One sheet of activities, `row(activity)` each (labels in Swedish, as in a plan's file),
    formatted, with the Prioritet column filled in each priority's colour."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(columns)
    with translation.override("sv"):
        for activity in activities:
            sheet.append([xlsx_value(value) for value in row(activity)])
    format_sheet(sheet, widths)
    column = columns.index(PRIORITY) + 1
    for number, activity in enumerate(activities, start=2):
        fill_priority(sheet.cell(row=number, column=column), activity.priority)
    return workbook_bytes(workbook)  # every cell text, never a formula


def format_sheet(sheet: Worksheet, widths: list[int]) -> None:
    """Wrapped text at the top of each cell, a bold frozen header row, a filter, widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def fill_priority(cell, priority: str) -> None:
    """The priority's colour behind its text (green, yellow, red; "Ej satt" stays white)."""
    from openpyxl.styles import Font, PatternFill

    colours = PRIORITY_FILLS.get(priority)
    if colours is not None:
        background, text = colours
        cell.fill = PatternFill(fill_type="solid", start_color=background, end_color=background)
        cell.font = Font(color=text, bold=True)


def sheet_title(name: str, *, suffix: str = "") -> str:
    """A sheet name: Excel allows 31 characters, and none of []:*?/\\ ; the suffix (a year)
    is kept whole."""
    name = "".join(char for char in name if char not in "[]:*?/\\")
    return f"{name[: 30 - len(suffix)].strip()} {suffix}".strip()


def plan_to_csv(plan: ActivityPlan) -> str:
    """The plan as semicolon-separated values, starting with a BOM so Excel reads it as UTF-8,
    every cell guarded against running as a formula."""
    return csv_document([EXPORT_COLUMNS, *plan_export_rows(plan)])
