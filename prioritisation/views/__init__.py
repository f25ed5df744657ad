"""Views of prioritisation rounds: thin, typed, access through `access`."""

from .groups import group_create, group_edit, group_list
from .marking import mark
from .meeting import live, meeting
from .rounds import close, decide, export, move, remind, round_create, round_detail, round_list

__all__ = [
    "close", "decide", "export", "group_create", "group_edit", "group_list", "live", "mark",
    "meeting", "move", "remind", "round_create", "round_detail", "round_list",
]  # fmt: skip
