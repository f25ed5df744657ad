"""Writes for prioritisation rounds: groups, opening and closing, marks, decisions, moves and
reminders. Every change of a round takes the round's row lock, checks that it may still be
made (open, in scope, not stale) and grows the round's revision by one, with its event."""

from activities.services import ActivityConflict

from .groups import group_create, group_update
from .marking import MarkInput, RoundClosed, marks_save
from .reminders import reminders_send
from .rounds import (
    DecisionConflict,
    decision_make,
    move_accept,
    round_close,
    round_open,
)

__all__ = [
    "ActivityConflict",
    "DecisionConflict",
    "MarkInput",
    "RoundClosed",
    "decision_make",
    "group_create",
    "group_update",
    "marks_save",
    "move_accept",
    "reminders_send",
    "round_close",
    "round_open",
]
