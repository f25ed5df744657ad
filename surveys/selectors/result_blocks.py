"""What `survey_results` returns: themes of blocks (a scale theme, a choice, a number, free
text), the filter they were counted under, and the shares' rounding."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, lru_cache
from typing import ClassVar

from django.db.models import QuerySet
from django.utils.translation import get_language

from vkr_portal import formats

from ..models import Question, Response, Scale, ScaleStep, Section, Survey

# An anonymous survey shows nothing counted over fewer respondents than this: with one or two
# the shares and texts would tell what a named organisation answered.
MIN_RESPONDENTS = 3


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


@lru_cache(maxsize=512)
def _percent_text(language: str | None, rounded: int | None) -> str:
    return formats.percent(rounded)


def percent_text_forget() -> None:
    """Empty the memo of percentage texts (the benchmark's cold variant)."""
    _percent_text.cache_clear()


@dataclass
class Share:
    """One scale step's or option's count and share of those who answered."""

    label: str
    count: int
    percent: float | None

    @property
    def rounded(self) -> int | None:
        return percent_rounded(self.percent)

    @property
    def percent_text(self) -> str:
        """The rounded share as the active language writes it (`formats.percent`: "25 %").
        A page shows a thousand of them, from about a hundred values: each value is written
        once per language (a pure function's memo, not a cache of results)."""
        return _percent_text(get_language(), self.rounded)


@dataclass
class ScaleItem:
    """One scale question's shares; none when too few answered an anonymous survey's item."""

    question: Question
    shares: list[Share]
    n: int
    no_answer: int
    too_few: bool = False


@dataclass
class ScaleBlock:
    """Consecutive scale questions of a theme on one scale: one chart, one table."""

    kind: ClassVar[str] = "scale"
    title: str
    scale: Scale
    steps: list[ScaleStep]
    items: list[ScaleItem] = field(default_factory=list)

    @property
    def shown_items(self) -> list[ScaleItem]:
        """The items with shares to show (all but those with too few answers)."""
        return [item for item in self.items if not item.too_few]

    @cached_property
    def svg(self) -> str:
        from vkr_portal import charts

        return charts.scale_theme_chart_svg(
            self.title,
            [
                (item.question.text, [(s.label, s.percent or 0.0) for s in item.shares])
                for item in self.shown_items
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
    too_few: bool = False

    @property
    def per_respondent(self) -> bool:
        return self.question.kind == Question.Kind.MULTIPLE

    @cached_property
    def svg(self) -> str:
        from vkr_portal import charts

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
    too_few: bool = False


@dataclass
class TextAnswer:
    """A free-text answer; `organisation` is "" when the survey's results are anonymous."""

    organisation: str
    text: str


@dataclass
class TextBlock:
    kind: ClassVar[str] = "text"
    question: Question
    answers: list[TextAnswer]
    n: int
    no_answer: int
    too_few: bool = False


Block = ScaleBlock | ChoiceBlock | NumberBlock | TextBlock


@dataclass
class Theme:
    """A section of the survey: its questions' results in order."""

    section: Section
    blocks: list[Block] = field(default_factory=list)


@dataclass
class SurveyResults:
    """The results of a selection of submitted responses.

    `too_few`: the survey's results are anonymous and the selection has fewer than
    MIN_RESPONDENTS respondents, so `themes` is empty: nothing is counted or listed.
    """

    survey: Survey
    filters: ResultFilter
    respondents: int
    themes: list[Theme]
    too_few: bool = False

    @property
    def anonymous(self) -> bool:
        return self.survey.results_anonymous
