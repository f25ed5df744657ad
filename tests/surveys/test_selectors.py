"""Survey results and the response rate: exact shares on a small known round, filters, and a
fixed number of queries however many responses there are.

The builders here are shared with the chart, spreadsheet and results-view tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Organisation
from surveys import services
from surveys.models import Option, Question, Scale, Survey
from surveys.selectors import (
    ChoiceBlock,
    NumberBlock,
    ResultFilter,
    ScaleBlock,
    TextBlock,
    survey_filter_choices,
    survey_response_rate,
    survey_results,
)

pytestmark = pytest.mark.django_db

AKUT, VARDEFULLT, INTRESSANT, INTE = (
    "Akut, vi satsar gärna", "Värdefullt", "Intressant, ej nödvändigt", "Inte aktuellt",
)  # fmt: skip


@dataclass
class Round:
    """A survey like the council's inventory of competence needs, and its questions by key."""

    survey: Survey
    questions: dict[str, Question]
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def step(self, label: str):
        return self.questions["symtom"].scale.steps.get(label=label)

    def option(self, key: str, label: str) -> Option:
        return self.questions[key].options.get(label=label)

    def answers(self, **values) -> dict[int, object]:
        """Answers by question key; scale answers by step label, choices by option label."""
        answers = {}
        for key, value in values.items():
            question = self.questions[key]
            if question.kind == Question.Kind.SCALE:
                value = self.step(value)
            elif question.kind == Question.Kind.SINGLE:
                value = self.option(key, value)
            elif question.kind == Question.Kind.MULTIPLE:
                value = [self.option(key, label) for label in value]
            answers[question.pk] = value
        return answers


def municipality(world, code: str, name: str, lan_code: str, lan_name: str) -> Organisation:
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.MUNICIPALITY, code=code, name=name, lan_code=lan_code,
        lan_name=lan_name,
    )  # fmt: skip
    organisation.healthcare_regions.add(world.own.healthcare_region)
    return organisation


def build_round(world, *, title: str = "Inventering av kompetensutvecklingsbehov") -> Round:
    """An open survey for municipalities (and one question only for universities)."""
    survey = services.survey_create(council=world.own, title=title, audience=["kommun"])
    scale = Scale.objects.get(name="Kompetensutvecklingsbehov")
    palliativ = services.section_add(survey=survey, title="Palliativ vård")
    utbildning = services.section_add(survey=survey, title="Utbildningens form")
    ovrigt = services.section_add(survey=survey, title="Övrigt")
    add = services.question_add
    questions = {
        "symtom": add(section=palliativ, kind="scale", scale=scale,
                      text="Palliativ vård: Symtomlindring och behandling"),
        "munvard": add(section=palliativ, kind="scale", scale=scale,
                       text="Palliativ vård: Munvård vid palliativ omvårdnad"),
        "form": add(section=utbildning, kind="single", text="I vilken form ska utbildningen ske?",
                    options=["Högskolestudier", "Uppdragsutbildning (ej högskolepoäng)"]),
        "upplagg": add(section=utbildning, kind="multiple", text="Upplägg av utbildning",
                       options=["Distans", "På plats", "Komprimerat", "Föreläsningar",
                                "Seminarium"]),
        "dagar": add(section=utbildning, kind="number", text="Hur många dagar per år?"),
        "betala": add(section=utbildning, kind="yes_no", text="Kan ni betala kursavgift?"),
        "behov": add(section=ovrigt, kind="text",
                     text="Finns det något kompetensutvecklingsbehov som ej är listat?"),
        "larosate": add(section=ovrigt, kind="text", visible_to=["larosate"],
                        text="Hur samverkar lärosätet med kommunerna?"),
    }  # fmt: skip
    services.survey_update(survey=survey, status="open")
    return Round(survey, questions)


def invite(round_: Round, *organisations: Organisation) -> None:
    services.invitations_create(survey=round_.survey, organisations=organisations)


def answer(round_: Round, organisation: Organisation, *, submit: bool = True, **values):
    """The organisation answers through its invitation (invited first if it was not)."""
    invite(round_, organisation)
    invitation = round_.survey.invitations.get(organisation=organisation)
    services.invitation_issue_link(invitation=invitation)
    return services.response_save(
        invitation=invitation, answers=round_.answers(**values), respondent_name="Maria MAS",
        respondent_role="mas", submit=submit,
    )  # fmt: skip


@pytest.fixture
def known(world) -> Round:
    return build_known(world)


