"""The national recommendations in headless Chromium with htmx (issue 10, "Done when"): a
Mellansverige member finds the council's follow-ups from the start page by links only,
updates the council's own follow-up and a region's follow-up in place, and sees both in the
whole country's matrix, whose cell leads to the follow-up and its history.

Every state reached is checked with axe-core (WCAG 2.1 AA) and the Content-Security-Policy
at 1280 and 390 px, and no page may be wider than a 390 px phone. With VKR_SCREENSHOTS=<dir>
each state is also saved at both widths.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from recommendations.models import FollowUp
from tests.browser import states
from tests.browser.axe import PolicyWatch
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

DONE = "Doktorandsatsning startad"


def _checked(page, watch, where: str) -> None:
    states.checked(page, watch, where, prefix="recommendations")


_field, _mark_page, _same_page = states.field, states.mark_page, states.same_page


def _open_follow_ups_from_start(page, live_server, council) -> None:
    """Start → "Mina råd" → the council → "Nationella rekommendationer", by links only."""
    page.goto(live_server.url + "/")
    mine = page.get_by_role("region", name="Mina råd")
    mine.get_by_role("link", name=council.name, exact=True).click()
    page.wait_for_url(f"**{council.get_absolute_url()}")
    page.get_by_role("main").get_by_role(
        "link", name="Nationella rekommendationer", exact=True
    ).click()
    page.wait_for_url(f"**/rad/{council.slug}/rekommendationer/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Nationella rekommendationer – uppföljning i {council.short_name}"
    )


def _update_in_place(page, target: str, status: str, done: str = "") -> None:
    """ "Ändra" on the cell `target`, the form in place, `status` (and `done`), "Spara"."""
    cell = page.locator(f"#{target}")
    cell.locator("[data-focus-key=edit]").click()
    form = page.locator(f"#{target}.follow-up-form")
    expect(form).to_be_visible()
    expect(page.locator(f"#{target}-status_0")).to_be_focused()
    form.get_by_role("radio", name=status, exact=True).check()
    if done:
        _field(form, "Vad som gjorts").fill(done)
    form.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator(f"#{target}.follow-up-form")).to_have_count(0)
    expect(cell.locator(".follow-up-status")).to_have_text(status)
    expect(page.locator("#live-region")).to_have_text("Uppföljningen är sparad.")
    expect(cell.locator("[data-focus-key=edit]")).to_be_focused()


def _matrix_cell(page, table_id: str, identifier: str, column: str):
    """The cell of the matrix table `table_id` in the row of recommendation `identifier` and
    the column headed `column`."""
    table = page.locator(f"#{table_id}")
    headers = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    assert column in headers, f"{table_id}: no column {column!r} in {headers}"
    row = table.locator("tbody tr").filter(
        has=page.get_by_role("link", name=identifier, exact=True)
    )
    expect(row).to_have_count(1)
    # The row's first cell is its <th>: the header's index is the <td>'s plus one.
    return row.locator("td").nth(headers.index(column) - 1)


def test_a_member_updates_follow_ups_in_place_and_sees_them_in_the_matrix(
    transactional_db, live_server, page
):
    world = build_world()
    council = world.councils["mellansverige"]
    to_councils = world.extra["council_recommendation"]
    to_regions = world.extra["region_recommendation"]
    region = world.organisations["region_orebro"]
    own = world.extra["own_follow_up"]
    assert (own.status, world.extra["own_region_follow_up"].status) == ("pagar", "planerad")
    watch = PolicyWatch(page)
    login(page, live_server.url, world.users["member"].email, PASSWORD)

    _open_follow_ups_from_start(page, live_server, council)
    own_target = f"fu-{to_councils.pk}-own"
    region_target = f"fu-{to_regions.pk}-{region.pk}"
    expect(page.locator(f"#{own_target} .follow-up-status")).to_have_text("Pågår")
    expect(page.locator(f"#{region_target} .follow-up-status")).to_have_text("Planerad")
    _checked(page, watch, "council follow-ups")
    url = page.url
    _mark_page(page)

    # The form in place, checked as it stands, then cancelled (nothing saved).
    page.locator(f"#{own_target} [data-focus-key=edit]").click()
    form = page.locator(f"#{own_target}.follow-up-form")
    expect(form).to_be_visible()
    expect(page.locator(f"#{own_target}-status_0")).to_be_focused()
    expect(form.get_by_role("radio", name="Pågår", exact=True)).to_be_checked()
    expect(_field(form, "Vad som gjorts")).to_have_value("Arbetsgruppen AT/BT följer upp")
    assert page.url == url and _same_page(page)
    _checked(page, watch, "follow-up form in place")
    form.get_by_role("link", name="Avbryt", exact=True).click()
    expect(form).to_have_count(0)
    expect(page.locator(f"#{own_target} .follow-up-status")).to_have_text("Pågår")

    # The council's own follow-up: "Genomförd", what was done.
    _update_in_place(page, own_target, "Genomförd", DONE)
    expect(page.locator(f"#{own_target}")).to_contain_text(DONE)
    assert page.url == url and _same_page(page)
    own.refresh_from_db()
    assert (own.status, own.done, own.version) == ("genomford", DONE, 2)
    assert own.recorded_by == world.users["member"]
    _checked(page, watch, "own follow-up saved")

    # Region Örebro län's follow-up: "Pågår".
    _update_in_place(page, region_target, "Pågår")
    assert page.url == url and _same_page(page)
    saved = FollowUp.objects.get(recommendation=to_regions, council=council, organisation=region)
    assert (saved.status, saved.version) == ("pagar", 2)
    _checked(page, watch, "region follow-up saved")

    # The whole country's matrix: the text of the status, not only its colour.
    page.get_by_role("link", name="Hela landet (matris)", exact=True).click()
    publication = world.extra["publication"]
    page.wait_for_url(f"**/nationellt/rekommendationer/{publication.pk}/matris/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Uppföljning i hela landet")
    cell = _matrix_cell(page, "matris-rad", to_councils.identifier, council.short_name)
    expect(cell.locator(".badge")).to_have_text("Genomförd")
    link = cell.get_by_role("link")
    expect(link).to_have_accessible_name(f"Genomförd – {to_councils.identifier}, {council.name}")
    expect(link).to_have_attribute("href", f"/rad/{council.slug}/uppfoljningar/{own.pk}/")
    region_cell = _matrix_cell(page, "matris-regioner", to_regions.identifier, region.name)
    expect(region_cell.locator(".badge")).to_have_text("Pågår")
    expect(region_cell.get_by_role("link")).to_have_attribute(
        "href", f"/rad/{council.slug}/uppfoljningar/{saved.pk}/"
    )
    _checked(page, watch, "matrix")

    # The cell leads to the follow-up, with its history.
    link.click()
    page.wait_for_url(f"**/rad/{council.slug}/uppfoljningar/{own.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Uppföljning av rekommendation {to_councils.identifier}"
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text("Genomförd")
    expect(main).to_contain_text(DONE)
    history = page.get_by_role("region", name="Ändringshistorik")
    expect(history).to_contain_text("Pågår → Genomförd")
    expect(history).to_contain_text("Maja Ledamot")
    expect(history.get_by_role("listitem")).to_have_count(2)
    _checked(page, watch, "follow-up page")
