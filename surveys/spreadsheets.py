"""Survey results as spreadsheets, and reading back responses gathered outside the portal.

The only module of the app that knows the file formats. It reads the database and validates
files but writes nothing: the rows it parses are saved by `services.responses_import`.

The raw sheet ("Svar") has one row per submitted response: the columns of META_COLUMNS, then
one column per question headed by the question's text. Its headers and its cells (scale steps,
options, Ja/Nej, roles) are Swedish whatever the interface language, because they identify
what the cells mean; the same shape is read back by `responses_file_parse`, where only
"Organisation kod" is required and the other columns of META_COLUMNS are ignored.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from councils.models import Organisation
from vkr_portal.fileformats import (
    CSV_DELIMITER,
    CSV_FORMULA_PREFIXES,
    ImportFileError,
    RowError,
    csv_text,
)

from .models import Answer, Option, Question, Response, ScaleStep, Survey
from .selectors import (
    ChoiceBlock,
    NumberBlock,
    ResponseRate,
    ResultFilter,
    ScaleBlock,
    SurveyResults,
    TextBlock,
)

ORGANISATION = "Organisation"
CODE = "Organisation kod"
LAN = "Län"
KIND = "Typ"
NAME = "Namn"
ROLE = "Roll"
SUBMITTED = "Inskickad"
META_COLUMNS = [ORGANISATION, CODE, LAN, KIND, NAME, ROLE, SUBMITTED]
YES, NO = "Ja", "Nej"
MULTIPLE_SEPARATOR = ";"

PERCENT_FORMAT = "0%"

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an XLSX is a zip: 5 MB could unpack to gigabytes
# Numbers are stored with 12 digits, 2 of them decimals.
NUMBER_LIMIT = Decimal(10) ** 10


# --- The raw sheet -------------------------------------------------------------------------


def question_headers(questions: list[Question]) -> list[str]:
    """A column header per question: its text, with its section's title if the text repeats
    ("Om ja, på vilket sätt?" is asked of regions and of municipalities)."""
    counts = Counter(q.text for q in questions)
    headers = [f"{q.text} [{q.section.title}]" if counts[q.text] > 1 else q.text for q in questions]
    seen: Counter[str] = Counter()
    unique = []
    for header in headers:
        seen[header] += 1
        unique.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return unique


def _questions(survey: Survey) -> list[Question]:
    return list(
        Question.objects.filter(section__survey=survey)
        .select_related("section")
        .order_by("section__order", "section__pk", "order", "pk")
    )


def response_export_rows(
    survey: Survey, filters: ResultFilter | None = None
) -> tuple[list[str], list[list[object]]]:
    """The header and one row per submitted response, by organisation name. Three queries."""
    questions = _questions(survey)
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


def results_to_csv(survey: Survey, filters: ResultFilter | None = None) -> str:
    """The raw sheet as semicolon-separated values, with a BOM so Excel reads it as UTF-8."""
    header, rows = response_export_rows(survey, filters)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(_csv_cell(value) for value in row)
    return "\ufeff" + buffer.getvalue()


def _csv_cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")  # the decimal comma of Swedish Excel
    text = str(value)
    return csv_text(text)


# --- The workbook --------------------------------------------------------------------------


def results_to_xlsx(survey: Survey, results: SurveyResults, rate: ResponseRate) -> bytes:
    """Sheet "Sammanfattning" with the response rate and the shares per question, and sheet
    "Svar" with one row per submitted response (the responses the results count)."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "Sammanfattning"
    _summary_sheet(summary, survey, results, rate)
    raw = workbook.create_sheet("Svar")
    header, rows = response_export_rows(survey, results.filters)
    raw.append(header)
    for row in rows:
        raw.append([_xlsx_value(value) for value in row])
    for cell in raw[1]:
        cell.font = Font(bold=True)
    raw.freeze_panes = "A2"
    for index in range(1, len(header) + 1):
        raw.column_dimensions[get_column_letter(index)].width = 24 if index <= 7 else 32
    for sheet in (summary, raw):
        _as_text(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: object) -> object:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _as_text(sheet) -> None:
    """Text that starts with "=" is what someone wrote, never a formula to run."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def _summary_sheet(sheet, survey: Survey, results: SurveyResults, rate: ResponseRate) -> None:
    sheet.append([_xlsx_value(survey.title)])
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
        sheet.append([_xlsx_value(theme.section.title)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        for block in theme.blocks:
            _summary_block(sheet, block)
    sheet.column_dimensions["A"].width = 60
    for index in range(2, 12):
        sheet.column_dimensions[get_column_letter(index)].width = 16
    for row in sheet.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _bold_row(sheet, values: list[object]) -> None:
    sheet.append([_xlsx_value(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _percent_row(sheet, first: str, shares, n: int, no_answer: int) -> None:
    values = [None if s.percent is None else s.percent / 100 for s in shares]
    sheet.append([_xlsx_value(first), *values, n, no_answer])
    for cell in sheet[sheet.max_row][1 : 1 + len(values)]:
        cell.number_format = PERCENT_FORMAT


def _summary_block(sheet, block) -> None:
    answered, unanswered = _("Antal svar"), _("Utan svar")
    if isinstance(block, ScaleBlock):
        _bold_row(sheet, [_("Fråga"), *(s.label for s in block.steps), answered, unanswered])
        for item in block.items:
            _percent_row(sheet, item.question.text, item.shares, item.n, item.no_answer)
    elif isinstance(block, ChoiceBlock):
        _bold_row(sheet, [_("Fråga"), *(s.label for s in block.shares), answered, unanswered])
        _percent_row(sheet, block.question.text, block.shares, block.n, block.no_answer)
        if block.per_respondent:
            sheet.append([_("Andelar per svarande, kan summera till mer än 100 %.")])
    elif isinstance(block, NumberBlock):
        _bold_row(sheet, [_("Fråga"), answered, _("Medel"), _("Median"), _("Min"), _("Max"),
                          unanswered])  # fmt: skip
        sheet.append([_xlsx_value(block.question.text), block.n, block.mean, block.median,
                      block.minimum, block.maximum, block.no_answer])  # fmt: skip
    elif isinstance(block, TextBlock):
        _bold_row(sheet, [block.question.text, _("Organisation")])
        for answer in block.answers:
            sheet.append([_xlsx_value(answer.text), _xlsx_value(answer.organisation)])


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
    return _("%(submitted)s av %(invited)s %(noun)s har svarat (%(rate)s %%)") % {
        "submitted": rate.submitted, "invited": rate.invited, "noun": rate.noun,
        "rate": rate.rate or 0,
    }  # fmt: skip


# --- Import --------------------------------------------------------------------------------


@dataclass
class ParsedResponse:
    """One valid response read from a file; `line` is its row number (the header is 1).

    `answers` maps question id to the value `services.response_save` takes: a ScaleStep, an
    Option, a list of Options, a bool, a Decimal or a str."""

    line: int
    organisation: Organisation
    respondent_name: str = ""
    respondent_role: str = ""
    answers: dict[int, object] = field(default_factory=dict)


class ResponsesFileError(ImportFileError):
    """The file cannot be imported; `errors` lists every problem found in it."""


def _file_error(message: str, row: int | None = None) -> ResponsesFileError:
    return ResponsesFileError([RowError(row=row, column=None, message=message)])


def responses_file_parse(*, survey: Survey, uploaded_file: UploadedFile) -> list[ParsedResponse]:
    """The responses in an uploaded CSV or XLSX file of the raw sheet's shape, for `survey`.

    ResponsesFileError names every problem, by row and column; nothing is returned then."""
    rows = _read_rows(uploaded_file)
    if not rows:
        raise _file_error(_("Filen är tom."))
    reader = _Reader(survey, [_text(value) for value in rows[0]])
    lines = [
        (line, [_text(value) for value in values])
        for line, values in enumerate(rows[1:], start=2)
        if any(_text(value) for value in values)
    ]
    reader.load([reader.meta_cell(values, CODE) for _line, values in lines])
    parsed = [row for line, values in lines if (row := reader.parse(line, values))]
    if reader.errors:
        raise ResponsesFileError(reader.errors)
    if not parsed:
        raise _file_error(_("Filen innehåller inga svar."))
    return parsed


def _normalize(text: str) -> str:
    """Case, runs of whitespace and the kind of dash do not matter when texts are compared."""
    return " ".join(text.replace("—", "-").replace("–", "-").split()).casefold()


class _CellError(Exception):
    """A cell's value is not valid; the message says why."""


