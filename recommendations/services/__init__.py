"""Writes for recommendations: follow-ups here, publishing and rounds in their modules."""

from .follow_ups import FollowUpConflict, check_concerns, follow_up_save
from .links import publication_workgroups_set

__all__ = [
    "FollowUpConflict", "check_concerns", "follow_up_save", "publication_workgroups_set",
]  # fmt: skip
