"""Follow-up rounds: a report's recommendations to municipalities asked of Mellansverige's
municipalities through the surveys app, and the submitted answers becoming their follow-ups,
once, however often they are applied or submitted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from idempotency.services import AlreadySubmitted
from recommendations import receivers
from recommendations.actors import actors_ensure
from recommendations.models import (
    Area,
    FollowUp,
    FollowUpRound,
    Publication,
    Recommendation,
    RoundQuestion,
)
from recommendations.services import follow_up_save
from recommendations.services.rounds import round_answers_apply, round_create
from surveys import services as surveys
from surveys.models import Question, Survey

pytestmark = pytest.mark.django_db

LONG = "Regioner och kommuner bör " + "samverka kring handledning och introduktion. " * 12


def _recommendation(area, position, text, *codes, actors):
    recommendation = Recommendation.objects.create(area=area, position=position, text=text)
    recommendation.addressees.set([actors[code] for code in codes])
    return recommendation


@pytest.fixture
def report(world):
    """A report with three recommendations to municipalities (1.1 and 2.2 and the long 2.3)
    and others to the government, the regions and the councils."""
    actors = actors_ensure()
    publication = Publication.objects.create(
        key="test-rapport", title="Stärkt kompetensförsörjning", published_on=dt.date(2022, 3, 1)
    )
    first = Area.objects.create(publication=publication, position=1, title="Tillvarata kompetens")
    second = Area.objects.create(publication=publication, position=2, title="Klinisk forskning")
    recs = {
        "1.1": _recommendation(first, 1, "Utveckla lärandet.", "regioner", "kommuner",
                               actors=actors),
        "1.2": _recommendation(first, 2, "Stärk AT.", "regioner", actors=actors),
        "2.1": _recommendation(second, 1, "Utred finansieringen.", "regeringen", actors=actors),
        "2.2": _recommendation(second, 2, "Inför forskningstid.", "kommuner", actors=actors),
        "2.3": _recommendation(second, 3, LONG.strip(), "kommuner", actors=actors),
        "2.4": _recommendation(second, 4, "Samordna regionalt.", "regionala_rad", actors=actors),
    }  # fmt: skip
    return publication, actors, recs


@pytest.fixture
def kommun_round(world, report):
    publication, actors, _recs = report
    return round_create(
        council=world.own, publication=publication, actor=actors["kommuner"],
        user=world.users["secretariat"],
    )  # fmt: skip


def _items(round_) -> dict[str, RoundQuestion]:
    return {
        item.recommendation.identifier: item
        for item in round_.questions.select_related("recommendation__area", "status_question")
    }


def _option(item: RoundQuestion, label: str):
    return item.status_question.options.get(label=label)


def _invite(round_, world, *keys) -> dict:
    surveys.survey_update(survey=round_.survey, status="open")
    orgs = [world.organisations[key] for key in keys]
    invitations = surveys.invitations_create(survey=round_.survey, organisations=orgs)
    for invitation in invitations:
        surveys.invitation_issue_link(invitation=invitation)  # as a sent invitation has
    return {key: inv for key, inv in zip(keys, invitations, strict=True)}


def _answer(round_, invitation, answers: dict[str, tuple[str | None, str]], submit=True):
    items = _items(round_)
    values = {}
    for identifier, (label, text) in answers.items():
        item = items[identifier]
        values[item.status_question_id] = _option(item, label) if label else None
        values[item.text_question_id] = text
    return surveys.response_save(invitation=invitation, answers=values, submit=submit)


def _answered(round_, world) -> dict:
    """Arvika and Örebro kommun answer; Örebro leaves 2.2 unanswered."""
    invitations = _invite(round_, world, "arvika", "orebro")
    _answer(round_, invitations["arvika"], {
        "1.1": ("Pågår", "Lärandeplan antagen 2022."), "2.2": ("Planerad", ""),
        "2.3": ("Ej aktuell", ""),
    })  # fmt: skip
    _answer(round_, invitations["orebro"], {"1.1": ("Genomförd", " Klart. "), "2.2": (None, "")})
    return invitations


def _mine(round_):
    """The follow-ups of the round's report (the world has follow-ups of its own)."""
    return FollowUp.objects.filter(recommendation__area__publication=round_.publication)


