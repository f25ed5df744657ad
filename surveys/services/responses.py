"""Writes for responses: answering by link, reopening, and importing a round run elsewhere.

Responses are saved under a row lock on their invitation, so a double click, a back button
or twenty simultaneous submits end in exactly one response and a clear answer to each."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import signals
from ..models import (
    Answer,
    Invitation,
    InvitationEvent,
    Option,
    Question,
    Response,
    ScaleStep,
    Survey,
)
from .invitations import invitation_log


class SurveyClosed(Exception):
    """The survey does not accept answers now (closed, not yet open, or past closing)."""


class AlreadySubmitted(Exception):
    """The response was submitted before: it is read-only until the secretariat reopens it."""


class LinkRevoked(Exception):
    """The invitation's link was revoked."""


class ResponsesIncomplete(Exception):
    """Imported responses would leave required questions blank; nothing is saved.

    `rows` lists (the file's row, the organisation, the blank required questions), so that
    the secretariat can choose: complete the file, or import them anyway."""

    def __init__(self, rows: list[tuple[int, object, list[Question]]]):
        super().__init__(f"{len(rows)} imported responses leave required questions blank")
        self.rows = rows


@dataclass(frozen=True)
class ResponsesImported:
    """What an import saved: how many responses, whose draft each replaced, and how many
    leave required questions blank (imported so when asked to)."""

    count: int
    drafts_replaced: list[str] = field(default_factory=list)
    incomplete: int = 0


# ---------------------------------------------------------------- responses


@transaction.atomic
def response_save(
    *,
    invitation: Invitation,
    answers: dict[int, object],
    respondent_name: str | None = None,
    respondent_role: str | None = None,
    submit: bool = False,
) -> Response:
    """Save a respondent's answers as a draft, or submit them.

    `answers` maps question id to the cleaned value (see `surveys.forms`): a ScaleStep, an
    Option, a list of Options, a bool, a Decimal or a str; None or empty clears the answer.
    Only the questions in `answers` change, so the form can be saved a step at a time; a
    respondent name or role of None (a step that does not ask for them) keeps the saved one.
    The invitation row is locked first, so concurrent saves of one response queue up.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("survey", "organisation")
        .get(pk=invitation.pk)
    )
    if invitation.is_revoked:
        raise LinkRevoked
    survey = invitation.survey
    if not survey.accepts_answers():
        raise SurveyClosed
    response = _response_for(invitation)
    if response.status == Response.Status.SUBMITTED:
        raise AlreadySubmitted
    questions = _answers_replace(response, survey, invitation.organisation.kind, answers)
    if respondent_name is not None:
        response.respondent_name = respondent_name.strip()
    if respondent_role is not None:
        response.respondent_role = respondent_role
    # A submit with unanswered required questions still keeps what was written, as a draft.
    missing = _missing_required(response, invitation.organisation.kind, questions) if submit else []
    if submit and not missing:
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
    # The survey, organisation and invitation were just read under the lock, and the
    # response's own uniqueness is the database's: checking them again is four queries.
    response.full_clean(exclude=_LOADED, validate_unique=False, validate_constraints=False)
    response.save()
    response.missing_required = missing
    if response.status == Response.Status.SUBMITTED:
        _submitted_announce(response)
    return response


_LOADED = ["survey", "organisation", "invitation"]


def _submitted_announce(response: Response) -> None:
    """Tell other apps, once the submit is committed; a failing receiver is theirs to log."""
    ids = {"survey_id": response.survey_id, "organisation_id": response.organisation_id,
           "response_id": response.pk}  # fmt: skip
    transaction.on_commit(
        lambda: signals.response_submitted.send_robust(sender=Response, **ids), robust=True
    )


def _response_for(invitation: Invitation) -> Response:
    # By pk, not the model's ordering (a join to the organisation for at most one row).
    response = (
        Response.objects.filter(survey=invitation.survey, organisation=invitation.organisation)
        .order_by("pk")
        .first()
    )
    if response is None:
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    survey=invitation.survey,
                    organisation=invitation.organisation,
                    invitation=invitation,
                )
        except IntegrityError:
            # Another organisation link for the same survey got there first.
            response = Response.objects.get(
                survey=invitation.survey, organisation=invitation.organisation
            )
    return response


def _answers_replace(
    response: Response, survey: Survey, organisation_kind: str, answers: dict[int, object]
) -> dict[int, Question]:
    """Replace the answers to the questions in `answers`: one delete, one insert. Returns
    the survey's questions by id, in the survey's order."""
    from ..selectors.structure import survey_structure

    # The structure remembered for the survey row just read under the invitation's lock: as
    # new as that row's structure_version or newer, never older. Shared: read only.
    questions = {q.pk: q for section in survey_structure(survey) for q in section.questions.all()}
    rows = []
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None or not question.is_visible_to(organisation_kind):
            raise ValidationError(
                _("Frågan finns inte i den här enkäten."), code="foreign_question"
            )
        rows.extend(_answer_rows(response, question, value))
    Answer.objects.filter(response=response, question_id__in=list(answers)).delete()
    Answer.objects.bulk_create(rows)
    return questions


def _answer_rows(response: Response, question: Question, value) -> list[Answer]:
    if value in (None, "", []):
        return []
    kind = question.kind
    if kind == Question.Kind.SCALE:
        if not isinstance(value, ScaleStep) or value.scale_id != question.scale_id:
            raise ValidationError(_("Värdet finns inte på frågans skala."), code="bad_step")
        return [Answer(response=response, question=question, step=value)]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        # A multiple-choice field gives a queryset, a single choice one Option.
        chosen = [value] if isinstance(value, Option) else list(value)
        if kind == Question.Kind.SINGLE and len(chosen) > 1:
            raise ValidationError(_("Välj ett alternativ."), code="too_many")
        if any(not isinstance(o, Option) or o.question_id != question.pk for o in chosen):
            raise ValidationError(_("Alternativet hör inte till frågan."), code="bad_option")
        return [Answer(response=response, question=question, option=o) for o in chosen]
    if kind == Question.Kind.YES_NO:
        return [Answer(response=response, question=question, boolean=bool(value))]
    if kind == Question.Kind.NUMBER:
        return [Answer(response=response, question=question, number=Decimal(value))]
    return [Answer(response=response, question=question, text=str(value).strip())]


def _missing_required(
    response: Response, organisation_kind: str, questions: dict[int, Question]
) -> list[Question]:
    """The required questions asked of the organisation that the saved response leaves
    blank, in the survey's order (that of `questions`)."""
    answered = set(response.answers.values_list("question_id", flat=True))
    return [
        q
        for q in questions.values()
        if q.required and q.pk not in answered and q.is_visible_to(organisation_kind)
    ]


