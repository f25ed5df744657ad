"""Workgroup pages, one module per part of a group."""

from .calendar import feed, feed_subscribe, group_ics, meeting_ics
from .documents import document_delete, document_download, document_upload
from .export import group_export
from .goals import goal_create, goal_delete, goal_edit, goal_move, goal_row
from .groups import group_create, group_detail, group_edit, group_list, group_mine
from .meetings import meeting_create, meeting_delete, meeting_detail, meeting_edit, meeting_minutes
from .members import member_add, member_edit, member_remove
from .questions import question_answer, question_inbox
from .reports import question_add, report_create, report_detail, report_edit, report_submit

__all__ = [
    "document_delete", "document_download", "document_upload", "feed", "feed_subscribe",
    "goal_create", "goal_delete", "goal_edit", "goal_move", "goal_row", "group_create",
    "group_detail", "group_edit", "group_export", "group_ics", "group_list", "group_mine",
    "meeting_create", "meeting_delete", "meeting_detail", "meeting_edit", "meeting_ics",
    "meeting_minutes", "member_add", "member_edit", "member_remove", "question_add",
    "question_answer", "question_inbox", "report_create", "report_detail", "report_edit",
    "report_submit",
]  # fmt: skip
