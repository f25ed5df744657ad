"""Reading back responses gathered outside the portal, from CSV or XLSX."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.utils import translation
from django.utils.translation import gettext as _

from councils.models import Organisation
from vkr_portal import bounds
from vkr_portal.fileformats import (
    ImportFileError,
    ReadLimits,
    RowError,
    RowErrors,
    quoted,
    read_csv,
    read_xlsx,
)

from ..models import Option, Question, Response, ScaleStep, Survey
from .columns import (
    CODE,
    KIND,
    MAX_BYTES,
    MAX_ROWS,
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

    ResponsesFileError names the problems, by row and column; nothing is returned then."""
    questions = survey_questions(survey)
    rows = _read_rows(uploaded_file, _read_limits(questions))
    if not rows:
        raise _file_error(_("Filen är tom."))
    reader = _Reader(survey, questions, [_text(value) for value in rows[0]])
    lines = [
        (line, [_text(value) for value in values])
        for line, values in enumerate(rows[1:], start=2)
        if any(_text(value) for value in values)
    ]
    reader.load([reader.meta_cell(values, CODE) for _line, values in lines])
    parsed = [row for line, values in lines if (row := reader.parse(line, values))]
    if reader.errors:
        if reader.already_submitted == len(lines) == len(reader.errors):
            raise _file_error(
                _(
                    "Alla %(n)s organisationer i filen har redan skickat in svar på enkäten: "
                    "filen är troligen redan importerad. Inget är importerat, och inget svar "
                    "som finns är ändrat."
                )
                % {"n": len(lines)}
            )
        raise ResponsesFileError(reader.errors)
    if not parsed:
        raise _file_error(_("Filen innehåller inga svar."))
    return parsed


def _read_limits(questions: list[Question]) -> ReadLimits:
    """The columns of the raw sheet and some of the file's own, MAX_ROWS rows (empty ones
    too), and no cell longer than an answer."""
    return ReadLimits(
        columns=len(META_COLUMNS) + len(questions) + 20, rows=MAX_ROWS,
        cell_chars=bounds.TEXT_LONG, max_bytes=MAX_BYTES,
    )  # fmt: skip


def _normalize(text: str) -> str:
    """Case, runs of whitespace and the kind of dash do not matter when texts are compared."""
    return " ".join(text.replace("—", "-").replace("–", "-").split()).casefold()


class _CellError(Exception):
    """A cell's value is not valid; the message says why."""


