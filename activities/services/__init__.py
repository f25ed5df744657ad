"""Writes for activity plans. Every change to an activity goes through `activity_update`, which
refuses a stale version instead of overwriting someone else's change, or through
`activity_update_merged`, which merges a stale save field by field and refuses what collides.
Every creating service takes the form's one-time key and creates once per sent form."""

from .editing import (
    EDITABLE_FIELDS,
    ActivityConflict,
    activity_create,
    activity_delete,
    activity_move,
    activity_note_add,
    activity_update,
    activity_update_merged,
)
from .national import activity_raise_to_national, national_raise_answer
from .plans import focus_area_create, plan_copy_to_next_year, plan_create, plan_import, plan_update

__all__ = [
    "ActivityConflict",
    "EDITABLE_FIELDS",
    "activity_create",
    "activity_delete",
    "activity_move",
    "activity_note_add",
    "activity_raise_to_national",
    "activity_update",
    "activity_update_merged",
    "focus_area_create",
    "national_raise_answer",
    "plan_copy_to_next_year",
    "plan_create",
    "plan_import",
    "plan_update",
]
