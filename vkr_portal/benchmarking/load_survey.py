"""The respondent flow of the load scenario, on the portal's side: the survey of 40 items (the
same for the peer), its invitations and their links, one respondent's requests, and the check
in the database afterwards that every response arrived once and whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from councils.models import Council, Organisation
from surveys import services as survey_services
from surveys.builtin import COMPETENCE
from surveys.defaults import DEFAULT_SCALE_NAME, DEFAULT_SCALE_STEPS
from surveys.models import Answer, Question, Response, Scale, Survey

from .load_http import Browser, ClientRun, LoadError, StepTimer, csrf_token
from .registry import BenchmarkError

ITEMS = 40
# The steps of one respondent, in order, as the tables show them.
STEPS = ("link", "form", "draft", "submit", "receipt")
TEXT_ANSWERS = (
    "Sårbehandling för undersköterskor.",
    "Läkemedelshantering vid delegering, och uppföljning av den.",
    "Inget utöver det listade.",
)


@dataclass(frozen=True)
class Item:
    """One question of the load survey, as both the portal and the peer build it."""

    kind: str
    theme: str
    text: str
    required: bool
    options: tuple[str, ...] = ()


def survey_items(count: int = ITEMS) -> list[Item]:
    """Scale items over the competence inventory's themes, then its single choice, multiple
    choice and free text: `count` questions in all."""
    themes = [s.title for s in COMPETENCE.sections if s.questions[0].kind == Question.Kind.SCALE]
    form = COMPETENCE.sections[-1]
    scale_items = count - len(form.questions)
    items = [
        Item(
            Question.Kind.SCALE,
            themes[n % len(themes)],
            f"{themes[n % len(themes)]}: område {n // len(themes) + 1}",
            required=True,
            options=tuple(DEFAULT_SCALE_STEPS),
        )  # fmt: skip
        for n in range(scale_items)
    ]
    items += [
        Item(q.kind, form.title, q.text, q.required, tuple(q.options)) for q in form.questions
    ]
    return items


def chosen(item: Item, position: int, respondent: int) -> list[int] | str:
    """What respondent number `respondent` answers to the item at `position`: indexes into
    its options (one, or 1-4 for a multiple choice), or a text."""
    if item.kind == Question.Kind.TEXT:
        return TEXT_ANSWERS[respondent % len(TEXT_ANSWERS)]
    if item.kind == Question.Kind.MULTIPLE:
        return list(range(respondent % 4 + 1))
    return [(respondent + position) % len(item.options)]


# --- The portal's survey -----------------------------------------------------------------------


@dataclass(frozen=True)
class Respondent:
    number: int
    invitation_pk: int
    token: str


@dataclass(frozen=True)
class PortalSurvey:
    survey_pk: int
    # Per question, in the items' order: its id and the ids of its steps or options.
    questions: list[tuple[int, list[int]]]
    respondents: list[Respondent]


@transaction.atomic
def portal_survey_build(respondents: int, items: Sequence[Item]) -> PortalSurvey:
    """An open survey of the items, built through the services, with an invitation and a new
    link for each of `respondents` organisations."""
    council = Council.objects.filter(kind=Council.Kind.REGIONAL).order_by("order").first()
    organisations = list(Organisation.objects.order_by("code", "pk")[:respondents])
    scale = Scale.objects.filter(name=DEFAULT_SCALE_NAME).first()
    if council is None or scale is None or len(organisations) < respondents:
        raise BenchmarkError(
            f"The load needs a regional council, the default scale and {respondents} "
            "organisations: load the reference data"
        )
    now = timezone.now()
    survey = survey_services.survey_create(
        council=council,
        title="Belastningsprov: 40 frågor",
        intro=COMPETENCE.intro,
        audience=COMPETENCE.audience,
    )
    sections: dict[str, object] = {}
    questions = []
    for item in items:
        if item.theme not in sections:
            sections[item.theme] = survey_services.section_add(survey=survey, title=item.theme)
        question = survey_services.question_add(
            section=sections[item.theme], kind=item.kind, text=item.text, required=item.required,
            scale=scale if item.kind == Question.Kind.SCALE else None,
            options=() if item.kind == Question.Kind.SCALE else item.options,
        )  # fmt: skip
        if item.kind == Question.Kind.SCALE:
            values = list(scale.steps.order_by("order").values_list("pk", flat=True))
        else:
            values = list(question.options.order_by("order").values_list("pk", flat=True))
        questions.append((question.pk, values))
    survey_services.survey_update(
        survey=survey, status=Survey.Status.OPEN, opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )  # fmt: skip
    invitations = survey_services.invitations_create(
        survey=survey,
        organisations=organisations,
        emails={o.pk: [f"load-{o.pk}@example.se"] for o in organisations},
    )
    links = [survey_services.invitation_issue_link(invitation=i) for i in invitations]
    return PortalSurvey(
        survey_pk=survey.pk,
        questions=questions,
        respondents=[Respondent(n, link.invitation.pk, link.token) for n, link in enumerate(links)],
    )


def _fields(
    survey: PortalSurvey, items: Sequence[Item], respondent: int, upto: int
) -> list[tuple[str, str]]:
    fields = []
    for position, (item, (pk, values)) in enumerate(zip(items, survey.questions, strict=True)):
        if position >= upto:
            break
        answer = chosen(item, position, respondent)
        if isinstance(answer, str):
            fields.append((f"q_{pk}", answer))
        else:
            fields += [(f"q_{pk}", str(values[index])) for index in answer]
    return fields


def portal_flow(
    browser: Browser, survey: PortalSurvey, items: Sequence[Item], respondent: Respondent
) -> Callable[[ClientRun], None]:
    """One respondent: open the link, get the form, save half the answers as a draft (and
    see the form again, where the save redirects), submit all of them, see the receipt."""
    link = reverse("surveys:link", args=[respondent.token])
    form_path = reverse("surveys:respond", args=[respondent.invitation_pk])
    receipt = reverse("surveys:receipt", args=[respondent.invitation_pk])
    draft = _fields(survey, items, respondent.number, len(items) // 2)
    answers = _fields(survey, items, respondent.number, len(items))
    about = [("respondent_name", f"Svarande {respondent.number}"),
             ("respondent_role", Response.Role.values[0])]  # fmt: skip

    def flow(run: ClientRun) -> None:
        timer = StepTimer()
        run.steps = timer.steps
        reply = timer.step("link", lambda: browser.expect("GET", link, 302))
        if not reply.location.endswith(form_path):
            raise LoadError(f"The link led to {reply.location}, not the form")
        form = timer.step("form", lambda: browser.expect("GET", form_path, 200))
        csrf = [("csrfmiddlewaretoken", csrf_token(form))]
        timer.step("draft", lambda: browser.follow(
            browser.expect("POST", form_path, 302, [*csrf, ("action", "save"), *draft])
        ))  # fmt: skip
        sent = timer.step("submit", lambda: browser.expect(
            "POST", form_path, 302, [*csrf, ("action", "submit"), *about, *answers]
        ))  # fmt: skip
        if not sent.location.endswith(receipt):
            raise LoadError(f"The submit led to {sent.location}, not the receipt")
        timer.step("receipt", lambda: browser.expect("GET", receipt, 200))

    return flow


# --- The check afterwards ----------------------------------------------------------------------


@dataclass(frozen=True)
class Verification:
    """What the database holds after the flows: responses and the questions they answer."""

    expected: int
    responses: int
    submitted: int
    duplicates: int
    complete: int
    items: int

    @property
    def ok(self) -> bool:
        return (
            self.responses == self.submitted == self.complete == self.expected
            and self.duplicates == 0
        )

    def describe(self) -> str:
        return (
            f"{self.submitted} of {self.expected} submitted, {self.duplicates} duplicates, "
            f"{self.complete} with all {self.items} questions answered"
        )


def portal_verify(survey: PortalSurvey, respondents: int, items: Sequence[Item]) -> Verification:
    """Count the survey's responses: one submitted per respondent, none twice, every
    question answered once (a multiple choice by as many rows as options ticked)."""
    responses = Response.objects.filter(survey_id=survey.survey_pk)
    per_organisation = responses.values("organisation_id").annotate(n=Count("pk"))
    duplicates = sum(row["n"] - 1 for row in per_organisation if row["n"] > 1)
    repeated_rows = (
        Answer.objects.filter(response__survey_id=survey.survey_pk)
        .values("response_id", "question_id", "option_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    answered = responses.annotate(
        questions=Count("answers__question_id", distinct=True), rows=Count("answers")
    ).values_list("invitation_id", "questions", "rows")
    numbers = {r.invitation_pk: r.number for r in survey.respondents}
    complete = 0
    for invitation_pk, questions, rows in answered:
        number = numbers.get(invitation_pk)
        if number is None:
            continue  # not one of ours: not complete
        expected_rows = sum(
            len(a) if isinstance(a := chosen(item, p, number), list) else 1
            for p, item in enumerate(items)
        )
        complete += questions == len(items) and rows == expected_rows
    return Verification(
        expected=respondents,
        responses=responses.count(),
        submitted=responses.filter(status=Response.Status.SUBMITTED).count(),
        duplicates=duplicates + repeated_rows,
        complete=complete,
        items=len(items),
    )
