"""Survey results written as CSV and XLSX.

A survey whose results are anonymous never has a row per response in an export: that row
would tie each free-text answer to its organisation. Its CSV is the summary (a row per
question and scale step or option), its workbook the summary sheet with the free text
unnamed, in the order the results give it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from councils.models import Organisation
from vkr_portal import formats
from vkr_portal.fileformats import csv_document, workbook_bytes, xlsx_value

from ..models import Answer, Response, Survey
from ..selectors import (
    ChoiceBlock,
    NumberBlock,
    ResponseRate,
    ResultFilter,
    ScaleBlock,
    SurveyResults,
    TextBlock,
    survey_results,
)
from .columns import (
    META_COLUMNS,
    MULTIPLE_SEPARATOR,
    NO,
    PERCENT_FORMAT,
    YES,
    question_headers,
    survey_questions,
)

# --- The raw sheet -------------------------------------------------------------------------


def response_export_rows(
    survey: Survey, filters: ResultFilter | None = None
) -> tuple[list[str], list[list[object]]]:
    """The header and one row per submitted response, by organisation name. Three queries."""
    questions = survey_questions(survey)
    submitted = (filters or ResultFilter()).apply(
        Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    )
    responses = list(submitted.select_related("organisation").order_by("organisation__name", "pk"))
    answers = (
        Answer.objects.filter(response__in=submitted.values("pk"))
        .order_by("option__order", "option__pk")
        .values_list(
            "response_id", "question_id", "step__label", "option__label", "number", "boolean",
            "text",
        )
    )  # fmt: skip
    cells: dict[tuple[int, int], object] = {}
    for response_id, question_id, step, option, number, boolean, text in answers:
        key = (response_id, question_id)
        if option is not None:
            previous = cells.get(key)
            cells[key] = f"{previous}{MULTIPLE_SEPARATOR} {option}" if previous else option
        else:
            cells[key] = _answer_cell(step, number, boolean, text)
    with translation.override("sv"):
        rows = [
            [*_meta_cells(r), *(cells.get((r.pk, q.pk), "") for q in questions)] for r in responses
        ]
    return [*META_COLUMNS, *question_headers(questions)], rows


def _answer_cell(step, number, boolean, text) -> object:
    if step is not None:
        return step
    if number is not None:
        return number.quantize(Decimal(1)) if number == number.to_integral() else number
    if boolean is not None:
        return YES if boolean else NO
    return text


def _meta_cells(response: Response) -> list[object]:
    organisation = response.organisation
    submitted = response.submitted_at
    return [
        organisation.name,
        organisation.code,
        organisation.lan_name or organisation.lan_code,
        str(organisation.get_kind_display()),
        response.respondent_name,
        str(response.get_respondent_role_display()) if response.respondent_role else "",
        timezone.localtime(submitted).replace(tzinfo=None, microsecond=0) if submitted else "",
    ]


def results_to_csv(
    survey: Survey, filters: ResultFilter | None = None, results: SurveyResults | None = None
) -> str:
    """The raw sheet as semicolon-separated values, with a BOM so Excel reads it as UTF-8;
    for a survey with anonymous results, the summary instead (from `results` if given)."""
    if survey.results_anonymous:
        results = results or survey_results(survey, filters)
        header = [_("Fråga"), _("Svar"), _("Antal"), _("Andel (%)")]
        return csv_document([header, *summary_rows(results)])
    header, rows = response_export_rows(survey, filters)
    return csv_document([header, *rows])


def summary_to_csv(results: SurveyResults, *, free_text: bool = True) -> str:
    """The results as a summary CSV (question, answer, count, share), never a row per
    response: what the annual report carries for an archivist, for any survey; without the
    free-text answers when `free_text` is False."""
    header = [_("Fråga"), _("Svar"), _("Antal"), _("Andel (%)")]
    rows = [
        row
        for theme in results.themes
        for block in theme.blocks
        if free_text or not isinstance(block, TextBlock)
        for row in _rows(block)
    ]
    return csv_document([header, *rows])


def summary_rows(results: SurveyResults) -> list[list[object]]:
    """The results as rows of question, answer (scale step, option, statistic or free text),
    count and share in percent."""
    return [row for theme in results.themes for block in theme.blocks for row in _rows(block)]


def _rows(block) -> Iterator[list[object]]:
    too_few = _("För få svar")
    if isinstance(block, ScaleBlock):
        for item in block.items:
            if getattr(item, "too_few", False):
                yield [item.question.text, too_few, None, None]
                continue
            for share in item.shares:
                yield [item.question.text, share.label, share.count, share.rounded]
    elif getattr(block, "too_few", False):
        yield [block.question.text, too_few, None, None]
    elif isinstance(block, ChoiceBlock):
        for share in block.shares:
            yield [block.question.text, share.label, share.count, share.rounded]
    elif isinstance(block, NumberBlock):
        for label, value in [(_("Antal svar"), block.n), (_("Medel"), block.mean),
                             (_("Median"), block.median), (_("Min"), block.minimum),
                             (_("Max"), block.maximum)]:  # fmt: skip
            yield [block.question.text, label, value, None]
    elif isinstance(block, TextBlock):
        for answer in block.answers:
            yield [block.question.text, answer.text, None, None]


# --- The workbook --------------------------------------------------------------------------


def results_to_xlsx(survey: Survey, results: SurveyResults, rate: ResponseRate) -> bytes:
    """Sheet "Sammanfattning" with the response rate and the shares per question, and sheet
    "Svar" with one row per submitted response (the responses the results count); for a
    survey with anonymous results, the summary only."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = "Sammanfattning"
    _summary_sheet(summary, survey, results, rate)
    if not survey.results_anonymous:
        _raw_sheet(workbook.create_sheet("Svar"), survey, results.filters)
    return workbook_bytes(workbook)  # every cell text, never a formula


