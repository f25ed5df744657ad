"""Benchmark scenario for survey results (registered with vkr_portal.benchmarking).

The surveys' structure is built through the services; invitations come from
`invitations_create`, and the submitted responses and their answers are bulk-created, as
`responses_import` does, since 100 000 answers through `response_save` would take minutes.
The after-submission variants submit their one more response each through `response_save`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from councils import services as council_services
from councils.models import Council, Membership, Organisation, User
from surveys.selectors import result_blocks
from vkr_portal.benchmarking import Baseline, BenchmarkError, Hook, TimedRequest, registry
from vkr_portal.benchmarking.floors import floor_url
from vkr_portal.benchmarking.queues import tasks_queued_not_run

from . import selectors, services
from .builtin import COMPETENCE
from .defaults import DEFAULT_SCALE_NAME as DEFAULT_SCALE
from .models import Answer, Invitation, Option, Question, Response, Scale, ScaleStep, Survey

COUNCIL_SLUG = "mellansverige"
MUNICIPALITIES = 290
ITEMS, SECTIONS = 40, 7
BIG_ITEMS, BIG_SECTIONS = 345, 15
LAN_CODE = "17"  # Värmland, in Mellansverige: 16 of the 290 municipalities
SEED = 1
RESULTS_FLOOR = "fair floor: counts per question and step or option, one aggregate query, tables"
ROUND_FLOOR = "fair floor: the response rate's counts, one aggregate query, a table"
WARM = "the same page warm, in the same rounds"
# The goals: cold at most 1.5 × warm; the first view after a submission in ms.
COLD_GOAL = 1.5
AFTER_SUBMISSION_GOAL_MS, BIG_AFTER_SUBMISSION_GOAL_MS = 100.0, 250.0
# Memos the results page keeps in this process besides Django's cache, cleared for "cold".
COLD_RESETS: list[Hook] = [result_blocks.percent_text_forget, selectors.structure_forget]

# The themes and form questions of the competence inventory (surveys.builtin).
THEMES = [section.title for section in COMPETENCE.sections if section.questions[0].kind == "scale"]
BIG_THEMES = [
    *THEMES, "Läkemedel", "Rehabilitering", "Psykiatri", "Barn och unga", "Digital vård",
    "Patientsäkerhet", "Missbruk och beroende", "Äldres hälsa",
]  # fmt: skip
FORM = COMPETENCE.sections[-1].questions  # single choice, multiple choice (5 options), text
TEXT_ANSWERS = [
    "Sårbehandling för undersköterskor.",
    "Läkemedelshantering vid delegering, och uppföljning av den.",
    "Suicidprevention i hemsjukvården.",
    "Inget utöver det listade.",
    "Kommunikation med anhöriga i livets slutskede.",
]


def multiple_choices(number: int) -> int:
    """How many options the `number`th respondent (from 0) ticks: 1, 2, 3, 4, 1, 2, …"""
    return number % 4 + 1


def answer_counts(organisations: int, items: int, big_items: int) -> tuple[int, int]:
    """The answer rows of the two surveys: every item, one option of the single choice,
    1-4 of the multiple choice, the free text; and every item of the big survey."""
    multiple = sum(multiple_choices(number) for number in range(organisations))
    return organisations * (items + 1 + 1) + multiple, organisations * big_items


def _spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


ANSWERS, BIG_ANSWERS = answer_counts(MUNICIPALITIES, ITEMS, BIG_ITEMS)


def _survey_build(
    council: Council, title: str, themes: Sequence[str], items: int, *, form: bool
) -> Survey:
    """A closed survey of `items` scale items spread over the themes, and the form questions."""
    scale = Scale.objects.get(name=DEFAULT_SCALE)
    survey = services.survey_create(
        council=council, title=title, intro=COMPETENCE.intro, audience=COMPETENCE.audience
    )
    sections = [services.section_add(survey=survey, title=theme) for theme in themes]
    for number in range(items):
        section = sections[number % len(sections)]
        services.question_add(
            section=section,
            kind=Question.Kind.SCALE,
            text=f"{section.title}: område {number // len(sections) + 1}",
            help_text="Kunskap, förhållningssätt och arbetssätt inom området.",
            required=True,
            scale=scale,
        )
    if form:
        section = services.section_add(survey=survey, title=COMPETENCE.sections[-1].title)
        for question in FORM:
            services.question_add(
                section=section, kind=question.kind, text=question.text,
                help_text=question.help_text, required=question.required,
                options=question.options,
            )  # fmt: skip
    opens_at = timezone.make_aware(datetime(2025, 9, 1, 8))
    services.survey_update(
        survey=survey,
        status=Survey.Status.CLOSED,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=45),
    )
    return survey


def _responses_submit(survey: Survey, organisations: list[Organisation], rng: random.Random) -> int:
    """Invite the organisations and give each a submitted response answering every question;
    return the number of answer rows."""
    invitations = services.invitations_create(
        survey=survey,
        organisations=organisations,
        emails={org.pk: [f"kontakt@{org.code}.example.se"] for org in organisations},
    )
    opens_at = survey.opens_at
    # Mailed on the day the survey opened: the response rate counts mailed invitations.
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=opens_at)
    roles = Response.Role.values
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            organisation=invitation.organisation,
            invitation=invitation,
            respondent_name=f"Svarande {invitation.organisation.short_name}",
            respondent_role=roles[number % len(roles)],
            status=Response.Status.SUBMITTED,
            started_at=opens_at + timedelta(days=number % 30),
            submitted_at=opens_at + timedelta(days=number % 30, hours=2),
        )
        for number, invitation in enumerate(invitations)
    )
    questions = list(
        Question.objects.filter(section__survey=survey).order_by("section__order", "order")
    )
    steps = list(
        ScaleStep.objects.filter(scale__name=DEFAULT_SCALE)
        .order_by("order")
        .values_list("pk", flat=True)
    )
    options: dict[int, list[int]] = {}
    for question_id, option_id in Option.objects.filter(
        question__section__survey=survey
    ).values_list("question_id", "pk"):
        options.setdefault(question_id, []).append(option_id)
    # Each item leans its own way, so the charts' bars differ.
    leanings = {q.pk: [rng.random() + 0.1 for _step in steps] for q in questions}
    rows: list[Answer] = []
    for number, response in enumerate(responses):
        for question in questions:
            kind, pk = question.kind, question.pk
            if kind == Question.Kind.SCALE:
                (step,) = rng.choices(steps, weights=leanings[pk])
                rows.append(Answer(response_id=response.pk, question_id=pk, step_id=step))
            elif kind == Question.Kind.SINGLE:
                option = rng.choice(options[pk])
                rows.append(Answer(response_id=response.pk, question_id=pk, option_id=option))
            elif kind == Question.Kind.MULTIPLE:
                chosen = rng.sample(options[pk], multiple_choices(number))
                rows += [
                    Answer(response_id=response.pk, question_id=pk, option_id=o) for o in chosen
                ]
            else:
                text = TEXT_ANSWERS[number % len(TEXT_ANSWERS)]
                rows.append(Answer(response_id=response.pk, question_id=pk, text=text))
    Answer.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _member(council: Council) -> User:
    member = council_services.person_get_or_create(
        email=f"benchmark-enkater@{council.slug}.example.se",
        full_name=f"Benchmark enkäter {council.short_name}",
    )
    council_services.membership_create(
        council=council, user=member, role=Membership.Role.MEMBER, party=Membership.Party.REGIONS
    )
    return member


def cold() -> None:
    """Forget what the results page keeps between requests: Django's cache, and any memo."""
    cache.clear()
    for reset in COLD_RESETS:
        reset()


