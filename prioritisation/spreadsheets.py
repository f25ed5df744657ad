"""A prioritisation round as an Excel workbook: every activity with each voter's mark, the
counts, how far they agree and the decision; the comments and suggested moves; who has marked.

Headers and labels are in the interface language, as the survey results' workbook is (the
file is read, never imported back). Every cell is written through `workbook_bytes`, so a
comment or a title that starts with "=" stays text. openpyxl is imported only inside the
functions that build the workbook: a web worker that loads the views never loads it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from activities.spreadsheets.export import fill_priority, format_sheet, sheet_title
from vkr_portal.fileformats import workbook_bytes, xlsx_value

from . import selectors
from .models import Colour, Round

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from .selectors import RoundOverview, Spread

# The marks sheet starts with the round's title, plan and closing time; its header is below.
HEADER_ROW = 5
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Widths in characters: the focus area and activity, then a voter's column, a count's, and
# the consensus, decision, decided by and decided on.
MARK_WIDTHS = (30, 50)
VOTER_WIDTH = 16
COUNT_WIDTH = 8
TAIL_WIDTHS = (18, 10, 24, 12)
COMMENT_WIDTHS = [30, 50, 24, 12, 60, 30]
VOTER_WIDTHS = [30, 12, 12, 12]
FILENAME_SLUG_MAX = 60


def round_export_filename(round_: Round) -> str:
    """`prioritering-<council>-<year>-<pk>.xlsx`: ASCII letters, digits and - only."""
    plan = round_.plan
    slug = slugify(plan.council.slug)[:FILENAME_SLUG_MAX].strip("-") or str(plan.council_id)
    return f"prioritering-{slug}-{plan.year}-{round_.pk}.xlsx"


def round_workbook(round_: Round) -> bytes:
    """The round as a workbook: sheets Markeringar, Kommentarer and Deltagare.

    A fixed number of queries, however many activities and voters the round has."""
    from openpyxl import Workbook

    overview = selectors.round_overview(round_)
    workbook = Workbook()
    workbook.properties.title = xlsx_value(round_.title)
    workbook.properties.subject = xlsx_value(_plan_name(round_))
    _marks_sheet(workbook.active, overview)
    _comments_sheet(workbook.create_sheet(), overview)
    _voters_sheet(workbook.create_sheet(), overview)
    return workbook_bytes(workbook)  # every cell text, never a formula


def _plan_name(round_: Round) -> str:
    return f"{round_.plan.council.short_name} {round_.plan.year}"


def _local(moment: datetime) -> datetime:
    # Excel has no time zones: the Swedish wall-clock time, to the minute.
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0)


def _day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def _marks_sheet(sheet: Worksheet, overview: RoundOverview) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    round_ = overview.round
    voters = [row.voter for row in overview.participation]
    sheet.title = sheet_title(_("Markeringar"))
    sheet.append([xlsx_value(round_.title)])
    sheet.append([_("Aktivitetsplan"), xlsx_value(_plan_name(round_))])
    sheet.append([_("Stängd") if round_.closed_at else _("Stänger"), _local(round_.ends_at)])
    sheet.append([])
    colours = [str(label) for _value, label in Colour.choices]
    tail = [_("Samstämmighet"), _("Beslut"), _("Beslutad av"), _("Beslutad")]
    header = [_("Fokusområde"), _("Aktivitet"), *(v.name for v in voters), *colours, *tail]
    sheet.append([xlsx_value(value) for value in header])
    for section in overview.sections:
        for spread in section.spreads:
            sheet.append([xlsx_value(value) for value in _mark_row(section.name, spread, voters)])
            _fill_marks(sheet, sheet.max_row, spread, voters, decision_column=len(header) - 2)
    widths = [*MARK_WIDTHS, *[VOTER_WIDTH] * len(voters), *[COUNT_WIDTH] * len(colours)]
    format_sheet(sheet, [*widths, *TAIL_WIDTHS])
    # format_sheet takes row 1 for the header: here it is HEADER_ROW, under the title.
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(vertical="top")
    sheet["B3"].number_format = DATETIME_FORMAT
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
    last = get_column_letter(len(header))
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(sheet.max_row, HEADER_ROW)}"
    for (cell,) in sheet.iter_rows(
        min_row=HEADER_ROW + 1, min_col=len(header), max_col=len(header)
    ):
        cell.number_format = DATE_FORMAT


def _mark_row(area: str, spread: Spread, voters) -> list:
    by_voter = {mark.voter_id: mark.colour_label for mark in spread.marks}
    decision = spread.decision
    decided_by = ""
    if decision is not None and decision.decided_by is not None:
        decided_by = decision.decided_by.full_name or decision.decided_by.email
    return [
        area,
        spread.activity.title,
        *(by_voter.get(voter.pk, "") for voter in voters),
        *(count for _colour, _label, count in spread.counts),
        spread.consensus_label,
        str(decision.get_priority_display()) if decision else "",
        decided_by,
        _day(decision.decided_at) if decision else None,
    ]


def _fill_marks(sheet: Worksheet, row: int, spread: Spread, voters, decision_column: int) -> None:
    """Each mark and the decision in its colour, as on the page ("Vet ej" stays white)."""
    colours = {mark.voter_id: mark.colour for mark in spread.marks}
    for index, voter in enumerate(voters, start=len(MARK_WIDTHS) + 1):
        if voter.pk in colours:
            fill_priority(sheet.cell(row=row, column=index), colours[voter.pk])
    if spread.decision is not None:
        fill_priority(sheet.cell(row=row, column=decision_column), spread.decision.priority)


def _comments_sheet(sheet: Worksheet, overview: RoundOverview) -> None:
    sheet.title = sheet_title(_("Kommentarer"))
    header = [
        _("Fokusområde"), _("Aktivitet"), _("Deltagare"), _("Markering"), _("Kommentar"),
        _("Förslag: flytta till"),
    ]  # fmt: skip
    sheet.append(header)
    for section in overview.sections:
        for spread in section.spreads:
            for mark in spread.marks:
                if not (mark.comment or mark.move_to_id):
                    continue
                values = [
                    section.name, spread.activity.title, mark.voter_name, mark.colour_label,
                    mark.comment, mark.move_to_name,
                ]  # fmt: skip
                sheet.append([xlsx_value(value) for value in values])
    format_sheet(sheet, COMMENT_WIDTHS)


def _voters_sheet(sheet: Worksheet, overview: RoundOverview) -> None:
    sheet.title = sheet_title(_("Deltagare"))
    sheet.append([_("Deltagare"), _("Markerade"), _("Av totalt"), _("Påmind")])
    for row in overview.participation:
        reminded = _day(row.voter.reminded_at)
        sheet.append([xlsx_value(row.voter.name), row.marked, row.total, reminded])
    format_sheet(sheet, VOTER_WIDTHS)
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = DATE_FORMAT
