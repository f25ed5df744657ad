"""Activity plan pages: the plan, in-place editing (htmx), history, copy, export and import,
the national roll-up and the national inbox. Every view asks `access` first."""

from .editing import (
    activity_create,
    activity_delete,
    activity_detail,
    activity_edit,
    activity_move,
    activity_note_add,
    activity_raise,
    activity_set,
)
from .exports import compare_export, plan_export
from .national import compare, inbox, raise_answer, rollup
from .plans import (
    plan_copy,
    plan_create,
    plan_detail,
    plan_import,
    plan_list,
    plan_settings,
)

__all__ = [
    "activity_create",
    "activity_delete",
    "activity_detail",
    "activity_edit",
    "activity_move",
    "activity_note_add",
    "activity_raise",
    "activity_set",
    "compare",
    "compare_export",
    "inbox",
    "plan_copy",
    "plan_create",
    "plan_detail",
    "plan_export",
    "plan_import",
    "plan_list",
    "plan_settings",
    "raise_answer",
    "rollup",
]
