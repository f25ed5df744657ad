"""Follow-up rounds: a report's recommendations to one kind of organisation, asked of the
organisations of a council's area as a survey, and the submitted answers turned into those
organisations' follow-ups.

The survey is built, sent, reminded and answered entirely by the surveys app (through
`surveys.services` and `surveys.selectors`): this module only writes the questions and reads
the answers back. Answers are applied idempotently: a follow-up changes only when an answer
was submitted after the follow-up was last saved and says something else, so applying twice,
or after the council has edited the follow-up since, changes nothing.
"""

from __future__ import annotations

import logging
from itertools import groupby

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from councils import selectors as council_selectors
from councils.models import Council
from idempotency.services import idempotency_key_claim, idempotency_key_done
from surveys import selectors as survey_selectors
from surveys import services as survey_services
from vkr_portal import bounds

from ..models import Actor, FollowUp, FollowUpRound, Publication, Recommendation, RoundQuestion
from .follow_ups import follow_up_save

logger = logging.getLogger(__name__)

SCOPE = "recommendations.round_create"
# Survey columns the generated texts must fit (surveys' Question.text, Section.title, ...).
TITLE_MAX = 300
QUESTION_MAX = 500
ELLIPSIS = "…"
# A survey answer's `submitted` status, as surveys' selectors give it.
SUBMITTED = "submitted"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def round_recommendations(publication: Publication, actor: Actor) -> list[Recommendation]:
    """The report's recommendations addressed to the actor, in the report's order."""
    return list(
        Recommendation.objects.filter(area__publication=publication, addressees=actor)
        .select_related("area")
        .prefetch_related("addressees")
        .order_by("area__position", "position")
    )


def _refuse(message: str, code: str) -> None:
    raise ValidationError({"actor": ValidationError(message, code=code)})


def _check(council: Council, publication: Publication, actor: Actor) -> list[Recommendation]:
    """Refuse what cannot be asked of the council's organisations, at the field."""
    if council.kind != Council.Kind.REGIONAL:
        raise ValidationError(
            _("Bara de regionala råden skickar uppföljningsomgångar."), code="not_regional"
        )
    kind = actor.organisation_kind
    if kind is None:
        _refuse(_(
            "En uppföljningsomgång går till organisationerna i rådets område: välj "
            "regioner, kommuner eller universitet och högskolor."
        ), "no_organisations")  # fmt: skip
    if not council_selectors.council_organisations(council, kind).exists():
        _refuse(
            _("Det finns inga %(actor)s i %(council)s område.")
            % {"actor": str(actor).lower(), "council": council.short_name},
            "none_in_area",
        )
    recommendations = round_recommendations(publication, actor)
    if not recommendations:
        _refuse(
            _("Rapporten har inga rekommendationer till %(actor)s.")
            % {"actor": str(actor).lower()},
            "nothing_addressed",
        )
    return recommendations


def _intro(council: Council, publication: Publication, actor: Actor) -> str:
    return _(
        "Nationella vårdkompetensrådet har i rapporten ”%(publication)s” lämnat "
        "rekommendationer till %(actor)s. %(council)s följer upp hur de genomförs i "
        "sjukvårdsregionen.\n\n"
        "Ange för varje rekommendation hur långt er organisation har kommit och, om ni vill, "
        "vad som har gjorts. Frågor som ni lämnar obesvarade hoppas över. Svaren blir er "
        "organisations uppföljning av rekommendationerna i Vårdkompetensrådens portal och "
        "visas där för alla vårdkompetensråd."
    ) % {"publication": publication, "actor": str(actor).lower(), "council": council.name}


def _addressed_to(recommendation: Recommendation) -> str:
    actors = ", ".join(str(actor).lower() for actor in recommendation.addressees.all())
    return _("%(kind)s till %(actors)s.") % {
        "kind": recommendation.get_kind_display(),
        "actors": actors,
    }


def _questions_add(section, recommendation: Recommendation, user) -> RoundQuestion:
    """The recommendation's status question (the five statuses, in order) and its free text."""
    text = f"{recommendation.identifier} {recommendation.text}"
    help_text = _addressed_to(recommendation)
    if len(text) > QUESTION_MAX:
        # The question is cut to fit; the whole recommendation stands in its help text.
        help_text = _cut(f"{recommendation.text}\n\n{help_text}", bounds.TEXT_MEDIUM)
    status = survey_services.question_add(
        section=section, kind="single", text=_cut(text, QUESTION_MAX), help_text=help_text,
        options=[str(label) for label in FollowUp.Status.labels], by=user,
    )  # fmt: skip
    done = survey_services.question_add(
        section=section, kind="text", text=_("Vad har gjorts? (valfritt)"), by=user
    )
    return RoundQuestion(recommendation=recommendation, status_question=status, text_question=done)