def build_known(world) -> Round:
    """Five municipalities submit, one has a draft, one has not started.

    symtom: Akut, Värdefullt, Värdefullt, Intressant and one without an answer → 25/50/25/0.
    upplagg: {Distans, På plats}, {Distans}, {Distans, Föreläsningar}, {På plats} → 75/50/0/25/0.
    """
    round_ = build_round(world)
    orgs = {
        "arvika": world.organisations["arvika"],
        "orebro": world.organisations["orebro"],
        "karlstad": municipality(world, "1780", "Karlstads kommun", "17", "Värmlands län"),
        "kumla": municipality(world, "1881", "Kumla kommun", "18", "Örebro län"),
        "hallsberg": municipality(world, "1861", "Hallsbergs kommun", "18", "Örebro län"),
        "lekeberg": municipality(world, "1814", "Lekebergs kommun", "18", "Örebro län"),
        "askersund": municipality(world, "1882", "Askersunds kommun", "18", "Örebro län"),
    }
    round_.organisations = orgs
    invite(round_, *orgs.values())
    answer(round_, orgs["arvika"], symtom=AKUT, munvard=VARDEFULLT, form="Högskolestudier",
           upplagg=["Distans", "På plats"], dagar=Decimal(2), betala=True,
           behov="Sår och sårvård, kardiologi")  # fmt: skip
    answer(round_, orgs["orebro"], symtom=VARDEFULLT, munvard=VARDEFULLT,
           form="Uppdragsutbildning (ej högskolepoäng)", upplagg=["Distans"], dagar=Decimal(4),
           betala=False, behov="Läkemedel och äldre")  # fmt: skip
    answer(round_, orgs["karlstad"], symtom=VARDEFULLT, munvard=INTE,
           form="Uppdragsutbildning (ej högskolepoäng)", upplagg=["Distans", "Föreläsningar"],
           dagar=Decimal(5), betala=True)  # fmt: skip
    answer(round_, orgs["kumla"], symtom=INTRESSANT, upplagg=["På plats"], dagar=Decimal(10))
    answer(round_, orgs["hallsberg"], munvard=AKUT)
    answer(round_, orgs["lekeberg"], submit=False, symtom=INTE, upplagg=["Seminarium"])
    return round_


def _blocks(results) -> dict[str, object]:
    """Every block of the results by question text (a scale block by its first item)."""
    blocks = {}
    for theme in results.themes:
        for block in theme.blocks:
            question = block.items[0].question if isinstance(block, ScaleBlock) else block.question
            blocks[question.text] = block
    return blocks


def _shares(shares) -> dict[str, tuple[int, float | None]]:
    return {share.label: (share.count, share.percent) for share in shares}


def test_scale_items_give_exact_shares_of_those_who_answered_and_no_answer_apart(known):
    results = survey_results(known.survey)
    assert results.respondents == 5
    assert [theme.section.title for theme in results.themes] == [
        "Palliativ vård", "Utbildningens form", "Övrigt",
    ]  # fmt: skip
    [palliativ] = results.themes[0].blocks
    assert isinstance(palliativ, ScaleBlock)
    assert [step.label for step in palliativ.steps] == [AKUT, VARDEFULLT, INTRESSANT, INTE]
    symtom, munvard = palliativ.items
    assert _shares(symtom.shares) == {
        AKUT: (1, 25.0), VARDEFULLT: (2, 50.0), INTRESSANT: (1, 25.0), INTE: (0, 0.0),
    }  # fmt: skip
    assert (symtom.n, symtom.no_answer) == (4, 1)
    # Arvika, Örebro Värdefullt; Karlstad Inte aktuellt; Hallsberg Akut; Kumla nothing.
    assert [share.rounded for share in munvard.shares] == [25, 50, 0, 25]
    assert (munvard.n, munvard.no_answer) == (4, 1)


def test_multiple_choice_shares_are_per_respondent_and_may_add_up_to_more_than_100(known):
    upplagg = _blocks(survey_results(known.survey))["Upplägg av utbildning"]
    assert isinstance(upplagg, ChoiceBlock) and upplagg.per_respondent
    assert _shares(upplagg.shares) == {
        "Distans": (3, 75.0), "På plats": (2, 50.0), "Komprimerat": (0, 0.0),
        "Föreläsningar": (1, 25.0), "Seminarium": (0, 0.0),
    }  # fmt: skip
    assert sum(share.percent for share in upplagg.shares) == 150
    # Lekeberg's draft chose Seminarium: drafts do not count.
    assert (upplagg.n, upplagg.no_answer) == (4, 1)


def test_single_choice_yes_no_number_and_text(known):
    blocks = _blocks(survey_results(known.survey))
    form = blocks["I vilken form ska utbildningen ske?"]
    assert not form.per_respondent
    assert [s.rounded for s in form.shares] == [33, 67]
    assert (form.n, form.no_answer) == (3, 2)
    betala = blocks["Kan ni betala kursavgift?"]
    assert _shares(betala.shares) == {"Ja": (2, pytest.approx(66.667, abs=0.01)),
                                      "Nej": (1, pytest.approx(33.333, abs=0.01))}  # fmt: skip
    dagar = blocks["Hur många dagar per år?"]
    assert isinstance(dagar, NumberBlock)
    assert (dagar.n, dagar.no_answer) == (4, 1)
    assert dagar.mean == Decimal("5.25")
    assert dagar.median == Decimal("4.5")
    assert (dagar.minimum, dagar.maximum) == (Decimal(2), Decimal(10))
    behov = blocks["Finns det något kompetensutvecklingsbehov som ej är listat?"]
    assert isinstance(behov, TextBlock)
    assert [(a.organisation, a.text) for a in behov.answers] == [
        ("Arvika kommun", "Sår och sårvård, kardiologi"), ("Örebro kommun", "Läkemedel och äldre"),
    ]  # fmt: skip
    assert (behov.n, behov.no_answer) == (2, 3)


