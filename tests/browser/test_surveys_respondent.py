"""A respondent answers a survey on a phone in headless Chromium: the link, a draft saved and
resumed, a required question left out, the receipt, a second submit, and the pages for a
revoked link, a wrong link and a closed survey, each checked with axe."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from surveys import services
from surveys.models import Invitation, Question, Response
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
REQUIRED_ERROR = "Frågan måste besvaras innan du skickar in."


def world_with_surveys():
    return build_world()


def link_url(live_server, token: str) -> str:
    return f"{live_server.url}/svara/{token}/"


def answer_url(live_server, invitation) -> str:
    return f"{live_server.url}/svar/{invitation.pk}/"


def step_url(live_server, invitation, step: int) -> str:
    return f"{answer_url(live_server, invitation)}?steg={step}"


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_respondent_saves_resumes_is_told_what_is_missing_and_submits_once_on_a_phone(
    transactional_db, live_server, new_page
):
    world = world_with_surveys()
    token, invitation = world.extra["own_token"], world.extra["own_invitation"]
    scale_item = world.extra["own_scale_item"]
    page = new_page(**PHONE)

    # The link is exchanged for a session grant: the address left has no token.
    page.goto(link_url(live_server, token))
    assert page.url == answer_url(live_server, invitation)
    assert token not in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Kompetensbehov Mellansverige")
    expect(
        page.get_by_role("group", name=re.compile("^Palliativ vård: Symtomlindring"))
    ).to_be_visible()
    # The question only for universities is not asked of a municipality, nor "Logga in".
    expect(page.get_by_text("Frågor till lärosäten")).to_have_count(0)
    expect(page.get_by_role("link", name="Logga in")).to_have_count(0)
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "answer page")

    # Half the answers, saved for later: the step is saved and shown again by a GET.
    page.get_by_label("Distans").check()
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("main .alert-success[role=status]")).to_contain_text("Dina svar är sparade")
    assert page.url == step_url(live_server, invitation, 1) + "#steg"
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "saved draft")
    # The name is asked on the last step; going back saves it too.
    page.get_by_role("button", name="Nästa").click()
    page.get_by_label("Ditt namn").fill("Sara Holm")
    page.get_by_role("button", name="Föregående").click()
    expect(page.get_by_label("Distans")).to_be_checked()
    draft = Response.objects.get(invitation=invitation)
    assert draft.status == Response.Status.DRAFT
    assert draft.respondent_name == "Sara Holm"

    # Leave, and come back by the same link later: welcomed, the answers still there.
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(link_url(live_server, token))
    assert page.url == answer_url(live_server, invitation)
    expect(page.get_by_role("status").filter(has_text="Välkommen tillbaka")).to_be_visible()
    expect(page.get_by_label("Distans")).to_be_checked()
    expect(page.get_by_label("På plats")).not_to_be_checked()

    # Submitting without the required scale item: the review says what is missing, and
    # leads to it.
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_label("Ditt namn")).to_have_value("Sara Holm")
    page.get_by_role("button", name="Skicka in svaren").click()
    summary = page.locator("#form-errors")
    expect(summary).to_contain_text("Dina svar är sparade som utkast men inte inskickade.")
    missing = page.locator("#review-missing")
    expect(missing).to_contain_text("En obligatorisk fråga är inte besvarad")
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "required question missing")
    assert Response.objects.get(invitation=invitation).status == Response.Status.DRAFT
    missing.get_by_role("button", name="Palliativ vård: Symtomlindring").click()
    assert page.url == step_url(live_server, invitation, 1) + f"#question-{scale_item.pk}"

    # A page still showing the form, as a second tab or a back button would.
    stale = context.new_page()
    stale.goto(step_url(live_server, invitation, 1))
    expect(stale.get_by_label("Distans")).to_be_checked()

    # Answered in full and submitted: the receipt shows what was sent.
    question = page.locator(f"#question-{scale_item.pk}")
    question.get_by_label("Värdefullt", exact=True).check()
    page.get_by_role("button", name="Nästa").click()
    expect(missing).to_contain_text("Alla obligatoriska frågor är besvarade.")
    page.get_by_role("button", name="Skicka in svaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack! Svaren är inskickade.")
    assert page.url == answer_url(live_server, invitation) + "kvitto/"
    receipt = page.locator("main")
    expect(receipt).to_contain_text("Värdefullt")
    expect(receipt).to_contain_text("Distans")
    expect(receipt).to_contain_text("Sara Holm")
    expect(receipt).to_contain_text("Arvika kommun")
    expect(page.get_by_role("link", name="Logga in")).to_have_count(0)
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "receipt")

    # Back: every step page was a GET (Post/Redirect/Get), and now leads to the receipt.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack! Svaren är inskickade.")
    assert page.url.split("#")[0] == answer_url(live_server, invitation) + "kvitto/"

    # Going on, other answers, from the form still on screen in the other tab: the
    # receipt again, with the first answers.
    csrf = stale.locator("#main form input[name=csrfmiddlewaretoken]").input_value()
    stale.locator(f"#question-{scale_item.pk}").get_by_label("Akut, vi satsar gärna").check()
    stale.get_by_label("På plats").check()
    stale.get_by_role("button", name="Nästa").click()
    expect(stale.get_by_role("heading", level=1)).to_have_text("Tack! Svaren är inskickade.")
    expect(stale.locator("main")).to_contain_text("Värdefullt")
    expect(stale.locator("main")).to_contain_text("Sara Holm")

    # A submit posted once more (as a reload of the posted form would), other answers again.
    multiple = Question.objects.get(section__survey=invitation.survey, kind="multiple")
    reposted = page.request.post(
        answer_url(live_server, invitation),
        form={
            "csrfmiddlewaretoken": csrf,
            "action": "submit",
            "respondent_name": "Sara Holm",
            f"q_{scale_item.pk}": str(scale_item.scale.steps.get(order=1).pk),
            f"q_{multiple.pk}": str(multiple.options.get(label="På plats").pk),
        },
        max_redirects=0,
    )
    assert reposted.status == 302
    assert reposted.headers["location"] == f"/svar/{invitation.pk}/kvitto/"

    responses = Response.objects.filter(
        survey=invitation.survey, organisation=invitation.organisation
    )
    assert responses.count() == 1
    response = responses.get()
    assert response.status == Response.Status.SUBMITTED
    assert response.respondent_name == "Sara Holm"
    answers = {
        (a.question.kind, a.step.label if a.step else a.option.label)
        for a in response.answers.select_related("question", "step", "option")
    }
    assert answers == {(Question.Kind.SCALE, "Värdefullt"), (Question.Kind.MULTIPLE, "Distans")}


def test_revoked_wrong_and_closed_links_get_clear_accessible_pages(
    transactional_db, live_server, new_page
):
    world = world_with_surveys()
    token, invitation = world.extra["own_token"], world.extra["own_invitation"]
    page = new_page(**PHONE)

    # A link revoked after it was opened: the answer page says so, and accepts nothing.
    page.goto(link_url(live_server, token))
    assert page.url == answer_url(live_server, invitation)
    services.invitation_revoke(invitation=invitation)
    gone = page.reload()
    assert gone.status == 410
    expect(page.get_by_role("alert")).to_contain_text("återkallats")
    expect(page.get_by_role("button", name="Nästa")).to_have_count(0)
    expect(page.get_by_role("link", name="Logga in")).to_have_count(0)
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "revoked link")

    # A wrong link.
    wrong = page.goto(f"{live_server.url}/svara/fel-lank-0123456789/")
    assert wrong.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "wrong link")

    # A survey past its closing time, opened by a new link (which lifts the revocation).
    new_token = services.invitation_issue_link(invitation=invitation).token
    page.goto(link_url(live_server, new_token))
    assert page.url == answer_url(live_server, invitation)
    expect(page.get_by_role("button", name="Nästa")).to_be_visible()
    services.survey_update(
        survey=world.extra["own_survey"], closes_at=timezone.now() - timedelta(minutes=1)
    )
    closed = page.reload()
    assert closed.status == 410
    expect(page.get_by_role("alert")).to_contain_text("tar inte emot fler svar")
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "closed survey")


def bar_height(page) -> float:
    return page.locator(".respond-bar").bounding_box()["height"]


def test_the_phone_form_goes_a_section_at_a_time_counting_the_answers(
    transactional_db, live_server, new_page
):
    world = world_with_surveys()
    token, invitation = world.extra["own_token"], world.extra["own_invitation"]
    section = services.section_add(survey=invitation.survey, title="Utbildningens form")
    services.question_add(
        section=section, kind=Question.Kind.SINGLE, text="I vilken form ska utbildningen ske?",
        required=True, options=["Högskolestudier", "Uppdragsutbildning"],
    )  # fmt: skip
    services.question_add(section=section, kind=Question.Kind.TEXT, text="Annat behov?")
    page = new_page(**PHONE)
    page.goto(link_url(live_server, token))
    progress = page.locator("#respond-progress")

    # Step 1 of 3: its own section only, the count of every question, a slim bar.
    expect(page.get_by_text("Steg 1 av 3")).to_be_visible()
    expect(progress).to_have_text("0 av 4 besvarade")
    assert progress.get_attribute("aria-live") == "polite"
    expect(page.get_by_text("I vilken form ska utbildningen ske?")).to_have_count(0)
    assert bar_height(page) <= 64
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "step 1")

    # The count follows the answers as they are given, before anything is saved.
    page.get_by_label("Värdefullt", exact=True).check()
    expect(progress).to_have_text("1 av 4 besvarade")
    page.get_by_label("Distans").check()
    expect(progress).to_have_text("2 av 4 besvarade")
    page.get_by_label("Distans").uncheck()
    expect(progress).to_have_text("1 av 4 besvarade")

    # "Nästa" saves the step; the next one counts on from the saved answers.
    page.get_by_role("button", name="Nästa").click()
    assert page.url == step_url(live_server, invitation, 2) + "#steg"
    expect(page.get_by_text("Steg 2 av 3")).to_be_visible()
    expect(progress).to_have_text("1 av 4 besvarade")
    assert bar_height(page) <= 64
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "step 2")
    assert Response.objects.get(invitation=invitation).answers.count() == 1

    # A text answer counts once the field is left, not at every key.
    page.get_by_label("Annat behov?").fill("Demens")
    assert progress.text_content() == "1 av 4 besvarade"
    page.get_by_label("Annat behov?").blur()
    expect(progress).to_have_text("2 av 4 besvarade")
    page.get_by_label("Uppdragsutbildning").check()
    expect(progress).to_have_text("3 av 4 besvarade")

    # The overview jumps to any section, saving this one on the way; a reload keeps all.
    page.locator(".respond-overview summary").click()
    expect(page.locator(".respond-overview")).to_contain_text("1 av 2 besvarade")
    page.locator(".respond-overview").get_by_role("button", name="Palliativ vård").click()
    assert page.url == step_url(live_server, invitation, 1) + "#steg"
    page.reload()
    expect(page.get_by_label("Värdefullt", exact=True)).to_be_checked()
    expect(progress).to_have_text("3 av 4 besvarade")
    page.get_by_role("button", name="Nästa").click()
    # The save's redirect has landed on the next step before the page is reloaded.
    expect(page.get_by_text("Steg 2 av 3")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Uppdragsutbildning")).to_be_checked()
    expect(page.get_by_label("Annat behov?")).to_have_value("Demens")

    # The last step reviews and submits; every required question is answered.
    page.get_by_role("button", name="Nästa").click()
    expect(page.get_by_text("Steg 3 av 3")).to_be_visible()
    expect(page.locator("#review-missing")).to_contain_text(
        "Alla obligatoriska frågor är besvarade."
    )
    expect(page.get_by_role("button", name="Skicka in svaren")).to_be_visible()
    assert bar_height(page) <= 64
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "review step")

    # Another day, another browser, the same link: welcomed back at the saved answers.
    later = new_page(**PHONE)
    later.goto(link_url(live_server, token))
    welcome = later.get_by_role("status").filter(has_text="Välkommen tillbaka")
    expect(welcome).to_contain_text("Välkommen tillbaka – dina svar från")
    expect(welcome).to_contain_text("är sparade")
    expect(later.locator("#respond-progress")).to_have_text("3 av 4 besvarade")
    assert no_horizontal_overflow(later)
    assert_no_axe_violations(later, "welcome back")


def test_a_signed_in_respondent_finds_the_survey_on_the_start_page(
    transactional_db, live_server, new_page
):
    """Needs templates/councils/home.html to include surveys/_my_surveys.html with
    my_surveys=surveys.selectors.respondent_surveys(user)."""
    world = world_with_surveys()
    invitation = world.extra["own_invitation"]
    user = world.users["respondent"]
    Invitation.objects.filter(pk=invitation.pk).update(emails=[user.email.upper()])
    page = new_page(**PHONE)
    login(page, live_server.url, user.email, PASSWORD)
    page.goto(live_server.url + "/")
    item = page.locator(".list-group-item").filter(has_text="Kompetensbehov Mellansverige")
    expect(item).to_contain_text("Inte påbörjad")
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "start page with a survey to answer")

    item.get_by_role("link", name=re.compile("^Svara")).click()
    assert page.url == answer_url(live_server, invitation)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kompetensbehov Mellansverige")
    page.get_by_label("Distans").check()
    page.get_by_role("button", name="Spara", exact=True).click()
    page.goto(live_server.url + "/")
    expect(item).to_contain_text("Utkast sparat")
    item.get_by_role("link", name=re.compile("^Fortsätt svara")).click()
    expect(page.get_by_role("status").filter(has_text="Välkommen tillbaka")).to_be_visible()
    expect(page.get_by_label("Distans")).to_be_checked()
