"""The answer form in steps: one section per step, each step button saves the draft and
redirects (Post/Redirect/Get), a review of unanswered required questions before submitting,
the progress counted on the server, and the welcome back to a saved draft."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from surveys import services
from surveys.models import Answer, Question, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(world):
    """The own survey with a second section: step 1 Palliativ vård (a required scale item
    and a multiple choice; the universities' question is not asked of Arvika), step 2
    Utbildningens form (a required single choice and a number), step 3 the review."""
    own = world.extra["own_survey"]
    section = services.section_add(survey=own, title="Utbildningens form")
    single = services.question_add(
        section=section,
        kind=Question.Kind.SINGLE,
        text="Form",
        required=True,
        options=["Högskolestudier", "Uppdragsutbildning"],
    )
    number = services.question_add(section=section, kind=Question.Kind.NUMBER, text="Antal")
    return {
        "scale": world.extra["own_scale_item"],
        "multiple": Question.objects.get(section__survey=own, kind=Question.Kind.MULTIPLE),
        "single": single,
        "number": number,
    }


@pytest.fixture
def client(world) -> Client:
    client = Client()
    assert client.get(reverse("surveys:link", args=[world.extra["own_token"]])).status_code == 302
    return client


def _url(world, step: int | None = None) -> str:
    url = reverse("surveys:respond", args=[world.extra["own_invitation"].pk])
    return url if step is None else f"{url}?steg={step}"


def _response(world) -> Response:
    return Response.objects.get(invitation=world.extra["own_invitation"])


def _first_submit_button(html: str) -> str:
    form = html[html.index('id="respond-form"') :]
    return re.search(r"<button type=\"submit\"[^>]*>", form).group(0)


def test_the_form_shows_one_section_per_step_with_the_progress(world, survey, client):
    page = client.get(_url(world))
    html = page.content.decode()
    assert page.status_code == 200
    assert survey["scale"].text in html and survey["single"].text not in html
    assert "Steg 1 av 3" in html
    assert "0 av 4 besvarade" in html
    assert 'value="2"' in html and "Nästa" in html
    assert "Skicka in svaren" not in html
    # Enter in a text field presses the first submit button: it must lead on, not back.
    assert 'value="2"' in _first_submit_button(html)
    second = client.get(_url(world, 2)).content.decode()
    assert survey["single"].text in second and survey["scale"].text not in second
    assert "Steg 2 av 3" in second and "Föregående" in second


def test_next_saves_the_step_and_redirects_to_the_next_step(world, survey, client):
    step = survey["scale"].scale.steps.get(order=1)
    saved = client.post(_url(world), {"step": "1", "go": "2", f"q_{survey['scale'].pk}": step.pk})
    assert saved.status_code == 302
    assert saved["Location"] == _url(world, 2) + "#steg"
    assert _response(world).answers.get().step == step
    assert _response(world).status == Response.Status.DRAFT
    page = client.get(saved["Location"]).content.decode()
    assert "Dina svar är sparade" in page
    assert "1 av 4 besvarade" in page
    # The notice is for the page right after saving only.
    assert "Dina svar är sparade" not in client.get(saved["Location"]).content.decode()


def test_each_step_changes_only_its_own_answers_and_keeps_the_respondent(world, survey, client):
    scale_step = survey["scale"].scale.steps.get(order=2)
    option = survey["single"].options.first()
    client.post(_url(world), {"step": "1", "go": "2", f"q_{survey['scale'].pk}": scale_step.pk})
    client.post(
        _url(world),
        {
            "step": "2",
            "go": "3",
            f"q_{survey['single'].pk}": option.pk,
            f"q_{survey['number'].pk}": "12,5",
        },
    )
    client.post(
        _url(world),
        {"step": "3", "go": "3", "respondent_name": "Sara Holm", "respondent_role": "mas"},
    )
    # Back to step 1 and on again, with step 1's answers unchanged: nothing else moves.
    client.post(_url(world), {"step": "1", "go": "2", f"q_{survey['scale'].pk}": scale_step.pk})
    response = _response(world)
    assert (response.respondent_name, response.respondent_role) == ("Sara Holm", "mas")
    assert {a.question_id for a in response.answers.all()} == {
        survey["scale"].pk,
        survey["single"].pk,
        survey["number"].pk,
    }
    assert str(response.answers.get(question=survey["number"]).number) == "12.50"
    # A step sent with its choice cleared clears that answer only.
    client.post(_url(world), {"step": "2", "go": "1", f"q_{survey['number'].pk}": "12,5"})
    assert set(response.answers.values_list("question_id", flat=True)) == {
        survey["scale"].pk,
        survey["number"].pk,
    }


def test_the_overview_and_the_review_jump_to_a_step_and_question_saving_on_the_way(
    world, survey, client
):
    option = survey["single"].options.first()
    jumped = client.post(
        _url(world, 2), {"step": "2", "go": "1", f"q_{survey['single'].pk}": option.pk}
    )
    assert jumped["Location"] == _url(world, 1) + "#steg"
    to_question = client.post(
        _url(world, 3), {"step": "3", "go": f"1:{survey['scale'].pk}", "respondent_name": "Eva"}
    )
    assert to_question["Location"] == _url(world, 1) + f"#question-{survey['scale'].pk}"
    response = _response(world)
    assert response.respondent_name == "Eva"
    assert response.answers.get().option == option
    # "Spara" stays on the step; a go value that is not a step stays too.
    assert (
        client.post(_url(world), {"step": "2", "go": "2"})["Location"] == _url(world, 2) + "#steg"
    )
    assert (
        client.post(_url(world), {"step": "2", "go": "x"})["Location"] == _url(world, 2) + "#steg"
    )


def test_a_question_of_another_step_or_an_unknown_step_is_refused(world, survey, client):
    option = survey["single"].options.first()
    forged = client.post(
        _url(world), {"step": "1", "go": "2", f"q_{survey['single'].pk}": option.pk}
    )
    assert forged.status_code == 400
    assert client.post(_url(world), {"step": "9", "go": "2"}).status_code == 400
    assert not Response.objects.filter(invitation=world.extra["own_invitation"]).exists()


def test_a_wrong_number_shows_the_step_again_with_the_error_and_saves_nothing(
    world, survey, client
):
    page = client.post(_url(world, 2), {"step": "2", "go": "3", f"q_{survey['number'].pk}": "tolv"})
    assert page.status_code == 400
    html = page.content.decode()
    assert f'href="#question-{survey["number"].pk}"' in html
    assert "Steg 2 av 3" in html
    assert not Response.objects.filter(invitation=world.extra["own_invitation"]).exists()


def test_the_review_lists_unanswered_required_questions_and_submits_only_when_none_are_left(
    world, survey, client
):
    review = client.get(_url(world, 3)).content.decode()
    assert "Skicka in svaren" in review and "Nästa" not in review
    assert "2 obligatoriska frågor är inte besvarade" in review
    assert f'value="1:{survey["scale"].pk}"' in review
    assert f'value="2:{survey["single"].pk}"' in review
    assert survey["multiple"].text not in review  # not required

    refused = client.post(
        _url(world, 3), {"step": "3", "action": "submit", "respondent_name": "Sara"}
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Dina svar är sparade som utkast men inte inskickade." in html
    assert 'href="#review-missing"' in html
    assert _response(world).status == Response.Status.DRAFT
    assert _response(world).respondent_name == "Sara"

    step = survey["scale"].scale.steps.first()
    client.post(_url(world), {"step": "1", "go": "2", f"q_{survey['scale'].pk}": step.pk})
    client.post(
        _url(world),
        {"step": "2", "go": "3", f"q_{survey['single'].pk}": survey["single"].options.first().pk},
    )
    review = client.get(_url(world, 3)).content.decode()
    assert "Alla obligatoriska frågor är besvarade." in review
    done = client.post(_url(world, 3), {"step": "3", "action": "submit", "respondent_name": "Sara"})
    assert done.status_code == 302 and done["Location"].endswith("/kvitto/")
    response = _response(world)
    assert response.status == Response.Status.SUBMITTED
    assert response.respondent_name == "Sara"
    assert Answer.objects.filter(response=response).count() == 2


def test_coming_back_to_a_draft_welcomes_and_continues_at_the_first_unanswered_step(
    world, survey, client
):
    assert "Välkommen tillbaka" not in client.get(_url(world)).content.decode()
    step = survey["scale"].scale.steps.first()
    option = survey["multiple"].options.first()
    client.post(
        _url(world),
        {
            "step": "1",
            "go": "2",
            f"q_{survey['scale'].pk}": step.pk,
            f"q_{survey['multiple'].pk}": [option.pk],
        },
    )
    later = Client()
    opened = later.get(reverse("surveys:link", args=[world.extra["own_token"]]))
    page = later.get(opened["Location"])
    html = page.content.decode()
    date = formats.date_format(timezone.localtime(_response(world).updated_at), "j F Y")
    assert f"Välkommen tillbaka – dina svar från {date} är sparade." in html
    assert "Steg 2 av 3" in html  # step 1 is answered in full
    assert "2 av 4 besvarade" in html
    # Moving between steps is not coming back.
    assert "Välkommen tillbaka" not in later.get(_url(world, 1)).content.decode()


def test_the_form_on_one_page_still_saves_every_question(world, survey, client):
    """A post without a step (the form before it had steps, or a script) is the whole form."""
    option = survey["single"].options.first()
    step = survey["scale"].scale.steps.first()
    saved = client.post(
        _url(world),
        {
            "action": "save",
            "respondent_name": "Sara",
            f"q_{survey['scale'].pk}": step.pk,
            f"q_{survey['single'].pk}": option.pk,
        },
    )
    assert saved.status_code == 302
    assert _response(world).answers.count() == 2


def test_the_answer_pages_offer_no_login(world, survey, client):
    assert "Logga in" not in client.get(_url(world)).content.decode()
    assert "Logga in" not in client.get(_url(world, 3)).content.decode()
    wrong = Client().get(reverse("surveys:link", args=["fel" * 15]))
    assert wrong.status_code == 404 and "Logga in" not in wrong.content.decode()
    # Elsewhere the header still offers it.
    assert "Logga in" in Client().get(reverse("accessibility")).content.decode()


def test_a_step_page_runs_the_same_queries_however_many_answers_are_saved(world, survey, client):
    client.post(_url(world), {"step": "2", "go": "2", f"q_{survey['number'].pk}": "3"})
    client.get(_url(world, 2))  # the saved notice is taken from the session
    one = _count_queries(client, _url(world, 2))
    options = [o.pk for o in survey["multiple"].options.all()]
    client.post(
        _url(world),
        {
            "step": "1",
            "go": "2",
            f"q_{survey['multiple'].pk}": options,
            f"q_{survey['scale'].pk}": survey["scale"].scale.steps.first().pk,
        },
    )
    client.get(_url(world, 2))
    assert _count_queries(client, _url(world, 2)) == one


def _count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("raw", ["²", "١", "-1", "", "1e3", "999999"])
def test_a_step_number_that_is_not_plain_ascii_digits_is_no_step(raw):
    from surveys.views.respond import _number

    # "²".isdigit() is true, but int("²") fails: such a step is none, not a server error.
    assert _number(raw) is None


def test_a_step_number_of_ascii_digits_is_read():
    from surveys.views.respond import _number

    assert _number("2") == 2
