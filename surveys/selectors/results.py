"""Survey results: shares per scale step, choice counts, numbers and free text, grouped in
the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import ClassVar

from django.db.models import (
    Avg,
    Count,
    F,
    Max,
    Min,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from councils.models import Organisation

from ..models import (
    Answer,
    Option,
    Question,
    Response,
    Scale,
    ScaleStep,
    Section,
    Survey,
)

# ---------------------------------------------------------------- results


@dataclass
class ResultFilter:
    """Which submitted responses the results count: by län and by kind of organisation."""

    lan_code: str = ""
    kind: str = ""

    def apply(self, responses: QuerySet[Response], prefix: str = "") -> QuerySet:
        """Filter responses (or answers, with prefix "response__") to the chosen ones."""
        if self.lan_code:
            responses = responses.filter(**{f"{prefix}organisation__lan_code": self.lan_code})
        if self.kind:
            responses = responses.filter(**{f"{prefix}organisation__kind": self.kind})
        return responses

    @property
    def active(self) -> bool:
        return bool(self.lan_code or self.kind)


def percent(count: int, total: int) -> float | None:
    """count as a percentage of total; None when nobody answered."""
    return count * 100 / total if total else None


def percent_rounded(value: float | None) -> int | None:
    """A percentage as a whole number, halves rounded up (as in the reports: 6 % 81 % 13 %)."""
    if value is None:
        return None
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Share:
    """One scale step's or option's count and share of those who answered."""

    label: str
    count: int
    percent: float | None

    @property
    def rounded(self) -> int | None:
        return percent_rounded(self.percent)


@dataclass
class ScaleItem:
    question: Question
    shares: list[Share]
    n: int
    no_answer: int


@dataclass
class ScaleBlock:
    """Consecutive scale questions of a theme on one scale: one chart, one table."""

    kind: ClassVar[str] = "scale"
    title: str
    scale: Scale
    steps: list[ScaleStep]
    items: list[ScaleItem] = field(default_factory=list)

    @cached_property
    def svg(self) -> str:
        from .. import charts

        return charts.scale_theme_chart_svg(
            self.title,
            [
                (item.question.text, [(s.label, s.percent or 0.0) for s in item.shares])
                for item in self.items
            ],
        )


@dataclass
class ChoiceBlock:
    """A single-choice, multiple-choice or yes/no question. For multiple choice the shares
    are per respondent (responses choosing the option / responses answering the question),
    so they may add up to more than 100 %."""

    kind: ClassVar[str] = "choice"
    question: Question
    shares: list[Share]
    n: int
    no_answer: int

    @property
    def per_respondent(self) -> bool:
        return self.question.kind == Question.Kind.MULTIPLE

    @cached_property
    def svg(self) -> str:
        from .. import charts

        return charts.choice_chart_svg(
            self.question.text, [(s.label, s.percent or 0.0) for s in self.shares]
        )


@dataclass
class NumberBlock:
    kind: ClassVar[str] = "number"
    question: Question
    n: int
    no_answer: int
    mean: Decimal | None = None
    median: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None


@dataclass
class TextAnswer:
    organisation: str
    text: str


@dataclass
class TextBlock:
    kind: ClassVar[str] = "text"
    question: Question
    answers: list[TextAnswer]
    n: int
    no_answer: int


Block = ScaleBlock | ChoiceBlock | NumberBlock | TextBlock


@dataclass
class Theme:
    """A section of the survey: its questions' results in order."""

    section: Section
    blocks: list[Block] = field(default_factory=list)


@dataclass
class SurveyResults:
    survey: Survey
    filters: ResultFilter
    respondents: int
    themes: list[Theme]


@dataclass
class _Counts:
    """What the grouped queries found, by question id (and step/option id)."""

    eligible: dict[int, int]
    answered: dict[int, dict]
    chosen: dict[tuple[int, str, int], int]
    medians: dict[int, Decimal]
    texts: dict[int, list[TextAnswer]]


