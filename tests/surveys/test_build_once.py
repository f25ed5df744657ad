"""The forms that create (a survey, empty or from a built-in, a copy, a section, a question)
carry a one-time key: the same POST twice creates one thing, and the repeat is sent to what
the first one created with a message, not to an error page. The parallel case is in
tests/integration/test_survey_double_submits.py."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from surveys import services
from surveys.models import Question, Section, Survey

pytestmark = pytest.mark.django_db

ALREADY = "Formuläret var redan skickat, så inget nytt har skapats."


@pytest.fixture
def secretariat(client_for) -> Client:
    return client_for("secretariat")


@pytest.fixture
def survey(world) -> Survey:
    survey = services.survey_create(council=world.own, title="Enkät 2025", audience=["kommun"])
    services.section_add(survey=survey, title="Bakgrund")
    return survey


def _url(name: str, survey: Survey) -> str:
    return reverse(f"surveys:{name}", kwargs={"slug": survey.council.slug, "pk": survey.pk})


def _keys(html: str) -> list[str]:
    return re.findall(r'name="idempotency_key" value="([0-9a-f-]{36})"', html)


def _twice(client: Client, url: str, data: dict):
    """The same form sent twice, as a double click or a resent POST does."""
    first = client.post(url, data)
    second = client.post(url, data, follow=True)
    return first, second


def test_every_creating_form_carries_a_fresh_key(world, survey, secretariat):
    create = secretariat.get(reverse("surveys:create", args=[world.own.slug])).content.decode()
    assert len(_keys(create)) == 1
    builder = secretariat.get(_url("builder", survey)).content.decode()
    keys = _keys(builder)  # the copy button, the new question and the new section
    assert len(keys) == 3 and len(set(keys)) == 3
    assert _keys(secretariat.get(_url("builder", survey)).content.decode())[0] != keys[0]
    assert len(_keys(secretariat.get(_url("question_add", survey)).content.decode())) == 1


@pytest.mark.parametrize("start_from", ["", "kompetensutveckling"])
def test_a_survey_is_created_once(world, secretariat, start_from):
    url = reverse("surveys:create", args=[world.own.slug])
    data = {"start_from": start_from, "title": "Behov 2026", "audience": ["kommun"],
            "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    first, second = _twice(secretariat, url, data)
    created = Survey.objects.get(council=world.own, title="Behov 2026")  # one, not two
    assert first["Location"] == _url("builder", created)
    assert second.redirect_chain == [(_url("builder", created), 302)]
    assert ALREADY in second.content.decode()
    if start_from:
        sections = Section.objects.filter(survey__title="Behov 2026").count()
        assert sections == created.sections.count() > 0


def test_a_copy_is_made_once(survey, secretariat):
    data = {"idempotency_key": str(uuid.uuid4())}
    first, second = _twice(secretariat, _url("copy", survey), data)
    copy = Survey.objects.get(copied_from=survey)
    assert second.redirect_chain == [(_url("builder", copy), 302)]
    assert ALREADY in second.content.decode()
    assert secretariat.post(_url("copy", survey), {"idempotency_key": str(uuid.uuid4())})
    assert Survey.objects.filter(copied_from=survey).count() == 2  # a new form: a new copy


def test_a_copy_without_its_key_copies_nothing_and_says_why(survey, secretariat):
    response = secretariat.post(_url("copy", survey), follow=True)
    assert response.redirect_chain == [(_url("builder", survey), 302)]
    assert "Formuläret saknar sin engångsnyckel" in response.content.decode()
    assert not Survey.objects.filter(copied_from=survey).exists()


def test_a_section_is_added_once(survey, secretariat):
    data = {"title": "Demens", "idempotency_key": str(uuid.uuid4())}
    first, second = _twice(secretariat, _url("section_add", survey), data)
    section = survey.sections.get(title="Demens")
    anchor = _url("builder", survey) + f"#section-{section.pk}"
    assert first["Location"] == anchor
    assert second.redirect_chain == [(anchor, 302)]
    assert ALREADY in second.content.decode()


def test_a_question_is_added_once(survey, secretariat):
    data = {"section": survey.sections.get().pk, "kind": "single", "text": "I vilken form?",
            "options": "Distans\nPå plats", "idempotency_key": str(uuid.uuid4())}  # fmt: skip
    first, second = _twice(secretariat, _url("question_add", survey), data)
    question = Question.objects.get(section__survey=survey, text="I vilken form?")
    assert list(question.options.values_list("label", flat=True)) == ["Distans", "På plats"]
    anchor = _url("builder", survey) + f"#question-{question.pk}"
    assert second.redirect_chain == [(anchor, 302)]
    assert ALREADY in second.content.decode()


def test_a_refused_form_can_be_sent_again_with_its_key(survey, secretariat):
    """A key is spent only by what was created: after a form error the same form may come."""
    key = str(uuid.uuid4())
    data = {"section": survey.sections.get().pk, "kind": "single", "text": "Form?",
            "options": "Bara ett", "idempotency_key": key}  # fmt: skip
    refused = secretariat.post(_url("question_add", survey), data)
    assert refused.status_code == 200 and _keys(refused.content.decode()) == [key]
    data["options"] = "Ett\nTvå"
    assert secretariat.post(_url("question_add", survey), data).status_code == 302
    assert Question.objects.filter(section__survey=survey, text="Form?").count() == 1


def test_the_services_refuse_a_key_twice_but_work_without_one(survey, world):
    from idempotency.services import AlreadySubmitted

    key = uuid.uuid4()
    section = services.section_add(survey=survey, title="Ett", idempotency_key=key)
    with pytest.raises(AlreadySubmitted) as again:
        services.section_add(survey=survey, title="Ett", idempotency_key=key)
    assert again.value.result_url.endswith(f"#section-{section.pk}")
    services.section_add(survey=survey, title="Ett")
    services.section_add(survey=survey, title="Ett")
    assert survey.sections.filter(title="Ett").count() == 3
