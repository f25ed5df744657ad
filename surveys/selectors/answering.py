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

    return Response.objects.filter(
        survey_id=invitation.survey_id, organisation_id=invitation.organisation_id
    ).first()


def response_initial(response) -> dict:
    """The saved answers as the respondent's form's initial values (q_<id> → value)."""
    from ..models import Question

    initial: dict = {"respondent_name": response.respondent_name,
                     "respondent_role": response.respondent_role}  # fmt: skip
    for answer in response.answers.select_related("question"):
        key, kind = f"q_{answer.question_id}", answer.question.kind
        if kind == Question.Kind.SCALE:
            initial[key] = answer.step_id
        elif kind == Question.Kind.SINGLE:
            initial[key] = answer.option_id
        elif kind == Question.Kind.MULTIPLE:
            initial.setdefault(key, []).append(answer.option_id)
        elif kind == Question.Kind.YES_NO:
            initial[key] = "ja" if answer.boolean else "nej"
        elif kind == Question.Kind.NUMBER:
            initial[key] = answer.number
        else:
            initial[key] = answer.text
    return initial


@dataclass
class AnsweredQuestion:
    text: str
    answer: str


def response_read_only(response, organisation_kind: str) -> list[tuple[object, list]]:
    """[(section, [AnsweredQuestion])] of what was submitted, for the receipt."""
    answers: dict[int, list[str]] = {}
    for answer in response.answers.select_related("step", "option"):
        answers.setdefault(answer.question_id, []).append(_answer_text(answer))
    result = []
    for section in survey_sections(response.survey):
        rows = [
            AnsweredQuestion(q.text, ", ".join(answers.get(q.pk, [])) or "–")
            for q in section.questions.all()
            if q.is_visible_to(organisation_kind)
        ]
        if rows:
            result.append((section, rows))
    return result


def _answer_text(answer) -> str:
    from django.utils.formats import number_format
    from django.utils.translation import gettext

    if answer.step_id:
        return answer.step.label
    if answer.option_id:
        return answer.option.label
    if answer.boolean is not None:
        return gettext("Ja") if answer.boolean else gettext("Nej")
    if answer.number is not None:
        return number_format(answer.number)
    return answer.text


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
