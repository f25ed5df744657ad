"""Writes for surveys: building, invitations and their links, and responses.

Responses are saved under a row lock on their invitation, so a double click, a back button
or twenty simultaneous submits end in exactly one response and a clear answer to each.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council, Organisation

from . import tokens
from .models import (
    Answer,
    Invitation,
    InvitationEvent,
    Option,
    Question,
    Response,
    Scale,
    ScaleStep,
    Section,
    Survey,
)


class SurveyClosed(Exception):
    """The survey does not accept answers now (closed, not yet open, or past closing)."""


class AlreadySubmitted(Exception):
    """The response was submitted before: it is read-only until the secretariat reopens it."""


class LinkRevoked(Exception):
    """The invitation's link was revoked."""


# ---------------------------------------------------------------- building


@transaction.atomic
def survey_create(
    *, council: Council, title: str, intro: str = "", audience=(), opens_at=None, closes_at=None
) -> Survey:
    """A new draft survey for a council."""
    survey = Survey(
        council=council,
        title=title.strip(),
        intro=intro.strip(),
        audience=list(audience),
        opens_at=opens_at,
        closes_at=closes_at,
    )
    _check_dates(opens_at, closes_at)
    survey.full_clean(validate_constraints=False)
    survey.save()
    return survey


def _check_dates(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ValidationError(
            {"closes_at": _("Enkäten måste stänga efter att den öppnat.")}, code="closes_before"
        )


@transaction.atomic
def survey_update(*, survey: Survey, **fields) -> Survey:
    """Change a survey's title, intro, audience, opening hours or status."""
    allowed = {"title", "intro", "audience", "opens_at", "closes_at", "status"}
    if set(fields) - allowed:
        raise TypeError(f"Unknown survey fields: {sorted(set(fields) - allowed)}")
    for name, value in fields.items():
        setattr(survey, name, value)
    _check_dates(survey.opens_at, survey.closes_at)
    survey.full_clean(validate_constraints=False)
    survey.save()
    return survey


@transaction.atomic
def section_add(*, survey: Survey, title: str, description: str = "") -> Section:
    """Add a section last in the survey."""
    order = (survey.sections.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    section = Section(
        survey=survey, title=title.strip(), description=description.strip(), order=order
    )
    section.full_clean()
    section.save()
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
) -> Question:
    """Add a question last in its section, with its options for a choice question."""
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
    Option.objects.bulk_create(
        Option(question=question, order=index, label=label)
        for index, label in enumerate(labels, start=1)
    )
    return question


# ---------------------------------------------------------------- invitations


@dataclass
class IssuedLink:
    invitation: Invitation
    token: str


@transaction.atomic
def invitations_create(
    *, survey: Survey, organisations, emails: dict[int, list[str]] | None = None
) -> list[Invitation]:
    """Invite organisations (once each); contact e-mails per organisation id."""
    existing = set(survey.invitations.values_list("organisation_id", flat=True))
    created = []
    for organisation in organisations:
        if organisation.pk in existing:
            continue
        created.append(
            Invitation(
                survey=survey,
                organisation=organisation,
                emails=(emails or {}).get(organisation.pk, []),
            )
        )
    return Invitation.objects.bulk_create(created)


def invitation_issue_link(*, invitation: Invitation) -> IssuedLink:
    """A new secret link for the invitation; any earlier link stops working."""
    token = tokens.token_new()
    invitation.token_hash = tokens.token_hash(token)
    invitation.revoked_at = None
    invitation.save(update_fields=["token_hash", "revoked_at"])
    return IssuedLink(invitation, token)


def invitation_log(*, invitation: Invitation, kind: str, by=None) -> InvitationEvent:
    return InvitationEvent.objects.create(
        invitation=invitation, kind=kind, recipients=list(invitation.emails), by=by
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by=None) -> Invitation:
    """Stop the invitation's link from working; its answers are kept."""
    invitation.revoked_at = timezone.now()
    invitation.token_hash = None
    invitation.save(update_fields=["revoked_at", "token_hash"])
    invitation_log(invitation=invitation, kind=InvitationEvent.Kind.REVOKED, by=by)
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, or None (wrong, revoked or replaced)."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("survey__council", "organisation")
        .filter(token_hash=tokens.token_hash(token))
        .first()
    )


# ---------------------------------------------------------------- responses


