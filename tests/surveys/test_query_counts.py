"""The respondent's form and the results page run a fixed number of queries however many
questions a survey has: the answer form's GET at most 10, a draft save and the submit of
every answer at most 25, and the same for a survey of 10 items as for one of 40; the results
page the same for 10 items and 3 responses as for 40 items and 8."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Organisation
from surveys import services
from surveys.models import Answer, Invitation, Question, Response, Scale, Survey

pytestmark = pytest.mark.django_db

THEMES = ["Palliativ vård", "Demens", "Psykisk ohälsa", "Nutrition", "Läkemedel", "Sårvård"]
# The steps of the form: a theme each, the form's own questions, the review.
REVIEW_STEP = len(THEMES) + 2
GET_BUDGET, SAVE_BUDGET = 10, 25


@dataclass
class Built:
    survey: Survey
    invitation: Invitation
    token: str
    questions: list[Question]


def build_survey(world, items: int, *, title: str = "Kompetensbehov") -> Built:
    """An open survey like the competence inventory: `items` required scale items in six
    themes, then a section with a single choice, a multiple choice, a yes/no, a number and a
    free text; Arvika invited, with a link."""
    scale = Scale.objects.get(name="Kompetensutvecklingsbehov")
    survey = services.survey_create(council=world.own, title=title, audience=["kommun"])
    sections = [services.section_add(survey=survey, title=theme) for theme in THEMES]
    for number in range(items):
        section = sections[number % len(sections)]
        services.question_add(
            section=section, kind=Question.Kind.SCALE, scale=scale, required=True,
            text=f"{section.title}: område {number // len(sections) + 1}",
        )  # fmt: skip
    form = services.section_add(survey=survey, title="Utbildningens form")
    services.question_add(
        section=form, kind=Question.Kind.SINGLE, text="I vilken form?", required=True,
        options=["Högskolestudier", "Uppdragsutbildning"],
    )  # fmt: skip
    services.question_add(
        section=form, kind=Question.Kind.MULTIPLE, text="Upplägg",
        options=["Distans", "På plats", "Komprimerat", "Föreläsningar", "Seminarium"],
    )  # fmt: skip
    services.question_add(section=form, kind=Question.Kind.YES_NO, text="Kursavgift?")
    services.question_add(section=form, kind=Question.Kind.NUMBER, text="Dagar per år?")
    services.question_add(section=form, kind=Question.Kind.TEXT, text="Annat behov?")
    services.survey_update(survey=survey, status="open")
    (invitation,) = services.invitations_create(
        survey=survey, organisations=[world.organisations["arvika"]]
    )
    token = services.invitation_issue_link(invitation=invitation).token
    questions = list(
        Question.objects.filter(section__survey=survey)
        .select_related("scale")
        .prefetch_related("options", "scale__steps")
        .order_by("section__order", "order")
    )
    return Built(survey, invitation, token, questions)


def answer_values(built: Built, turn: int = 0) -> dict[int, object]:
    """An answer to every question, as the service takes them (`turn` varies them)."""
    values: dict[int, object] = {}
    for number, question in enumerate(built.questions):
        options = list(question.options.all())
        if question.kind == Question.Kind.SCALE:
            steps = list(question.scale.steps.all())
            values[question.pk] = steps[(number + turn) % len(steps)]
        elif question.kind == Question.Kind.SINGLE:
            values[question.pk] = options[turn % 2]
        elif question.kind == Question.Kind.MULTIPLE:
            values[question.pk] = options[turn % 2 :: 2]
        elif question.kind == Question.Kind.YES_NO:
            values[question.pk] = bool(turn % 2)
        elif question.kind == Question.Kind.NUMBER:
            values[question.pk] = Decimal(turn + 2)
        else:
            values[question.pk] = f"Sårvård, omgång {turn}"
    return values


def every_answer(built: Built, turn: int = 0) -> dict:
    """The form's POST answering every question."""
    data = {"respondent_name": "Sara Holm", "respondent_role": "mas"}
    for pk, value in answer_values(built, turn).items():
        if isinstance(value, list):
            data[f"q_{pk}"] = [option.pk for option in value]
        elif isinstance(value, bool):
            data[f"q_{pk}"] = "ja" if value else "nej"
        else:
            data[f"q_{pk}"] = getattr(value, "pk", value)
    return data


def _rows(built: Built, turn: int) -> int:
    """The answer rows that answering every question saves: one per option chosen."""
    values = answer_values(built, turn).values()
    return sum(len(value) if isinstance(value, list) else 1 for value in values)


def _step_data(built: Built, step: int, *, turn: int) -> dict:
    """Step `step`'s answers (its section's questions) and the button leading on."""
    section = built.survey.sections.order_by("order", "pk")[step - 1]
    keys = {f"q_{q.pk}" for q in built.questions if q.section_id == section.pk}
    data = {key: value for key, value in every_answer(built, turn).items() if key in keys}
    return {**data, "step": str(step), "go": str(step + 1)}


def _url(built: Built, step: int | None = None) -> str:
    url = reverse("surveys:respond", args=[built.invitation.pk])
    return url if step is None else f"{url}?steg={step}"