class Submitter:
    """Per call, one more organisation (new, of the council's län) is invited and submits a
    response to every question of the survey through `response_save`, as by its link."""

    def __init__(self, survey: Survey, council: Council, rng: random.Random, prefix: str):
        self.survey, self.council, self.rng, self.prefix = survey, council, rng, prefix
        self.count = 0
        self.questions: list[Question] = []

    def open(self) -> None:
        """Open the survey again (it was closed), until a month from now."""
        services.survey_update(
            survey=self.survey,
            status=Survey.Status.OPEN,
            closes_at=timezone.now() + timedelta(days=30),
        )
        self.questions = list(
            Question.objects.filter(section__survey=self.survey)
            .select_related("scale")
            .prefetch_related("scale__steps", "options")
            .order_by("section__order", "order")
        )

    def _value(self, question: Question, number: int):
        if question.kind == Question.Kind.SCALE:
            return self.rng.choice(list(question.scale.steps.all()))
        options = list(question.options.all())
        if question.kind == Question.Kind.SINGLE:
            return self.rng.choice(options)
        if question.kind == Question.Kind.MULTIPLE:
            return self.rng.sample(options, multiple_choices(number))
        return TEXT_ANSWERS[number % len(TEXT_ANSWERS)]

    def __call__(self) -> None:
        self.count += 1
        organisation = Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY,
            code=f"{self.prefix}{self.count:04d}",
            name=f"Benchmark kommun {self.prefix}{self.count}",
            lan_code=LAN_CODE,
        )
        organisation.healthcare_regions.add(self.council.healthcare_region_id)
        (invitation,) = services.invitations_create(
            survey=self.survey,
            organisations=[organisation],
            emails={organisation.pk: [f"kontakt@{organisation.code}.example.se"]},
        )
        answers = {q.pk: self._value(q, self.count) for q in self.questions}
        response = services.response_save(
            invitation=invitation, answers=answers, respondent_name="Ny svarande",
            respondent_role=Response.Role.values[0], submit=True,
        )  # fmt: skip
        if response.status != Response.Status.SUBMITTED:
            raise BenchmarkError(f"The submission left {response.missing_required} unanswered")

    def before_the_worker(self) -> None:
        """A submission whose Celery tasks are queued and not run."""
        with tasks_queued_not_run():
            self()


