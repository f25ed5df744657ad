"""Reads for the builder: a council's surveys with their counts, the default scale, sections."""

from __future__ import annotations

from ..models import (
    Scale,
    Survey,
)
from .answering import survey_sections
from .rate import surveys_rate_annotate

# --- building


def surveys_of_council(council, *, drafts: bool) -> list[Survey]:
    """The council's surveys with invited, submitted and imported counts and the rate (drafts
    only for the secretariat). Two queries."""
    surveys = Survey.objects.filter(council=council)
    if not drafts:
        surveys = surveys.exclude(status=Survey.Status.DRAFT)
    return surveys_rate_annotate(list(surveys.order_by("-created_at")))


def surveys_matching(text: str, *, drafts_of: set[int], limit: int = 20) -> list[Survey]:
    """Surveys whose title or introduction match (the header's search): sent ones of every
    council, drafts only of the councils in `drafts_of` (those the user manages); one query."""
    from django.db.models import Q

    from vkr_portal.search import matching

    visible = Survey.objects.filter(~Q(status=Survey.Status.DRAFT) | Q(council_id__in=drafts_of))
    found = matching(visible, text, ["title", "intro"])
    return list(found.select_related("council").order_by("-created_at")[:limit])


def surveys_for_linking(council):
    """The council's sent surveys (not drafts), newest first: what a workgroup can refer to."""
    return (
        Survey.objects.filter(council=council)
        .exclude(status=Survey.Status.DRAFT)
        .order_by("-created_at")
    )


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
