"""Reading back an uploaded XLSX plan: every row checked, every problem named at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from vkr_portal import bounds
from vkr_portal.fileformats import (
    ImportFileError,
    ReadLimits,
    RowError,
    RowErrors,
    not_xlsx_error,
    quoted,
    read_xlsx,
)

from .. import quarters
from ..models import Activity, ActivityPlan, FocusArea
from .columns import (
    CHOICE_COLUMNS,
    EXPORT_COLUMNS,
    FOCUS_AREA,
    IMPORT_COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    MOTIVATION,
    NO,
    OPTIONAL_COLUMNS,
    PRIORITY,
    PROGRESS,
    RAISE,
    TEXT_COLUMNS,
    TIMELINE,
    TIMELINE_COMMENT,
    TITLE,
    YES,
)

# What an uploaded plan may hold once unpacked (see vkr_portal/fileformats): the expected
# columns and some of the file's own, MAX_ROWS rows (empty ones too), and no cell longer than
# the longest field a row fills (the content, the motivation).
READ_LIMITS = ReadLimits(
    columns=len(EXPORT_COLUMNS) + 20, rows=MAX_ROWS, cell_chars=bounds.TEXT_LONG,
    max_bytes=MAX_BYTES,
)  # fmt: skip


@dataclass
class ImportRow:
    """One valid activity read from a file; `line` is its row number in Excel."""

    line: int
    focus_area: FocusArea
    title: str
    implementation: str
    timeline: str
    content: str
    follow_up: str
    priority: str
    progress: str
    raise_to_national: bool
    motivation: str
    start_quarter: str = ""
    end_quarter: str = ""

    def activity_fields(self) -> dict[str, str]:
        """The fields `services.activity_create` takes besides plan, focus area and title."""
        return {
            "implementation": self.implementation,
            "timeline": self.timeline,
            "start_quarter": self.start_quarter,
            "end_quarter": self.end_quarter,
            "content": self.content,
            "follow_up": self.follow_up,
            "priority": self.priority,
            "progress": self.progress,
        }


class PlanFileError(ImportFileError):
    """The file cannot be imported; `errors` lists every problem found in it."""


def _file_error(message: str) -> PlanFileError:
    return PlanFileError([RowError(row=None, column=None, message=message)])


def plan_file_parse(*, plan: ActivityPlan, uploaded_file: UploadedFile) -> list[ImportRow]:
    """The activities of an uploaded XLSX file for `plan`; PlanFileError names every problem."""
    rows = _read_xlsx(uploaded_file)
    if not rows:
        raise _file_error(_("Filen är tom."))
    columns = _column_positions(rows[0])
    areas = _focus_area_lookup(plan)
    parsed: list[ImportRow] = []
    errors = RowErrors()
    for line, values in enumerate(rows[1:], start=2):
        cells = dict.fromkeys(OPTIONAL_COLUMNS, "")
        cells.update(
            (column, _text(values[index]) if index < len(values) else "")
            for column, index in columns.items()
        )
        if not any(cells.values()):
            continue
        row, row_errors = _parse_row(line, cells, areas)
        errors.extend(row_errors)
        if row is not None:
            parsed.append(row)
    if errors:
        raise PlanFileError(errors)
    if not parsed:
        raise _file_error(_("Filen innehåller inga aktiviteter."))
    return parsed


def _read_xlsx(uploaded_file: UploadedFile) -> list[list[object]]:
    """The cell values of the first sheet, row by row, within READ_LIMITS."""
    try:
        if not (uploaded_file.name or "").lower().endswith(".xlsx"):
            raise not_xlsx_error()
        return read_xlsx(uploaded_file, limits=READ_LIMITS)
    except ImportFileError as error:
        raise PlanFileError(error.errors, more=error.more) from error


def _normalize(text: str) -> str:
    """Case, runs of whitespace and the kind of dash do not matter when names are compared."""
    return " ".join(text.replace("—", "-").replace("–", "-").split()).casefold()


def _column_positions(header: list) -> dict[str, int]:
    """Each expected column's index in the header row; PlanFileError if any is missing."""
    found: dict[str, int] = {}
    for index, value in enumerate(header):
        found.setdefault(_normalize(_text(value)), index)
    positions = {column: found.get(_normalize(column)) for column in IMPORT_COLUMNS}
    missing = [column for column, index in positions.items() if index is None]
    positions.update(
        (column, found[_normalize(column)])
        for column in OPTIONAL_COLUMNS
        if _normalize(column) in found
    )
    if missing:
        message = _("Filen saknar kolumnerna: %(missing)s. Förväntade kolumner: %(expected)s.")
        raise PlanFileError(
            [
                RowError(
                    row=1,
                    column=None,
                    message=message
                    % {"missing": ", ".join(missing), "expected": ", ".join(IMPORT_COLUMNS)},
                )
            ]
        )
    return positions