def survey_results(survey: Survey, filters: ResultFilter | None = None) -> SurveyResults:
    """Every question's results over the submitted responses, sections as themes."""
    filters = filters or ResultFilter()
    responses = filters.apply(
        Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    )
    answers = filters.apply(
        Answer.objects.filter(response__survey=survey, response__status=Response.Status.SUBMITTED),
        prefix="response__",
    )
    questions = list(
        Question.objects.filter(section__survey=survey)
        .select_related("section", "scale")
        .order_by("section__order", "section__pk", "order", "pk")
    )
    kinds = {q.kind for q in questions}
    steps = _steps_by_scale({q.scale_id for q in questions if q.scale_id})
    options = _options_by_question(survey) if kinds & _CHOICE_KINDS else {}
    by_kind = dict(responses.order_by().values_list("organisation__kind").annotate(n=Count("pk")))
    counts = _Counts(
        eligible={q.pk: _eligible(q, by_kind) for q in questions},
        answered=_answered(answers),
        chosen=_chosen(answers) if kinds & (_CHOICE_KINDS | {Question.Kind.SCALE}) else {},
        medians=_medians(answers) if Question.Kind.NUMBER in kinds else {},
        texts=_texts(answers) if Question.Kind.TEXT in kinds else {},
    )
    themes: list[Theme] = []
    for question in questions:
        if not themes or themes[-1].section.pk != question.section_id:
            themes.append(Theme(question.section))
        _add_block(themes[-1], question, counts, steps, options)
    return SurveyResults(survey, filters, sum(by_kind.values()), themes)


_CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE}


def _steps_by_scale(scale_ids: set[int]) -> dict[int, list[ScaleStep]]:
    steps: dict[int, list[ScaleStep]] = {scale_id: [] for scale_id in scale_ids}
    if scale_ids:
        for step in ScaleStep.objects.filter(scale_id__in=scale_ids).order_by("order"):
            steps[step.scale_id].append(step)
    return steps


def _options_by_question(survey: Survey) -> dict[int, list[Option]]:
    options: dict[int, list[Option]] = {}
    for option in Option.objects.filter(question__section__survey=survey).order_by("order", "pk"):
        options.setdefault(option.question_id, []).append(option)
    return options


def _eligible(question: Question, by_kind: dict[str, int]) -> int:
    """Submitted responses from organisations that were shown the question."""
    return sum(n for kind, n in by_kind.items() if question.is_visible_to(kind))


def _answered(answers: QuerySet[Answer]) -> dict[int, dict]:
    """Per question: responses answering it, yes/no counts and number statistics."""
    rows = (
        answers.order_by()
        .values("question_id")
        .annotate(
            n=Count("response_id", distinct=True),
            yes=Count("pk", filter=Q(boolean=True)),
            no=Count("pk", filter=Q(boolean=False)),
            mean=Avg("number"),
            minimum=Min("number"),
            maximum=Max("number"),
        )
    )
    return {row["question_id"]: row for row in rows}


def _chosen(answers: QuerySet[Answer]) -> dict[tuple[int, str, int], int]:
    """Per (question, "step"/"option", id): how many responses chose it."""
    rows = (
        answers.filter(Q(step__isnull=False) | Q(option__isnull=False))
        .order_by()
        .values("question_id", "step_id", "option_id")
        .annotate(n=Count("pk"))
    )
    chosen = {}
    for row in rows:
        if row["step_id"] is not None:
            chosen[row["question_id"], "step", row["step_id"]] = row["n"]
        else:
            chosen[row["question_id"], "option", row["option_id"]] = row["n"]
    return chosen


