"""Reading back responses gathered outside the portal, from CSV or XLSX."""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from councils.models import Organisation
from vkr_portal.fileformats import (
    CSV_FORMULA_PREFIXES,
    ImportFileError,
    RowError,
)

from ..models import Option, Question, Response, ScaleStep, Survey
from .columns import (
    CODE,
    KIND,
    MAX_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    META_COLUMNS,
    MULTIPLE_SEPARATOR,
    NAME,
    NO,
    NUMBER_LIMIT,
    ROLE,
    YES,
    question_headers,
    survey_questions,
)

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
        self.questions = survey_questions(survey)
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