def _follow_ups(round_) -> dict[tuple[str, str], FollowUp]:
    return {
        (f.organisation.code, f.recommendation.identifier): f
        for f in _mine(round_).select_related("organisation", "recommendation__area")
    }


# ---------------------------------------------------------------- creating a round


def test_a_round_asks_each_recommendation_to_the_actor_with_its_status_and_a_free_text(
    world, report, kommun_round
):
    survey = kommun_round.survey
    assert survey.status == Survey.Status.DRAFT and survey.council == world.own
    assert survey.audience == ["kommun"]
    assert survey.title == "Uppföljning: Stärkt kompetensförsörjning – Mellansverige"
    assert "rekommendationer till kommuner" in survey.intro
    assert [s.title for s in survey.sections.order_by("order")] == [
        "1. Tillvarata kompetens", "2. Klinisk forskning",
    ]  # fmt: skip
    items = _items(kommun_round)
    assert sorted(items) == ["1.1", "2.2", "2.3"]  # only those to municipalities
    status = items["2.2"].status_question
    assert status.kind == Question.Kind.SINGLE and status.text == "2.2 Inför forskningstid."
    assert list(status.options.order_by("order").values_list("label", flat=True)) == [
        "Ej påbörjad", "Planerad", "Pågår", "Genomförd", "Ej aktuell",
    ]  # fmt: skip
    assert not status.required
    text = items["2.2"].text_question
    assert text.kind == Question.Kind.TEXT and text.text == "Vad har gjorts? (valfritt)"
    assert text.section == status.section and text.order == status.order + 1
    # A recommendation longer than a question's text: cut, and whole in the help text.
    long = items["2.3"].status_question
    assert len(long.text) == 500 and long.text.startswith("2.3 Regioner och kommuner bör")
    assert long.text.endswith("…") and LONG.strip() in long.help_text


def _new_rounds(world):
    """Rounds other than the two the test world has."""
    return FollowUpRound.objects.exclude(
        pk__in=[world.extra["own_round"].pk, world.extra["other_round"].pk]
    )


def _new_surveys(world):
    return Survey.objects.filter(title__startswith="Uppföljning").exclude(
        pk__in=[world.extra["own_round"].survey_id, world.extra["other_round"].survey_id]
    )


@pytest.mark.parametrize("code", ["regeringen", "regionala_rad"])
def test_an_actor_that_is_no_organisation_of_the_area_is_refused_at_the_field(world, report, code):
    publication, actors, _recs = report
    with pytest.raises(ValidationError) as refused:
        round_create(council=world.own, publication=publication, actor=actors[code], user=None)
    assert refused.value.error_dict["actor"][0].code == "no_organisations"
    assert not _new_rounds(world).exists()
    assert not _new_surveys(world).exists()


def test_an_actor_without_recommendations_in_the_report_is_refused_at_the_field(world, report):
    publication, actors, _recs = report
    with pytest.raises(ValidationError) as refused:
        round_create(
            council=world.own, publication=publication, actor=actors["larosaten"], user=None
        )
    assert refused.value.error_dict["actor"][0].code == "nothing_addressed"
    assert "inga rekommendationer till universitet och högskolor" in str(refused.value)
    assert not _new_surveys(world).exists()


def test_the_same_form_sent_twice_makes_one_round(world, report):
    publication, actors, _recs = report
    key = "5b0c1f0e-8a0e-4d43-9d1b-6f4f3c1a2b3c"
    args = {"council": world.own, "publication": publication, "actor": actors["regioner"],
            "user": world.users["secretariat"], "idempotency_key": key}  # fmt: skip
    first = round_create(**args)
    with pytest.raises(AlreadySubmitted) as again:
        round_create(**args)
    assert again.value.result_url == reverse(
        "recommendations:round", kwargs={"slug": "mellansverige", "pk": first.pk}
    )
    assert _new_rounds(world).count() == 1 and first.questions.count() == 2


# ---------------------------------------------------------------- answers → follow-ups


