"""The start page's "Att ta hand om" in headless Chromium, with an item of every kind (and
their own survey for the respondent): each role's page has no WCAG 2.1 AA violations and no sideways
scrolling at 1280 and 390 px."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import login
from tests.councils.test_home_attention import _one_of_each
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# What each role's page shows in this world, one heading a kind.
HEADINGS = {
    "secretariat": [
        "Nya svar från det nationella rådet", "Aktiviteter som ska vara klara detta kvartal",
        "Enkäter som stänger snart med många som inte svarat", "Årsrapporter",
        "Medlemskap som upphör", "Frågor till rådet som väntar på svar",
    ],
    "member": [
        "Nya svar från det nationella rådet", "Aktiviteter som ska vara klara detta kvartal",
        "Öppna enkäter",
    ],
    "national": ["Lyfta aktiviteter som väntar på det nationella rådets svar"],
    "respondent": ["Enkäter att besvara"],  # the own organisation's survey
}  # fmt: skip


@pytest.mark.parametrize("width", [1280, 390])
def test_every_roles_start_page_is_accessible_and_fits(transactional_db, live_server, new_page,
                                                        width):  # fmt: skip
    world = build_world()
    _one_of_each(world)
    for role, headings in HEADINGS.items():
        page = new_page(viewport={"width": width, "height": 900})
        login(page, live_server.url, world.users[role].email, PASSWORD)
        page.goto(live_server.url + reverse("home"))
        attention = page.get_by_role("region", name="Att ta hand om")
        shown = attention.get_by_role("heading", level=3).all_inner_texts()
        for heading in headings:
            assert any(text.startswith(heading) for text in shown), (role, heading, shown)
        assert ("Inget väntar på dig just nu." in attention.inner_text()) is (not headings)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (role, width, overflow)
        assert_no_axe_violations(page, f"start page of {role} at {width} px")