def _flow(built: Built, measure) -> None:
    """The respondent's flow, each request inside measure(name): the link's first page, a
    draft of every answer, a step with the draft, the review, a step saved, the submit."""
    client = Client()
    assert client.get(reverse("surveys:link", args=[built.token])).status_code == 302
    with measure("first GET"):
        assert client.get(_url(built)).status_code == 200
    with measure("draft save"):
        saved = client.post(_url(built), {**every_answer(built), "action": "save"})
    # Post/Redirect/Get: the draft is shown by a GET, which says it was saved.
    assert saved.status_code == 302 and saved["Location"] == _url(built, 1) + "#steg"
    assert "Dina svar är sparade" in client.get(saved["Location"]).content.decode()
    with measure("GET with a draft"):
        page = client.get(_url(built, 1))
    assert page.status_code == 200 and "Dina svar är sparade" not in page.content.decode()
    with measure("review GET"):
        page = client.get(_url(built, REVIEW_STEP))
    assert "Alla obligatoriska frågor är besvarade." in page.content.decode()
    with measure("step save"):
        saved = client.post(_url(built, 1), _step_data(built, 1, turn=1))
    assert saved.status_code == 302 and saved["Location"] == _url(built, 2) + "#steg"
    with measure("second draft save"):
        saved = client.post(_url(built), {**every_answer(built, 1), "action": "save"})
    assert saved.status_code == 302
    with measure("submit"):
        done = client.post(_url(built), {**every_answer(built, 2), "action": "submit"})
    assert done.status_code == 302 and done["Location"].endswith("/kvitto/")
    response = Response.objects.get(invitation=built.invitation)
    assert response.status == Response.Status.SUBMITTED
    assert Answer.objects.filter(response=response).count() == _rows(built, 2)


def _counts(built: Built, flow=_flow) -> dict[str, int]:
    counts: dict[str, int] = {}

    class measure:
        def __init__(self, name: str):
            self.name, self.captured = name, CaptureQueriesContext(connection)

        def __enter__(self):
            self.captured.__enter__()

        def __exit__(self, *exc):
            self.captured.__exit__(*exc)
            counts[self.name] = len(self.captured)

    flow(built, measure)
    return counts


def test_the_answer_form_and_its_saves_stay_within_their_query_budgets(
    world, django_assert_max_num_queries
):
    budgets = {"first GET": GET_BUDGET, "GET with a draft": GET_BUDGET,
               "review GET": GET_BUDGET}  # fmt: skip

    def measure(name: str):
        return django_assert_max_num_queries(budgets.get(name, SAVE_BUDGET))

    _flow(build_survey(world, 40), measure)


def test_the_answer_form_takes_as_many_queries_for_10_items_as_for_40(world):
    small = _counts(build_survey(world, 10, title="Liten"))
    large = _counts(build_survey(world, 40, title="Stor"))
    assert small == large


def test_a_step_with_an_error_shows_again_with_the_saved_answers_and_saves_nothing(world):
    """A post that does not save reads the saved answers after all, to show the step."""
    built = build_survey(world, 12)
    client = Client()
    client.get(reverse("surveys:link", args=[built.token]))
    client.post(_url(built), {**every_answer(built), "action": "save"})
    number = next(q for q in built.questions if q.kind == Question.Kind.NUMBER)
    before = set(Answer.objects.values_list("pk", flat=True))
    page = client.post(_url(built, 7), {**_step_data(built, 7, turn=1), f"q_{number.pk}": "tolv"})
    assert page.status_code == 400
    html = page.content.decode()
    assert f'href="#question-{number.pk}"' in html
    # Every question has its saved answer: the progress counts them all.
    assert f"{len(built.questions)} av {len(built.questions)} besvarade" in html
    assert set(Answer.objects.values_list("pk", flat=True)) == before


# ---------------------------------------------------------------- the results page


def _submitted(world, built: Built, count: int) -> None:
    """`count` municipalities of the council's region submit an answer to every question."""
    for number in range(count):
        organisation = Organisation.objects.create(
            kind=Organisation.Kind.MUNICIPALITY, code=f"8{built.survey.pk:03d}{number:02d}",
            name=f"Kommun {built.survey.pk}-{number}", lan_code="17" if number % 2 else "18",
            lan_name="Län",
        )  # fmt: skip
        organisation.healthcare_regions.add(world.own.healthcare_region)
        (invitation,) = services.invitations_create(
            survey=built.survey, organisations=[organisation]
        )
        services.response_save(
            invitation=invitation, answers=answer_values(built, number), submit=True
        )


def _results_queries(client: Client, built: Built, query: str = "") -> int:
    url = reverse("surveys:results", kwargs={"slug": "mellansverige", "pk": built.survey.pk})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url + query).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?lan=17", "?typ=kommun"])
def test_the_results_page_takes_as_many_queries_for_10_items_as_for_40(world, client_for, query):
    small, large = build_survey(world, 10, title="Liten"), build_survey(world, 40, title="Stor")
    _submitted(world, small, 3)
    _submitted(world, large, 8)
    client = client_for("member")
    _results_queries(client, small)  # the session's first request also writes it
    assert _results_queries(client, small, query) == _results_queries(client, large, query)
    assert _results_queries(client, large, query) <= 20
