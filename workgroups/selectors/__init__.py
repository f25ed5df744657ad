"""Reads for workgroups. The group list and page are here; meetings, documents, the start
page's attention lists and the export have their own modules."""

from .groups import (
    GroupPage,
    GroupRow,
    council_workgroups,
    group_list,
    group_page,
    home_council,
    member_choices,
    my_groups,
    workgroups_for_activities,
    workgroups_matching,
)
from .history import goal_history, report_history
from .questions import question_inbox, questions_waiting_count

__all__ = [
    "GroupPage", "GroupRow", "council_workgroups", "goal_history", "group_list", "group_page",
    "home_council",
    "member_choices", "my_groups", "question_inbox", "questions_waiting_count", "report_history",
    "workgroups_for_activities", "workgroups_matching",
]  # fmt: skip