def test_submitted_answers_become_the_organisations_follow_ups(world, kommun_round):
    _answered(kommun_round, world)
    assert round_answers_apply(round=kommun_round) == 4
    saved = _follow_ups(kommun_round)
    assert sorted(saved) == [("1784", "1.1"), ("1784", "2.2"), ("1784", "2.3"), ("1880", "1.1")]
    arvika = saved[("1784", "1.1")]
    assert (arvika.status, arvika.done, arvika.source) == ("pagar", "Lärandeplan antagen 2022.",
                                                           "enkat")  # fmt: skip
    assert arvika.recorded_by is None and arvika.organisation == world.organisations["arvika"]
    assert saved[("1784", "2.2")].status == "planerad" and saved[("1784", "2.2")].done == ""
    assert saved[("1784", "2.3")].status == "ej_aktuell"
    assert (saved[("1880", "1.1")].status, saved[("1880", "1.1")].done) == ("genomford", "Klart.")


def test_a_draft_is_not_applied(world, kommun_round):
    invitations = _invite(kommun_round, world, "arvika")
    _answer(kommun_round, invitations["arvika"], {"1.1": ("Pågår", "")}, submit=False)
    assert round_answers_apply(round=kommun_round) == 0
    assert not _mine(kommun_round).exists()


def test_applying_twice_changes_nothing(world, kommun_round):
    _answered(kommun_round, world)
    round_answers_apply(round=kommun_round)
    before = {key: (f.version, f.updated_at) for key, f in _follow_ups(kommun_round).items()}
    history = FollowUp.history.count()  # every follow-up's history, the world's too
    assert round_answers_apply(round=kommun_round) == 0
    after = {key: (f.version, f.updated_at) for key, f in _follow_ups(kommun_round).items()}
    assert after == before and FollowUp.history.count() == history


def test_a_reopened_response_submitted_again_updates_its_follow_ups(world, kommun_round):
    invitations = _answered(kommun_round, world)
    round_answers_apply(round=kommun_round)
    response = surveys.response_reopen(response=invitations["orebro"].response)
    assert round_answers_apply(round=kommun_round) == 0  # a draft again: left as it was
    _answer(kommun_round, invitations["orebro"], {"1.1": ("Pågår", "Omtag."),
                                                  "2.2": ("Ej påbörjad", "")})  # fmt: skip
    assert response.pk == invitations["orebro"].response.pk
    assert round_answers_apply(round=kommun_round) == 2
    saved = _follow_ups(kommun_round)
    assert (saved[("1880", "1.1")].status, saved[("1880", "1.1")].version) == ("pagar", 2)
    assert saved[("1880", "2.2")].status == "ej_paborjad"


def test_a_follow_up_the_council_changed_after_the_answer_is_not_overwritten(world, kommun_round):
    _answered(kommun_round, world)
    round_answers_apply(round=kommun_round)
    recommendation = _items(kommun_round)["1.1"].recommendation
    follow_up_save(
        recommendation=recommendation, council=world.own,
        organisation=world.organisations["arvika"], version=1, status="genomford",
        user=world.users["member"],
    )  # fmt: skip
    assert round_answers_apply(round=kommun_round) == 0
    assert _follow_ups(kommun_round)[("1784", "1.1")].status == "genomford"


def test_a_reworded_status_option_still_maps_by_its_place(world, kommun_round):
    status = _items(kommun_round)["2.2"].status_question
    surveys.question_update(
        question=status, options=["Inte börjat", "Planerat", "Pågår", "Klart", "Ej aktuellt"]
    )
    invitations = _invite(kommun_round, world, "arvika")
    _answer(kommun_round, invitations["arvika"], {"2.2": ("Klart", "")})
    round_answers_apply(round=kommun_round)
    assert _follow_ups(kommun_round)[("1784", "2.2")].status == "genomford"


def test_an_invited_organisation_of_another_kind_makes_no_follow_up(world, kommun_round):
    invitations = _invite(kommun_round, world, "region_orebro")
    _answer(kommun_round, invitations["region_orebro"], {"1.1": ("Pågår", "")})
    assert round_answers_apply(round=kommun_round) == 0
    assert not _mine(kommun_round).exists()


# ---------------------------------------------------------------- answered twice


