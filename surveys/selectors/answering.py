"""Reads for answering and for the round: sections, a response and its answers, invitations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..models import (
    Response,
    Survey,
)

# ---------------------------------------------------------------- results
# --- answering and the round


def survey_sections(survey: Survey):
    """The survey's sections with their questions, options and scale steps, in order."""
    from django.db.models import Prefetch

    from ..models import Question, Section

    questions = Question.objects.select_related("scale").prefetch_related("options", "scale__steps")
    return list(
        Section.objects.filter(survey=survey)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("questions", queryset=questions.order_by("order", "pk")))
    )


def response_of(invitation) -> Response | None:
    from ..models import Response

    # By pk, not the model's ordering (a join to the organisation for at most one row).
    return (
        Response.objects.filter(
            survey_id=invitation.survey_id, organisation_id=invitation.organisation_id
        )
        .order_by("pk")
        .first()
    )


def response_initial(response) -> dict:
    """The saved answers as the respondent's form's initial values (q_<id> → value). One
    query, of values (no model instances)."""
    from ..models import Answer, Question

    initial: dict = {"respondent_name": response.respondent_name,
                     "respondent_role": response.respondent_role}  # fmt: skip
    rows = Answer.objects.filter(response_id=response.pk).values_list(
        "question_id", "question__kind", "step_id", "option_id", "boolean", "number", "text"
    )
    for question_id, kind, step_id, option_id, boolean, number, text in rows:
        key = f"q_{question_id}"
        if kind == Question.Kind.SCALE:
            initial[key] = step_id
        elif kind == Question.Kind.SINGLE:
            initial[key] = option_id
        elif kind == Question.Kind.MULTIPLE:
            initial.setdefault(key, []).append(option_id)
        elif kind == Question.Kind.YES_NO:
            initial[key] = "ja" if boolean else "nej"
        elif kind == Question.Kind.NUMBER:
            initial[key] = number
        else:
            initial[key] = text
    return initial


@dataclass
class AnsweredQuestion:
    text: str
    answer: str


def response_read_only(
    response, organisation_kind: str, sections=None
) -> list[tuple[object, list]]:
    """[(section, [AnsweredQuestion])] of what was submitted, for the receipt. `sections`: the
    survey's (e.g. `survey_structure`), read here when not given. One query with them."""
    from ..models import Answer

    answers: dict[int, list[str]] = {}
    rows = Answer.objects.filter(response_id=response.pk).values_list(
        "question_id", "step__label", "option__label", "boolean", "number", "text"
    )
    for question_id, *values in rows:
        answers.setdefault(question_id, []).append(_answer_text(*values))
    if sections is None:
        sections = survey_sections(response.survey)
    result = []
    for section in sections:
        rows = [
            AnsweredQuestion(q.text, ", ".join(answers.get(q.pk, [])) or "–")
            for q in section.questions.all()
            if q.is_visible_to(organisation_kind)
        ]
        if rows:
            result.append((section, rows))
    return result


def _answer_text(step_label, option_label, boolean, number, text) -> str:
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    if step_label is not None:
        return step_label
    if option_label is not None:
        return option_label
    if boolean is not None:
        return gettext("Ja") if boolean else gettext("Nej")
    if number is not None:
        return number_format(number)
    return text


def survey_invitations(survey: Survey):
    """The round's invitations with organisation, response status and latest events."""
    from ..models import Invitation

    return (
        Invitation.objects.filter(survey=survey)
        .select_related("organisation", "response")
        .order_by("organisation__lan_code", "organisation__name")
    )


def council_lan_choices(council) -> list[tuple[str, str]]:
    """(län code, län name) of the council's healthcare region, for recipient filters."""
    from councils.models import Organisation

    rows = (
        Organisation.objects.filter(healthcare_regions=council.healthcare_region_id)
        .exclude(lan_code="")
        .values_list("lan_code", "lan_name")
        .distinct()
        .order_by("lan_code")
    )
    return [(code, name or code) for code, name in rows]


def invitation_events(survey: Survey, *, limit: int = 100):
    """The round's sending log, newest first: what was sent to whom, when and by whom."""
    from ..models import InvitationEvent

    return (
        InvitationEvent.objects.filter(invitation__survey=survey)
        .select_related("invitation__organisation", "by")
        .order_by("-at", "-pk")[:limit]
    )


@dataclass
class ReminderStatus:
    """When the round's last reminder went, and when those reminded then may get the next."""

    last_at: datetime | None
    next_at: datetime | None  # None: a reminder may go now
    interval_minutes: int


def survey_reminder_status(survey: Survey, *, now=None) -> ReminderStatus:
    """The latest reminder to a not revoked invitation, and the end of its waiting time."""
    from django.db.models import Max
    from django.utils import timezone

    from ..services.invitations import reminder_interval

    now = now or timezone.now()
    interval = reminder_interval()
    last = survey.invitations.filter(revoked_at__isnull=True).aggregate(last=Max("reminded_at"))
    last_at = last["last"]
    next_at = last_at + interval if last_at and now < last_at + interval else None
    return ReminderStatus(last_at, next_at, int(interval.total_seconds() // 60))
