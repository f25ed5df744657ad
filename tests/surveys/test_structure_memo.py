"""The respondent's pages remember a survey's structure per process (surveys.selectors.
structure): a second page reads no sections, questions, options or steps, and every change to
what respondents see (through the building services, or a plain `.save()` as the admin does)
is on the next page. The service tests run without the admin's receivers, so that they fail
if a service forgets to raise the survey's structure_version."""

from __future__ import annotations

import pytest
from django.db.models.signals import post_delete, post_save
from django.test import Client
from django.urls import reverse

from surveys import receivers, selectors, services
from surveys.models import Option, Question, Scale, ScaleStep, Section, Survey
from tests.surveys.test_query_counts import THEMES, Built, build_survey

pytestmark = pytest.mark.django_db

# The step of build_survey's last section (single, multiple, yes/no, number, text).
FORM_STEP = len(THEMES) + 1


@pytest.fixture(autouse=True)
def _forgotten():
    selectors.structure_forget()
    yield
    selectors.structure_forget()


@pytest.fixture
def without_receivers():
    """The admin's safety net off: only the services' own bumps keep the memo fresh."""
    connected = [(Section, receivers.section_changed), (Question, receivers.question_changed),
                 (Option, receivers.option_changed), (Scale, receivers.scale_changed),
                 (ScaleStep, receivers.scale_changed)]  # fmt: skip
    for model, receiver in connected:
        for signal in (post_save, post_delete):
            uid = f"{receivers.DISPATCH_UID}.{model.__name__}.{signal is post_save}"
            assert signal.disconnect(receiver, sender=model, dispatch_uid=uid)
    yield
    receivers.connect()


def _respondent(built: Built) -> Client:
    client = Client()
    assert client.get(reverse("surveys:link", args=[built.token])).status_code == 302
    return client


def _page(client: Client, built: Built, step: int = 1) -> str:
    url = reverse("surveys:respond", args=[built.invitation.pk])
    page = client.get(f"{url}?steg={step}")
    assert page.status_code == 200
    return page.content.decode()


@pytest.fixture
def built(world) -> Built:
    # Two scale items in each theme: the first step has "område 1" and "område 2".
    return build_survey(world, 2 * len(THEMES))


def test_a_second_form_get_reads_no_structure(built, django_assert_num_queries):
    client = _respondent(built)
    url = reverse("surveys:respond", args=[built.invitation.pk])
    # Session, invitation (with survey, council, organisation), response (none yet);
    # sections, questions (with their scale), options, scale steps.
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
    # Session, invitation, response: the structure is the one remembered.
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


def test_the_structure_is_shared_until_its_version_changes(built):
    survey = Survey.objects.get(pk=built.survey.pk)
    first = selectors.survey_structure(survey)
    assert selectors.survey_structure(Survey.objects.get(pk=survey.pk)) is first
    question = first[0].questions.all()[0]
    services.question_update(question=question, text="Ny formulering")
    again = selectors.survey_structure(Survey.objects.get(pk=survey.pk))
    assert again is not first
    assert again[0].questions.all()[0].text == "Ny formulering"
    assert selectors.survey_structure(Survey.objects.get(pk=survey.pk)) is again
    selectors.structure_forget()
    assert selectors.survey_structure(Survey.objects.get(pk=survey.pk)) is not again


def test_every_scale_question_shares_one_scale_with_its_steps(built):
    sections = selectors.survey_structure(Survey.objects.get(pk=built.survey.pk))
    scales = {id(q.scale) for section in sections for q in section.questions.all() if q.scale_id}
    assert len(scales) == 1


def _state_of(sections) -> list:
    """Every shared instance's attributes and cached relations (the prefetch sets the
    parents: question.section, option.question, step.scale)."""
    state = []
    for section in sections:
        state.append((section, sorted(vars(section)), sorted(section._state.fields_cache)))
        for question in section.questions.all():
            state.append((question, sorted(vars(question)), sorted(question._state.fields_cache)))
            for option in question.options.all():
                state.append((option, sorted(vars(option)), sorted(option._state.fields_cache)))
            if question.scale_id:
                for step in question.scale.steps.all():
                    state.append((step, sorted(vars(step)), sorted(step._state.fields_cache)))
    return state


def test_the_respondents_pages_cache_nothing_on_the_shared_instances(built):
    """Neither the form, a draft, the submit nor the receipt sets an attribute or loads a
    relation onto the remembered sections, questions, options or steps."""
    from tests.surveys.test_query_counts import every_answer

    sections = selectors.survey_structure(Survey.objects.get(pk=built.survey.pk))
    before = _state_of(sections)
    assert any("section" in cached for _obj, _attrs, cached in before)
    client = _respondent(built)
    url = reverse("surveys:respond", args=[built.invitation.pk])
    _page(client, built)
    assert client.post(url, {**every_answer(built), "action": "save"}).status_code == 302
    _page(client, built, FORM_STEP + 1)
    assert client.post(url, {**every_answer(built, 1), "action": "submit"}).status_code == 302
    assert client.get(reverse("surveys:receipt", args=[built.invitation.pk])).status_code == 200
    assert selectors.survey_structure(Survey.objects.get(pk=built.survey.pk)) is sections
    assert _state_of(sections) == before


