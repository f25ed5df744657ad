"""Reads for the builder: a council's surveys with their counts, the default scale, sections."""

from __future__ import annotations

from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from ..models import (
    Invitation,
    Response,
    Scale,
    Survey,
)
from .answering import survey_sections

# ---------------------------------------------------------------- results
# --- building


def _count_of(model, **filters) -> Coalesce:
    rows = model.objects.filter(survey=OuterRef("pk"), **filters).order_by().values("survey")
    count = Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
    return Coalesce(count, Value(0))


def surveys_of_council(council, *, drafts: bool) -> list[Survey]:
    """The council's surveys with invited and submitted counts (drafts for the secretariat)."""
    surveys = Survey.objects.filter(council=council).annotate(
        invited=_count_of(Invitation, revoked_at__isnull=True),
        submitted=_count_of(Response, status=Response.Status.SUBMITTED),
    )
    if not drafts:
        surveys = surveys.exclude(status=Survey.Status.DRAFT)
    surveys = list(surveys.order_by("-created_at"))
    for survey in surveys:
        survey.rate = round(survey.submitted * 100 / survey.invited) if survey.invited else None
    return surveys


def default_scale() -> Scale | None:
    from ..defaults import DEFAULT_SCALE_NAME

    return Scale.objects.filter(name=DEFAULT_SCALE_NAME).first() or Scale.objects.first()


def survey_sections_for(survey: Survey, kind: str) -> tuple[list, int]:
    """The sections with the questions this kind of respondent sees, and how many it does not."""
    visible, hidden = [], 0
    for section in survey_sections(survey):
        section.visible_questions = [q for q in section.questions.all() if q.is_visible_to(kind)]
        hidden += len(section.questions.all()) - len(section.visible_questions)
        if section.visible_questions:
            visible.append(section)
    return visible, hidden
