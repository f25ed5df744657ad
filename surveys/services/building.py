"""Writes that build a survey: settings, sections, questions, copies for a new round."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from councils.models import Council
from idempotency.models import IdempotencyKey
from idempotency.services import idempotency_key_claim, idempotency_key_done
from vkr_portal.ordering import swap_with_neighbour

from ..models import (
    Option,
    Question,
    Response,
    Scale,
    Section,
    Survey,
)

# ---------------------------------------------------------------- building
# A form's one-time key (`idempotency_key`) makes the same form sent twice create one thing:
# the second request raises idempotency.services.AlreadySubmitted with the first one's page.


def _claim(key, form: str, by) -> IdempotencyKey | None:
    return idempotency_key_claim(key=key, scope=f"surveys.{form}", user=by)


def _structure_changed(survey_id: int) -> None:
    """What respondents see of the survey's sections, questions or options changed: raise its
    structure_version (in the caller's transaction), so that every process reads the structure
    again instead of the one it remembers (surveys.selectors.structure)."""
    Survey.objects.filter(pk=survey_id).update(structure_version=F("structure_version") + 1)


def _builder_url(survey: Survey, anchor: str = "") -> str:
    url = reverse("surveys:builder", kwargs={"slug": survey.council.slug, "pk": survey.pk})
    return f"{url}#{anchor}" if anchor else url


@transaction.atomic
def survey_create(
    *,
    council: Council,
    title: str,
    intro: str = "",
    audience=(),
    opens_at=None,
    closes_at=None,
    results_anonymous: bool = False,
    idempotency_key=None,
    by=None,
) -> Survey:
    """A new draft survey for a council (once per form key)."""
    claimed = _claim(idempotency_key, "survey_create", by)
    survey = Survey(
        council=council,
        title=title.strip(),
        intro=intro.strip(),
        audience=list(audience),
        opens_at=opens_at,
        closes_at=closes_at,
        results_anonymous=results_anonymous,
    )
    _check_dates(opens_at, closes_at)
    survey.full_clean(validate_constraints=False)
    survey.save()
    idempotency_key_done(claimed, result_url=_builder_url(survey))
    return survey


@transaction.atomic
def survey_create_from_builtin(
    *, council: Council, key: str, title: str = "", idempotency_key=None, by=None, **changes
) -> Survey:
    """A new draft from a built-in survey with what was filled in on top (once per form key)."""
    from ..builtin import survey_from_builtin

    claimed = _claim(idempotency_key, "survey_create", by)
    survey = survey_from_builtin(council=council, key=key, title=title or None)
    # An empty field or an unticked box keeps the built-in's own value.
    changes = {name: value for name, value in changes.items() if value}
    if changes:
        survey = survey_update(survey=survey, **changes)
    idempotency_key_done(claimed, result_url=_builder_url(survey))
    return survey


def _check_dates(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError(
            {"closes_at": _("Enkäten måste stänga efter att den öppnat.")}, code="closes_before"
        )


@transaction.atomic
def survey_update(*, survey: Survey, **fields) -> Survey:
    """Change a survey's title, intro, audience, opening hours or status."""
    allowed = {"title", "intro", "audience", "opens_at", "closes_at", "status", "results_anonymous"}
    if set(fields) - allowed:
        raise TypeError(f"Unknown survey fields: {sorted(set(fields) - allowed)}")
    if (
        survey.results_anonymous
        and fields.get("results_anonymous") is False
        and survey_has_responses(survey)
    ):
        # Those who answered were promised anonymous results.
        message = _(
            "Enkäten har redan svar som lämnats med löfte om anonyma resultat, så "
            "anonymiteten kan inte stängas av. Kopiera enkäten till en ny omgång."
        )
        raise ValidationError(
            {"results_anonymous": ValidationError(message, code="anonymity_promised")}
        )
    for name, value in fields.items():
        setattr(survey, name, value)
    _check_dates(survey.opens_at, survey.closes_at)
    survey.full_clean(validate_constraints=False)
    survey.save()
    return survey


@transaction.atomic
def section_add(
    *, survey: Survey, title: str, description: str = "", idempotency_key=None, by=None
) -> Section:
    """Add a section last in the survey (once per form key)."""
    claimed = _claim(idempotency_key, "section_add", by)
    order = (survey.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    section = Section(
        survey=survey, title=title.strip(), description=description.strip(), order=order
    )
    section.full_clean()
    section.save()
    _structure_changed(survey.pk)
    idempotency_key_done(claimed, result_url=_builder_url(survey, f"section-{section.pk}"))
    return section


@transaction.atomic
def question_add(
    *,
    section: Section,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    scale: Scale | None = None,
    options=(),
    visible_to=(),
    idempotency_key=None,
    by=None,
) -> Question:
    """Add a question last in its section, with its options for a choice question (once per
    form key)."""
    claimed = _claim(idempotency_key, "question_add", by)
    if kind == Question.Kind.SCALE and scale is None:
        scale = Scale.objects.order_by("pk").first()
    order = (section.questions.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    question = Question(
        section=section,
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        required=required,
        scale=scale,
        visible_to=list(visible_to),
        order=order,
    )
    question.full_clean(validate_constraints=False)
    question.save()
    labels = [label.strip() for label in options if label.strip()]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(labels) < 2:
        raise ValidationError(
            {"options": _("Ett flervalsfrågor behöver minst två alternativ.")},
            code="too_few_options",
        )
    _labels_check(labels)
    Option.objects.bulk_create(
        Option(question=question, order=index, label=label)
        for index, label in enumerate(labels, start=1)
    )
    _structure_changed(section.survey_id)
    section = question.section
    idempotency_key_done(
        claimed, result_url=_builder_url(section.survey, f"question-{question.pk}")
    )
    return question


def _labels_check(labels: list[str]) -> None:
    """Options fit their column (bulk_create skips `full_clean`)."""
    limit = Option._meta.get_field("label").max_length
    if any(len(label) > limit for label in labels):
        raise ValidationError(
            {"options": _("Ett alternativ får vara högst %(limit)s tecken.") % {"limit": limit}},
            code="option_too_long",
        )


# ---------------------------------------------------------------- building: copy and edit

CHOICE_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
QUESTION_FIELDS = {"section", "kind", "text", "help_text", "required", "scale", "options",
                   "visible_to"}  # fmt: skip
# Once answers have come in only the wording may change, never what was asked or of whom.
WORDING_FIELDS = {"text", "help_text"}


def survey_has_responses(survey: Survey) -> bool:
    return Response.objects.filter(survey_id=survey.pk).exists()


def survey_structure_check(*, survey: Survey) -> None:
    """Refuse changes to what a survey asks once it has responses (drafts count too)."""
    if survey_has_responses(survey):
        raise ValidationError(
            _(
                "Enkäten har redan svar, så bara frågornas text och hjälptext kan ändras. "
                "Kopiera enkäten för att ändra något annat."
            ),
            code="has_responses",
        )


@transaction.atomic
def survey_copy(
    *, survey: Survey, title: str | None = None, idempotency_key=None, by=None
) -> Survey:
    """A new draft round of the survey: its sections, questions and options, no recipients
    and no answers (once per form key)."""
    claimed = _claim(idempotency_key, "survey_copy", by)
    title = title or _("%(title)s (kopia)") % {"title": survey.title}
    copy = survey_create(
        council=survey.council,
        title=title[:300],
        intro=survey.intro,
        audience=survey.audience,
        results_anonymous=survey.results_anonymous,
    )
    copy.copied_from = survey
    copy.save(update_fields=["copied_from"])
    for section in survey.sections.prefetch_related("questions__options"):
        new_section = Section.objects.create(
            survey=copy, order=section.order, title=section.title, description=section.description
        )
        for question in section.questions.all():
            new_question = Question.objects.create(
                section=new_section,
                order=question.order,
                kind=question.kind,
                text=question.text,
                help_text=question.help_text,
                required=question.required,
                scale_id=question.scale_id,
                visible_to=list(question.visible_to),
            )
            Option.objects.bulk_create(
                Option(question=new_question, order=option.order, label=option.label)
                for option in question.options.all()
            )
    idempotency_key_done(claimed, result_url=_builder_url(copy))
    return copy


def _normalised(name: str, value):
    if name in ("text", "help_text"):
        return (value or "").strip()
    if name == "visible_to":
        return sorted(value or [])
    if name in ("section", "scale"):
        return getattr(value, "pk", value)
    return value


@transaction.atomic
def question_update(*, question: Question, **fields) -> Question:
    """Change a question; once its survey has responses, only its text and help text."""
    if set(fields) - QUESTION_FIELDS:
        raise TypeError(f"Unknown question fields: {sorted(set(fields) - QUESTION_FIELDS)}")
    question = (
        Question.objects.select_for_update().select_related("section__survey").get(pk=question.pk)
    )
    survey = question.section.survey
    options = fields.pop("options", None)
    current = list(question.options.values_list("label", flat=True))
    labels = current if options is None else [o.strip() for o in options if o.strip()]
    changed = {
        name
        for name, value in fields.items()
        if _normalised(name, getattr(question, name)) != _normalised(name, value)
    }
    if labels != current:
        changed.add("options")
    if changed - WORDING_FIELDS:
        survey_structure_check(survey=survey)
    section = fields.pop("section", question.section)
    if section.survey_id != survey.pk:
        raise ValidationError(
            {"section": _("Avsnittet hör inte till enkäten.")}, code="foreign_section"
        )
    if section.pk != question.section_id:
        last = section.questions.order_by("-order").values_list("order", flat=True).first()
        question.section, question.order = section, (last or 0) + 1
    for name, value in fields.items():
        setattr(question, name, value)
    question.text, question.help_text = question.text.strip(), question.help_text.strip()
    question.visible_to = list(question.visible_to)
    if question.kind != Question.Kind.SCALE:
        question.scale = None
    elif question.scale is None:
        question.scale = Scale.objects.order_by("pk").first()
    question.full_clean(validate_constraints=False)
    question.save()
    _options_replace(question, labels if question.kind in CHOICE_KINDS else [])
    # Also for the wording alone (allowed with responses): respondents see the new text.
    _structure_changed(survey.pk)
    return question


def _options_replace(question: Question, labels: list[str]) -> None:
    """Make the question's options these labels, in this order, keeping the rows it can."""
    if question.kind in CHOICE_KINDS and len(labels) < 2:
        raise ValidationError(
            {"options": _("En flervals- eller enkelvalsfråga behöver minst två alternativ.")},
            code="too_few_options",
        )
    _labels_check(labels)
    existing = list(question.options.order_by("order", "pk"))
    for order, (option, label) in enumerate(zip(existing, labels, strict=False), start=1):
        if (option.order, option.label) != (order, label):
            option.order, option.label = order, label
            option.save(update_fields=["order", "label"])
    Option.objects.bulk_create(
        Option(question=question, order=order, label=label)
        for order, label in enumerate(labels, start=1)
        if order > len(existing)
    )
    Option.objects.filter(pk__in=[o.pk for o in existing[len(labels) :]]).delete()


@transaction.atomic
def question_move(
    *, question: Question, direction: str, expected_order: int | None = None
) -> Question:
    """Swap a question with its neighbour above ("up") or below ("down") in its section; with
    the order it had when it was shown, a double click moves it once."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Okänd riktning."), code="bad_direction")
    survey_structure_check(survey=question.section.survey)
    swap_with_neighbour(
        Question.objects.filter(section_id=question.section_id),
        pk=question.pk,
        direction=direction,
        expected_order=expected_order,
    )
    _structure_changed(question.section.survey_id)
    return Question.objects.get(pk=question.pk)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Remove a question nobody has answered, while its survey has no responses."""
    if question.answers.exists():
        raise ValidationError(_("Frågan har svar och kan inte tas bort."), code="has_answers")
    survey_structure_check(survey=question.section.survey)
    survey_id = question.section.survey_id
    question.delete()
    _structure_changed(survey_id)
