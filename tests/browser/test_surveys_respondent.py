"""A respondent answers a survey on a phone in headless Chromium: the link, a draft saved and
resumed, a required question left out, the receipt, a second submit, and the pages for a
revoked link, a wrong link and a closed survey, each checked with axe."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from surveys import services
from surveys.models import Question, Response
from tests.browser.axe import assert_no_axe_violations
from tests.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
REQUIRED_ERROR = "Frågan måste besvaras innan du skickar in."


def world_with_surveys():
    return build_world()


def link_url(live_server, token: str) -> str:
    return f"{live_server.url}/svara/{token}/"


def answer_url(live_server, invitation) -> str:
    return f"{live_server.url}/svar/{invitation.pk}/"


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
    # The question only for universities is not asked of a municipality.
    expect(page.get_by_text("Frågor till lärosäten")).to_have_count(0)
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "answer page")

    # Half the answers, saved for later.
    page.get_by_label("Distans").check()
    page.get_by_label("Ditt namn").fill("Sara Holm")
    page.get_by_role("button", name="Spara och fortsätt senare").click()
    expect(page.locator("main .alert-success[role=status]")).to_contain_text("Dina svar är sparade")
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "saved draft")
    draft = Response.objects.get(invitation=invitation)
    assert draft.status == Response.Status.DRAFT
    assert draft.respondent_name == "Sara Holm"

    # Leave, and come back by the same link later: the answers are still there.
    context = page.context
    page.close()
    page = context.new_page()
    page.goto(link_url(live_server, token))
    assert page.url == answer_url(live_server, invitation)
    expect(page.get_by_label("Distans")).to_be_checked()
    expect(page.get_by_label("På plats")).not_to_be_checked()
    expect(page.get_by_label("Ditt namn")).to_have_value("Sara Holm")

    # Submitting without the required scale item: the error at the question, and a summary
    # that links to it.
    page.get_by_role("button", name="Skicka in svaren").click()
    question = page.locator(f"#question-{scale_item.pk}")
    expect(question).to_contain_text(REQUIRED_ERROR)
    summary = page.locator("#form-errors")
    expect(summary).to_contain_text("Dina svar är sparade som utkast men inte inskickade.")
    summary_link = summary.get_by_role("link", name="Palliativ vård: Symtomlindring")
    expect(summary_link).to_have_attribute("href", f"#question-{scale_item.pk}")
    # The scale's group names the error for screen readers.
    group = question.get_by_role("group")
    described_by = group.get_attribute("aria-describedby") or ""
    error_id = question.locator("p.text-danger").get_attribute("id")
    assert error_id in described_by.split()
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "required question missing")
    assert Response.objects.get(invitation=invitation).status == Response.Status.DRAFT

    # A page still showing the form, as a second tab or a back button would.
    stale = context.new_page()
    stale.goto(answer_url(live_server, invitation))
    expect(stale.get_by_label("Distans")).to_be_checked()

    # Answered in full and submitted: the receipt shows what was sent.
    question.get_by_label("Värdefullt", exact=True).check()
    page.get_by_role("button", name="Skicka in svaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack! Svaren är inskickade.")
    assert page.url == answer_url(live_server, invitation) + "kvitto/"
    receipt = page.locator("main")
    expect(receipt).to_contain_text("Värdefullt")
    expect(receipt).to_contain_text("Distans")
    expect(receipt).to_contain_text("Sara Holm")
    expect(receipt).to_contain_text("Arvika kommun")
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "receipt")

    # Back: Chromium does not post the form again unasked ("Confirm Form Resubmission"); the
    # answer page itself now leads to the receipt.
    with pytest.raises(PlaywrightError, match="ERR_CACHE_MISS"):
        page.go_back()
    page.wait_for_url("chrome-error://**")
    page.goto(answer_url(live_server, invitation))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack! Svaren är inskickade.")
    assert page.url == answer_url(live_server, invitation) + "kvitto/"

    # Submitting again, other answers, from the form still on screen in the other tab: the
    # receipt again, with the first answers.
    csrf = stale.locator("#main form input[name=csrfmiddlewaretoken]").input_value()
    stale.locator(f"#question-{scale_item.pk}").get_by_label("Akut, vi satsar gärna").check()
    stale.get_by_label("På plats").check()
    stale.get_by_label("Ditt namn").fill("Någon annan")
    stale.get_by_role("button", name="Skicka in svaren").click()
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
    expect(page.get_by_role("button", name="Skicka in svaren")).to_have_count(0)
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
    expect(page.get_by_role("button", name="Skicka in svaren")).to_be_visible()
    services.survey_update(
        survey=world.extra["own_survey"], closes_at=timezone.now() - timedelta(minutes=1)
    )
    closed = page.reload()
    assert closed.status == 410
    expect(page.get_by_role("alert")).to_contain_text("tar inte emot fler svar")
    assert no_horizontal_overflow(page)
    assert_no_axe_violations(page, "closed survey")
