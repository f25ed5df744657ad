"""The columns of a plan's file and the limits of what is read back."""

FOCUS_AREA = "Fokusområde"
TITLE = "Aktivitet"
IMPLEMENTATION = "Genomförande"
TIMELINE = "Tidplan"
TIMELINE_COMMENT = "Tidplan, kommentar"
CONTENT = "Innehåll"
FOLLOW_UP = "Uppföljning – när"
PRIORITY = "Prioritet"
PROGRESS = "Status"
RESPONSIBLE = "Ansvarig"
RAISE = "Lyft till nationell nivå"
MOTIVATION = "Motivering"

# What an import needs: every one of these columns, in any order.
IMPORT_COLUMNS = [
    FOCUS_AREA, TITLE, IMPLEMENTATION, TIMELINE, CONTENT, FOLLOW_UP, PRIORITY, PROGRESS, RAISE,
    MOTIVATION,
]  # fmt: skip
# Read when the file has them: the timeline's comment (Tidplan holds the quarters, "Q3–Q4
# 2022", or a free text that becomes the comment).
OPTIONAL_COLUMNS = [TIMELINE_COMMENT]
# What an export writes: the import's columns, the timeline's comment, and who is responsible
# (a person in the portal, so an import leaves it to be chosen in the plan and ignores it).
EXPORT_COLUMNS = [
    FOCUS_AREA, TITLE, IMPLEMENTATION, TIMELINE, TIMELINE_COMMENT, CONTENT, FOLLOW_UP, PRIORITY,
    PROGRESS, RESPONSIBLE, RAISE, MOTIVATION,
]  # fmt: skip
# Widths in characters, in the order of EXPORT_COLUMNS: wide for the free-text columns.
COLUMN_WIDTHS = [30, 40, 24, 16, 24, 60, 40, 12, 14, 24, 14, 40]
# The free-text columns and the Activity fields they fill (Tidplan: see _parse_row).
TEXT_COLUMNS = {
    TITLE: "title", IMPLEMENTATION: "implementation", TIMELINE_COMMENT: "timeline",
    CONTENT: "content", FOLLOW_UP: "follow_up",
}  # fmt: skip
# The choice columns and the Activity fields whose choices and default they use.
CHOICE_COLUMNS = {PRIORITY: "priority", PROGRESS: "progress"}
YES, NO = "Ja", "Nej"

# A priority's cell colour, as on the page and the printed plan: fill and text colour (RGB).
PRIORITY_FILLS = {
    "green": ("146C43", "FFFFFF"),
    "yellow": ("FFDA6A", "1F1F1F"),
    "red": ("B02A37", "FFFFFF"),
}

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
