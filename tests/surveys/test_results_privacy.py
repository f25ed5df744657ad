"""Anonymous results (the competence survey's promise), drafts kept to the secretariat, and
the response rate said against the invited organisations."""

from __future__ import annotations

import hashlib
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from surveys import services
from surveys.builtin import survey_from_builtin
from surveys.selectors import ResultFilter, TextBlock, survey_response_rate, survey_results
from surveys.spreadsheets.importing import ParsedResponse

from .test_selectors import AKUT, answer, build_known, build_round, municipality

pytestmark = pytest.mark.django_db

BEHOV = "Finns det något kompetensutvecklingsbehov som ej är listat?"
# The municipalities of build_known that submitted (Lekeberg has a draft, Askersund nothing).
SUBMITTED = ["Arvika kommun", "Örebro kommun", "Karlstads kommun", "Kumla kommun",
             "Hallsbergs kommun"]  # fmt: skip


def _url(name: str, survey, **extra) -> str:
    return reverse(
        f"surveys:{name}", kwargs={"slug": survey.council.slug, "pk": survey.pk, **extra}
    )


@pytest.fixture
def anonymous(world):
    known = build_known(world)
    services.survey_update(survey=known.survey, results_anonymous=True)
    return known


def _text_block(results, text: str = BEHOV) -> TextBlock:
    blocks = (b for t in results.themes for b in t.blocks if isinstance(b, TextBlock))
    return next(b for b in blocks if b.question.text == text)


def _rate_paragraph(html: str) -> str:
    """The response rate's sentence on the overview and the results page."""
    return html[html.index('id="rate-heading"') :].split("</p>")[0]


def _results_part(html: str) -> str:
    """The results page below the selection: the charts, tables and texts."""
    return html[html.index('id="filter-heading"') :]


# ---------------------------------------------------------------- anonymous results


def test_anonymous_free_text_has_no_organisation_and_a_stable_order_not_by_name(world):
    round_ = build_round(world)
    services.survey_update(survey=round_.survey, results_anonymous=True)
    names = [f"{letter}-kommun" for letter in "ABCDEFGH"]
    for number, name in enumerate(names):
        org = municipality(world, f"17{number:02d}", name, "17", "Värmlands län")
        answer(round_, org, behov=f"Behov från {name}")
    block = _text_block(survey_results(round_.survey))
    assert {a.organisation for a in block.answers} == {""}
    texts = [a.text for a in block.answers]
    assert sorted(texts) == sorted(f"Behov från {name}" for name in names)
    # Neither by name nor by when the answers came in, and the same on every reading.
    assert texts != sorted(texts) and texts != [f"Behov från {name}" for name in names]
    assert [a.text for a in _text_block(survey_results(round_.survey)).answers] == texts


def test_a_survey_that_is_not_anonymous_lists_free_text_by_organisation(world):
    known = build_known(world)
    block = _text_block(survey_results(known.survey))
    assert [a.organisation for a in block.answers] == ["Arvika kommun", "Örebro kommun"]


def test_no_selection_of_an_anonymous_survey_counts_fewer_than_three(anonymous):
    assert not survey_results(anonymous.survey).too_few  # five submitted
    in_orebro = survey_results(anonymous.survey, ResultFilter(lan_code="18"))
    assert (in_orebro.too_few, in_orebro.respondents) == (False, 3)
    # Värmland: Arvika and Karlstad only.
    in_varmland = survey_results(anonymous.survey, ResultFilter(lan_code="17"))
    assert in_varmland.too_few and in_varmland.respondents == 2
    assert in_varmland.themes == []
    regions = survey_results(anonymous.survey, ResultFilter(kind="region"))
    assert regions.too_few and regions.themes == []


def test_a_question_answered_by_fewer_than_three_shows_no_shares_or_texts(anonymous):
    results = survey_results(anonymous.survey)
    behov = _text_block(results)  # Arvika and Örebro wrote something
    assert behov.too_few and behov.answers == [] and behov.n == 2
    blocks = [b for t in results.themes for b in t.blocks if hasattr(b, "question")]
    form = next(b for b in blocks if b.question.text.startswith("I vilken form"))
    assert not form.too_few and form.n == 3 and form.shares


