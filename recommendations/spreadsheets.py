"""A report's matrix as an Excel workbook: one sheet for the recommendations to the regional
councils × the councils, one for those to the regions × the regions, with the page's filters.

Headers and status labels are Swedish whatever the interface language, as the other exports'
are; every cell is written through `workbook_bytes`, so a text starting with "=" stays text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.text import slugify

from vkr_portal.fileformats import workbook_bytes, xlsx_value

from .models import Publication
from .selectors.matrix import Matrix, Table

if TYPE_CHECKING:
    from openpyxl import Workbook

COUNCILS = "Regionala råd"
REGIONS = "Regioner"
FIRST_COLUMNS = ["Nr", "Område", "Rekommendation"]
NOT_REGISTERED = "Ej registrerad"
WIDTHS = [6, 30, 70]
CELL_WIDTH = 16
FILENAME_SLUG_MAX = 60


def export_filename(publication: Publication) -> str:
    """`matris-<number or title>.xlsx`: ASCII letters, digits and - only."""
    slug = slugify(publication.number or publication.title)[:FILENAME_SLUG_MAX].strip("-")
    return f"matris-{slug or publication.pk}.xlsx"


def matrix_to_xlsx(matrix: Matrix) -> bytes:
    """The matrix's tables (those the filters show), a sheet each, the status as text."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    with translation.override("sv"):
        if matrix.councils is not None:
            _sheet(
                workbook, COUNCILS, matrix.councils, [c.short_name for c in matrix.councils.columns]
            )
        if matrix.regions is not None:
            names = [r.short_name or r.name for r in matrix.regions.columns]
            _sheet(workbook, REGIONS, matrix.regions, names)
    return workbook_bytes(workbook)  # every cell text, never a formula


def _sheet(workbook: Workbook, title: str, table: Table, names: list[str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append([*FIRST_COLUMNS, *names])
    for row in table.rows:
        recommendation = row.recommendation
        cells = [
            str(cell.status_label) if cell.follow_up_id else NOT_REGISTERED for cell in row.cells
        ]
        values = [
            recommendation.identifier, recommendation.area.title, recommendation.text, *cells,
        ]  # fmt: skip
        sheet.append([xlsx_value(value) for value in values])
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = wrap
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "D2"
    for index in range(1, len(FIRST_COLUMNS) + len(names) + 1):
        width = WIDTHS[index - 1] if index <= len(WIDTHS) else CELL_WIDTH
        sheet.column_dimensions[get_column_letter(index)].width = width
