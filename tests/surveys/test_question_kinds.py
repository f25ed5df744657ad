"""The question form keeps to the chosen kind: a scale only for a scale question, options only
for single and multiple choice. Without JavaScript every field shows, so the server ignores
(and clears) what was sent in another kind's fields and requires the kind's own, at the field."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from surveys import services
from surveys.forms import QuestionForm
from surveys.models import Question, Scale, Survey

pytestmark = pytest.mark.django_db

NOT_SCALE = ["single", "multiple", "yes_no", "number", "text"]
NOT_CHOICE = ["scale", "yes_no", "number", "text"]


@pytest.fixture
def survey(world) -> Survey:
    survey = services.survey_create(council=world.own, title="Enkät 2024", audience=["kommun"])
    services.section_add(survey=survey, title="Bakgrund")
    return survey


def _url(name: str, survey: Survey, question: Question | None = None) -> str:
    kwargs = {"slug": survey.council.slug, "pk": survey.pk}
    if question is not None:
        kwargs["question_pk"] = question.pk
    return reverse(f"surveys:{name}", kwargs=kwargs)


def _scale() -> Scale:
    return Scale.objects.get(name="Kompetensutvecklingsbehov")


def _data(survey: Survey, kind: str, **changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "section": survey.sections.first().pk,
        "kind": kind,
        "text": "Frågan",
        "scale": _scale().pk,
        "options": "Ja\nNej",
    }
    data.update(changes)
    return data


def _form(survey: Survey, kind: str, **changes) -> QuestionForm:
    form = QuestionForm(_data(survey, kind, **changes), survey=survey)
    form.is_valid()
    return form


@pytest.mark.parametrize("kind", NOT_SCALE)
def test_a_scale_sent_with_another_kind_is_ignored_even_a_forged_one(survey, kind):
    for scale in (str(_scale().pk), "999999", "abc"):
        form = _form(survey, kind, scale=scale)
        assert "scale" not in form.errors, kind
        if form.is_valid():
            assert form.cleaned_data["scale"] is None


@pytest.mark.parametrize("kind", NOT_CHOICE)
def test_options_sent_with_another_kind_are_ignored_even_too_long_ones(survey, kind):
    for options in ("Ja\nNej", "Ett\n" + "x" * 301):
        form = _form(survey, kind, options=options)
        assert form.is_valid(), form.errors
        assert form.cleaned_data["options"] == []


def test_a_scale_question_needs_a_scale_and_a_real_one(survey):
    assert _form(survey, "scale", scale="").errors == {"scale": ["Välj en skala för skalfrågan."]}
    forged = _form(survey, "scale", scale="999999").errors
    assert list(forged) == ["scale"] and "Välj ett giltigt alternativ" in forged["scale"][0]
    assert _form(survey, "scale").cleaned_data["scale"] == _scale()


@pytest.mark.parametrize("kind", ["single", "multiple"])
def test_a_choice_needs_two_options_said_at_the_field(survey, kind):
    for options in ("", "Bara ett", "\n\n  \n"):
        errors = _form(survey, kind, options=options).errors
        assert errors == {"options": ["Skriv minst två svarsalternativ, ett per rad."]}
    too_long = _form(survey, kind, options="Ett\n" + "x" * 301).errors
    assert too_long == {"options": ["Alternativ 2 är längre än 300 tecken."]}
    assert _form(survey, kind, options="Ja\n\nNej\n").cleaned_data["options"] == ["Ja", "Nej"]


def test_an_unknown_kind_is_the_only_error(survey):
    assert list(_form(survey, "essay").errors) == ["kind"]


def test_a_yes_no_question_sent_with_every_field_filled_saves_only_its_own(survey, client_for):
    response = client_for("secretariat").post(_url("question_add", survey), _data(survey, "yes_no"))
    assert response.status_code == 302
    question = Question.objects.get(section__survey=survey)
    assert question.kind == "yes_no" and question.scale is None
    assert not question.options.exists()


def test_a_scale_question_without_a_scale_is_refused_at_the_field(survey, client_for):
    response = client_for("secretariat").post(
        _url("question_add", survey), _data(survey, "scale", scale="")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["scale"]
    assert "Välj en skala för skalfrågan." in response.content.decode()
    assert not Question.objects.filter(section__survey=survey).exists()


def test_changing_a_choice_into_a_number_clears_its_options(survey, client_for):
    question = services.question_add(
        section=survey.sections.first(), kind="single", text="Form?", options=["A", "B"]
    )
    data = _data(survey, "number", text="Hur många?", options="A\nB")
    data.pop("idempotency_key")
    response = client_for("secretariat").post(_url("question_edit", survey, question), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.kind == "number" and question.scale is None
    assert not question.options.exists()


def test_the_form_marks_which_kinds_each_field_belongs_to(survey, client_for):
    page = client_for("secretariat").get(_url("question_add", survey)).content.decode()
    assert 'data-question-kinds="scale"' in page
    assert 'data-question-kinds="single multiple"' in page
    assert 'data-question-kind=""' in page
    assert 'data-announce-shown="Visas nu: %(fields)s."' in page
    assert "js/question_form.js" in page