def _medians(answers: QuerySet[Answer]) -> dict[int, Decimal]:
    """Per number question, the median: the database picks the one or two middle values.

    Window functions rather than PostgreSQL's percentile_cont, so that development on
    SQLite works too; at most two rows per question come back.
    """
    rows = (
        answers.filter(number__isnull=False)
        .annotate(
            position=Window(
                RowNumber(), partition_by=[F("question_id")], order_by=F("number").asc()
            ),
            total=Window(Count("pk"), partition_by=[F("question_id")]),
        )
        .filter(position__gte=(F("total") + 1) / 2, position__lte=(F("total") + 2) / 2)
        .values_list("question_id", "number")
    )
    middle: dict[int, list[Decimal]] = {}
    for question_id, number in rows:
        middle.setdefault(question_id, []).append(Decimal(number))
    return {question_id: sum(values) / len(values) for question_id, values in middle.items()}


def _texts(answers: QuerySet[Answer]) -> dict[int, list[TextAnswer]]:
    rows = (
        answers.filter(question__kind=Question.Kind.TEXT)
        .exclude(text="")
        .order_by("response__organisation__name", "pk")
        .values_list("question_id", "response__organisation__name", "text")
    )
    texts: dict[int, list[TextAnswer]] = {}
    for question_id, organisation, text in rows:
        texts.setdefault(question_id, []).append(TextAnswer(organisation, text))
    return texts


def _add_block(
    theme: Theme,
    question: Question,
    counts: _Counts,
    steps: dict[int, list[ScaleStep]],
    options: dict[int, list[Option]],
) -> None:
    row = counts.answered.get(question.pk, {})
    n = row.get("n", 0)
    no_answer = max(counts.eligible[question.pk] - n, 0)
    kind = question.kind
    if kind == Question.Kind.SCALE:
        previous = theme.blocks[-1] if theme.blocks else None
        if not isinstance(previous, ScaleBlock) or previous.scale.pk != question.scale_id:
            previous = ScaleBlock(theme.section.title, question.scale, steps[question.scale_id])
            theme.blocks.append(previous)
        shares = [
            _share(s.label, counts.chosen, (question.pk, "step", s.pk), n) for s in previous.steps
        ]
        previous.items.append(ScaleItem(question, shares, n, no_answer))
    elif kind in _CHOICE_KINDS:
        shares = [
            _share(o.label, counts.chosen, (question.pk, "option", o.pk), n)
            for o in options.get(question.pk, [])
        ]
        theme.blocks.append(ChoiceBlock(question, shares, n, no_answer))
    elif kind == Question.Kind.YES_NO:
        shares = [
            Share(str(_("Ja")), row.get("yes", 0), percent(row.get("yes", 0), n)),
            Share(str(_("Nej")), row.get("no", 0), percent(row.get("no", 0), n)),
        ]
        theme.blocks.append(ChoiceBlock(question, shares, n, no_answer))
    elif kind == Question.Kind.NUMBER:
        median = counts.medians.get(question.pk)
        stats = [row.get("mean"), median, row.get("minimum"), row.get("maximum")]
        theme.blocks.append(NumberBlock(question, n, no_answer, *map(_tidy, stats)))
    else:
        theme.blocks.append(TextBlock(question, counts.texts.get(question.pk, []), n, no_answer))


def _tidy(number: Decimal | None) -> Decimal | None:
    """Two decimals at most, and none that are zero: 5.25, 4.5, 10."""
    if number is None:
        return None
    number = Decimal(number).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()


def _share(label: str, chosen: dict, key: tuple, n: int) -> Share:
    count = chosen.get(key, 0)
    return Share(label, count, percent(count, n))


def survey_filter_choices(survey: Survey) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The län and the kinds of organisation among the council's organisations, for filters."""
    organisations = Organisation.objects.all()
    if survey.council.healthcare_region_id:
        organisations = organisations.filter(healthcare_regions=survey.council.healthcare_region_id)
    rows = set(organisations.order_by().values_list("lan_code", "lan_name", "kind").distinct())
    names: dict[str, str] = {}
    for code, name, _kind in rows:
        if code:
            names[code] = names.get(code) or name
    lans = sorted(((c, n or c) for c, n in names.items()), key=lambda pair: (pair[1], pair[0]))
    present = {kind for _code, _name, kind in rows}
    kinds = [(value, str(label)) for value, label in Organisation.Kind.choices if value in present]
    return lans, kinds