@transaction.atomic
def response_reopen(*, response: Response, by=None) -> Response:
    """Let the organisation change a submitted response again (the secretariat's call); a
    response that is a draft already (a double click) is left as it is."""
    response = (
        Response.objects.select_for_update(of=("self",))
        .select_related("invitation")
        .get(pk=response.pk)
    )
    if response.status == Response.Status.DRAFT:
        return response
    response.status = Response.Status.DRAFT
    response.submitted_at = None
    response.save(update_fields=["status", "submitted_at", "updated_at"])
    if response.invitation_id:
        invitation_log(invitation=response.invitation, kind=InvitationEvent.Kind.REOPENED, by=by)
    return response


# ---------------------------------------------------------------- import of responses


@transaction.atomic
def responses_import(
    *, survey: Survey, rows: list, by=None, allow_incomplete: bool = False
) -> ResponsesImported:
    """Save responses gathered outside the portal as submitted; all or nothing.

    `rows` come from `spreadsheets.responses_file_parse` (ParsedResponse: line, organisation,
    respondent_name, respondent_role, answers). Each organisation gets an invitation without
    a link (or keeps the one it has) and a submitted response; a draft it had is replaced,
    and the result names whose. An organisation that has submitted already is refused,
    naming the file's row, so importing the same file again changes nothing. Responses that
    leave required questions blank raise ResponsesIncomplete unless `allow_incomplete`.
    `by` is who imported, for when the invitation log gets a kind of event for imports.
    """
    # One import of a survey at a time: a second import of the same file waits here, then
    # finds the responses the first one submitted and is refused, naming them.
    Survey.objects.select_for_update().filter(pk=survey.pk).first()
    ids = [row.organisation.pk for row in rows]
    existing = {
        response.organisation_id: response
        for response in Response.objects.select_for_update().filter(
            survey=survey, organisation_id__in=ids
        )
    }
    questions = {q.pk: q for q in Question.objects.filter(section__survey=survey)}
    _import_check(rows, existing, questions)
    incomplete = _import_incomplete(rows, questions)
    if incomplete and not allow_incomplete:
        raise ResponsesIncomplete(incomplete)
    try:
        with transaction.atomic():
            count = _import_save(survey, rows, existing, questions)
    except IntegrityError as error:
        # A respondent's link made the same organisation's response at this very moment.
        raise ValidationError(
            _("Svaren ändrades under importen. Försök igen."), code="concurrent"
        ) from error
    return ResponsesImported(
        count=count,
        drafts_replaced=[str(row.organisation) for row in rows if row.organisation.pk in existing],
        incomplete=len(incomplete),
    )


