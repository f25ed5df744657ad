"""axe-core (WCAG 2.1 A/AA) and the Content-Security-Policy on every page of the permission
matrix and on its error states, the respondent's pages and the admin.

Each page is opened as the role that sees the most of it; 0 violations of either is the bar.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from surveys import services as surveys
from tests.browser.axe import PolicyWatch, assert_no_axe_violations
from tests.browser.conftest import login
from tests.permission_matrix import CASES
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# Who opens a page: the first of these roles that gets it with 200.
VIEWER_ORDER = ["admin", "secretariat", "member", "national", "other_member", "respondent",
                "anonymous"]  # fmt: skip


# Answers that are parts of a page, for htmx to swap into the page that asked: the round
# screens' live requests (the round page and the meeting view are checked whole).
FRAGMENTS = {"prioritisation:live"}


def pages_by_viewer() -> dict[str, list]:
    pages: dict[str, list] = {}
    for case in CASES:
        if case.method != "GET" or case.url_name in FRAGMENTS:
            continue
        viewer = next((role for role in VIEWER_ORDER if case.expect[role] == 200), None)
        if viewer:
            pages.setdefault(viewer, []).append(case)
    return pages


PAGES = pages_by_viewer()
WIDTHS = [(1280, 900), (390, 844)]


@pytest.mark.parametrize("viewer", sorted(PAGES))
def test_every_page_has_no_axe_or_policy_violations(viewer, transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    if world.users[viewer] is not None:
        login(page, live_server.url, world.users[viewer].email, PASSWORD)
        watch.assert_none("login")
    failures = []
    for case in PAGES[viewer]:
        where = f"{viewer} {case.id}"
        url = live_server.url + reverse(case.url_name, kwargs=case.kwargs(world))
        # Ask first: a download (the plan's export) cannot be opened as a page.
        head = page.request.get(url)
        if "text/html" not in head.headers.get("content-type", ""):
            continue  # the JSON health check, the exports: nothing for a person to read
        if "script-src 'self'" not in head.headers.get("content-security-policy", ""):
            failures.append(f"{where}: no Content-Security-Policy with script-src 'self'")
        page.goto(url)
        # As on a desk and on a phone (390 px): a table that scrolls sideways on the phone
        # must be reachable by keyboard, for one.
        for width, height in WIDTHS:
            page.set_viewport_size({"width": width, "height": height})
            overflow = page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 1:
                failures.append(f"{where} at {width} px: the page is {overflow} px too wide")
            for check in (assert_no_axe_violations, lambda page, where: watch.assert_none(where)):
                try:
                    check(page, f"{where} at {width} px")
                except AssertionError as error:
                    failures.append(str(error))
    assert not failures, "\n\n".join(failures)


def test_the_policy_refuses_inline_script(transactional_db, live_server, page):
    """The policy is in force, and the watch sees what it refuses. (Eval cannot be tried
    from here: Playwright's evaluate() is exempt from the page's policy.)"""
    watch = PolicyWatch(page)
    page.goto(live_server.url + reverse("login"))
    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.body.appendChild(script);
          return window.inlineRan === true;
        }"""
    )
    assert ran is False
    found = watch.take()
    assert any(item.startswith("script-src-elem refused inline") for item in found), found


def test_respondent_pages_have_no_axe_or_policy_violations(transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    page.goto(live_server.url + reverse("surveys:link", args=[world.extra["own_token"]]))
    assert_no_axe_violations(page, "answering page")
    watch.assert_none("answering page")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("main")).to_contain_text("Dina svar är sparade")
    watch.assert_none("draft saved")
    submitted = world.extra["own_submitted_invitation"]
    link = surveys.invitation_issue_link(invitation=submitted)
    page.goto(live_server.url + reverse("surveys:link", args=[link.token]))
    expect(page).to_have_url(live_server.url + reverse("surveys:receipt", args=[submitted.pk]))
    assert_no_axe_violations(page, "receipt")
    watch.assert_none("receipt")