@transaction.atomic
def response_save(
    *,
    invitation: Invitation,
    answers: dict[int, object],
    respondent_name: str = "",
    respondent_role: str = "",
    submit: bool = False,
) -> Response:
    """Save a respondent's answers as a draft, or submit them.

    `answers` maps question id to the cleaned value (see `surveys.forms`): a ScaleStep, an
    Option, a list of Options, a bool, a Decimal or a str; None or empty clears the answer.
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
    _answers_replace(response, invitation.organisation.kind, answers)
    response.respondent_name = respondent_name.strip()
    response.respondent_role = respondent_role
    # A submit with unanswered required questions still keeps what was written, as a draft.
    missing = _missing_required(response, invitation.organisation.kind) if submit else []
    if submit and not missing:
        response.status = Response.Status.SUBMITTED
        response.submitted_at = timezone.now()
    response.full_clean(validate_constraints=False)
    response.save()
    response.missing_required = missing
    return response


def _response_for(invitation: Invitation) -> Response:
    response = Response.objects.filter(
        survey=invitation.survey, organisation=invitation.organisation
    ).first()
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
    response: Response, organisation_kind: str, answers: dict[int, object]
) -> None:
    questions = {
        q.pk: q
        for q in Question.objects.filter(section__survey_id=response.survey_id).select_related(
            "scale"
        )
    }
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


def _missing_required(response: Response, organisation_kind: str) -> list[Question]:
    answered = set(response.answers.values_list("question_id", flat=True))
    required = Question.objects.filter(section__survey_id=response.survey_id, required=True)
    return [q for q in required if q.is_visible_to(organisation_kind) and q.pk not in answered]


@transaction.atomic
def response_reopen(*, response: Response, by=None) -> Response:
    """Let the organisation change a submitted response again (the secretariat's call)."""
    response.status = Response.Status.DRAFT
    response.submitted_at = None
    response.save(update_fields=["status", "submitted_at", "updated_at"])
    if response.invitation_id:
        invitation_log(invitation=response.invitation, kind=InvitationEvent.Kind.REOPENED, by=by)
    return response


def organisations_for_audience(*, council: Council, kinds, lan_codes=()) -> list[Organisation]:
    """The council's organisations of the given kinds (and län), for choosing recipients."""
    queryset = Organisation.objects.filter(
        healthcare_regions=council.healthcare_region_id, kind__in=list(kinds)
    )
    if lan_codes:
        queryset = queryset.filter(lan_code__in=list(lan_codes))
    return list(queryset.order_by("name"))


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
def survey_copy(*, survey: Survey, title: str | None = None) -> Survey:
    """A new draft round of the survey: its sections, questions and options, no recipients
    and no answers."""
    title = title or _("%(title)s (kopia)") % {"title": survey.title}
    copy = survey_create(
        council=survey.council, title=title[:300], intro=survey.intro, audience=survey.audience
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
    return question


def _options_replace(question: Question, labels: list[str]) -> None:
    """Make the question's options these labels, in this order, keeping the rows it can."""
    if question.kind in CHOICE_KINDS and len(labels) < 2:
        raise ValidationError(
            {"options": _("En flervals- eller enkelvalsfråga behöver minst två alternativ.")},
            code="too_few_options",
        )
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
def question_move(*, question: Question, direction: str) -> Question:
    """Swap a question with its neighbour above ("up") or below ("down") in its section."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Okänd riktning."), code="bad_direction")
    survey_structure_check(survey=question.section.survey)
    siblings = list(
        Question.objects.select_for_update()
        .filter(section_id=question.section_id)
        .order_by("order", "pk")
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            Question.objects.filter(pk=sibling.pk).update(order=position)
    return Question.objects.get(pk=question.pk)


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Remove a question nobody has answered, while its survey has no responses."""
    if question.answers.exists():
        raise ValidationError(_("Frågan har svar och kan inte tas bort."), code="has_answers")
    survey_structure_check(survey=question.section.survey)
    question.delete()


# ---------------------------------------------------------------- import of responses


@transaction.atomic
def responses_import(*, survey: Survey, rows: list, by=None) -> int:
    """Save responses gathered outside the portal as submitted; all or nothing.

    `rows` come from `spreadsheets.responses_file_parse` (ParsedResponse: line, organisation,
    respondent_name, respondent_role, answers). Each organisation gets an invitation without
    a link (or keeps the one it has) and a submitted response; a draft it had is replaced. An
    organisation that has submitted already is refused, naming the file's row. `by` is who
    imported, for when the invitation log gets a kind of event for imports.
    """
    ids = [row.organisation.pk for row in rows]
    existing = {
        response.organisation_id: response
        for response in Response.objects.select_for_update().filter(
            survey=survey, organisation_id__in=ids
        )
    }
    questions = {q.pk: q for q in Question.objects.filter(section__survey=survey)}
    _import_check(rows, existing, questions)
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
    try:
        with transaction.atomic():
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
    except IntegrityError as error:
        # Someone answered or imported the same organisation at this very moment.
        raise ValidationError(
            _("Svaren ändrades under importen. Försök igen."), code="concurrent"
        ) from error
    return len(saved)


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


# ---------------------------------------------------------------- sending


def invitation_send(*, invitation: Invitation, kind: str, by=None) -> bool:
    """Issue a fresh link and e-mail it to the invitation's contacts; log it.

    Only the hash of a token is kept, so every e-mail carries a new link and the previous
    one stops working; the answers saved so far belong to the invitation, not the link.
    Returns False (and sends nothing) for a revoked invitation or one with no addresses.
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("survey__council", "organisation")
            .get(pk=invitation.pk)
        )
        if (invitation.is_revoked and kind != InvitationEvent.Kind.RESENT) or not invitation.emails:
            return False
        issued = invitation_issue_link(invitation=invitation)
        now = timezone.now()
        if kind == InvitationEvent.Kind.REMINDED:
            invitation.reminded_at = now
        else:
            invitation.sent_at = now
        invitation.save(update_fields=["sent_at", "reminded_at"])
        invitation_log(invitation=invitation, kind=kind, by=by)
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("surveys:link", args=[issued.token])
    ctx = {"invitation": invitation, "survey": invitation.survey, "url": url, "kind": kind}
    template = "reminder" if kind == InvitationEvent.Kind.REMINDED else "invitation"
    subject = render_to_string(f"surveys/emails/{template}_subject.txt", ctx).strip()
    body = render_to_string(f"surveys/emails/{template}_body.txt", ctx)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, invitation.emails, fail_silently=False)
    return True


def invitations_to_send(*, survey: Survey, kind: str) -> list[int]:
    """Ids to e-mail: not yet sent (invitations) or not submitted (reminders)."""
    queryset = survey.invitations.filter(revoked_at__isnull=True).exclude(emails=[])
    if kind == InvitationEvent.Kind.SENT:
        queryset = queryset.filter(sent_at__isnull=True)
    else:
        queryset = queryset.filter(sent_at__isnull=False).exclude(
            response__status=Response.Status.SUBMITTED
        )
    return list(queryset.values_list("pk", flat=True))


def invitations_send_queue(*, survey: Survey, kind: str, by=None) -> int:
    """Queue the e-mails of a round (after commit); return how many are queued."""
    from .tasks import invitations_send_task

    if survey.status != Survey.Status.OPEN:
        raise ValidationError(_("Öppna enkäten innan inbjudningar skickas."), code="not_open")
    ids = invitations_to_send(survey=survey, kind=kind)
    if ids:
        invitations_send_task.delay_on_commit(ids, kind, by.pk if by else None)
    return len(ids)


@transaction.atomic
def invitation_emails_set(*, invitation: Invitation, emails: list[str]) -> Invitation:
    """Replace an invitation's contact addresses."""
    invitation.emails = sorted({e.strip().lower() for e in emails if e.strip()})
    invitation.save(update_fields=["emails"])
    return invitation


@transaction.atomic
def invitation_emails_import(*, survey: Survey, rows: list[tuple[int, str, list[str]]]) -> int:
    """Set contact addresses from rows (line, organisation code, e-mails); all or nothing.

    An organisation in the council's region that is not yet invited is invited.
    """
    region_orgs = {
        org.code: org
        for org in Organisation.objects.filter(
            healthcare_regions=survey.council.healthcare_region_id
        )
    }
    errors = [
        _("Rad %(n)s: ingen organisation med koden %(code)s i rådets region.")
        % {"n": line, "code": code}
        for line, code, _emails in rows
        if code not in region_orgs
    ]
    if errors:
        raise ValidationError(errors, code="unknown_code")
    invitations_create(survey=survey, organisations=[region_orgs[code] for _l, code, _e in rows])
    by_org = {i.organisation_id: i for i in survey.invitations.select_for_update()}
    for _line, code, emails in rows:
        invitation_emails_set(invitation=by_org[region_orgs[code].pk], emails=emails)
    return len(rows)