# ---------------------------------------------------------------- the services' bumps


def _item(built: Built, number: int) -> Question:
    return next(q for q in built.questions if q.text == f"{THEMES[0]}: område {number}")


def test_a_new_wording_is_on_the_next_page_even_with_responses(
    world, without_receivers, client_for
):
    """The world's own survey has a submitted response: only the wording may change."""
    client = Client()
    client.get(reverse("surveys:link", args=[world.extra["own_token"]]))
    url = reverse("surveys:respond", args=[world.extra["own_invitation"].pk])
    item = world.extra["own_scale_item"]
    assert item.text in client.get(f"{url}?steg=1").content.decode()
    services.question_update(question=item, text="Omformulerad fråga", help_text="Ny hjälp")
    page = client.get(f"{url}?steg=1").content.decode()
    assert "Omformulerad fråga" in page and "Ny hjälp" in page


def test_new_option_labels_are_on_the_next_page(built, without_receivers):
    client = _respondent(built)
    single = next(q for q in built.questions if q.kind == Question.Kind.SINGLE)
    assert "Högskolestudier" in _page(client, built, FORM_STEP)
    services.question_update(question=single, options=["Kvällskurs", "Heltidskurs", "Webbkurs"])
    page = _page(client, built, FORM_STEP)
    assert "Högskolestudier" not in page
    assert "Kvällskurs" in page and "Webbkurs" in page


def test_an_added_question_is_on_the_next_page(built, without_receivers):
    client = _respondent(built)
    _page(client, built)
    section = Section.objects.get(pk=_item(built, 1).section_id)
    services.question_add(section=section, kind=Question.Kind.TEXT, text="Helt ny fråga")
    assert "Helt ny fråga" in _page(client, built)


def test_a_moved_question_is_in_its_new_place_on_the_next_page(built, without_receivers):
    client = _respondent(built)
    first, second = f"{THEMES[0]}: område 1", f"{THEMES[0]}: område 2"
    page = _page(client, built)
    assert page.index(first) < page.index(second)
    services.question_move(question=_item(built, 2), direction="up")
    page = _page(client, built)
    assert page.index(second) < page.index(first)


def test_a_deleted_question_is_gone_from_the_next_page(built, without_receivers):
    client = _respondent(built)
    assert f"{THEMES[0]}: område 2" in _page(client, built)
    services.question_delete(question=_item(built, 2))
    assert f"{THEMES[0]}: område 2" not in _page(client, built)


def test_an_added_section_is_on_the_next_page(built, without_receivers):
    """Its question is written without a service (no bump): only the section's bump shows it."""
    client = _respondent(built)
    _page(client, built)
    section = services.section_add(survey=built.survey, title="Ett nytt avsnitt")
    Question.objects.bulk_create(
        [Question(section=section, kind=Question.Kind.TEXT, text="Fråga i nytt avsnitt")]
    )
    # The overview of the steps lists it, before the review.
    assert "Ett nytt avsnitt" in _page(client, built)


# ---------------------------------------------------------------- the admin's saves


def test_a_question_saved_as_the_admin_does_is_on_the_next_page(built):
    client = _respondent(built)
    _page(client, built)
    question = Question.objects.get(pk=_item(built, 1).pk)
    question.text = "Ändrad i administrationen"
    question.save()
    assert "Ändrad i administrationen" in _page(client, built)


def test_an_option_and_a_scale_step_saved_as_the_admin_does_are_on_the_next_page(built):
    client = _respondent(built)
    _page(client, built)
    _page(client, built, FORM_STEP)
    option = Option.objects.get(question__section__survey=built.survey, label="Distans")
    option.label = "Fjärrundervisning"
    option.save()
    assert "Fjärrundervisning" in _page(client, built, FORM_STEP)
    step = ScaleStep.objects.get(scale=_item(built, 1).scale, order=1)
    step.label = "Mycket akut"
    step.save()
    assert "Mycket akut" in _page(client, built)


def test_a_question_deleted_as_the_admin_does_is_gone_from_the_next_page(built):
    client = _respondent(built)
    assert f"{THEMES[0]}: område 2" in _page(client, built)
    Question.objects.get(pk=_item(built, 2).pk).delete()
    assert f"{THEMES[0]}: område 2" not in _page(client, built)