def test_the_page_of_an_anonymous_survey_names_no_one_who_answered(world, client_for):
    known = build_known(world)
    named = client_for("member").get(_url("results", known.survey)).content.decode()
    assert "– Arvika kommun" in named  # the same page names them when not anonymous
    services.survey_update(survey=known.survey, results_anonymous=True)
    laxa = municipality(world, "1883", "Laxå kommun", "18", "Örebro län")
    answer(known, laxa, behov="Demens och kognitiv svikt")  # three free texts now
    response = client_for("member").get(_url("results", known.survey))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Demens och kognitiv svikt" in html and "Sår och sårvård, kardiologi" in html
    assert "Enkätens resultat är anonyma" in html
    for name in [*SUBMITTED, "Laxå kommun"]:
        assert name not in html, f"{name} is named on an anonymous survey's results page"


@pytest.mark.parametrize("page", ["detail", "results"])
def test_who_has_not_answered_an_anonymous_survey_is_for_the_secretariat(
    anonymous, client_for, page
):
    # Those who have not answered would tell, by what is left, who has.
    member = client_for("member").get(_url(page, anonymous.survey)).content.decode()
    assert "Lekebergs kommun" not in member and "Askersunds kommun" not in member
    assert "visas bara för sekretariatet" in member
    secretariat = client_for("secretariat").get(_url(page, anonymous.survey)).content.decode()
    assert "Lekebergs kommun" in secretariat and "Askersunds kommun" in secretariat


def test_a_filter_below_three_shows_too_few_answers_and_no_numbers(anonymous, client_for):
    response = client_for("member").get(_url("results", anonymous.survey), {"lan": "17"})
    html = response.content.decode()
    assert response.status_code == 200 and response.context["results"].too_few
    assert "För få svar" in html and "Välj ett bredare urval." in html
    shown = _results_part(html)
    assert "<svg" not in shown and " %</td>" not in shown and "<table" not in shown
    assert "Symtomlindring" not in shown and "Sår och sårvård" not in shown
    wide = client_for("member").get(_url("results", anonymous.survey), {"lan": "18"})
    assert not wide.context["results"].too_few
    # Three in Örebro län, but no question there has three answers: each says so.
    wide_html = _results_part(wide.content.decode())
    assert "Resultaten bygger på 3 inskickade svar." in wide_html
    assert "För få svar för att visas" in wide_html and "<svg" not in wide_html


def test_the_secretariat_still_sees_who_has_answered(anonymous, client_for):
    html = client_for("secretariat").get(_url("recipients", anonymous.survey)).content.decode()
    row = re.search(r"<th scope=\"row\">Arvika kommun</th>.*?</tr>", html, re.S)
    assert row and "Inskickad" in row.group(0)


def test_the_competence_survey_is_anonymous_and_the_setting_is_in_the_form(world, client_for):
    survey = survey_from_builtin(council=world.own, key="kompetensutveckling")
    assert survey.results_anonymous
    assert not survey_from_builtin(council=world.own, key="karriarmodeller").results_anonymous
    page = client_for("secretariat").get(_url("edit", survey)).content.decode()
    assert 'name="results_anonymous"' in page and "checked" in page
    assert "inget urval visar färre än tre svarande" in page


def test_the_secretariat_turns_anonymity_on_and_cannot_turn_it_off_once_answered(world, client_for):
    round_ = build_round(world)
    data = {"title": round_.survey.title, "intro": "", "audience": ["kommun"], "status": "open",
            "results_anonymous": "on"}  # fmt: skip
    client = client_for("secretariat")
    assert client.post(_url("edit", round_.survey), data).status_code == 302
    round_.survey.refresh_from_db()
    assert round_.survey.results_anonymous
    answer(round_, world.organisations["arvika"], symtom=AKUT)
    del data["results_anonymous"]
    response = client.post(_url("edit", round_.survey), data)
    assert response.status_code == 200
    assert "results_anonymous" in response.context["form"].errors
    round_.survey.refresh_from_db()
    assert round_.survey.results_anonymous
    with pytest.raises(ValidationError) as refused:
        services.survey_update(survey=round_.survey, results_anonymous=False)
    assert refused.value.error_dict["results_anonymous"][0].code == "anonymity_promised"


