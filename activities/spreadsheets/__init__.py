"""Activity plans as spreadsheets: export to XLSX and CSV, reading back an uploaded XLSX, and
the national council's six plans side by side as XLSX.

The only module of the app that knows the file formats. It reads the database and validates
files, but writes nothing: the rows it parses are saved by `services.plan_import`.

A plan's file has one header row, then one row per activity, in the columns of EXPORT_COLUMNS
(an import needs those of IMPORT_COLUMNS; Ansvarig is written, not read back). Tidplan holds
the quarters as shown ("Q3–Q4 2022") and "Tidplan, kommentar" the free text beside them.

The headers are the plan's own Swedish column names whatever the interface language, because
they identify the columns of the format; for the same reason the Prioritet and Status cells
hold the Swedish labels ("Grön", "Pågår") and "Lyft till nationell nivå" holds "Ja" or
nothing. In XLSX each priority is also its colour.
"""

from .columns import (
    CHOICE_COLUMNS,
    COLUMN_WIDTHS,
    CONTENT,
    EXPORT_COLUMNS,
    FOCUS_AREA,
    FOLLOW_UP,
    IMPLEMENTATION,
    IMPORT_COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    MOTIVATION,
    NO,
    OPTIONAL_COLUMNS,
    PRIORITY,
    PRIORITY_FILLS,
    PROGRESS,
    RAISE,
    RESPONSIBLE,
    TEXT_COLUMNS,
    TIMELINE,
    TIMELINE_COMMENT,
    TITLE,
    YES,
)
from .export import plan_export_rows, plan_to_csv, plan_to_xlsx
from .importing import READ_LIMITS, ImportRow, PlanFileError, plan_file_parse
from .national import COMPARISON_COLUMNS, comparison_to_xlsx

__all__ = [
    "CHOICE_COLUMNS", "COLUMN_WIDTHS", "COMPARISON_COLUMNS", "CONTENT", "EXPORT_COLUMNS",
    "FOCUS_AREA", "FOLLOW_UP", "IMPLEMENTATION", "IMPORT_COLUMNS", "MAX_BYTES", "MAX_ROWS",
    "MOTIVATION", "NO", "OPTIONAL_COLUMNS", "PRIORITY", "PRIORITY_FILLS", "PROGRESS", "RAISE",
    "READ_LIMITS", "RESPONSIBLE", "TEXT_COLUMNS", "TIMELINE", "TIMELINE_COMMENT", "TITLE", "YES",
    "ImportRow", "PlanFileError", "comparison_to_xlsx", "plan_export_rows", "plan_file_parse",
    "plan_to_csv", "plan_to_xlsx",
]  # fmt: skip
