"""Answering by link: the token exchange, drafts and resuming, required questions, the
receipt, and every forged, stale or late answer refused with nothing changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys import services, tokens
from surveys.models import Answer, Question, Response, Scale, ScaleStep
from tests.world import ARVIKA_CONTACTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def respondent(world) -> tuple[Client, object]:
    """A browser that opened Arvika's link, and the invitation it was given."""
    client = Client()
    response = client.get(reverse("surveys:link", args=[world.extra["own_token"]]))
    invitation = world.extra["own_invitation"]
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:respond", args=[invitation.pk])
    return client, invitation


def _url(invitation) -> str:
    return reverse("surveys:respond", args=[invitation.pk])


def _questions(world) -> dict[str, Question]:
    survey = world.extra["own_survey"]
    return {q.kind: q for q in Question.objects.filter(section__survey=survey)}


def test_the_link_leaves_no_token_in_the_address_and_grants_only_its_invitation(world, respondent):
    client, invitation = respondent
    page = client.get(_url(invitation))
    assert page.status_code == 200
    assert world.extra["own_token"] not in page.content.decode()
    assert client.get(_url(world.extra["other_invitation"])).status_code == 403


def test_a_draft_is_saved_and_resumed_from_the_same_link(world, respondent):
    client, invitation = respondent
    q = _questions(world)
    step = q["scale"].scale.steps.get(order=1)
    options = list(q["multiple"].options.all())
    saved = client.post(
        _url(invitation),
        {
            "respondent_name": "Sara Holm",
            "respondent_role": "mas",
            "action": "save",
            f"q_{q['multiple'].pk}": [options[0].pk, options[1].pk],
        },
    )
    # Post/Redirect/Get: the saved draft is shown by a GET, which says so once.
    assert saved.status_code == 302
    assert saved["Location"] == f"{_url(invitation)}?steg=1#steg"
    shown = client.get(saved["Location"])
    assert "Dina svar är sparade" in shown.content.decode()
    assert "Dina svar är sparade" not in client.get(saved["Location"]).content.decode()
    later = Client()
    later.get(reverse("surveys:link", args=[world.extra["own_token"]]))
    form = later.get(_url(invitation)).context["form"]
    assert sorted(form.initial[f"q_{q['multiple'].pk}"]) == sorted([options[0].pk, options[1].pk])
    assert form.initial["respondent_name"] == "Sara Holm"
    response = Response.objects.get(invitation=invitation)
    assert response.status == Response.Status.DRAFT
    done = later.post(
        _url(invitation),
        {
            "respondent_name": "Sara Holm",
            "action": "submit",
            f"q_{q['scale'].pk}": step.pk,
            f"q_{q['multiple'].pk}": [options[0].pk],
        },
    )
    assert done.status_code == 302 and done["Location"].endswith("/kvitto/")


def test_a_required_question_is_an_error_at_the_question_and_the_draft_is_kept(world, respondent):
    client, invitation = respondent
    q = _questions(world)
    option = q["multiple"].options.first()
    page = client.post(_url(invitation), {"action": "submit", f"q_{q['multiple'].pk}": [option.pk]})
    assert page.status_code == 400
    html = page.content.decode()
    assert "Frågan måste besvaras innan du skickar in." in html
    assert f'href="#question-{q["scale"].pk}"' in html
    assert "Dina svar är sparade som utkast men inte inskickade." in html
    response = Response.objects.get(invitation=invitation)
    assert response.status == Response.Status.DRAFT
    assert response.answers.get().option == option


def test_after_submitting_the_answers_are_read_only(world, respondent):
    client, invitation = respondent
    q = _questions(world)
    step = q["scale"].scale.steps.get(order=2)
    client.post(_url(invitation), {"action": "submit", f"q_{q['scale'].pk}": step.pk})
    receipt = client.get(reverse("surveys:receipt", args=[invitation.pk]))
    assert receipt.status_code == 200
    assert "Tack! Svaren är inskickade." in receipt.content.decode()
    assert step.label in receipt.content.decode()
    # A second submit (back button, double click) changes nothing.
    other = q["scale"].scale.steps.get(order=4)
    again = client.post(_url(invitation), {"action": "submit", f"q_{q['scale'].pk}": other.pk})
    assert again.status_code == 302 and again["Location"].endswith("/kvitto/")
    assert Answer.objects.get(response__invitation=invitation).step == step
    assert (
        Response.objects.filter(
            survey=invitation.survey, organisation=invitation.organisation
        ).count()
        == 1
    )


