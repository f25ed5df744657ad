"""The secretariat builds a short survey, invites two municipalities and follows the rate."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from surveys.models import Survey
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def _link_in(message) -> str:
    return re.search(r"(/svara/[^\s]+/)", message.body).group(1)


def test_secretariat_builds_invites_and_sees_the_response_rate_change(
    transactional_db, live_server, new_page
):
    build_world()
    page = new_page()
    login(page, live_server.url, "sekretariat@mellan.test", PASSWORD)
    page.goto(live_server.url + "/rad/mellansverige/enkater/ny/")
    page.get_by_label("Titel").fill("Behov av handledarutbildning 2026")
    page.get_by_role("checkbox", name="Kommuner", exact=True).check()
    page.get_by_role("button", name="Skapa enkät").click()
    page.get_by_label("Avsnittets rubrik").fill("Handledning")
    page.get_by_role("button", name="Lägg till avsnitt").click()
    expect(page.get_by_role("heading", name="Handledning")).to_be_visible()
    page.get_by_label("Typ av fråga").select_option("scale")
    page.locator("#id_text").fill("Handledarutbildning för VFU")
    page.get_by_label("Obligatorisk").check()
    page.locator("#add-question-heading + form").get_by_role(
        "button", name="Lägg till fråga"
    ).click()
    expect(page.get_by_text("Handledarutbildning för VFU").first).to_be_visible()
    assert_no_axe_violations(page, "builder with a question")
    survey = Survey.objects.get(title="Behov av handledarutbildning 2026")

    page.goto(live_server.url + f"/rad/mellansverige/enkater/{survey.pk}/installningar/")
    page.get_by_label("Status").select_option("open")
    page.get_by_role("button", name="Spara").click()

    page.goto(live_server.url + f"/rad/mellansverige/enkater/{survey.pk}/mottagare/")
    page.get_by_role("textbox", name="Adresser").fill(
        "1784;kontakt@arvika.test\n1880;kontakt@orebro.test"
    )
    page.get_by_role("button", name="Spara adresser").click()
    expect(page.locator("#messages")).to_contain_text("Adresser sparade för 2 organisationer.")
    assert_no_axe_violations(page, "recipients")
    page.get_by_role("button", name="Skicka inbjudningar till dem som inte fått någon").click()
    expect(page.locator("#messages")).to_contain_text("2 inbjudningar skickas nu.")
    assert sorted(m.to[0] for m in mail.outbox[-2:]) == [
        "kontakt@arvika.test",
        "kontakt@orebro.test",
    ]

    overview = live_server.url + survey.get_absolute_url()
    page.goto(overview)
    expect(page.locator("#rate-heading + p")).to_contain_text("0 av 2 har svarat (0 %)")

    arvika = next(m for m in mail.outbox if m.to == ["kontakt@arvika.test"])
    respondent = new_page(viewport={"width": 390, "height": 844})
    respondent.goto(live_server.url + _link_in(arvika))
    respondent.get_by_label("Värdefullt").check()
    respondent.get_by_role("button", name="Nästa").click()  # the review step, then send
    respondent.get_by_role("button", name="Skicka in svaren").click()
    expect(respondent.get_by_role("heading", name="Tack! Svaren är inskickade.")).to_be_visible()

    page.goto(overview)
    expect(page.locator("#rate-heading + p")).to_contain_text("1 av 2 har svarat (50 %)")
    assert_no_axe_violations(page, "overview with one answer")
