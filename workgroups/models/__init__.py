"""Workgroups of a council: mandate, members, goals, meetings, reports with questions to the
council, documents, and the log of reminders sent about reports."""

from .files import CalendarFeed, Document, document_path
from .groups import QUARTER_HELP, Member, Workgroup
from .reports import Question, Report, ReportReminder
from .work import Goal, Meeting

__all__ = [
    "QUARTER_HELP", "CalendarFeed", "Document", "Goal", "Meeting", "Member", "Question",
    "Report", "ReportReminder", "Workgroup", "document_path",
]  # fmt: skip