def _import_save(survey: Survey, rows: list, existing: dict, questions: dict) -> int:
    invitations = _import_invitations(survey, rows)
    now = timezone.now()
    saved = []
    for row in rows:
        response = existing.get(row.organisation.pk) or Response(
            survey=survey, organisation=row.organisation, started_at=now
        )
        if response.invitation_id is None:
            response.invitation = invitations[row.organisation.pk]
        response.respondent_name = row.respondent_name.strip()
        response.respondent_role = row.respondent_role
        response.status = Response.Status.SUBMITTED
        response.submitted_at = response.updated_at = now
        saved.append(response)
    drafts = [response for response in saved if response.pk]
    Answer.objects.filter(response__in=drafts).delete()
    Response.objects.bulk_update(
        drafts,
        ["invitation", "respondent_name", "respondent_role", "status", "submitted_at",
         "updated_at"],
    )  # fmt: skip
    Response.objects.bulk_create([response for response in saved if not response.pk])
    Answer.objects.bulk_create(
        answer
        for row, response in zip(rows, saved, strict=True)
        for question_id, value in row.answers.items()
        for answer in _answer_rows(response, questions[question_id], value)
    )
    for response in saved:
        _submitted_announce(response)
    return len(saved)


def _import_incomplete(rows: list, questions: dict) -> list[tuple[int, object, list[Question]]]:
    """The rows that leave required questions (of those asked of their organisation) blank."""
    required = [q for q in questions.values() if q.required]
    incomplete = []
    for row in rows:
        blank = [
            q
            for q in required
            if q.is_visible_to(row.organisation.kind) and row.answers.get(q.pk) in (None, "", [])
        ]
        if blank:
            incomplete.append((row.line, row.organisation, blank))
    return incomplete


def _import_check(rows: list, existing: dict[int, Response], questions: dict) -> None:
    """Every problem the service itself must refuse, each naming the file's row."""
    errors = []
    for row in rows:
        response = existing.get(row.organisation.pk)
        if response is not None and response.status == Response.Status.SUBMITTED:
            errors.append(
                ValidationError(
                    _("Rad %(row)s: %(name)s har redan skickat in svar på enkäten."),
                    code="already_submitted",
                    params={"row": row.line, "name": row.organisation},
                )
            )
        for question_id in row.answers:
            question = questions.get(question_id)
            if question is None or not question.is_visible_to(row.organisation.kind):
                errors.append(
                    ValidationError(
                        _("Rad %(row)s: en fråga som inte ställs till %(name)s har ett svar."),
                        code="foreign_question",
                        params={"row": row.line, "name": row.organisation},
                    )
                )
    if len({row.organisation.pk for row in rows}) != len(rows):
        errors.append(ValidationError(_("En organisation finns på flera rader."), code="duplicate"))
    if errors:
        raise ValidationError(errors)


def _import_invitations(survey: Survey, rows: list) -> dict[int, Invitation]:
    """The organisations' invitations, created without a link where they had none."""
    ids = [row.organisation.pk for row in rows]
    invitations = {
        invitation.organisation_id: invitation
        for invitation in Invitation.objects.filter(survey=survey, organisation_id__in=ids)
    }
    created = Invitation.objects.bulk_create(
        Invitation(survey=survey, organisation=row.organisation)
        for row in rows
        if row.organisation.pk not in invitations
    )
    invitations.update({invitation.organisation_id: invitation for invitation in created})
    return invitations