def _focus_area_lookup(plan: ActivityPlan) -> dict[str, FocusArea]:
    """The plan's focus areas by normalized name and short name (a name wins a clash)."""
    areas = [choice.focus_area for choice in plan.plan_focus_areas.select_related("focus_area")]
    lookup = {_normalize(area.short_name): area for area in areas if area.short_name}
    lookup.update({_normalize(area.name): area for area in areas})
    return lookup


def _choice_lookup(field: models.Field) -> dict[str, str]:
    """A choice's value by its normalized value, Swedish label or label in the current language."""
    lookup = {_normalize(value): value for value, _label in field.choices}
    lookup.update({_normalize(str(label)): value for value, label in field.choices})
    with translation.override("sv"):
        lookup.update({_normalize(str(label)): value for value, label in field.choices})
    return lookup


def _text(value: object) -> str:
    """A cell's value as the text it shows: numbers without a trailing .0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _parse_row(
    line: int, cells: dict[str, str], areas: dict[str, FocusArea]
) -> tuple[ImportRow | None, list[RowError]]:
    """One data row as an ImportRow, or None and the errors in it."""
    errors = _text_errors(line, cells)
    area = areas.get(_normalize(cells[FOCUS_AREA]))
    if area is None:
        names = ", ".join(sorted({a.name for a in areas.values()}))
        message = (
            _("”%(value)s” är inte ett fokusområde i planen. Välj ett av: %(choices)s.")
            % {"value": quoted(cells[FOCUS_AREA]), "choices": names}
            if cells[FOCUS_AREA]
            else _("Fokusområde saknas. Välj ett av: %(choices)s.") % {"choices": names}
        )
        errors.append(RowError(line, FOCUS_AREA, message))
    priority = _choice(line, PRIORITY, cells[PRIORITY], errors)
    progress = _choice(line, PROGRESS, cells[PROGRESS], errors)
    raise_to_national = _normalize(cells[RAISE]) == _normalize(YES)
    if _normalize(cells[RAISE]) not in ("", _normalize(YES), _normalize(NO)):
        errors.append(RowError(line, RAISE, _("Skriv Ja, Nej eller lämna tomt.")))
    if raise_to_national and not cells[MOTIVATION]:
        errors.append(
            RowError(line, MOTIVATION, _("Skriv varför aktiviteten lyfts till nationell nivå."))
        )
    if errors:
        return None, errors
    start, end = _timeline(cells)
    fields = {name: cells[column] for column, name in TEXT_COLUMNS.items()}
    row = ImportRow(
        line=line, focus_area=area, priority=priority, progress=progress,
        raise_to_national=raise_to_national,
        motivation=cells[MOTIVATION] if raise_to_national else "", start_quarter=start,
        end_quarter=end, **fields,
    )  # fmt: skip
    return row, []


def _timeline(cells: dict[str, str]) -> tuple[str, str]:
    """Tidplan's start and end quarter ("Q3–Q4 2022", "Q3-4 2022", "2022"); a Tidplan that says
    anything else is kept, ahead of the comment, as the comment."""
    start, end = quarters.from_text(cells[TIMELINE])
    if not start and cells[TIMELINE]:
        parts = [cells[TIMELINE], cells[TIMELINE_COMMENT]]
        cells[TIMELINE_COMMENT] = " – ".join(part for part in parts if part)
    return start, end


def _text_errors(line: int, cells: dict[str, str]) -> list[RowError]:
    """A missing title, and any text longer than its field allows."""
    errors = []
    if not cells[TITLE]:
        errors.append(RowError(line, TITLE, _("Aktiviteten måste ha en titel.")))
    for column, name in [*TEXT_COLUMNS.items(), (TIMELINE, "timeline")]:
        limit = Activity._meta.get_field(name).max_length
        if limit is not None and len(cells[column]) > limit:
            errors.append(
                RowError(
                    line,
                    column,
                    _("Texten är %(length)s tecken lång; högst %(limit)s tecken får plats.")
                    % {"length": len(cells[column]), "limit": limit},
                )
            )
    return errors


def _choice(line: int, column: str, text: str, errors: RowErrors) -> str:
    """The value of a choice cell (empty gives the field's default); else adds an error."""
    field = Activity._meta.get_field(CHOICE_COLUMNS[column])
    if not text:
        return field.default
    value = _choice_lookup(field).get(_normalize(text))
    if value is None:
        with translation.override("sv"):
            labels = ", ".join(str(label) for _value, label in field.choices)
        errors.append(
            RowError(
                line,
                column,
                _("”%(value)s” är inget giltigt värde. Använd ett av: %(choices)s.")
                % {"value": quoted(text), "choices": labels},
            )
        )
    return value or ""
