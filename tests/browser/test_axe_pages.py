"""axe-core (WCAG 2.1 A/AA) on every page of the permission matrix and on its error states.

Each page is opened as the role that sees the most of it; 0 violations is the bar.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import login
from tests.permission_matrix import CASES
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# Who opens a page: the first of these roles that gets it with 200.
VIEWER_ORDER = ["admin", "secretariat", "member", "national", "other_member", "respondent",
                "anonymous"]  # fmt: skip


def pages_by_viewer() -> dict[str, list]:
    pages: dict[str, list] = {}
    for case in CASES:
        if case.method != "GET":
            continue
        viewer = next((role for role in VIEWER_ORDER if case.expect[role] == 200), None)
        if viewer:
            pages.setdefault(viewer, []).append(case)
    return pages


PAGES = pages_by_viewer()


@pytest.mark.parametrize("viewer", sorted(PAGES))
def test_every_page_has_no_axe_violations(viewer, transactional_db, live_server, page):
    world = build_world()
    if world.users[viewer] is not None:
        login(page, live_server.url, world.users[viewer].email, PASSWORD)
    failures = []
    for case in PAGES[viewer]:
        url = live_server.url + reverse(case.url_name, kwargs=case.kwargs(world))
        # Ask first: a download (the plan's export) cannot be opened as a page.
        head = page.request.get(url)
        if "text/html" not in head.headers.get("content-type", ""):
            continue  # the JSON health check, the exports: nothing for a person to read
        page.goto(url)
        try:
            assert_no_axe_violations(page, f"{viewer} {case.id}")
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)


def test_error_states_have_no_axe_violations(transactional_db, live_server, page):
    world = build_world()
    # A failed login shows the error above the form.
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", world.users["member"].email)
    page.fill("#id_password", "fel-lösenord")
    page.click("main button[type=submit]")
    assert page.locator(".alert-danger, .invalid-feedback").count() > 0
    assert_no_axe_violations(page, "login error")

    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    # A membership form sent empty: errors at every required field.
    page.goto(live_server.url + reverse("councils:member_add", kwargs={"slug": world.own.slug}))
    page.click("main form [type=submit]")
    assert page.locator(".invalid-feedback").count() >= 2  # e-mail and name
    assert_no_axe_violations(page, "membership form errors")
    # Not found and forbidden pages.
    page.goto(live_server.url + "/rad/finns-inte/")
    assert_no_axe_violations(page, "404")
    page.goto(live_server.url + reverse("councils:members", kwargs={"slug": world.other.slug}))
    assert_no_axe_violations(page, "403")


def test_locked_out_page_has_no_axe_violations(transactional_db, live_server, page):
    world = build_world()
    for _ in range(5):
        page.goto(live_server.url + reverse("login"))
        page.fill("#id_username", world.users["member"].email)
        page.fill("#id_password", "fel-lösenord")
        page.click("main button[type=submit]")
    assert "För många inloggningsförsök" in page.content()
    assert_no_axe_violations(page, "locked out")


def test_activity_error_states_have_no_axe_violations(transactional_db, live_server, page):
    """States of the activity pages that no plain GET reaches: an open in-place form, a
    forged filter, a rejected import and the raise form sent empty."""
    world = build_world()
    plan = world.extra["own_plan"]
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)

    # The plan page with the in-place add form open.
    page.goto(live_server.url + plan.get_absolute_url())
    vfu = page.get_by_role("region", name="Fokusområde: Verksamhetsförlagd utbildning (VFU)")
    vfu.get_by_role("link", name="Lägg till aktivitet").click()
    expect(vfu.locator("tr.activity-form-row").get_by_label("Aktivitet")).to_be_focused()
    assert_no_axe_violations(page, "plan page with the add form open")

    # A forged filter value: an error above the filters.
    page.goto(live_server.url + plan.get_absolute_url() + "?prioritet=lila")
    expect(page.get_by_role("alert")).to_contain_text("Filtret innehåller ogiltiga värden")
    assert_no_axe_violations(page, "plan page with a forged filter")

    # An import of a file that is not xlsx: the errors are listed.
    import_url = reverse(
        "activities:plan_import", kwargs={"slug": plan.council.slug, "year": plan.year}
    )
    page.goto(live_server.url + import_url)
    page.get_by_label("Excelfil (.xlsx)").set_input_files(
        files=[{"name": "plan.xlsx", "mimeType": "text/plain", "buffer": b"inte ett kalkylark\n"}]
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.locator("#import-errors")).to_be_visible()
    assert page.locator("#import-errors li").count() >= 1
    assert_no_axe_violations(page, "import errors")

    # The raise form, inside <details>, sent without a motivation.
    page.goto(live_server.url + world.extra["own_activity"].get_absolute_url())
    page.locator("#national details > summary").click()
    page.get_by_label("Motivering").fill("")
    page.get_by_role("button", name="Lyft till nationell nivå").click()
    expect(page.locator("#national details")).to_have_attribute("open", "")
    expect(page.locator("#national .invalid-feedback")).to_be_visible()
    assert_no_axe_violations(page, "raise form errors")