def test_a_question_only_for_universities_has_no_one_without_an_answer_among_municipalities(
    known,
):
    larosate = _blocks(survey_results(known.survey))["Hur samverkar lärosätet med kommunerna?"]
    assert (larosate.n, larosate.no_answer, larosate.answers) == (0, 0, [])


def test_the_median_of_an_odd_number_of_answers_is_the_middle_one(world):
    round_ = build_round(world)
    for code, days in (("1780", 7), ("1781", 1), ("1782", 3)):
        answer(round_, municipality(world, code, f"Kommun {code}", "17", "Värmlands län"),
               dagar=Decimal(days))  # fmt: skip
    assert _blocks(survey_results(round_.survey))["Hur många dagar per år?"].median == 3


def test_results_filter_by_lan_and_by_kind(known, world):
    in_orebro = survey_results(known.survey, ResultFilter(lan_code="18"))
    symtom = in_orebro.themes[0].blocks[0].items[0]
    # Örebro Värdefullt, Kumla Intressant, Hallsberg no answer.
    assert in_orebro.respondents == 3
    assert [s.percent for s in symtom.shares] == [0, 50, 50, 0]
    assert (symtom.n, symtom.no_answer) == (2, 1)
    universities = survey_results(known.survey, ResultFilter(kind="larosate"))
    assert universities.respondents == 0
    assert universities.themes[0].blocks[0].items[0].shares[0].percent is None
    municipalities = survey_results(known.survey, ResultFilter(kind="kommun", lan_code="17"))
    assert municipalities.respondents == 2


def test_the_filter_choices_are_the_lan_and_kinds_of_the_councils_organisations(known):
    lans, kinds = survey_filter_choices(known.survey)
    assert ("17", "Värmlands län") in lans and ("18", "Örebro län") in lans
    assert "24" not in dict(lans)  # Västerbotten belongs to another council
    assert [value for value, _label in kinds] == ["region", "kommun", "larosate"]


def test_the_response_rate_counts_invitations_per_lan(known, world):
    invitation = known.survey.invitations.get(organisation=known.organisations["askersund"])
    services.invitation_revoke(invitation=invitation)
    rate = survey_response_rate(known.survey)
    # Askersund's invitation is revoked: six invited, five submitted, one draft.
    assert (rate.invited, rate.submitted, rate.drafts, rate.not_started) == (6, 5, 1, 0)
    assert rate.rate == 83
    assert rate.noun == "kommuner"
    assert [(lan.lan_name, lan.invited, lan.submitted, lan.drafts) for lan in rate.by_lan] == [
        ("Värmlands län", 2, 2, 0), ("Örebro län", 4, 3, 1),
    ]  # fmt: skip
    assert [o.name for o in rate.with_draft] == ["Lekebergs kommun"]
    assert rate.not_started_list == []


def test_organisations_that_have_not_started_are_listed(known, world):
    extra = municipality(world, "1862", "Degerfors kommun", "18", "Örebro län")
    invite(known, extra)
    rate = survey_response_rate(known.survey)
    assert [o.name for o in rate.not_started_list] == ["Askersunds kommun", "Degerfors kommun"]
    assert (rate.invited, rate.not_started) == (8, 2)


def build_many(world, count: int) -> Round:
    round_ = build_round(world, title=f"Enkät med {count} svar")
    for number in range(count):
        organisation = municipality(world, f"9{count:02d}{number:03d}", f"Kommun {number}",
                                    "17" if number % 2 else "18", "Län")  # fmt: skip
        answer(round_, organisation, submit=number % 7 != 0,
               symtom=[AKUT, VARDEFULLT, INTRESSANT, INTE][number % 4],
               upplagg=["Distans", "Seminarium"][: 1 + number % 2], dagar=Decimal(number),
               form="Högskolestudier", betala=bool(number % 2),
               behov=f"Behov {number}")  # fmt: skip
    return round_


def _queries(function, *args) -> int:
    with CaptureQueriesContext(connection) as queries:
        function(*args)
    return len(queries)


def test_results_and_response_rate_take_the_same_number_of_queries_for_5_or_50_responses(world):
    small, large = build_many(world, 5), build_many(world, 50)
    assert _queries(survey_results, small.survey) == _queries(survey_results, large.survey)
    assert _queries(survey_results, large.survey) <= 10
    filters = ResultFilter(lan_code="17", kind="kommun")
    assert _queries(survey_results, small.survey, filters) == _queries(
        survey_results, large.survey, filters
    )
    assert _queries(survey_response_rate, small.survey) == _queries(
        survey_response_rate, large.survey
    )
    assert _queries(survey_response_rate, large.survey) <= 3