@registry.scenario(
    "survey-results",
    title="Survey results",
    description=(
        f"Two closed surveys of the Mellansverige council, each answered by all {MUNICIPALITIES} "
        f"municipalities of Sweden (invited and submitted). The first has {ITEMS} items on the "
        f"four-step scale in {SECTIONS} themes plus a single choice, a multiple choice (5 "
        f"options, 1-4 ticked) and a free text: {_spaced(ANSWERS)} answers. The second has "
        f"{BIG_ITEMS} items in {BIG_SECTIONS} themes: {_spaced(BIG_ANSWERS)} answers. Requested "
        f"by a member of the council; the filtered page counts Värmland (län {LAN_CODE}, 16 "
        "municipalities). The results pages' fair floor is the counts per question and scale "
        "step and per question and option in one aggregate query, as tables; the round "
        "overview's the counts of its response rate (invited, mailed, submitted, drafts) in "
        "one aggregate query. The page draws its charts on every request and caches "
        "nothing but a memo of percentage texts. Warm: after the warm-ups. "
        "**Cold**: before each timed request Django's cache "
        "is cleared, and any memo of the process (`COLD_RESETS`); its row under it is the "
        "page warm, timed in the same rounds (cold ÷ warm). **After one new submission**: the "
        "surveys are opened again and before each timed request one more municipality (new, "
        f"of län {LAN_CODE}) is invited and submits every question through `response_save`; "
        "its Celery tasks run within the submission (eager, as without a broker), or, on the "
        "second row, are queued and not run (the worker has not got to them yet). These come "
        "last: each adds responses."
    ),
)
def survey_results_setup(
    *,
    council_slug: str = COUNCIL_SLUG,
    organisations: int | QuerySet[Organisation] = MUNICIPALITIES,
    items: int = ITEMS,
    sections: int = SECTIONS,
    big_items: int = BIG_ITEMS,
    big_sections: int = BIG_SECTIONS,
    lan_code: str = LAN_CODE,
) -> list[TimedRequest]:
    """Build the two surveys and their responses; time their results and the round overview.

    `organisations`: the respondents, or how many municipalities (by code) answer.
    """
    council = Council.objects.filter(slug=council_slug).first()
    if isinstance(organisations, int):
        wanted = organisations
        organisations = Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY)
    else:
        wanted = organisations.count()
    respondents = list(organisations.order_by("code")[:wanted])
    if council is None or not respondents or len(respondents) < wanted:
        raise BenchmarkError(
            f"The council {council_slug!r} or the municipalities are missing: load the "
            "reference data"
        )
    if sections > len(THEMES) or big_sections > len(BIG_THEMES):
        raise BenchmarkError(f"At most {len(THEMES)} and {len(BIG_THEMES)} themes")
    if not Organisation.objects.filter(
        healthcare_regions=council.healthcare_region_id, lan_code=lan_code
    ).exists():
        # The results form would drop the filter, and time the unfiltered page under its name.
        raise BenchmarkError(f"No län {lan_code} among the council's organisations")
    if not Scale.objects.filter(name=DEFAULT_SCALE).exists():
        raise BenchmarkError(f"The scale {DEFAULT_SCALE!r} is missing: migrate")
    rng = random.Random(SEED)
    with transaction.atomic():
        member = _member(council)
        survey = _survey_build(
            council, "Inventering av kompetensutvecklingsbehov 2025", THEMES[:sections], items,
            form=True,
        )  # fmt: skip
        answers = _responses_submit(survey, respondents, rng)
    # A transaction of its own: 100 000 rows, one commit.
    with transaction.atomic():
        big = _survey_build(
            council, "100 000 svar", BIG_THEMES[:big_sections], big_items, form=False
        )
        big_answers = _responses_submit(big, respondents, rng)

    def results(target: Survey) -> str:
        return reverse("surveys:results", kwargs={"slug": council.slug, "pk": target.pk})

    def floor(target: Survey, query: str = "") -> Baseline:
        url = floor_url("results", pk=target.pk, query=query)
        return Baseline(RESULTS_FLOOR, url, is_floor=True)

    detail = reverse("surveys:detail", kwargs={"slug": council.slug, "pk": survey.pk})
    round_floor = Baseline(ROUND_FLOOR, floor_url("round", pk=survey.pk), is_floor=True)
    size = f"{len(respondents)} × {items} items, {_spaced(answers)} answers"
    big_size = f"{len(respondents)} × {big_items} items, {_spaced(big_answers)} answers"
    lan = f"lan={lan_code}"
    warm = [
        TimedRequest(f"results, {size}", results(survey), member, (floor(survey),)),
        TimedRequest(
            f"results, län {lan_code} only",
            f"{results(survey)}?{lan}",
            member,
            (floor(survey, lan),),
        ),  # fmt: skip
        TimedRequest("round overview", detail, member, (round_floor,)),
        TimedRequest(f"results, {big_size}", results(big), member, (floor(big),)),
    ]
    cold_pages = [
        TimedRequest(
            f"cold: results, {label} (caches cleared before each)",
            results(target),
            member,
            (Baseline(WARM, results(target), goal=COLD_GOAL),),
            before=cold,
        )  # fmt: skip
        for label, target in ((size, survey), (big_size, big))
    ]
    after = []
    for label, target, goal, prefix in (
        (size, survey, AFTER_SUBMISSION_GOAL_MS, "B"),
        (big_size, big, BIG_AFTER_SUBMISSION_GOAL_MS, "C"),
    ):
        submit = Submitter(target, council, random.Random(SEED), prefix)
        after += [
            TimedRequest(
                f"after one new submission (its tasks run): results, {label}", results(target),
                member, (Baseline(WARM, results(target)),), prepare=submit.open, before=submit,
                goal_ms=goal,
            ),
            TimedRequest(
                f"after one new submission, its tasks not yet run: results, {label}",
                results(target), member, (Baseline(WARM, results(target)),),
                before=submit.before_the_worker, goal_ms=goal,
            ),
        ]  # fmt: skip
    return warm + cold_pages + after
