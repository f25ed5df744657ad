"""Survey results: shares per scale step, choice counts, numbers and free text, grouped in
the database."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
from django.utils.crypto import salted_hmac
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
from .result_blocks import (
    MIN_RESPONDENTS,
    ChoiceBlock,
    NumberBlock,
    ResultFilter,
    ScaleBlock,
    ScaleItem,
    Share,
    SurveyResults,
    TextAnswer,
    TextBlock,
    Theme,
    percent,
)

# ---------------------------------------------------------------- results


@dataclass
class _Counts:
    """What the grouped queries found, by question id (and step/option id)."""

    eligible: dict[int, int]
    answered: dict[int, dict]
    chosen: dict[tuple[int, str, int], int]
    medians: dict[int, Decimal]
    texts: dict[int, list[TextAnswer]]
    # Anonymous results: no block counted over fewer than MIN_RESPONDENTS answers.
    anonymous: bool = False

    def too_few(self, n: int) -> bool:
        return self.anonymous and 0 < n < MIN_RESPONDENTS


def survey_results(survey: Survey, filters: ResultFilter | None = None) -> SurveyResults:
    """Every question's results over the submitted responses, sections as themes.

    For a survey with anonymous results the free text carries no organisation and comes in
    a fixed shuffled order, and a selection of fewer than MIN_RESPONDENTS respondents gives
    `too_few` and no themes at all.
    """
    filters = filters or ResultFilter()
    responses = filters.apply(
        Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    )
    by_kind = dict(responses.order_by().values_list("organisation__kind").annotate(n=Count("pk")))
    respondents = sum(by_kind.values())
    anonymous = survey.results_anonymous
    if anonymous and respondents < MIN_RESPONDENTS:
        return SurveyResults(survey, filters, respondents, [], too_few=True)
    answers = filters.apply(
        Answer.objects.filter(response__survey=survey, response__status=Response.Status.SUBMITTED),
        prefix="response__",
    )
    questions, steps = _questions(survey)
    kinds = {q.kind for q in questions}
    options = _options_by_question(survey) if kinds & _CHOICE_KINDS else {}
    chosen = _chosen(answers) if kinds & (_CHOICE_KINDS | {Question.Kind.SCALE}) else {}
    answered = _answered(answers) if kinds & _OTHER_KINDS else {}
    # One answer row per response to a scale item (the database's constraint): the
    # responses answering it are the sum of its steps' counts.
    for (question_id, what, _pk), n in chosen.items():
        if what == "step":
            answered.setdefault(question_id, {"n": 0})["n"] += n
    counts = _Counts(
        eligible={q.pk: _eligible(q, by_kind) for q in questions},
        answered=answered,
        chosen=chosen,
        medians=_medians(answers) if Question.Kind.NUMBER in kinds else {},
        texts=_texts(answers, survey) if Question.Kind.TEXT in kinds else {},
        anonymous=anonymous,
    )
    themes: list[Theme] = []
    for question in questions:
        if not themes or themes[-1].section.pk != question.section_id:
            themes.append(Theme(question.section))
        _add_block(themes[-1], question, counts, steps, options)
    return SurveyResults(survey, filters, respondents, themes)


_CHOICE_KINDS = {Question.Kind.SINGLE, Question.Kind.MULTIPLE}
# Counted per question in `_answered`: every kind but the scale.
_OTHER_KINDS = {*_CHOICE_KINDS, Question.Kind.YES_NO, Question.Kind.NUMBER, Question.Kind.TEXT}


def _questions(survey: Survey) -> tuple[list[Question], dict[int, list[ScaleStep]]]:
    """The survey's questions in order, each with its section and scale, and the steps of
    each scale. One object per section and per scale, not one per question as
    select_related would make: a survey of 345 items would build 690 needless objects."""
    sections = {section.pk: section for section in Section.objects.filter(survey=survey)}
    questions = list(
        Question.objects.filter(section__survey=survey).order_by(
            "section__order", "section__pk", "order", "pk"
        )
    )
    scale_ids = {question.scale_id for question in questions if question.scale_id}
    steps: dict[int, list[ScaleStep]] = {scale_id: [] for scale_id in scale_ids}
    scales: dict[int, Scale] = {}
    if scale_ids:
        rows = ScaleStep.objects.filter(scale_id__in=scale_ids).select_related("scale")
        for step in rows.order_by("order"):
            step.scale = scales.setdefault(step.scale_id, step.scale)
            steps[step.scale_id].append(step)
    for question in questions:
        question.section = sections[question.section_id]
        question.scale = scales.get(question.scale_id)
    return questions, steps


def _options_by_question(survey: Survey) -> dict[int, list[Option]]:
    options: dict[int, list[Option]] = {}
    for option in Option.objects.filter(question__section__survey=survey).order_by("order", "pk"):
        options.setdefault(option.question_id, []).append(option)
    return options


def _eligible(question: Question, by_kind: dict[str, int]) -> int:
    """Submitted responses from organisations that were shown the question."""
    return sum(n for kind, n in by_kind.items() if question.is_visible_to(kind))


def _answered(answers: QuerySet[Answer]) -> dict[int, dict]:
    """Per question of the kinds other than the scale: responses answering it, yes/no
    counts and number statistics. The scale items' rows, most of them, are left out: their
    respondents are the sum of their steps' counts (`_chosen`), and a count of distinct
    responses over them all would sort every row.

    The kind is the question's (a join), not a list of the survey's question ids: with a
    list, a planner whose statistics are not yet up to date (just after many answers came
    in) combines two indexes per response, ten times slower."""
    rows = (
        answers.filter(question__kind__in=sorted(_OTHER_KINDS))
        .order_by()
        .values("question_id")
        .annotate(
            # A multiple choice has a row per option chosen; every other kind one per response.
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


def _texts(answers: QuerySet[Answer], survey: Survey) -> dict[int, list[TextAnswer]]:
    """Free text per question, by organisation name; for anonymous results without the name
    and in an order of their own (see `_shuffle_key`)."""
    rows = (
        answers.filter(question__kind=Question.Kind.TEXT)
        .exclude(text="")
        .order_by("response__organisation__name", "pk")
        .values_list("question_id", "pk", "response__organisation__name", "text")
    )
    if survey.results_anonymous:
        rows = sorted(rows, key=lambda row: _shuffle_key(survey, row[1]))
    texts: dict[int, list[TextAnswer]] = {}
    for question_id, _pk, organisation, text in rows:
        name = "" if survey.results_anonymous else organisation
        texts.setdefault(question_id, []).append(TextAnswer(name, text))
    return texts


def _shuffle_key(survey: Survey, answer_pk: int) -> str:
    """A stable order unrelated to names or to when answers came in: a keyed hash of the
    survey and the answer, which nobody without the secret key can recompute."""
    return salted_hmac("surveys.anonymous-text-order", f"{survey.pk}:{answer_pk}").hexdigest()


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
    too_few = counts.too_few(n)
    kind = question.kind
    if kind == Question.Kind.SCALE:
        previous = theme.blocks[-1] if theme.blocks else None
        if not isinstance(previous, ScaleBlock) or previous.scale.pk != question.scale_id:
            previous = ScaleBlock(theme.section.title, question.scale, steps[question.scale_id])
            theme.blocks.append(previous)
        shares = [
            _share(s.label, counts.chosen, (question.pk, "step", s.pk), n) for s in previous.steps
        ]
        previous.items.append(ScaleItem(question, [] if too_few else shares, n, no_answer, too_few))
    elif kind in _CHOICE_KINDS or kind == Question.Kind.YES_NO:
        shares = [] if too_few else _choice_shares(question, row, counts, options)
        theme.blocks.append(ChoiceBlock(question, shares, n, no_answer, too_few))
    elif kind == Question.Kind.NUMBER:
        median = counts.medians.get(question.pk)
        stats = [row.get("mean"), median, row.get("minimum"), row.get("maximum")]
        stats = [None] * 4 if too_few else [_tidy(value) for value in stats]
        theme.blocks.append(NumberBlock(question, n, no_answer, *stats, too_few=too_few))
    else:
        texts = [] if too_few else counts.texts.get(question.pk, [])
        theme.blocks.append(TextBlock(question, texts, n, no_answer, too_few))


def _choice_shares(
    question: Question, row: dict, counts: _Counts, options: dict[int, list[Option]]
) -> list[Share]:
    n = row.get("n", 0)
    if question.kind == Question.Kind.YES_NO:
        return [
            Share(str(_("Ja")), row.get("yes", 0), percent(row.get("yes", 0), n)),
            Share(str(_("Nej")), row.get("no", 0), percent(row.get("no", 0), n)),
        ]
    return [
        _share(o.label, counts.chosen, (question.pk, "option", o.pk), n)
        for o in options.get(question.pk, [])
    ]


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
