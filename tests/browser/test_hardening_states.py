"""The pages that the hardening added states to, seen in Chromium with axe-core and the
Content-Security-Policy watching: a link that was replaced or revoked, a throttled password
reset, a responses import with blank required answers, a plan file imported twice, anonymous
results with too few answers, the recipients page after a reminder, and the login page after
the idle timeout.

No plain GET reaches these states, so the crawl of every page (test_axe_pages.py) does not
see them. With VKR_SCREENSHOTS=<dir> each state is also saved at 1280 and 390 px wide.
"""

from __future__ import annotations

import os
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from activities.spreadsheets import plan_to_xlsx
from surveys import services as surveys
from tests.browser.axe import PolicyWatch, assert_no_axe_violations
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]
WIDTHS = (1280, 390)


def _checked(page, watch: PolicyWatch, where: str) -> None:
    """No axe violation and no policy violation, at both widths; a screenshot if asked."""
    folder = os.environ.get("VKR_SCREENSHOTS")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
        assert_no_axe_violations(page, f"{where} at {width} px")
        if folder:
            name = where.replace(" ", "-").replace(",", "")
            page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    watch.assert_none(where)


def test_a_replaced_and_a_revoked_link(transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    invitation = world.extra["own_invitation"]
    page.goto(live_server.url + reverse("surveys:link", args=[world.extra["own_token"]]))
    expect(page.get_by_role("button", name="Spara", exact=True)).to_be_visible()
    surveys.invitation_issue_link(invitation=invitation)
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("ersatts av en nyare")
    _checked(page, watch, "link replaced")
    surveys.invitation_revoke(invitation=invitation)
    page.reload()
    expect(page.get_by_role("alert")).to_contain_text("återkallats")
    _checked(page, watch, "link revoked")


def test_a_throttled_password_reset(transactional_db, live_server, page):
    build_world()
    watch = PolicyWatch(page)
    for number in range(6):
        page.goto(live_server.url + reverse("password_reset"))
        page.get_by_label("E-postadress").fill(f"person{number}@example.se")
        page.get_by_role("button", name="Skicka återställningslänk").click()
    expect(page.locator("main")).to_contain_text("för många återställningslänkar")
    _checked(page, watch, "password reset throttled")


def test_a_responses_import_with_blank_required_answers(transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    survey = world.extra["own_survey"]
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    page.goto(
        live_server.url + reverse("surveys:responses_import", args=[world.own.slug, survey.pk])
    )
    # Arvika answers the multiple choice and leaves the required scale item blank.
    rows = (
        "Organisation kod;Namn;Roll;Palliativ vård: Symtomlindring;Upplägg av utbildning\n"
        "1784;Sara Holm;MAS;;Distans\n"
    )
    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(
        files=[{"name": "svar.csv", "mimeType": "text/csv", "buffer": rows.encode("utf-8")}]
    )
    page.get_by_role("button", name="Importera").click()
    expect(page.locator("main")).to_contain_text("lämnar obligatoriska frågor utan svar")
    expect(
        page.get_by_label("Importera ändå svar där obligatoriska frågor saknar svar")
    ).to_be_visible()
    _checked(page, watch, "responses import incomplete")


def test_a_plan_file_imported_twice(transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    plan = world.extra["own_plan"]
    content = plan_to_xlsx(plan)
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    url = live_server.url + reverse("activities:plan_import", args=[world.own.slug, plan.year])
    for _ in range(2):
        page.goto(url)
        page.get_by_label("Excelfil (.xlsx)").set_input_files(
            files=[{"name": "plan.xlsx", "mimeType": "application/octet-stream", "buffer": content}]
        )
        page.get_by_role("button", name="Importera").click()
    expect(page.locator("main")).to_contain_text("redan importerad till planen")
    _checked(page, watch, "plan file imported twice")


def test_anonymous_results_with_too_few_answers(transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    survey = world.extra["own_survey"]
    surveys.survey_update(survey=survey, results_anonymous=True)
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    page.goto(live_server.url + reverse("surveys:results", args=[world.own.slug, survey.pk]))
    expect(page.locator("main")).to_contain_text("för få svar")
    expect(page.locator("main")).not_to_contain_text("Eva Svar")
    _checked(page, watch, "anonymous results too few")


def test_the_recipients_page_after_a_reminder(transactional_db, live_server, page):
    world = build_world()
    watch = PolicyWatch(page)
    survey = world.extra["own_survey"]
    invitation = world.extra["own_invitation"]
    now = timezone.now()
    type(invitation).objects.filter(pk=invitation.pk).update(
        sent_at=now - timedelta(days=3), reminded_at=now - timedelta(minutes=10)
    )
    surveys.invitation_log(invitation=invitation, kind="reminded")
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    page.goto(live_server.url + reverse("surveys:recipients", args=[world.own.slug, survey.pk]))
    expect(page.locator("main")).to_contain_text("Senaste påminnelsen skickades")
    _checked(page, watch, "recipients after a reminder")


def test_the_login_page_after_the_idle_timeout(transactional_db, live_server, page, settings):
    world = build_world()
    watch = PolicyWatch(page)
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=1)
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    time.sleep(1.5)
    page.goto(live_server.url + world.extra["own_plan"].get_absolute_url())
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
    expect(page.locator("main")).to_contain_text("Du har loggats ut")
    _checked(page, watch, "login after idle timeout")