class _Reader:
    """Reads one file for one survey: the lookups once for the whole file, errors gathered."""

    def __init__(self, survey: Survey, header: list[str]):
        self.survey = survey
        self.header = header
        self.errors: list[RowError] = []
        self.questions = _questions(survey)
        texts = Counter(_normalize(q.text) for q in self.questions)
        # A question's header, or its bare text where no other question has the same text.
        by_name = {_normalize(q.text): q for q in self.questions if texts[_normalize(q.text)] == 1}
        headers = question_headers(self.questions)
        by_name |= {_normalize(h): q for h, q in zip(headers, self.questions, strict=True)}
        meta = {_normalize(column): column for column in META_COLUMNS}
        self.meta: dict[str, int] = {}
        self.columns: dict[int, Question] = {}
        seen = set()
        for index, name in enumerate(header):
            key = _normalize(name)
            if key in seen:
                self.errors.append(RowError(1, name, _("Kolumnen finns två gånger.")))
            elif key in meta:
                self.meta[meta[key]] = index
            elif key in by_name:
                self.columns[index] = by_name[key]
            elif key:
                self.errors.append(RowError(1, name, _("Ingen fråga i enkäten har den texten.")))
            seen.add(key)
        if CODE not in self.meta:
            message = _("Kolumnen ”%(column)s” saknas.") % {"column": CODE}
            raise ResponsesFileError([*self.errors, RowError(1, None, message)])

    def meta_cell(self, values: list[str], column: str) -> str:
        index = self.meta.get(column)
        return values[index] if index is not None and index < len(values) else ""

    def load(self, codes: list[str]) -> None:
        """Everything the rows are checked against, in a fixed number of queries."""
        self.organisations: dict[str, list[Organisation]] = {}
        variants = {variant for code in codes if code for variant in _code_variants(code)}
        for organisation in Organisation.objects.filter(code__in=variants).order_by("pk"):
            self.organisations.setdefault(organisation.code, []).append(organisation)
        found = [o.pk for organisations in self.organisations.values() for o in organisations]
        region = self.survey.council.healthcare_region_id
        in_region = Organisation.objects.filter(pk__in=found, healthcare_regions=region)
        self.in_region = set(in_region.values_list("pk", flat=True)) if region else set(found)
        self.submitted = set(
            Response.objects.filter(
                survey=self.survey, organisation__in=found, status=Response.Status.SUBMITTED
            ).values_list("organisation_id", flat=True)
        )
        self.steps: dict[int, list[ScaleStep]] = {}
        scale_ids = {q.scale_id for q in self.questions if q.scale_id}
        for step in ScaleStep.objects.filter(scale_id__in=scale_ids).order_by("order"):
            self.steps.setdefault(step.scale_id, []).append(step)
        self.options: dict[int, list[Option]] = {}
        for option in Option.objects.filter(question__in=self.questions).order_by("order", "pk"):
            self.options.setdefault(option.question_id, []).append(option)
        with translation.override("sv"):
            self.roles = {_normalize(str(label)): value for value, label in Response.Role.choices}
            self.role_labels = ", ".join(str(label) for _value, label in Response.Role.choices)
        self.roles |= {_normalize(value): value for value in Response.Role.values}
        self.first_line: dict[int, int] = {}  # organisation id → the row it was first on

    def parse(self, line: int, values: list[str]) -> ParsedResponse | None:
        """One data row as a ParsedResponse, or None with its errors added."""
        errors_before = len(self.errors)
        organisation = self._cell(line, CODE, self._organisation, line, values)
        name = self.meta_cell(values, NAME)
        if len(name) > Response._meta.get_field("respondent_name").max_length:
            self.errors.append(RowError(line, NAME, _("Namnet är för långt.")))
        role = self._cell(line, ROLE, self._role, self.meta_cell(values, ROLE))
        answers = {}
        for index, question in self.columns.items():
            text = values[index] if index < len(values) else ""
            if text:  # checked also when the organisation is unknown: every error at once
                value = self._cell(
                    line, self.header[index], self._value, question, text, organisation
                )
                if value is not None:
                    answers[question.pk] = value
        if organisation is None or len(self.errors) > errors_before:
            return None
        return ParsedResponse(line, organisation, name, role or "", answers)

    def _cell(self, line: int, column: str, read, *args):
        try:
            return read(*args)
        except _CellError as error:
            self.errors.append(RowError(line, column, str(error)))
            return None

    def _organisation(self, line: int, values: list[str]) -> Organisation:
        code = self.meta_cell(values, CODE)
        if not code:
            raise _CellError(_("Organisationens kod saknas."))
        matches = [
            o for variant in _code_variants(code) for o in self.organisations.get(variant, [])
        ]
        kind = _normalize(self.meta_cell(values, KIND))
        if len(matches) > 1 and kind:  # the same code for two kinds: "Typ" tells them apart
            matches = [o for o in matches if _normalize(o.get_kind_display()) == kind] or matches
        if not matches:
            raise _CellError(_("Ingen organisation har koden ”%(code)s”.") % {"code": code})
        organisation = next((o for o in matches if o.pk in self.in_region), None)
        if organisation is None:
            raise _CellError(
                _("%(name)s hör inte till rådets sjukvårdsregion.") % {"name": matches[0]}
            )
        first = self.first_line.setdefault(organisation.pk, line)
        if first != line:
            raise _CellError(
                _("%(name)s finns redan på rad %(row)s.") % {"name": organisation, "row": first}
            )
        if self.survey.audience and organisation.kind not in self.survey.audience:
            raise _CellError(
                _("Enkäten är inte till för %(name)s (%(kind)s).")
                % {"name": organisation, "kind": organisation.get_kind_display()}
            )
        if organisation.pk in self.submitted:
            raise _CellError(
                _("%(name)s har redan skickat in svar på enkäten.") % {"name": organisation}
            )
        return organisation

    def _role(self, text: str) -> str:
        if not text:
            return ""
        role = self.roles.get(_normalize(text))
        if role is None:
            raise _CellError(
                _("”%(value)s” är ingen roll. Använd en av: %(choices)s.")
                % {"value": text, "choices": self.role_labels}
            )
        return role

    def _value(self, question: Question, text: str, organisation: Organisation | None) -> object:
        """The cell's value in the form services.response_save takes."""
        if organisation is not None and not question.is_visible_to(organisation.kind):
            raise _CellError(
                _("Frågan ställs inte till %(name)s (%(kind)s).")
                % {"name": organisation, "kind": organisation.get_kind_display()}
            )
        kind = question.kind
        if kind == Question.Kind.SCALE:
            steps = self.steps.get(question.scale_id, [])
            return _choice(text, steps, extra={str(s.order): s for s in steps})
        if kind == Question.Kind.SINGLE:
            return _choice(text, self.options.get(question.pk, []))
        if kind == Question.Kind.MULTIPLE:
            options = self.options.get(question.pk, [])
            parts = [part for part in text.split(MULTIPLE_SEPARATOR) if part.strip()]
            chosen = {_choice(part, options) for part in parts}
            return sorted(chosen, key=lambda option: (option.order, option.pk))
        if kind == Question.Kind.YES_NO:
            if _normalize(text) not in YES_NO_VALUES:
                raise _CellError(_("Skriv Ja eller Nej."))
            return YES_NO_VALUES[_normalize(text)]
        if kind == Question.Kind.NUMBER:
            return _number(text)
        return text


