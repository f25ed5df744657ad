"""The secretariat builds a survey: from a built-in or empty, sections and questions of every
kind, reordering, deleting, a copy for the next round, a preview per kind of respondent, and
who may do it. Once answers have come in only the wording may change."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys import services
from surveys.builtin import survey_from_builtin
from surveys.models import Question, Scale, Survey

pytestmark = pytest.mark.django_db


def _url(name: str, survey: Survey, question: Question | None = None, slug: str = "") -> str:
    kwargs = {"slug": slug or survey.council.slug, "pk": survey.pk}
    if question is not None:
        kwargs["question_pk"] = question.pk
    return reverse(f"surveys:{name}", kwargs=kwargs)


@pytest.fixture
def survey(world) -> Survey:
    survey = services.survey_create(council=world.own, title="Enkät 2024", audience=["kommun"])
    services.section_add(survey=survey, title="Bakgrund")
    return survey


@pytest.fixture
def secretariat(client_for) -> Client:
    return client_for("secretariat")


def once(**data) -> dict:
    """A form's data with the one-time key the page would have given it."""
    return {"idempotency_key": str(uuid.uuid4()), **data}


def _question_data(survey: Survey, **changes) -> dict:
    data = {
        "idempotency_key": str(uuid.uuid4()),
        "section": survey.sections.first().pk,
        "kind": "text",
        "text": "Vad saknas?",
        "help_text": "",
        "scale": Scale.objects.get(name="Kompetensutvecklingsbehov").pk,
        "options": "",
    }
    data.update(changes)
    return data


def _texts(survey: Survey) -> list[str]:
    questions = Question.objects.filter(section__survey=survey)
    return list(questions.order_by("section__order", "order").values_list("text", flat=True))


def test_the_secretariat_creates_a_survey_from_a_built_in_and_lands_on_the_builder(
    world, secretariat
):
    url = reverse("surveys:create", kwargs={"slug": world.own.slug})
    assert secretariat.get(url).status_code == 200
    response = secretariat.post(url, once(start_from="kompetensutveckling", title=""))
    created = Survey.objects.get(
        council=world.own, title="Inventering av kompetensutvecklingsbehov"
    )
    assert response.status_code == 302
    assert response["Location"] == _url("builder", created)
    assert created.title == "Inventering av kompetensutvecklingsbehov"
    assert (created.status, created.audience) == ("draft", ["kommun"])
    assert Question.objects.filter(section__survey=created, kind="scale").count() == 22
    page = secretariat.get(response["Location"])
    assert page.status_code == 200
    assert "Palliativ vård: Symtomlindring och behandling" in page.content.decode()


def test_an_empty_survey_needs_a_title_and_an_audience(world, secretariat):
    url = reverse("surveys:create", kwargs={"slug": world.own.slug})
    before = Survey.objects.count()
    response = secretariat.post(url, once(start_from="", title=""))
    assert response.status_code == 200
    assert {"title", "audience"} <= set(response.context["form"].errors)
    assert "Enkäten är inte skapad" in response.content.decode()
    assert Survey.objects.count() == before