def test_a_second_submit_is_refused_by_surveys_and_leaves_one_follow_up_each(world, kommun_round):
    invitations = _answered(kommun_round, world)
    with pytest.raises(surveys.AlreadySubmitted):
        _answer(kommun_round, invitations["arvika"], {"1.1": ("Ej påbörjad", "Andra gången")})
    round_answers_apply(round=kommun_round)
    round_answers_apply(round=kommun_round)
    saved = _follow_ups(kommun_round)
    assert len(saved) == 4 and _mine(kommun_round).count() == 4
    assert saved[("1784", "1.1")].status == "pagar"


def test_a_double_submit_by_link_and_a_stale_link_get_surveys_own_refusal(world, kommun_round):
    invitations = _invite(kommun_round, world, "arvika")
    invitation = invitations["arvika"]
    old_token = surveys.invitation_issue_link(invitation=invitation).token
    old = Client()
    old.get(reverse("surveys:link", args=[old_token]))
    token = surveys.invitation_issue_link(invitation=invitation).token  # a reminder's new link
    item = _items(kommun_round)["1.1"]
    data = {"action": "submit", f"q_{item.status_question_id}": _option(item, "Pågår").pk,
            f"q_{item.text_question_id}": "Via länken"}  # fmt: skip
    url = reverse("surveys:respond", args=[invitation.pk])
    assert old.post(url, data).status_code == 410  # the older link no longer answers
    browser = Client()
    browser.get(reverse("surveys:link", args=[token]))
    first = browser.post(url, data)
    second = browser.post(url, {**data, f"q_{item.text_question_id}": "Igen"})
    assert first.status_code == second.status_code == 302
    assert second["Location"].endswith("/kvitto/")
    round_answers_apply(round=kommun_round)
    only = _mine(kommun_round).get()
    assert (only.status, only.done, only.version) == ("pagar", "Via länken", 1)


# ---------------------------------------------------------------- automatically on submit


def test_the_receiver_applies_a_submitted_response_of_a_round(world, kommun_round):
    invitations = _answered(kommun_round, world)
    arvika = world.organisations["arvika"]
    receivers.response_submitted(
        sender=None, survey_id=kommun_round.survey_id, organisation_id=arvika.pk,
        response_id=invitations["arvika"].response.pk,
    )  # fmt: skip
    assert {f.organisation for f in _mine(kommun_round)} == {arvika}
    assert _mine(kommun_round).count() == 3


def test_the_receiver_ignores_surveys_that_are_no_round(world):
    response = world.extra["own_response"]
    before = FollowUp.history.count()
    receivers.response_submitted(
        sender=None, survey_id=response.survey_id, organisation_id=response.organisation_id,
        response_id=response.pk,
    )  # fmt: skip
    assert FollowUp.history.count() == before


def test_submitting_makes_the_follow_ups_without_a_button(
    world, kommun_round, django_capture_on_commit_callbacks
):
    pytest.importorskip("surveys.signals", reason="surveys does not send response_submitted yet")
    invitations = _invite(kommun_round, world, "arvika")
    with django_capture_on_commit_callbacks(execute=True):
        _answer(kommun_round, invitations["arvika"], {"1.1": ("Pågår", "")})
    assert _mine(kommun_round).get().source == FollowUp.Source.ROUND


# ---------------------------------------------------------------- pages


def test_the_secretariat_creates_a_round_from_the_page(world, report, client_for):
    publication, actors, _recs = report
    client = client_for("secretariat")
    url = reverse("recommendations:round_create", kwargs={"slug": "mellansverige"})
    page = client.get(url, {"rapport": publication.pk})
    assert page.status_code == 200
    assert page.context["form"].initial["publication"] == publication.pk
    form = page.context["form"]
    data = {"publication": publication.pk, "actor": actors["kommuner"].pk,
            "idempotency_key": form["idempotency_key"].value()}  # fmt: skip
    created = client.post(url, data)
    round_ = _new_rounds(world).get()
    assert created.status_code == 302
    assert created["Location"] == reverse(
        "recommendations:round", kwargs={"slug": "mellansverige", "pk": round_.pk}
    )
    again = client.post(url, data)
    assert again.status_code == 302 and _new_rounds(world).count() == 1
    forged = client.post(
        url,
        {
            **data,
            "actor": actors["regeringen"].pk,
            "idempotency_key": "0b0c1f0e-8a0e-4d43-9d1b-6f4f3c1a2b3c",
        },
    )
    assert forged.status_code == 400 and "actor" in forged.context["form"].errors
    assert _new_rounds(world).count() == 1