def test_a_survey_created_from_the_competence_survey_keeps_its_anonymity(world, client_for):
    url = reverse("surveys:create", kwargs={"slug": world.own.slug})
    data = {"start_from": "kompetensutveckling", "title": "", "idempotency_key": uuid.uuid4()}
    client_for("secretariat").post(url, data)
    created = world.own.surveys.get(title="Inventering av kompetensutvecklingsbehov")
    assert created.results_anonymous


# ---------------------------------------------------------------- drafts


@pytest.mark.parametrize("page", ["detail", "results", "export"])
def test_a_draft_is_not_found_by_members_or_the_national_council(world, client_for, page):
    draft = world.extra["own_draft_survey"]
    url = _url(page, draft, **({"fmt": "csv"} if page == "export" else {}))
    assert client_for("member").get(url).status_code == 404
    assert client_for("national").get(url).status_code == 404
    assert client_for("secretariat").get(url).status_code == 200
    services.survey_update(survey=draft, status="open")
    assert client_for("member").get(url).status_code == 200


# ---------------------------------------------------------------- the response rate


def test_a_new_survey_says_nobody_is_invited_yet_and_never_none(world, client_for):
    survey = services.survey_create(council=world.own, title="Ny enkät", audience=["kommun"])
    client = client_for("secretariat")
    for page in ("detail", "results"):
        html = client.get(_url(page, survey)).content.decode()
        assert "Inga organisationer är inbjudna ännu." in html
        assert "None" not in html and "0 av 0" not in html
    listing = client.get(reverse("surveys:list", args=[world.own.slug])).content.decode()
    assert "None" not in listing and "Inga inbjudna ännu" in listing


def _import(round_, *organisations) -> None:
    rows = [
        ParsedResponse(line=n, organisation=org, answers={round_.questions["symtom"].pk:
                                                          round_.step(AKUT)})
        for n, org in enumerate(organisations, start=2)
    ]  # fmt: skip
    services.responses_import(survey=round_.survey, rows=rows)


def test_responses_imported_without_recipients_are_not_a_rate_of_100(world, client_for):
    round_ = build_round(world)
    orgs = [municipality(world, f"18{n:02d}", f"Kommun {n}", "18", "Örebro län")
            for n in range(5)]  # fmt: skip
    _import(round_, *orgs)
    rate = survey_response_rate(round_.survey)
    assert (rate.invited, rate.submitted, rate.imported, rate.rate) == (0, 0, 5, None)
    assert rate.responses == 5 and rate.by_lan == []
    expected = ("Inga organisationer är inbjudna ännu. 5 svar har importerats utan inbjudan och "
                "räknas inte in i svarsfrekvensen.")  # fmt: skip
    client = client_for("secretariat")
    for page in ("detail", "results"):
        sentence = _rate_paragraph(client.get(_url(page, round_.survey)).content.decode())
        assert expected in sentence and "100 %" not in sentence
    listing = client.get(reverse("surveys:list", args=[world.own.slug])).content.decode()
    assert "5 importerade svar utan inbjudan" in listing and "5 av 5" not in listing


def test_imported_responses_of_invited_organisations_count_towards_the_rate(world, client_for):
    round_ = build_round(world)
    invited = [world.organisations["arvika"], world.organisations["orebro"]]
    services.invitations_create(survey=round_.survey, organisations=invited)
    for invitation in round_.survey.invitations.all():
        invitation.emails = ["kontakt@example.test"]
        invitation.save()
        services.invitation_send(invitation=invitation, kind="sent")
    outside = municipality(world, "1885", "Lindesbergs kommun", "18", "Örebro län")
    _import(round_, world.organisations["arvika"], outside)
    rate = survey_response_rate(round_.survey)
    assert (rate.invited, rate.submitted, rate.imported, rate.rate) == (2, 1, 1, 50)
    html = client_for("member").get(_url("results", round_.survey)).content.decode()
    assert "Inbjudna kommuner: 1 av 2 har svarat (50\u00a0%)." in html
    assert "1 svar har importerats utan inbjudan" in html


def test_the_shuffle_key_depends_on_survey_and_answer_only():
    # A guard for the ordering above: the hash of the same pair is the same, of another not.
    from surveys.selectors.results import _shuffle_key

    class S:
        pk = 1

    assert _shuffle_key(S, 5) == _shuffle_key(S, 5) != _shuffle_key(S, 6)
    assert _shuffle_key(S, 5) != hashlib.sha256(b"1:5").hexdigest()