def test_the_settings_open_the_survey_and_refuse_closing_before_opening(survey, secretariat):
    now = timezone.localtime()
    data = {"title": "Enkät 2024", "intro": "Hej", "audience": ["kommun", "region"],
            "status": "open", "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")}  # fmt: skip
    response = secretariat.post(_url("edit", survey), data)
    assert response.status_code == 200 and "closes_at" in response.context["form"].errors
    data["closes_at"] = (now + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    response = secretariat.post(_url("edit", survey), data)
    assert response["Location"] == survey.get_absolute_url()
    survey.refresh_from_db()
    assert (survey.status, survey.audience, survey.intro) == ("open", ["kommun", "region"], "Hej")


def test_sections_and_questions_of_every_kind_are_added(survey, secretariat):
    response = secretariat.post(_url("section_add", survey), once(title="Utbildning"))
    section = survey.sections.get(title="Utbildning")
    assert response["Location"] == _url("builder", survey) + f"#section-{section.pk}"
    kinds = {
        "scale": {"text": "Palliativ vård"},
        "single": {"text": "Form?", "options": "Högskolestudier\nUppdragsutbildning"},
        "multiple": {"text": "Upplägg?", "options": "Distans\n\nPå plats\nSeminarium\n"},
        "yes_no": {"text": "Finns dokumenterat?", "required": "on"},
        "number": {"text": "Antal sjuksköterskor", "visible_to": ["kommun", "region"]},
        "text": {"text": "Annat?"},
    }
    for kind, fields in kinds.items():
        data = _question_data(survey, section=section.pk, kind=kind, **fields)
        response = secretariat.post(_url("question_add", survey), data)
        assert response.status_code == 302, response.context["form"].errors
    questions = list(section.questions.order_by("order"))
    assert [q.kind for q in questions] == list(kinds)
    assert [q.order for q in questions] == [1, 2, 3, 4, 5, 6]
    assert questions[0].scale.name == "Kompetensutvecklingsbehov"
    assert questions[1].scale is None
    assert [o.label for o in questions[2].options.all()] == ["Distans", "På plats", "Seminarium"]
    assert questions[3].required and not questions[5].required
    assert questions[4].visible_to == ["kommun", "region"]
    page = secretariat.get(_url("builder", survey)).content.decode()
    assert "Flytta upp Antal sjuksköterskor" in page and "Kommuner, Regioner" in page


@pytest.mark.parametrize(
    ("kind", "options"), [("single", "Bara ett"), ("multiple", "")]
)  # options sent with another kind are ignored: tests/surveys/test_question_kinds.py
def test_wrong_options_are_an_error_at_the_options_field_and_nothing_is_saved(
    survey, secretariat, kind, options
):
    data = _question_data(survey, kind=kind, text="Form?", options=options)
    response = secretariat.post(_url("question_add", survey), data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["options"]
    assert "Frågan är inte tillagd" in response.content.decode()
    assert not Question.objects.filter(section__survey=survey).exists()


def _three_questions(survey: Survey) -> list[Question]:
    section = survey.sections.first()
    return [
        services.question_add(section=section, kind="text", text=text)
        for text in ("Ett", "Två", "Tre")
    ]


def test_questions_are_moved_up_and_down_within_their_section(survey, secretariat):
    one, two, three = _three_questions(survey)
    response = secretariat.post(_url("question_move", survey, three), {"direction": "up"})
    assert response["Location"] == _url("builder", survey) + f"#question-{three.pk}"
    assert _texts(survey) == ["Ett", "Tre", "Två"]
    secretariat.post(_url("question_move", survey, one), {"direction": "down"})
    assert _texts(survey) == ["Tre", "Ett", "Två"]
    secretariat.post(_url("question_move", survey, three), {"direction": "up"})  # already first
    secretariat.post(_url("question_move", survey, two), {"direction": "sideways"})
    assert _texts(survey) == ["Tre", "Ett", "Två"]
    assert secretariat.get(_url("question_move", survey, two)).status_code == 405


def test_a_question_is_edited(survey, secretariat):
    one, *_ = _three_questions(survey)
    data = _question_data(survey, kind="single", text="Ett?", options="A\nB\nC")
    response = secretariat.post(_url("question_edit", survey, one), data)
    assert response.status_code == 302
    one.refresh_from_db()
    assert (one.kind, one.text) == ("single", "Ett?")
    assert list(one.options.values_list("label", flat=True)) == ["A", "B", "C"]
    data.update(kind="text", options="")
    secretariat.post(_url("question_edit", survey, one), data)
    assert not one.options.exists()


def test_a_question_is_deleted_after_confirmation(survey, secretariat):
    one, two, _ = _three_questions(survey)
    page = secretariat.get(_url("question_delete", survey, two))
    assert page.status_code == 200 and "Ta bort frågan ”Två”?" in page.content.decode()
    response = secretariat.post(_url("question_delete", survey, two))
    assert response.status_code == 302
    assert _texts(survey) == ["Ett", "Tre"]


def _answered(survey: Survey, world) -> Question:
    """The survey open, with one organisation's draft answer to its first question."""
    question = services.question_add(section=survey.sections.first(), kind="text", text="Ett")
    services.question_add(section=survey.sections.first(), kind="text", text="Två")
    services.survey_update(survey=survey, status="open")
    (invitation,) = services.invitations_create(
        survey=survey, organisations=[world.organisations["arvika"]]
    )
    services.response_save(invitation=invitation, answers={question.pk: "Svar"})
    return question


def test_once_answered_only_the_wording_of_a_question_can_change(survey, world, secretariat):
    question = _answered(survey, world)
    page = secretariat.get(_url("builder", survey)).content.decode()
    assert "Enkäten har redan svar" in page and "Flytta upp" not in page
    # The kind is shown but disabled: a forged value is ignored, the wording is saved.
    data = _question_data(survey, kind="single", text="Ett, omformulerad", options="A\nB")
    response = secretariat.post(_url("question_edit", survey, question), data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.kind, question.text) == ("text", "Ett, omformulerad")
    assert not question.options.exists()
    with pytest.raises(ValidationError) as refused:
        services.question_update(question=question, kind="yes_no")
    assert refused.value.code == "has_responses"


def test_once_answered_questions_are_not_added_moved_or_deleted(survey, world, secretariat):
    question = _answered(survey, world)
    before = _texts(survey)
    response = secretariat.post(_url("question_delete", survey, question))
    assert response.status_code == 409 and "har svar" in response.content.decode()
    response = secretariat.post(
        _url("question_move", survey, question), {"direction": "down"}, follow=True
    )
    assert "bara frågornas text och hjälptext" in response.content.decode()
    response = secretariat.post(_url("question_add", survey), _question_data(survey))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    response = secretariat.post(_url("section_add", survey), once(title="Nytt"))
    assert response.status_code == 200 and not survey.sections.filter(title="Nytt").exists()
    assert _texts(survey) == before


@pytest.mark.parametrize(
    ("kind", "shown", "hidden"),
    [
        ("larosate", "Frågor till lärosäten",
         ["Regioner, samverkar ni", "Kommun, samverkar ni", "Hur samverkar ni med lärosäten"]),
        ("region", "Regioner, samverkar ni med kommuner",
         ["Kommun, samverkar ni", "Arbetar lärosätet för att"]),
        ("kommun", "Kommun, samverkar ni med regioner",
         ["Regioner, samverkar ni", "Arbetar lärosätet för att"]),
    ],
)  # fmt: skip
def test_the_preview_shows_the_survey_as_each_kind_of_respondent_sees_it(
    world, secretariat, kind, shown, hidden
):
    survey = survey_from_builtin(council=world.own, key="karriarmodeller")
    response = secretariat.get(_url("preview", survey) + f"?som={kind}")
    assert response.status_code == 200 and response.context["kind"] == kind
    page = response.content.decode()
    assert shown in page and "Hur arbetar ni med karriärmodeller?" in page
    assert not any(text in page for text in hidden)
    assert "disabled" in page
    assert response.context["hidden"] > 0


def test_the_preview_falls_back_to_the_surveys_first_audience(world, secretariat):
    survey = survey_from_builtin(council=world.own, key="kompetensutveckling")
    response = secretariat.get(_url("preview", survey) + "?som=myndighet")
    assert response.context["kind"] == "kommun" and response.context["hidden"] == 0


def test_copy_makes_a_new_draft_round_with_the_same_questions(world, secretariat):
    survey = survey_from_builtin(council=world.own, key="karriarmodeller")
    services.survey_update(survey=survey, status="open")
    services.invitations_create(survey=survey, organisations=[world.organisations["arvika"]])
    assert secretariat.get(_url("copy", survey)).status_code == 405
    response = secretariat.post(_url("copy", survey), once())
    copy = Survey.objects.get(copied_from=survey)
    assert response["Location"] == _url("builder", copy)
    assert (copy.status, copy.copied_from, copy.audience) == ("draft", survey, survey.audience)
    assert _texts(copy) == _texts(survey)

    def shape(s):
        questions = Question.objects.filter(section__survey=s).order_by("section__order", "order")
        return [(q.section.title, q.kind, q.required, q.visible_to, q.scale_id,
                 [o.label for o in q.options.all()]) for q in questions]  # fmt: skip

    assert shape(copy) == shape(survey)
    assert not copy.invitations.exists() and not copy.responses.exists()


def test_the_list_shows_status_and_response_rate_and_drafts_only_to_the_secretariat(
    survey, world, client_for
):
    open_survey = services.survey_create(
        council=world.own, title="Öppen enkät", audience=["kommun"]
    )
    services.survey_update(survey=open_survey, status="open")
    orgs = [world.organisations["arvika"], world.organisations["orebro"]]
    invitation, _ = services.invitations_create(survey=open_survey, organisations=orgs)
    services.question_add(section=services.section_add(survey=open_survey, title="A"),
                          kind="text", text="Fråga")  # fmt: skip
    services.invitation_issue_link(invitation=invitation)  # the link the respondent used
    services.response_save(invitation=invitation, answers={}, submit=True)
    url = reverse("surveys:list", kwargs={"slug": world.own.slug})
    page = client_for("secretariat").get(url).content.decode()
    assert "Ny enkät" in page and "Enkät 2024" in page and "1 av 2 inbjudna (50\u00a0%)" in page
    member = client_for("member").get(url).content.decode()
    assert "Öppen enkät" in member and "Enkät 2024" not in member and "Ny enkät" not in member
    assert client_for("other_member").get(url).status_code == 200
    assert client_for("respondent").get(url).status_code == 403


@pytest.mark.parametrize("name", ["builder", "edit", "preview", "question_add"])
def test_only_the_own_secretariat_builds_the_survey(survey, world, client_for, name):
    assert client_for("secretariat").get(_url(name, survey)).status_code == 200
    assert client_for("member").get(_url(name, survey)).status_code == 403
    assert client_for("national").get(_url(name, survey)).status_code == 403
    other_secretariat = Client()
    other_secretariat.force_login(world.memberships["other_secretariat"].user)
    assert other_secretariat.get(_url(name, survey)).status_code == 403
    assert client_for("anonymous").get(_url(name, survey)).status_code == 302


def test_another_councils_survey_is_not_found_under_the_own_slug(world, client_for):
    foreign = survey_from_builtin(council=world.other, key="kompetensutveckling")
    question = Question.objects.filter(section__survey=foreign).first()
    secretariat = client_for("secretariat")
    before = Survey.objects.count()
    own_slug = world.own.slug
    assert secretariat.get(_url("builder", foreign, slug=own_slug)).status_code == 404
    assert secretariat.post(_url("copy", foreign, slug=own_slug)).status_code == 404
    edit = _url("question_edit", foreign, question, slug=own_slug)
    assert secretariat.get(edit).status_code == 404
    assert secretariat.get(_url("builder", foreign)).status_code == 403
    assert Survey.objects.count() == before


def test_a_question_of_another_survey_is_not_found(survey, world, secretariat):
    other = survey_from_builtin(council=world.own, key="kompetensutveckling")
    question = Question.objects.filter(section__survey=other).first()
    assert secretariat.get(_url("question_edit", survey, question)).status_code == 404
    assert secretariat.post(_url("question_delete", survey, question)).status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_double_click_on_move_moves_the_question_once(survey, secretariat):
    _one, _two, three = _three_questions(survey)
    shown = {"direction": "up", "order": three.order}
    for _ in range(2):
        secretariat.post(_url("question_move", survey, three), shown)
    assert _texts(survey) == ["Ett", "Tre", "Två"]
    page = secretariat.get(_url("builder", survey)).content.decode()
    three.refresh_from_db()
    assert f'name="order" value="{three.order}"' in page