@pytest.mark.parametrize("forgery", ["option", "step", "question", "hidden"])
def test_forged_answers_are_refused_and_nothing_is_saved(world, respondent, forgery):
    client, invitation = respondent
    q = _questions(world)
    other_survey = world.extra["other_survey"]
    foreign_q = Question.objects.filter(section__survey=other_survey).first()
    foreign_option = Question.objects.get(
        section__survey=other_survey, kind="multiple"
    ).options.first()
    data = {"action": "save"}
    if forgery == "option":
        data[f"q_{q['multiple'].pk}"] = [foreign_option.pk]
    elif forgery == "step":
        data[f"q_{q['scale'].pk}"] = ScaleStep.objects.order_by("-pk").first().pk + 1000
    elif forgery == "question":
        data[f"q_{foreign_q.pk}"] = "x"
    else:
        data[f"q_{q['text'].pk}"] = "Svar på en fråga bara för lärosäten"
    page = client.post(_url(invitation), data)
    assert page.status_code == 400
    assert not Response.objects.filter(invitation=invitation).exists()


def test_a_closed_survey_accepts_nothing(world, respondent):
    client, invitation = respondent
    survey = invitation.survey
    services.survey_update(
        survey=survey,
        opens_at=timezone.now() - timedelta(days=10),
        closes_at=timezone.now() - timedelta(minutes=1),
    )
    q = _questions(world)
    page = client.post(
        _url(invitation),
        {"action": "submit", f"q_{q['scale'].pk}": q["scale"].scale.steps.first().pk},
    )
    assert page.status_code == 410
    assert "tar inte emot fler svar" in page.content.decode()
    assert not Response.objects.filter(invitation=invitation).exists()


def test_a_revoked_link_gets_a_clear_page_and_accepts_nothing(world, respondent):
    client, invitation = respondent
    services.invitation_revoke(invitation=invitation)
    assert client.get(reverse("surveys:link", args=[world.extra["own_token"]])).status_code == 404
    page = client.post(_url(invitation), {"action": "save", "respondent_name": "X"})
    assert page.status_code == 410 and "återkallats" in page.content.decode()
    assert not Response.objects.filter(invitation=invitation).exists()


def test_wrong_links_are_throttled_but_a_valid_link_never_is(world):
    client = Client()
    for _ in range(10):
        assert client.get(reverse("surveys:link", args=["fel" * 14])).status_code == 404
    assert client.get(reverse("surveys:link", args=["fel" * 14])).status_code == 429
    # The same address (a municipality behind one NAT) with a real link gets in.
    valid = client.get(reverse("surveys:link", args=[world.extra["own_token"]]))
    assert valid.status_code == 302


def test_tokens_are_unique_and_stored_only_as_hashes(world):
    generated = {tokens.token_new() for _ in range(100_000)}
    assert len(generated) == 100_000
    assert all(len(token) >= 22 for token in list(generated)[:100])  # ≥ 128 bits in base64
    invitation = world.extra["own_invitation"]
    invitation.refresh_from_db()
    assert invitation.token_hash == tokens.token_hash(world.extra["own_token"])
    assert world.extra["own_token"] not in str(invitation.__dict__)


def test_sending_mails_a_working_link_and_reminders_skip_those_who_submitted(
    world, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("secretariat")
    survey = world.extra["own_survey"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:send", kwargs={"slug": "mellansverige", "pk": survey.pk}))
    assert sorted(m.to[0] for m in mailoutbox) == ["kontakt@1784.test", "kontakt@1880.test"]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/svara/" in line).strip()
    assert Client().get(link[link.index("/svara/") :]).status_code == 302
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:remind", kwargs={"slug": "mellansverige", "pk": survey.pk}))
    assert [m.to for m in mailoutbox] == [ARVIKA_CONTACTS]  # Örebro has submitted
    assert mailoutbox[0].subject.startswith("Påminnelse:")
    # The reminder carries a new link; the first one no longer works.
    assert Client().get(link[link.index("/svara/") :]).status_code == 404


def test_an_option_sent_twice_is_saved_once_and_a_step_of_another_scale_is_refused(
    world, respondent
):
    client, invitation = respondent
    q = _questions(world)
    option = q["multiple"].options.first()
    saved = client.post(
        _url(invitation), {"action": "save", f"q_{q['multiple'].pk}": [option.pk, option.pk]}
    )
    assert saved.status_code == 302
    assert list(Answer.objects.filter(response__invitation=invitation)) == [
        Answer.objects.get(response__invitation=invitation, option=option)
    ]
    other_scale = Scale.objects.create(name="En annan skala")
    foreign = ScaleStep.objects.create(scale=other_scale, order=1, label="Annat steg")
    page = client.post(_url(invitation), {"action": "save", f"q_{q['scale'].pk}": foreign.pk})
    assert page.status_code == 400
    assert "Välj ett av alternativen." in page.content.decode()
    assert not Answer.objects.filter(response__invitation=invitation, step=foreign).exists()