@transaction.atomic
def round_create(
    *, council: Council, publication: Publication, actor: Actor, user, idempotency_key=None
) -> FollowUpRound:
    """A follow-up round of the report's recommendations to `actor`, as a draft survey of the
    council for that kind of organisation: a section per area, per recommendation a status
    question and a free-text question (once per form key)."""
    claimed = idempotency_key_claim(key=idempotency_key, scope=SCOPE, user=user)
    recommendations = _check(council, publication, actor)
    title = _("Uppföljning: %(publication)s – %(council)s") % {
        "publication": publication.title,
        "council": council.short_name,
    }
    survey = survey_services.survey_create(
        council=council, title=_cut(title, TITLE_MAX), intro=_intro(council, publication, actor),
        audience=[actor.organisation_kind], by=user,
    )  # fmt: skip
    round_ = FollowUpRound(
        council=council, publication=publication, actor=actor, survey=survey,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )  # fmt: skip
    round_.full_clean()
    round_.save()
    rows = []
    for area, items in groupby(recommendations, key=lambda r: r.area):
        section = survey_services.section_add(
            survey=survey, title=_cut(str(area), TITLE_MAX), by=user
        )
        rows.extend(_questions_add(section, item, user) for item in items)
    for row in rows:
        row.round = round_
    RoundQuestion.objects.bulk_create(rows)
    url = reverse("recommendations:round", kwargs={"slug": council.slug, "pk": round_.pk})
    idempotency_key_done(claimed, result_url=url)
    return round_


# ---------------------------------------------------------------- answers → follow-ups


def _status_by_option(round_: FollowUpRound, items: list[RoundQuestion]) -> dict[int, str]:
    """Option id → follow-up status: by the option's label, or by its place while the question
    still has the five options (the secretariat may reword them in the builder)."""
    wanted = {item.status_question_id for item in items}
    by_label = {str(label).casefold(): value for value, label in FollowUp.Status.choices}
    values = list(FollowUp.Status.values)
    statuses = {}
    for section in survey_selectors.survey_sections(round_.survey):
        for question in section.questions.all():
            if question.pk not in wanted:
                continue
            options = list(question.options.all())
            for index, option in enumerate(options):
                status = by_label.get(option.label.strip().casefold())
                if status is None and len(options) == len(values):
                    status = values[index]
                if status is not None:
                    statuses[option.pk] = status
    return statuses


def _unchanged(current: FollowUp | None, response, status: str, done: str) -> bool:
    """Nothing to do: saved since this answer came in (applied already, or edited by the
    council afterwards), or saying the same."""
    if current is None:
        return False
    if current.updated_at >= response.submitted_at:
        return True
    return (current.status, current.done, current.source) == (status, done, FollowUp.Source.ROUND)


@transaction.atomic
def _response_apply(round_: FollowUpRound, organisation, response, items, statuses) -> int:
    """One organisation's submitted answers as its follow-ups; how many changed."""
    answers = survey_selectors.response_initial(response)
    current = {
        follow_up.recommendation_id: follow_up
        for follow_up in FollowUp.objects.select_for_update().filter(
            council=round_.council,
            organisation=organisation,
            recommendation__in=[item.recommendation_id for item in items],
        )  # fmt: skip
    }
    changed = 0
    for item in items:
        status = statuses.get(answers.get(f"q_{item.status_question_id}"))
        if status is None:
            continue  # not answered: the follow-up (if any) stays as it is
        done = (answers.get(f"q_{item.text_question_id}") or "").strip()
        if _unchanged(current.get(item.recommendation_id), response, status, done):
            continue
        try:
            follow_up_save(
                recommendation=item.recommendation, council=round_.council,
                organisation=organisation, version=None, status=status, done=done,
                recorded_on=timezone.localdate(response.submitted_at),
                source=FollowUp.Source.ROUND, user=None,
            )  # fmt: skip
        except ValidationError as error:
            # E.g. an organisation invited from outside the council's area: skip its answer.
            logger.warning("Round %s: answer of %s not applied: %s", round_.pk, organisation, error)
            continue
        changed += 1
    return changed


def round_answers_apply(*, round: FollowUpRound, organisation_id: int | None = None) -> int:  # noqa: A002
    """Make the submitted answers of the round's survey (of one organisation, if given) the
    follow-ups of the organisations that gave them; returns how many follow-ups changed.

    Idempotent: an answer already applied, or older than the follow-up's last save, changes
    nothing. An unanswered status question leaves that recommendation alone; an organisation
    of another kind than the round's addressee is skipped.
    """
    items = list(
        round.questions.select_related("recommendation__area").prefetch_related(
            "recommendation__addressees"
        )
    )
    statuses = _status_by_option(round, items)
    invitations = survey_selectors.survey_invitations(round.survey)
    if organisation_id is not None:
        invitations = invitations.filter(organisation_id=organisation_id)
    changed = 0
    for invitation in invitations:
        response = getattr(invitation, "response", None)
        if response is None or response.status != SUBMITTED:
            continue
        if invitation.organisation.kind != round.actor.organisation_kind:
            continue
        changed += _response_apply(round, invitation.organisation, response, items, statuses)
    return changed