def _raw_sheet(raw, survey: Survey, filters: ResultFilter) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header, rows = response_export_rows(survey, filters)
    raw.append([xlsx_value(value) for value in header])
    for row in rows:
        raw.append([xlsx_value(value) for value in row])
    for cell in raw[1]:
        cell.font = Font(bold=True)
    raw.freeze_panes = "A2"
    for index in range(1, len(header) + 1):
        raw.column_dimensions[get_column_letter(index)].width = 24 if index <= 7 else 32


def _summary_sheet(sheet, survey: Survey, results: SurveyResults, rate: ResponseRate) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append([xlsx_value(survey.title)])
    sheet["A1"].font = Font(bold=True, size=14)
    if results.filters.active:
        text = _filter_text(results.filters, rate)
        sheet.append([_("Urval: %(filters)s") % {"filters": text}])
    sheet.append([response_rate_text(rate)])
    sheet.append([_("Svarande i urvalet: %(n)s") % {"n": results.respondents}])
    sheet.append([])
    _bold_row(sheet, [_("Län"), _("Inbjudna"), _("Svarat"), _("Utkast"), _("Andel svarat")])
    for lan in rate.by_lan:
        share = lan.submitted / lan.invited if lan.invited else None
        sheet.append([lan.lan_name or _("Utan län"), lan.invited, lan.submitted, lan.drafts,
                      share])  # fmt: skip
        sheet.cell(sheet.max_row, 5).number_format = PERCENT_FORMAT
    for theme in results.themes:
        sheet.append([])
        sheet.append([xlsx_value(theme.section.title)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        for block in theme.blocks:
            _summary_block(sheet, block, anonymous=survey.results_anonymous)
    sheet.column_dimensions["A"].width = 60
    for index in range(2, 12):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    for row in sheet.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _bold_row(sheet, values: list[object]) -> None:
    from openpyxl.styles import Font

    sheet.append([xlsx_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _percent_row(sheet, first: str, shares, n: int, no_answer: int) -> None:
    values = [None if s.percent is None else s.percent / 100 for s in shares]
    sheet.append([xlsx_value(first), *values, n, no_answer])
    for cell in sheet[sheet.max_row][1 : 1 + len(values)]:
        cell.number_format = PERCENT_FORMAT


def _summary_block(sheet, block, *, anonymous: bool) -> None:
    answered, unanswered = _("Antal svar"), _("Utan svar")
    if isinstance(block, ScaleBlock):
        _bold_row(sheet, [_("Fråga"), *(s.label for s in block.steps), answered, unanswered])
        for item in block.items:
            if getattr(item, "too_few", False):
                sheet.append([xlsx_value(item.question.text), _("För få svar")])
            else:
                _percent_row(sheet, item.question.text, item.shares, item.n, item.no_answer)
    elif getattr(block, "too_few", False):
        sheet.append([xlsx_value(block.question.text), _("För få svar")])
    elif isinstance(block, ChoiceBlock):
        _bold_row(sheet, [_("Fråga"), *(s.label for s in block.shares), answered, unanswered])
        _percent_row(sheet, block.question.text, block.shares, block.n, block.no_answer)
        if block.per_respondent:
            sheet.append([_("Andelar per svarande, kan summera till mer än 100 %.")])
    elif isinstance(block, NumberBlock):
        _bold_row(sheet, [_("Fråga"), answered, _("Medel"), _("Median"), _("Min"), _("Max"),
                          unanswered])  # fmt: skip
        sheet.append([xlsx_value(block.question.text), block.n, block.mean, block.median,
                      block.minimum, block.maximum, block.no_answer])  # fmt: skip
    elif isinstance(block, TextBlock) and anonymous:
        # In the order the results give, which is not the organisations' order.
        _bold_row(sheet, [block.question.text])
        for answer in block.answers:
            sheet.append([xlsx_value(answer.text)])
    elif isinstance(block, TextBlock):
        _bold_row(sheet, [block.question.text, _("Organisation")])
        for answer in block.answers:
            sheet.append([xlsx_value(answer.text), xlsx_value(answer.organisation)])


def _filter_text(filters: ResultFilter, rate: ResponseRate) -> str:
    parts = []
    if filters.lan_code:
        names = {lan.lan_code: lan.lan_name for lan in rate.by_lan}
        parts.append(names.get(filters.lan_code) or _("län %(code)s") % {"code": filters.lan_code})
    if filters.kind:
        parts.append(str(dict(Organisation.Kind.choices).get(filters.kind, filters.kind)))
    return ", ".join(parts)


def response_rate_text(rate: ResponseRate) -> str:
    """ "56 av 71 kommuner har svarat (79 %)"."""
    return _("%(submitted)s av %(invited)s %(noun)s har svarat (%(rate)s)") % {
        "submitted": rate.submitted, "invited": rate.invited, "noun": rate.noun,
        "rate": formats.percent(rate.rate or 0),
    }  # fmt: skip
