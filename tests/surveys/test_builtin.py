"""The seed's two surveys as built-in templates: every section, question, kind, option and
audience, built as a draft through the services."""

import pytest

from surveys.builtin import BUILTINS, survey_from_builtin
from surveys.models import Question, Survey

pytestmark = pytest.mark.django_db

THEMES = [
    "Klinisk bedömning", "Vårdhygien", "Diabetes", "Palliativ vård", "Demens", "Nära vård",
    "Ledarskap",
]  # fmt: skip
SCALE_LABELS = ["Akut, vi satsar gärna", "Värdefullt", "Intressant, ej nödvändigt", "Inte aktuellt"]


def _questions(survey: Survey) -> list[Question]:
    return list(
        Question.objects.filter(section__survey=survey)
        .select_related("section", "scale")
        .order_by("section__order", "order")
    )


def test_the_competence_survey_has_the_seeds_items_by_theme_then_form_and_free_text(world):
    survey = survey_from_builtin(council=world.own, key="kompetensutveckling")
    assert (survey.status, survey.council, survey.audience) == ("draft", world.own, ["kommun"])
    assert survey.title == "Inventering av kompetensutvecklingsbehov"
    questions = _questions(survey)
    items = [q for q in questions if q.kind == Question.Kind.SCALE]
    # The seed reports 22 items (2 + 1 + 1 + 3 + 7 + 4 + 4), one table each.
    assert len(items) == 22
    per_theme = {theme: sum(q.section.title == theme for q in items) for theme in THEMES}
    assert per_theme == {
        "Klinisk bedömning": 2, "Vårdhygien": 1, "Diabetes": 1, "Palliativ vård": 3,
        "Demens": 7, "Nära vård": 4, "Ledarskap": 4,
    }  # fmt: skip
    assert list(survey.sections.order_by("order").values_list("title", flat=True))[:7] == THEMES
    assert all(q.required and q.scale.name == "Kompetensutvecklingsbehov" for q in items)
    assert [s.label for s in items[0].scale.steps.all()] == SCALE_LABELS
    hygiene = next(q for q in items if q.text == "Vårdhygien")
    assert hygiene.help_text.startswith("Aseptik och sterilitet vid hälso- och sjukvård i hemmet")
    assert any(q.text.startswith("Palliativ vård: Symtomlindring och behandling") for q in items)

    single, multiple, text = questions[len(items) :]
    assert (single.kind, single.text) == ("single", "I vilken form ska utbildningen ske?")
    assert [o.label for o in single.options.all()] == [
        "Högskolestudier", "Uppdragsutbildning (ej högskolepoäng)",
    ]  # fmt: skip
    assert (multiple.kind, multiple.text) == ("multiple", "Upplägg av utbildning")
    assert [o.label for o in multiple.options.all()] == [
        "Distans", "På plats", "Komprimerat", "Föreläsningar", "Seminarium",
    ]  # fmt: skip
    assert text.kind == "text" and text.text.startswith("Finns det något kompetensutvecklings")
    assert all(not q.visible_to for q in questions)


def test_the_career_survey_has_statements_professions_free_text_and_a_university_block(world):
    survey = survey_from_builtin(council=world.own, key="karriarmodeller", title="Karriär 2024")
    assert survey.title == "Karriär 2024"
    assert survey.audience == ["region", "kommun", "larosate"]
    sections = list(survey.sections.order_by("order").values_list("title", flat=True))
    assert sections == [
        "Arbetet med karriärmodeller", "Frågor avseende yrkesgrupper", "Fritextsvar",
        "Frågor till lärosäten",
    ]  # fmt: skip
    questions = _questions(survey)
    statements = [q for q in questions if q.section.title == "Arbetet med karriärmodeller"]
    assert len(statements) == 16
    assert all(q.kind == "yes_no" and q.required and not q.visible_to for q in statements)
    professions = [q for q in questions if q.text.endswith("uppge vilka:")]
    assert len(professions) == 2 and all(q.kind == "text" for q in professions)

    university = [q for q in questions if q.section.title == "Frågor till lärosäten"]
    assert len(university) == 7
    assert all(q.visible_to == ["larosate"] for q in university)
    assert not any("larosate" in q.visible_to for q in questions if q not in university)
    by_text = {q.text: q for q in questions}
    assert by_text["Regioner, samverkar ni med kommuner kring karriärmodeller?"].visible_to == [
        "region"
    ]
    assert by_text["Kommun, samverkar ni med regioner kring karriärmodeller?"].visible_to == [
        "kommun"
    ]
    assert by_text["Hur arbetar ni med karriärmodeller?"].visible_to == []


def test_every_built_in_is_buildable_twice_as_separate_drafts(world):
    first = survey_from_builtin(council=world.own, key="karriarmodeller")
    second = survey_from_builtin(council=world.own, key="karriarmodeller")
    assert first.pk != second.pk
    assert Question.objects.filter(section__survey=first).count() == sum(
        len(section.questions) for section in BUILTINS["karriarmodeller"].sections
    )
    assert Question.objects.filter(section__survey=second).count() == 36
