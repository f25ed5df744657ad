"""Writes for workgroups, one module per part; views and other apps import from here."""

from ._common import StaleVersion
from .goals import GOAL_FIELDS, goal_create, goal_delete, goal_move, goal_update
from .groups import (
    GROUP_FIELDS,
    MEMBER_FIELDS,
    member_add,
    member_remove,
    member_update,
    workgroup_create,
    workgroup_update,
)
from .reports import (
    REPORT_FIELDS,
    question_add,
    question_answer,
    report_create,
    report_submit,
    report_update,
)

__all__ = [
    "GOAL_FIELDS", "GROUP_FIELDS", "MEMBER_FIELDS", "REPORT_FIELDS", "StaleVersion",
    "goal_create", "goal_delete", "goal_move", "goal_update", "member_add", "member_remove",
    "member_update", "question_add", "question_answer", "report_create", "report_submit",
    "report_update", "workgroup_create", "workgroup_update",
]  # fmt: skip