class _Reader:
    """Reads one file for one survey: the lookups once for the whole file, errors gathered."""

    def __init__(self, survey: Survey, questions: list[Question], header: list[str]):
        self.survey = survey
        self.header = header
        self.errors = RowErrors()
        self.already_submitted = 0  # rows of organisations that have submitted already
        self.questions = questions
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
            if not key:  # a column without a header, or the empty cells right of the last
                continue
            if key in seen:
                self.errors.append(RowError(1, name, _("Kolumnen finns två gånger.")))
            elif key in meta:
                self.meta[meta[key]] = index
            elif key in by_name:
                self.columns[index] = by_name[key]
            else:
                self.errors.append(RowError(1, name, _("Ingen fråga i enkäten har den texten.")))
            seen.add(key)
        if CODE not in self.meta:
            message = _("Kolumnen ”%(column)s” saknas.") % {"column": CODE}
            self.errors.append(RowError(1, None, message))
            raise ResponsesFileError(self.errors)

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
        answers, answered = {}, False
        for index, question in self.columns.items():
            text = values[index] if index < len(values) else ""
            if text:  # checked also when the organisation is unknown: every error at once
                answered = True
                value = self._cell(
                    line, self.header[index], self._value, question, text, organisation
                )
                if value is not None:
                    answers[question.pk] = value
        if not answered and organisation is not None:
            # Code, name and role alone are no answer, and would count as one.
            message = _(
                "Raden har inga svar, bara organisationen. Fyll i svaren eller ta bort raden."
            )
            self.errors.append(RowError(line, None, message))
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
            raise _CellError(_("Ingen organisation har koden ”%(code)s”.") % {"code": quoted(code)})
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
            self.already_submitted += 1
            raise _CellError(
                _(
                    "%(name)s har redan skickat in svar på enkäten, och importen skriver inte "
                    "över ett inskickat svar. Öppna svaret igen under Mottagare om raden ska "
                    "ersätta det."
                )
                % {"name": organisation}
            )
        return organisation

    def _role(self, text: str) -> str:
        if not text:
            return ""
        role = self.roles.get(_normalize(text))
        if role is None:
            raise _CellError(
                _("”%(value)s” är ingen roll. Använd en av: %(choices)s.")
                % {"value": quoted(text), "choices": self.role_labels}
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
            numbers = {str(number): step for number, step in enumerate(steps, start=1)}
            hint = _("Skriv skalsteget eller dess nummer, 1–%(n)s.") % {"n": len(steps)}
            return _choice(text, steps, extra=numbers, hint=hint)
        if kind == Question.Kind.SINGLE:
            return _choice(text, self.options.get(question.pk, []))
        if kind == Question.Kind.MULTIPLE:
            options = self.options.get(question.pk, [])
            parts = [part for part in text.split(MULTIPLE_SEPARATOR) if part.strip()]
            hint = _("Skriv flera alternativ med semikolon (;) emellan.")
            chosen = {_choice(part, options, hint=hint) for part in parts}
            return sorted(chosen, key=lambda option: (option.order, option.pk))
        if kind == Question.Kind.YES_NO:
            if _normalize(text) not in YES_NO_VALUES:
                raise _CellError(_("Skriv Ja eller Nej."))
            return YES_NO_VALUES[_normalize(text)]
        if kind == Question.Kind.NUMBER:
            return _number(text)
        return text


YES_NO_VALUES = {"ja": True, "j": True, "yes": True, "nej": False, "n": False, "no": False}


def _choice(text: str, choices: list, extra: dict | None = None, hint: str = ""):
    """The scale step or option whose label is `text`; _CellError lists the valid ones."""
    lookup = {_normalize(choice.label): choice for choice in choices} | (extra or {})
    value = lookup.get(_normalize(text))
    if value is None:
        message = _("”%(value)s” är inget av svarsalternativen: %(choices)s.") % {
            "value": quoted(text.strip()), "choices": ", ".join(c.label for c in choices),
        }  # fmt: skip
        raise _CellError(f"{message} {hint}".strip())
    return value


def _number(text: str) -> Decimal:
    try:
        number = Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or abs(number) >= NUMBER_LIMIT:
        raise _CellError(_("”%(value)s” är inget tal.") % {"value": quoted(text)})
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


def _read_rows(uploaded_file: UploadedFile, limits: ReadLimits) -> list[list[object]]:
    """The rows of a CSV file, or of the "Svar" sheet of an XLSX (an exported workbook) or
    else its first sheet, within `limits`."""
    name = (uploaded_file.name or "").lower()
    try:
        if name.endswith(".csv"):
            return read_csv(uploaded_file, limits=limits)
        if name.endswith(".xlsx"):
            return read_xlsx(uploaded_file, limits=limits, sheet_name="Svar")
    except ImportFileError as error:
        raise ResponsesFileError(error.errors, more=error.more) from error
    raise _file_error(_("Filen ska vara en Excel-arbetsbok (.xlsx) eller en CSV-fil (.csv)."))


def scale_hints(survey: Survey) -> list[str]:
    """Each scale the survey's questions use, as its numbers: "1 = Akut behov, 2 = …"."""
    scale_ids = {q.scale_id for q in survey_questions(survey) if q.scale_id}
    steps: dict[int, list[str]] = {}
    for step in ScaleStep.objects.filter(scale_id__in=scale_ids).order_by("scale_id", "order"):
        steps.setdefault(step.scale_id, []).append(step.label)
    return [
        ", ".join(f"{number} = {label}" for number, label in enumerate(labels, start=1))
        for labels in steps.values()
    ]