def test_the_round_page_links_to_the_surveys_pages_and_shows_the_follow_ups(
    world, kommun_round, client_for
):
    _answered(kommun_round, world)
    round_answers_apply(round=kommun_round)
    url = reverse("recommendations:round", kwargs={"slug": "mellansverige", "pk": kommun_round.pk})
    page = client_for("secretariat").get(url)
    html = page.content.decode()
    survey = kommun_round.survey
    for name in ("surveys:recipients", "surveys:results", "surveys:edit"):
        assert reverse(name, kwargs={"slug": "mellansverige", "pk": survey.pk}) in html
    assert "Inbjudna kommuner: 2 av 2 har svarat (100\u00a0%)" in html
    rows = page.context["page"].rows
    assert [row.organisation.name for row in rows] == ["Arvika kommun", "Örebro kommun"]
    assert [c.follow_up.status if c.follow_up else None for c in rows[1].cells] == [
        "genomford", None, None,
    ]  # fmt: skip


def test_the_round_page_runs_a_fixed_number_of_queries(world, kommun_round, client_for):
    invitations = _invite(kommun_round, world, "arvika", "orebro")
    client = client_for("secretariat")
    url = reverse("recommendations:round", kwargs={"slug": "mellansverige", "pk": kommun_round.pk})
    _answer(kommun_round, invitations["arvika"], {"1.1": ("Pågår", "")})
    round_answers_apply(round=kommun_round)
    client.get(url)  # the first request after logging in also saves the session
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _answer(kommun_round, invitations["orebro"], {"1.1": ("Pågår", ""), "2.2": ("Planerad", "")})
    round_answers_apply(round=kommun_round)
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    assert len(two) == len(one) == 10  # 4 for the session, user, seats and council


def test_the_apply_button_applies_once(world, kommun_round, client_for):
    _answered(kommun_round, world)
    client = client_for("secretariat")
    kwargs = {"slug": "mellansverige", "pk": kommun_round.pk}
    url = reverse("recommendations:round_apply", kwargs=kwargs)
    first = client.post(url, follow=True)
    assert "4 uppföljningar är uppdaterade från svaren." in first.content.decode()
    second = client.post(url, follow=True)
    assert "Alla inskickade svar finns redan som uppföljningar." in second.content.decode()
    assert _mine(kommun_round).count() == 4


SECRETARIAT_ONLY = {"anonymous": "login", "respondent": 403, "member": 403, "other_member": 403,
                    "secretariat": 200, "national": 403, "admin": 200, "convenor": 403,
                    "group_member": 403, "national_secretariat": 403}  # fmt: skip


@pytest.mark.parametrize("role", sorted(SECRETARIAT_ONLY))
def test_only_the_councils_secretariat_reaches_the_round_pages(world, kommun_round, client_for,
                                                               role):  # fmt: skip
    client = client_for(role)
    kwargs = {"slug": "mellansverige", "pk": kommun_round.pk}
    expected = SECRETARIAT_ONLY[role]
    pages = [
        client.get(reverse("recommendations:round_create", kwargs={"slug": "mellansverige"})),
        client.get(reverse("recommendations:round", kwargs=kwargs)),
        client.post(reverse("recommendations:round_apply", kwargs=kwargs)),
    ]
    for number, page in enumerate(pages):
        if expected == "login":
            assert page.status_code == 302
            assert page["Location"].startswith(resolve_url(settings.LOGIN_URL))
        elif expected == 200 and number == 2:
            assert page.status_code == 302  # back to the round page
        else:
            assert page.status_code == expected


def test_another_councils_round_is_not_found_through_the_own_councils_address(
    world, report, kommun_round, client_for
):
    publication, actors, _recs = report
    other = round_create(
        council=world.other, publication=publication, actor=actors["kommuner"], user=None
    )
    kwargs = {"slug": "mellansverige", "pk": other.pk}
    client = client_for("secretariat")
    assert client.get(reverse("recommendations:round", kwargs=kwargs)).status_code == 404
    assert client.post(reverse("recommendations:round_apply", kwargs=kwargs)).status_code == 404
    norra = {"slug": "norra", "pk": other.pk}
    assert client.get(reverse("recommendations:round", kwargs=norra)).status_code == 403