YES_NO_VALUES = {"ja": True, "j": True, "yes": True, "nej": False, "n": False, "no": False}


def _choice(text: str, choices: list, extra: dict | None = None):
    """The scale step or option whose label is `text`; _CellError lists the valid ones."""
    lookup = {_normalize(choice.label): choice for choice in choices} | (extra or {})
    value = lookup.get(_normalize(text))
    if value is None:
        raise _CellError(
            _("”%(value)s” är inget av svarsalternativen: %(choices)s.")
            % {"value": text.strip(), "choices": ", ".join(c.label for c in choices)}
        )
    return value


def _number(text: str) -> Decimal:
    try:
        number = Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        raise _CellError(_("”%(value)s” är inget tal.") % {"value": text})
    return number.quantize(Decimal("0.01"))


def _code_variants(code: str) -> list[str]:
    """Excel drops leading zeros: 0380 (Uppsala) comes back as 380, 03 (Region Uppsala) as 3."""
    code = code.strip()
    if code.isdigit():
        return list(dict.fromkeys([code, code.zfill(2), code.zfill(4)]))
    return [code]


def _text(value: object) -> str:
    """A cell's value as the text it shows: numbers without a trailing .0, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_rows(uploaded_file: UploadedFile) -> list[list[object]]:
    if uploaded_file.size is not None and uploaded_file.size > MAX_BYTES:
        raise _file_error(
            _("Filen är för stor. Den får vara högst %(mb)s MB.") % {"mb": MAX_BYTES // 2**20}
        )
    name = (uploaded_file.name or "").lower()
    if name.endswith(".csv"):
        rows = _read_csv(uploaded_file)
    elif name.endswith(".xlsx"):
        rows = _read_xlsx(uploaded_file)
    else:
        raise _file_error(_("Filen ska vara en Excel-arbetsbok (.xlsx) eller en CSV-fil (.csv)."))
    if sum(1 for row in rows if any(_text(v) for v in row)) > MAX_ROWS + 1:
        raise _file_error(
            _("Filen har fler än %(max)s svar. Dela upp den i flera filer.") % {"max": MAX_ROWS}
        )
    return rows


def _read_csv(uploaded_file: UploadedFile) -> list[list[object]]:
    uploaded_file.seek(0)
    data = uploaded_file.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # "CSV" from Excel on Swedish Windows
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    # The export writes ' before text Excel would run as a formula; take it away again.
    return [[_unguard(value) for value in row] for row in rows]


def _unguard(value: str) -> str:
    if value.startswith("'") and value[1:].startswith(CSV_FORMULA_PREFIXES):
        return value[1:]
    return value


def _read_xlsx(uploaded_file: UploadedFile) -> list[list[object]]:
    """The "Svar" sheet if there is one (an exported workbook), else the first sheet."""
    not_xlsx = _("Filen kunde inte läsas som en Excel-arbetsbok (.xlsx).")
    try:
        uploaded_file.seek(0)
        with zipfile.ZipFile(uploaded_file) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise _file_error(_("Filen är för stor för att läsas in."))
        uploaded_file.seek(0)
        workbook = load_workbook(uploaded_file, read_only=True, data_only=True)
        try:
            sheet = workbook["Svar"] if "Svar" in workbook.sheetnames else workbook.worksheets[0]
            sheet.reset_dimensions()
            rows, filled = [], 0
            for values in sheet.iter_rows(values_only=True):
                rows.append(list(values))
                filled += any(_text(v) for v in values)
                if filled > MAX_ROWS + 1:  # the header and MAX_ROWS responses
                    break
            return rows
        finally:
            workbook.close()
    except ResponsesFileError:
        raise
    except Exception as error:
        # openpyxl fails on a broken or foreign file in many ways; all mean the same here.
        raise _file_error(not_xlsx) from error
