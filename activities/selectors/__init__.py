"""Reads for activity plans, the national council's views and an activity's history; each
runs a fixed number of queries however large the plan."""

from .history import (
    HISTORY_FIELDS,
    HISTORY_KINDS,
    MERGEABLE_FIELDS,
    ConflictField,
    FieldChange,
    HistoryEntry,
    activity_conflict,
    activity_history,
)
from .national import (
    RollupCell,
    RollupItem,
    RollupRow,
    national_inbox,
    national_rollup,
    national_rollup_years,
)
from .plans import (
    ActivityFilter,
    CopyPreview,
    FocusAreaSection,
    activities_matching,
    activity_detail,
    carried_over_from,
    council_activities,
    focus_area_choices,
    plan_copy_preview,
    plan_for_council_year,
    plan_sections,
    plans_of_council,
    responsible_choices,
)

__all__ = [
    "HISTORY_FIELDS", "HISTORY_KINDS", "MERGEABLE_FIELDS", "ActivityFilter", "ConflictField",
    "CopyPreview", "FieldChange", "FocusAreaSection", "HistoryEntry", "RollupCell", "RollupItem",
    "RollupRow", "activities_matching", "activity_conflict", "activity_detail",
    "activity_history", "carried_over_from", "council_activities", "focus_area_choices",
    "national_inbox", "national_rollup", "national_rollup_years", "plan_copy_preview",
    "plan_for_council_year", "plan_sections", "plans_of_council", "responsible_choices",
]  # fmt: skip
