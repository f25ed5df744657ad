"""The notification settings page in headless Chromium: no axe violations at 1280 and 390 px,
and a choice made with the keyboard is saved and said so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.models import Preference
from tests.browser.axe import PolicyWatch, assert_no_axe_violations
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

WIDTHS = [(1280, 900), (390, 844)]


def _no_overflow(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"the page is {overflow} px too wide"


def test_the_settings_page_has_no_axe_violations_and_saves_by_keyboard(
    transactional_db, live_server, page
):
    world = build_world()
    watch = PolicyWatch(page)
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    page.goto(live_server.url + reverse("password_change"))
    page.get_by_role("link", name="Aviseringar via e-post").click()
    page.wait_for_url(f"**{reverse('notifications:settings')}")
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        _no_overflow(page)
        assert_no_axe_violations(page, f"notification settings at {width} px")
        watch.assert_none(f"notification settings at {width} px")
    # Each kind is a group named by its legend; pick "Aldrig" in one from the keyboard.
    group = page.get_by_role("group", name="När en enkät stänger inom några dagar")
    group.get_by_label("Direkt").focus()
    page.keyboard.press("ArrowRight")  # radios move on with the arrow keys
    page.keyboard.press("ArrowRight")
    assert group.get_by_label("Aldrig").is_checked()
    page.get_by_role("button", name="Spara").press("Enter")
    page.wait_for_load_state()
    assert "Dina val för aviseringar är sparade." in page.locator("#messages").inner_text()
    assert Preference.objects.get(user=world.users["member"]).delivery == "never"
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        assert_no_axe_violations(page, f"notification settings saved at {width} px")


def test_an_error_on_the_page_has_no_axe_violations(transactional_db, live_server, page):
    world = build_world()
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    page.goto(live_server.url + reverse("notifications:settings"))
    # A forged value, as a tampered form would send it.
    page.evaluate(
        "() => { const r = document.querySelector('input[name=raise_answered]'); r.value = 'x';"
        " r.checked = true; }"
    )
    page.get_by_role("button", name="Spara").click()
    page.wait_for_load_state()
    assert "Välj direkt, daglig sammanfattning eller aldrig." in page.content()
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        assert_no_axe_violations(page, f"notification settings with an error at {width} px")