def test_the_admin_works_under_the_policy(transactional_db, live_server, page):
    """Every admin list and add form, and a change form whose widgets are built by script."""
    from django.contrib import admin
    from django.test import RequestFactory

    world = build_world()
    watch = PolicyWatch(page)
    login(page, live_server.url, world.users["admin"].email, PASSWORD)
    request = RequestFactory().get("/")
    request.user = world.users["admin"]
    failures = []
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):  # the logs of django-axes are read-only
            urls.append(reverse(f"{prefix}_add"))
    for url in urls:
        response = page.goto(live_server.url + url)
        if response.status != 200 or "script-src 'self'" not in response.headers.get(
            "content-security-policy", ""
        ):
            failures.append(f"{url}: {response.status}, no policy or not a page")
        try:
            watch.assert_none(url)
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)
    # The user form's group and permission pickers are made by the admin's SelectFilter2.js.
    page.goto(
        live_server.url + reverse("admin:councils_user_change", args=[world.users["member"].pk])
    )
    expect(page.locator(".selector").first).to_be_visible()
    page.get_by_role("button", name="Spara").first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    watch.assert_none("user change form")


def test_error_states_have_no_axe_violations(transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    # A failed login shows the error above the form.
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", world.users["member"].email)
    page.fill("#id_password", "fel-lösenord")
    page.click("main button[type=submit]")
    assert page.locator(".alert-danger, .invalid-feedback").count() > 0
    assert_no_axe_violations(page, "login error")
    watch.assert_none("login error")

    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    # A membership form sent empty: errors at every required field.
    page.goto(live_server.url + reverse("councils:member_add", kwargs={"slug": world.own.slug}))
    page.click("main form [type=submit]")
    assert page.locator(".invalid-feedback").count() >= 2  # e-mail and name
    assert_no_axe_violations(page, "membership form errors")
    watch.assert_none("membership form errors")
    # Not found and forbidden pages.
    page.goto(live_server.url + "/rad/finns-inte/")
    assert_no_axe_violations(page, "404")
    watch.assert_none("404")
    page.goto(live_server.url + reverse("councils:members", kwargs={"slug": world.other.slug}))
    assert_no_axe_violations(page, "403")
    watch.assert_none("403")


def test_locked_out_page_has_no_axe_violations(transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    for _ in range(5):
        page.goto(live_server.url + reverse("login"))
        page.fill("#id_username", world.users["member"].email)
        page.fill("#id_password", "fel-lösenord")
        page.click("main button[type=submit]")
    assert "För många inloggningsförsök" in page.content()
    assert_no_axe_violations(page, "locked out")
    watch.assert_none("locked out")


def test_activity_error_states_have_no_axe_violations(transactional_db, live_server, page):
    """States of the activity pages that no plain GET reaches: an open in-place form, a
    forged filter, a rejected import and the raise form sent empty."""
    world = build_world()
    plan = world.extra["own_plan"]
    watch = PolicyWatch(page)
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)

    # The plan page with the in-place add form open.
    page.goto(live_server.url + plan.get_absolute_url())
    vfu = page.get_by_role("region", name="Fokusområde: Verksamhetsförlagd utbildning (VFU)")
    vfu.get_by_role("link", name="Lägg till aktivitet").click()
    expect(vfu.locator("tr.activity-form-row").get_by_label("Aktivitet")).to_be_focused()
    assert_no_axe_violations(page, "plan page with the add form open")
    watch.assert_none("plan page with the add form open")
    # Cancelled before anything was saved: the form's row goes (portal.js, no inline handler).
    vfu.locator("tr.activity-form-row").get_by_role("button", name="Avbryt").click()
    expect(vfu.locator("tr.activity-form-row")).to_have_count(0)
    watch.assert_none("add form cancelled")

    # A forged filter value: an error above the filters.
    page.goto(live_server.url + plan.get_absolute_url() + "?prioritet=lila")
    expect(page.get_by_role("alert")).to_contain_text("Filtret innehåller ogiltiga värden")
    assert_no_axe_violations(page, "plan page with a forged filter")
    watch.assert_none("plan page with a forged filter")

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
    watch.assert_none("import errors")

    # The raise form, inside <details>, sent without a motivation.
    page.goto(live_server.url + world.extra["own_activity"].get_absolute_url())
    page.locator("#national details > summary").click()
    page.get_by_label("Motivering").fill("")
    page.get_by_role("button", name="Lyft till nationell nivå").click()
    expect(page.locator("#national details")).to_have_attribute("open", "")
    expect(page.locator("#national .invalid-feedback")).to_be_visible()
    assert_no_axe_violations(page, "raise form errors")
    watch.assert_none("raise form errors")
