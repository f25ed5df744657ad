"""The contact register in Chromium at 1280 and 390 px: axe finds nothing on its pages and on
the recipients page, nothing runs off the side, and a missing address is filled from the
recipients page through the register and back."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from contacts import services as contacts
from surveys import services as surveys
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

WIDTHS = [(1280, 900), (390, 844)]


def _world_with_a_round():
    world = build_world()
    arvika, orebro = world.organisations["arvika"], world.organisations["orebro"]
    contacts.contacts_add(emails={arvika.pk: ["mas@arvika.test", "mas2@arvika.test"]}, role="mas")
    contacts.contacts_add(emails={arvika.pk: ["chef@arvika.test"]}, role="forvaltningschef")
    draft = world.extra["own_draft_survey"]
    surveys.invitations_create(survey=draft, organisations=[arvika, orebro], role="mas")
    return world, draft


def _no_overflow(page, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"{where}: {width} px wide in a {viewport} px window"


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_register_and_recipients_pages_have_no_axe_violations(
    transactional_db, live_server, new_page, width, height
):
    world, draft = _world_with_a_round()
    page = new_page(viewport={"width": width, "height": height})
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    register = live_server.url + reverse("contacts:list", kwargs={"slug": world.own.slug})
    arvika = reverse(
        "contacts:organisation",
        kwargs={"slug": world.own.slug, "pk": world.organisations["arvika"].pk},
    )
    recipients = reverse("surveys:recipients", kwargs={"slug": world.own.slug, "pk": draft.pk})
    pages = [
        ("register", register),
        ("register filtered", register + "?kind=kommun&role=mas&without=on"),
        ("organisation", live_server.url + arvika),
        ("recipients of a draft", live_server.url + recipients),
    ]
    for where, url in pages:
        page.goto(url)
        assert_no_axe_violations(page, f"{where} at {width}")
        _no_overflow(page, f"{where} at {width}")
    # The organisation's page with errors on it.
    page.goto(live_server.url + arvika)
    page.locator("#id_contacts-2-email").fill("inte-en-adress")
    page.get_by_role("button", name="Spara adresser").click()
    expect(page.get_by_text("Inte sparat: rätta de markerade fälten.")).to_be_visible()
    assert_no_axe_violations(page, f"organisation with errors at {width}")
    _no_overflow(page, f"organisation with errors at {width}")


def test_a_missing_address_is_added_in_the_register_and_taken_into_the_round(
    transactional_db, live_server, page
):
    world, draft = _world_with_a_round()
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    recipients = reverse("surveys:recipients", kwargs={"slug": world.own.slug, "pk": draft.pk})
    page.goto(live_server.url + recipients)
    send = page.get_by_role("button", name="Skicka inbjudningar till dem som inte fått någon")
    expect(send).to_be_disabled()
    expect(send).to_have_accessible_description(
        "Enkäten är ett utkast: öppna den under Inställningar innan inbjudningarna skickas."
    )
    missing = page.locator("#missing-addresses")
    expect(missing.get_by_role("heading")).to_have_text("1 av 2 mottagare saknar e-postadress")
    missing.get_by_role("link", name="Örebro kommun").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontaktadresser: Örebro kommun")
    row = page.get_by_role("group", name="Ny adress").first
    row.get_by_label("Roll").select_option("mas")
    row.get_by_label("E-postadress").fill("MAS@Orebro.test")
    page.get_by_role("button", name="Spara adresser").click()
    page.wait_for_url(f"**{recipients}")
    expect(page.locator("#messages")).to_contain_text("Adresserna för Örebro kommun är sparade.")
    page.get_by_role("button", name="Hämta adresser ur kontaktregistret").click()
    expect(page.locator("#messages")).to_contain_text("1 mottagare fick adresser ur")
    expect(page.locator("#missing-addresses")).to_have_count(0)
    expect(page.get_by_text("Alla 2 mottagare har en e-postadress.")).to_be_visible()
    assert draft.invitations.get(organisation__code="1880").emails == ["mas@orebro.test"]
