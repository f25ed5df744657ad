"""Reads for activity plans, the national council's views and an activity's history; each
runs a fixed number of queries however large the plan."""

from .attention import ActivityAttention, DueActivity, activity_attention
from .comparison import (
    Comparison,
    ComparisonColumn,
    ComparisonSection,
    comparison_anchor,
    national_comparison,
)
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
    national_default_year,
    national_inbox,
    national_plans,
    national_rollup,
    national_rollup_years,
    regional_councils,
)
from .plans import (
    ActivityFilter,
    CopyPreview,
    FocusAreaSection,
    PlanTable,
    activities_matching,
    activity_detail,
    carried_over_from,
    council_activities,
    focus_area_choices,
    plan_copy_preview,
    plan_focus_area,
    plan_focus_area_names,
    plan_for_council_year,
    plan_row,
    plan_sections,
    plan_table,
    plans_of_council,
    responsible_choices,
)

__all__ = [
    "ActivityAttention", "DueActivity", "activity_attention",
    "HISTORY_FIELDS", "HISTORY_KINDS", "MERGEABLE_FIELDS", "ActivityFilter", "ConflictField",
    "CopyPreview", "FieldChange", "FocusAreaSection", "HistoryEntry", "RollupCell", "RollupItem",
    "RollupRow", "activities_matching", "activity_conflict", "activity_detail",
    "activity_history", "carried_over_from", "council_activities", "focus_area_choices",
    "national_inbox", "national_rollup", "national_rollup_years", "plan_copy_preview",
    "plan_focus_area", "plan_focus_area_names", "plan_for_council_year", "plan_row",
    "plan_sections", "plan_table", "plans_of_council", "PlanTable", "responsible_choices",
    "Comparison", "ComparisonColumn", "ComparisonSection", "comparison_anchor",
    "national_comparison", "national_default_year", "national_plans", "regional_councils",
]  # fmt: skip
