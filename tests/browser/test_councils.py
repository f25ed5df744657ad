"""Council pages driven in headless Chromium."""

import pytest
from django.urls import reverse

from councils.models import Membership
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def test_secretariat_adds_a_member_with_the_keyboard_and_sees_them_by_party(
    transactional_db, live_server, page
):
    world = build_world()
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    page.goto(live_server.url + world.own.get_absolute_url())
    page.get_by_role("link", name="Hantera ledamöter").click()
    page.get_by_role("link", name="Lägg till ledamot").click()
    page.get_by_label("E-postadress").fill("karin.kommun@orebro.test")
    page.get_by_label("Namn").fill("Karin Kommun")
    page.get_by_label("Titel").fill("Förvaltningschef")
    page.get_by_label("Roll").select_option("ledamot")
    page.get_by_label("Part").select_option("kommuner")
    page.get_by_label("Representerar").fill("Örebros kommuner")
    page.get_by_label("Representerar").press("Enter")  # submit from the keyboard
    page.wait_for_url(f"**{reverse('councils:members', kwargs={'slug': world.own.slug})}")
    assert "Karin Kommun är tillagd i rådet." in page.locator("#messages").inner_text()
    assert Membership.objects.filter(user__email="karin.kommun@orebro.test").exists()

    page.goto(live_server.url + world.own.get_absolute_url())
    municipalities = page.locator("#party-kommuner + ul")
    assert "Karin Kommun" in municipalities.inner_text()
    assert "Företräder Örebros kommuner" in municipalities.inner_text()


def test_the_language_switch_turns_the_page_english_and_back(transactional_db, live_server, page):
    world = build_world()
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    page.goto(live_server.url + reverse("councils:list"))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text() == "Vårdkompetensråd"
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Byt").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Healthcare competence councils"
    page.get_by_label("Language").select_option("sv")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "sv"


def test_skip_link_moves_focus_to_the_main_content(transactional_db, live_server, page):
    build_world()
    page.goto(live_server.url + reverse("accessibility"))
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
