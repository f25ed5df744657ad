"""A workgroup as an Excel workbook: its goals, meetings, reports and questions to the
council, one sheet each.

The sheet names and column headers are Swedish whatever the interface language, as the
goals table is in the seed's slides and as the plan export's are (activities/spreadsheets.py);
for the same reason the status and form cells hold the Swedish labels. Every cell is written
through `workbook_bytes`, so a text that starts with "=" stays text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone, translation
from django.utils.text import slugify

from vkr_portal.fileformats import workbook_bytes, xlsx_value

from .models import Goal, Meeting, Report, Workgroup
from .selectors.export import GroupExport, group_export

if TYPE_CHECKING:
    from openpyxl import Workbook

GOALS = "Mål"
MEETINGS = "Möten"
REPORTS = "Rapporter"
QUESTIONS = "Frågor till rådet"

GOAL_COLUMNS = ["Mål", "Aktivitet", "Ansvarig", "Tidplan", "Status", "Uppföljning"]
MEETING_COLUMNS = ["Datum", "Tid", "Form", "Plats/länk", "Dagordning", "Minnesanteckningar"]
REPORT_COLUMNS = [
    "Typ", "Datum", "Inlämnad", "Genomfört", "Slutsatser hittills", "Fortsatt arbete",
]  # fmt: skip
QUESTION_COLUMNS = ["Rapport", "Fråga", "Status", "Svar", "Besvarad"]

# Widths in characters, column by column: wide for the free texts.
WIDTHS = {
    GOALS: [50, 50, 24, 16, 14, 40],
    MEETINGS: [12, 14, 12, 36, 50, 60],
    REPORTS: [14, 12, 12, 60, 60, 60],
    QUESTIONS: [24, 60, 12, 60, 12],
}
DATE_FORMAT = "yyyy-mm-dd"
FILENAME_SLUG_MAX = 80


def export_filename(group: Workgroup) -> str:
    """`arbetsgrupp-<the name as a slug>.xlsx`, with the word said once."""
    slug = slugify(group.name)[:FILENAME_SLUG_MAX].strip("-") or str(group.pk)
    if not slug.startswith("arbetsgrupp"):
        slug = f"arbetsgrupp-{slug}"
    return f"{slug}.xlsx"


def group_to_xlsx(group: Workgroup) -> bytes:
    """The group's workbook: four sheets, each with a bold frozen header row."""
    from openpyxl import Workbook

    data = group_export(group)
    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override("sv"):
        sheets = {
            GOALS: (GOAL_COLUMNS, [_goal_row(goal) for goal in data.goals]),
            MEETINGS: (MEETING_COLUMNS, [_meeting_row(meeting) for meeting in data.meetings]),
            REPORTS: (REPORT_COLUMNS, [_report_row(report) for report in data.reports]),
            QUESTIONS: (QUESTION_COLUMNS, _question_rows(data)),
        }
    for title, (columns, rows) in sheets.items():
        _sheet(workbook, title, columns, rows)
    return workbook_bytes(workbook)  # every cell text, never a formula


def _sheet(workbook: Workbook, title: str, columns: list[str], rows: list[list]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(columns)
    for row in rows:
        sheet.append([xlsx_value(value) for value in row])
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
            if cell.is_date:
                cell.number_format = DATE_FORMAT
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(WIDTHS[title], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _goal_row(goal: Goal) -> list:
    timeline = goal.timeline
    if not timeline and (goal.start_quarter or goal.end_quarter):
        timeline = "–".join(q for q in (goal.start_quarter, goal.end_quarter) if q)
    return [
        goal.goal, goal.activity, goal.responsible, timeline, str(goal.get_status_display()),
        goal.follow_up,
    ]  # fmt: skip


def _meeting_row(meeting: Meeting) -> list:
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    time = f"{starts:%H:%M}–{ends:%H:%M}"
    if ends.date() != starts.date():
        time = f"{starts:%H:%M}–{ends:%Y-%m-%d %H:%M}"
    where = "\n".join(text for text in (meeting.place, meeting.link) if text)
    return [
        starts.date(), time, str(meeting.get_form_display()), where, meeting.agenda,
        meeting.minutes,
    ]  # fmt: skip


def _report_row(report: Report) -> list:
    submitted = timezone.localtime(report.submitted_at).date() if report.submitted_at else None
    return [
        str(report.get_kind_display()), report.report_date, submitted, report.done,
        report.conclusions, report.next_steps,
    ]  # fmt: skip


def _question_rows(data: GroupExport) -> list[list]:
    rows = []
    for report in data.reports:
        name = f"{report.get_kind_display()} {report.report_date:%Y-%m-%d}"
        for question in report.questions.all():
            answered = (
                timezone.localtime(question.answered_at).date() if question.answered_at else None
            )
            rows.append(
                [name, question.text, str(question.get_status_display()), question.answer, answered]
            )
    return rows
