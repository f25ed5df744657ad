"""The plan table on the demo's real plan (Mellansverige 2022, from the seed) in Chromium: it
fits at 1280 px in every focus area's table, with the in-place form open and showing errors
too; on a 390 px phone every activity is a card with labels; a row moves into another focus
area without a reload; the page prints without controls; axe finds nothing with a menu open.
(Keyboard use of the priority and status controls: test_activities.py.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from activities import demo as activities_demo
from activities.models import Activity, ActivityPlan
from councils import demo as councils_demo
from councils.reference_data import reference_data_load
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import login
from tests.browser.test_activities import actions_button, activity_row, open_edit
from workgroups import demo as workgroups_demo

pytestmark = [pytest.mark.browser, pytest.mark.integration]

DEMO_PASSWORD = "vkr-demo-2026"
SECRETARIAT = "sekretariat@mellansverige.example.se"
MEMBER = "ledamot@mellansverige.example.se"
VFU = "Fokusområde: Verksamhetsförlagd utbildning (VFU)"
FORTBILDNING = "Fokusområde: Fortbildning"

# How wide the page is, and how many of the tables' boxes scroll sideways.
FIT = """() => ({
  page: document.documentElement.scrollWidth,
  boxes: document.querySelectorAll('.table-responsive').length,
  scrolling: [...document.querySelectorAll('.table-responsive')]
    .filter(box => box.scrollWidth > box.clientWidth).length,
})"""


def _demo_plan() -> ActivityPlan:
    reference_data_load()
    councils_demo.demo_load()
    activities_demo.demo_load()
    workgroups_demo.demo_load()  # the workgroups linked from "Genomförande"
    return ActivityPlan.objects.get(council__slug="mellansverige", year=2022)


def _open_plan(new_page, live_server, email: str, width: int, height: int = 900):
    plan = _demo_plan()
    page = new_page(viewport={"width": width, "height": height})
    login(page, live_server.url, email, DEMO_PASSWORD)
    page.goto(live_server.url + plan.get_absolute_url())
    return plan, page


def test_every_table_of_the_demo_plan_fits_at_1280_with_the_form_and_its_errors(
    transactional_db, live_server, new_page
):
    plan, page = _open_plan(new_page, live_server, SECRETARIAT, 1280)
    fit = page.evaluate(FIT)
    assert fit["page"] <= 1280 and (fit["boxes"], fit["scrolling"]) == (5, 0), fit

    # The activity with the longest content, in the form, with errors at two fields.
    activity = max(plan.activities.all(), key=lambda a: len(a.content))
    open_edit(page, activity.title)
    form = page.locator("tr.activity-form-row")
    form.get_by_label("Aktivitet").fill("")
    form.get_by_label("Startkvartal").select_option(label="Q4 2022")
    form.get_by_label("Slutkvartal").select_option(label="Q2 2022")
    form.get_by_role("button", name="Spara").click()
    expect(form.get_by_role("alert")).to_contain_text("Aktiviteten är inte sparad")
    expect(form).to_contain_text("Slutkvartalet kan inte ligga före startkvartalet.")
    fit = page.evaluate(FIT)
    assert fit["page"] <= 1280 and (fit["boxes"], fit["scrolling"]) == (5, 0), fit
    # Every field of the form is inside the table's box, none cut off at the right.
    box = form.locator("xpath=ancestor::div[contains(@class,'table-responsive')]").bounding_box()
    for field in form.locator("input:visible, select:visible, textarea:visible").all():
        bounds = field.bounding_box()
        assert bounds["x"] + bounds["width"] <= box["x"] + box["width"]


def test_on_a_phone_every_activity_is_a_card_with_its_labels(
    transactional_db, live_server, new_page
):
    plan, page = _open_plan(new_page, live_server, MEMBER, 390, 844)
    fit = page.evaluate(FIT)
    assert fit["page"] <= 390 and (fit["boxes"], fit["scrolling"]) == (5, 0), fit
    cards = page.locator("tr.activity-row")
    expect(cards).to_have_count(plan.activities.count())
    shown = cards.evaluate_all(
        """rows => rows.map(row => ({
          display: getComputedStyle(row).display,
          width: row.getBoundingClientRect().width,
          right: row.getBoundingClientRect().right,
          label: getComputedStyle(row.querySelector('td[data-label]'), '::before').content,
        }))"""
    )
    assert {card["display"] for card in shown} == {"block"}
    assert all(card["right"] <= 390 and card["width"] > 300 for card in shown)
    assert {card["label"] for card in shown} == {'"Genomförande"'}
    # The column heads are not shown above the cards (each value has its label).
    assert page.locator(".plan-table thead").first.evaluate("el => el.offsetHeight") <= 1


def test_a_row_moves_into_another_focus_area_at_once(transactional_db, live_server, new_page):
    plan, page = _open_plan(new_page, live_server, SECRETARIAT, 1280)
    activity = plan.activities.get(title="Etablera arbetsgrupp")
    page.evaluate("window.notReloaded = true")
    vfu, fortbildning = (page.get_by_role("region", name=name) for name in (VFU, FORTBILDNING))

    actions_button(vfu, activity.title).click()
    vfu.get_by_role("button", name="Flytta till fokusområde: Fortbildning", exact=True).click()
    moved = activity_row(fortbildning, activity.title)
    expect(moved).to_be_visible()
    expect(activity_row(vfu, activity.title)).to_have_count(0)
    expect(actions_button(moved, activity.title)).to_be_focused()
    expect(page.locator("#live-region")).to_have_text("Aktiviteten är flyttad till Fortbildning.")
    assert Activity.objects.get(pk=activity.pk).focus_area.short_name == "Fortbildning"

    # And back through the form's Fokusområde.
    open_edit(fortbildning, activity.title)
    form = page.locator("tr.activity-form-row")
    form.get_by_label("Fokusområde").select_option(label="Verksamhetsförlagd utbildning (VFU)")
    form.get_by_role("button", name="Spara").click()
    back = activity_row(vfu, activity.title)
    expect(back).to_be_visible()
    expect(activity_row(fortbildning, activity.title)).to_have_count(0)
    expect(actions_button(back, activity.title)).to_be_focused()
    expect(page.locator("#live-region")).to_contain_text("Aktiviteten är flyttad till")
    assert page.evaluate("window.notReloaded") is True
    assert Activity.objects.get(pk=activity.pk).focus_area.short_name == "VFU"


def test_the_plan_page_has_no_axe_violations_with_a_menu_open(
    transactional_db, live_server, new_page
):
    plan, page = _open_plan(new_page, live_server, SECRETARIAT, 1280)
    activity = plan.activities.order_by("order", "pk").first()
    row = activity_row(page, activity.title)
    actions_button(row, activity.title).click()
    expect(row.get_by_role("link", name=f"Ändra {activity.title}", exact=True)).to_be_visible()
    assert_no_axe_violations(page, "plan page, a row's menu open")
    row.locator('[data-focus-key="priority"]').click()
    expect(row.get_by_role("group", name=f"Prioritet för {activity.title}").get_by_role(
        "button", name="Röd", exact=True
    )).to_be_visible()  # fmt: skip
    assert_no_axe_violations(page, "plan page, a priority list open")
    # The copy for next year: a draft with its note to read the texts, late activities.
    page.goto(live_server.url + plan.get_absolute_url().replace("/2022/", "/2023/"))
    expect(page.locator("#review-note")).to_be_visible()
    expect(page.locator(".badge-late").first).to_be_visible()
    assert_no_axe_violations(page, "next year's plan, a draft copied with late activities")


def test_the_printed_plan_has_no_controls_and_keeps_its_colours(
    transactional_db, live_server, new_page
):
    plan, page = _open_plan(new_page, live_server, SECRETARIAT, 1280)
    page.emulate_media(media="print")
    expect(page.locator(".print-header")).to_contain_text(
        "Regionalt vårdkompetensråd Mellansverige · Aktivitetsplan 2022"
    )
    for hidden in (".row-menu", ".plan-actions", "form.filters", "body > header", ".col-actions"):
        assert all(not el.is_visible() for el in page.locator(hidden).all()), hidden
    green = page.locator(".plan-table .priority-green").first
    assert green.evaluate("el => getComputedStyle(el).printColorAdjust") == "exact"
    assert green.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(20, 108, 67)"
    expect(page.get_by_role("heading", name=VFU)).to_be_visible()
    assert page.evaluate(FIT)["scrolling"] == 0
