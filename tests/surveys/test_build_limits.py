"""What the building forms refuse at the field, with a message, so that nothing is stored that
breaks a page later: dates outside 2000–2100 (year 1 is stored as 1 BC on PostgreSQL and then
every page of the survey fails) and texts longer than the models hold."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from surveys import services
from surveys.models import Question, Section, Survey
from vkr_portal import bounds

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Ange ett datum mellan 2000-01-01 och 2100-12-31."


@pytest.fixture
def survey(world) -> Survey:
    survey = services.survey_create(council=world.own, title="Enkät 2025", audience=["kommun"])
    services.section_add(survey=survey, title="Bakgrund")
    return survey


def _url(name: str, survey: Survey) -> str:
    return reverse(f"surveys:{name}", kwargs={"slug": survey.council.slug, "pk": survey.pk})


def _settings(survey: Survey, **changes) -> dict:
    data = {"title": survey.title, "intro": "", "audience": ["kommun"], "status": "open",
            "opens_at": "", "closes_at": ""}  # fmt: skip
    data.update(changes)
    return data


@pytest.mark.parametrize("field", ["opens_at", "closes_at"])
@pytest.mark.parametrize("value", ["0001-01-01T00:00", "1999-12-31T23:00", "9999-12-31T23:59"])
def test_a_date_outside_the_range_is_refused_at_its_field_and_nothing_breaks(
    survey, client_for, field, value
):
    client = client_for("secretariat")
    response = client.post(_url("edit", survey), _settings(survey, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [OUT_OF_RANGE]
    assert OUT_OF_RANGE in response.content.decode()
    survey.refresh_from_db()
    assert (survey.opens_at, survey.closes_at, survey.status) == (None, None, "draft")
    for page in ("detail", "results", "builder", "recipients"):
        assert client.get(_url(page, survey)).status_code == 200
    assert client.get(reverse("surveys:list", args=[survey.council.slug])).status_code == 200
    admin = client_for("admin").get(reverse("admin:surveys_survey_changelist"))
    assert admin.status_code == 200


def test_a_new_survey_with_year_one_is_not_created(world, client_for):
    url = reverse("surveys:create", args=[world.own.slug])
    data = {"start_from": "", "title": "År ett", "audience": ["kommun"],
            "opens_at": "0001-01-01T00:00", "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    response = client_for("secretariat").post(url, data)
    assert response.status_code == 200 and "opens_at" in response.context["form"].errors
    assert not Survey.objects.filter(title="År ett").exists()


def test_dates_inside_the_range_are_saved(survey, client_for):
    data = _settings(survey, opens_at="2026-03-01T08:00", closes_at="2026-03-31T17:00")
    assert client_for("secretariat").post(_url("edit", survey), data).status_code == 302
    survey.refresh_from_db()
    assert survey.opens_at.year == survey.closes_at.year == 2026


def test_the_intro_is_held_to_the_models_limit(survey, client_for):
    client = client_for("secretariat")
    long = "x" * (bounds.TEXT_LONG + 1)
    response = client.post(_url("edit", survey), _settings(survey, intro=long))
    assert "intro" in response.context["form"].errors
    assert 'maxlength="4000"' in response.content.decode()
    survey.refresh_from_db()
    assert survey.intro == ""


def test_section_and_question_texts_are_held_to_the_models_limits(survey, client_for):
    client = client_for("secretariat")
    too_long = "x" * (bounds.TEXT_MEDIUM + 1)
    data = {"title": "Demens", "description": too_long, "idempotency_key": str(uuid.uuid4())}
    response = client.post(_url("section_add", survey), data)
    assert response.status_code == 200 and "description" in response.context["section_form"].errors
    assert not Section.objects.filter(title="Demens").exists()
    question = {"section": survey.sections.get().pk, "kind": "text", "text": "Vad saknas?",
                "help_text": too_long, "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    response = client.post(_url("question_add", survey), question)
    assert "help_text" in response.context["form"].errors
    assert not Question.objects.filter(text="Vad saknas?").exists()


def test_an_option_longer_than_its_column_is_refused_with_a_message(survey, client_for):
    data = {"section": survey.sections.get().pk, "kind": "single", "text": "Form?",
            "options": "Distans\n" + "y" * 301, "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    response = client_for("secretariat").post(_url("question_add", survey), data)
    assert response.status_code == 200
    assert response.context["form"].errors["options"] == ["Alternativ 2 är längre än 300 tecken."]
    assert 'maxlength="4000"' in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.question_add(section=survey.sections.get(), kind="single", text="Form?",
                              options=["Distans", "y" * 301])  # fmt: skip
    assert "options" in refused.value.error_dict
    assert not Question.objects.filter(text="Form?").exists()
