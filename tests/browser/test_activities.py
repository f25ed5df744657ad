"""Activity plans driven in headless Chromium: in-place editing with htmx, the keyboard, the
national answer and form errors in place (two people at once: test_activity_conflicts.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from activities.models import Activity, NationalRaise
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

VFU = "Fokusområde: Verksamhetsförlagd utbildning (VFU)"


def plan_url(live_server, world) -> str:
    return live_server.url + world.extra["own_plan"].get_absolute_url()


def activity_row(scope, title: str):
    """The plan table row of the activity titled `title` (shown, not being edited)."""
    page = getattr(scope, "page", scope)  # a filter's inner locator starts from the page
    return scope.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))


def edit_link(scope, title: str):
    return scope.get_by_role("link", name=f"Ändra {title}", exact=True)


def actions_button(scope, title: str):
    """The button that opens the row's menu (Ändra, flytta, anteckningar, ta bort …)."""
    return scope.get_by_role("button", name=f"Åtgärder för {title}", exact=True)


def open_edit(scope, title: str) -> None:
    """Open the row's menu and choose Ändra: the row turns into the in-place form."""
    actions_button(scope, title).click()
    edit_link(scope, title).click()


def priority_button(row):
    """The row's one priority control: its current value, in its colour, opening the list."""
    return row.locator('[data-focus-key="priority"]')


def choose_priority(row, title: str, label: str) -> None:
    """Open the row's priority list and click one value in it."""
    priority_button(row).click()
    row.get_by_role("group", name=f"Prioritet för {title}").get_by_role(
        "button", name=label, exact=True
    ).click()


def form_row(page):
    """The row holding an open in-place form (only one is open at a time in these tests)."""
    return page.locator("tr.activity-form-row")


def test_member_adds_and_edits_an_activity_in_place_and_sees_the_history(
    transactional_db, live_server, page
):
    world = build_world()
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    page.goto(plan_url(live_server, world))
    url = page.url
    vfu = page.get_by_role("region", name=VFU)

    # Add: the form opens as a new row at the end of the VFU table.
    vfu.get_by_role("link", name="Lägg till aktivitet").click()
    form = vfu.locator("tr.activity-form-row")
    expect(form.get_by_label("Aktivitet")).to_be_visible()
    expect(form.get_by_label("Aktivitet")).to_be_focused()
    form.get_by_label("Aktivitet").fill("Gemensam introduktion för VFU-handledare")
    form.get_by_label("Genomförande").fill("Arbetsgrupp VFU")
    form.get_by_label("Innehåll").fill("Träffar varje termin.")
    form.get_by_role("radio", name="Grön").check()
    form.get_by_role("button", name="Spara").click()

    title = "Gemensam introduktion för VFU-handledare"
    row = activity_row(vfu, title)
    expect(row).to_be_visible()
    expect(form).to_have_count(0)
    expect(priority_button(row)).to_have_text("Prioritet för " + title + ": Grön")
    expect(priority_button(row)).to_have_class(re.compile(r"\bpriority-green\b"))
    expect(row).to_contain_text("Arbetsgrupp VFU")
    expect(page.locator("#live-region")).to_have_text("Aktiviteten är tillagd.")
    assert page.url == url  # never left the page
    activity = Activity.objects.get(title=title)
    assert activity.focus_area.short_name == "VFU"
    assert activity.priority == Activity.Priority.GREEN

    # Edit in place (from the row's menu): the row turns into the form, and back into the row.
    # The timeline is its quarters; the free text is only a comment shown after them.
    open_edit(row, title)
    expect(form.get_by_label("Startkvartal")).to_be_visible()
    expect(form.get_by_label("Aktivitet")).to_have_value(title)
    form.get_by_label("Startkvartal").select_option(label="Q3 2022")
    form.get_by_label("Slutkvartal").select_option(label="Q4 2022")
    form.get_by_label("Kommentar till tidplan").fill("Efter rådets möte")
    form.get_by_role("button", name="Spara").click()
    expect(form).to_have_count(0)
    expect(row.locator(".cell-timeline")).to_have_text("Q3–Q4 2022Efter rådets möte")
    expect(page.locator("#live-region")).to_have_text("Aktiviteten är sparad.")
    expect(actions_button(row, title)).to_be_focused()
    assert page.url == url
    saved = Activity.objects.get(pk=activity.pk)
    assert (saved.start_quarter, saved.end_quarter, saved.timeline) == (
        "2022Q3", "2022Q4", "Efter rådets möte",
    )  # fmt: skip

    # A priority from the row's one priority control: its colour and text, the current value
    # in the list, the focus back on the control and what is read out.
    choose_priority(row, title, "Gul")
    expect(priority_button(row)).to_have_text("Prioritet för " + title + ": Gul")
    expect(priority_button(row)).to_have_class(re.compile(r"\bpriority-yellow\b"))
    yellow = row.get_by_role("group", name=f"Prioritet för {title}").get_by_role(
        "button", name="Gul", exact=True, include_hidden=True
    )
    expect(yellow).to_have_attribute("aria-pressed", "true")
    expect(yellow).to_be_hidden()  # the list closed
    expect(priority_button(row)).to_be_focused()
    assert priority_button(row).evaluate("el => el === document.activeElement")
    expect(page.locator("#live-region")).to_have_text("Ändringen är sparad.")
    assert page.url == url
    assert Activity.objects.get(pk=activity.pk).priority == Activity.Priority.YELLOW

    # The activity page's history names who changed the tidplan, from what to what.
    row.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(f"**{activity.get_absolute_url()}")
    history = page.get_by_role("region", name="Historik")
    timeline_header = page.get_by_role("rowheader", name="Startkvartal", exact=True)
    timeline_change = history.get_by_role("row").filter(has=timeline_header)
    expect(timeline_change).to_have_count(1)
    expect(timeline_change.get_by_role("cell")).to_have_text(["–", "Q3 2022"])
    comment_header = page.get_by_role("rowheader", name="Kommentar till tidplan", exact=True)
    comment_change = history.get_by_role("row").filter(has=comment_header)
    expect(comment_change.get_by_role("cell")).to_have_text(["–", "Efter rådets möte"])
    entry = history.get_by_role("listitem").filter(has=timeline_header)
    expect(entry).to_contain_text("av Maja Ledamot")
    priority_change = history.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Prioritet", exact=True)
    )
    expect(priority_change.first.get_by_role("cell")).to_have_text(["Grön", "Gul"])


def test_keyboard_only_edit_returns_focus_to_the_rows_menu(transactional_db, live_server, page):
    world = build_world()
    activity = world.extra["own_activity"]
    title = activity.title
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    page.goto(plan_url(live_server, world))
    url = page.url

    # From the activity's title link, Tab through the row's controls to its menu.
    page.get_by_role("link", name=title, exact=True).focus()
    menu = actions_button(page, title)
    for _ in range(20):
        if menu.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")  # opens the menu
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")  # its first item: Ändra
    expect(edit_link(page, title)).to_be_focused()
    page.keyboard.press("Enter")

    title_field = form_row(page).get_by_label("Aktivitet")
    expect(title_field).to_be_focused()
    expect(title_field).to_have_value(title)
    page.keyboard.press("End")
    page.keyboard.type(" – steg 2")
    page.keyboard.press("Enter")  # Enter in a text field submits the form

    new_title = f"{title} – steg 2"
    expect(form_row(page)).to_have_count(0)
    expect(actions_button(page, new_title)).to_be_focused()
    expect(page.locator("#live-region")).to_have_text("Aktiviteten är sparad.")
    assert page.url == url
    assert Activity.objects.get(pk=activity.pk).title == new_title


def test_priority_and_status_by_keyboard_are_read_out_and_keep_the_focus(
    transactional_db, live_server, page
):
    world = build_world()
    activity = world.extra["own_activity"]
    title = activity.title
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    page.goto(plan_url(live_server, world))
    url = page.url
    row = activity_row(page, title)

    # Status: Enter opens the list, the arrow keys walk it, Escape closes it where it was.
    status = row.locator('[data-focus-key="progress"]')
    status.focus()
    page.keyboard.press("Enter")
    expect(status).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(status).to_have_attribute("aria-expanded", "false")
    expect(status).to_be_focused()
    page.keyboard.press("ArrowDown")  # opens it again on its first value
    options = row.get_by_role("group", name=f"Status för {title}")
    expect(options.get_by_role("button", name="Ej påbörjad", exact=True)).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(options.get_by_role("button", name="Klar", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_have_text(f"Status för {title}: Klar")
    expect(status).to_have_class(re.compile(r"\bprogress-done\b"))
    expect(status).to_be_focused()
    expect(page.locator("#live-region")).to_have_text("Ändringen är sparad.")

    # Priority the same way, on the row as it is now.
    priority = priority_button(row)
    priority.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # Grön, Gul, Röd
    page.keyboard.press("Enter")
    expect(priority).to_have_text(f"Prioritet för {title}: Röd")
    expect(priority).to_be_focused()
    saved = Activity.objects.get(pk=activity.pk)
    assert (saved.progress, saved.priority) == ("done", "red")
    assert page.url == url


def test_national_member_answers_a_raised_activity(transactional_db, live_server, new_page):
    world = build_world()
    activity = world.extra["own_activity"]
    answer = "Frågan tas upp på nationella rådets möte i maj."
    national = new_page()
    login(national, live_server.url, world.users["national"].email, PASSWORD)
    national.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Lyfta frågor"
    ).click()
    national.wait_for_url("**/nationellt/lyfta/")
    national.get_by_role("link", name=f"Besvara – {activity.title}", exact=True).click()
    expect(national.get_by_role("heading", level=1)).to_have_text(activity.title)
    national.get_by_label("Status").select_option(label="Besvarad")
    national.get_by_label("Svar till det regionala rådet").fill(answer)
    national.get_by_role("button", name="Spara svar").click()
    national.wait_for_url("**/nationellt/lyfta/")
    expect(national.locator("#messages")).to_contain_text("Svaret är sparat")
    raised = NationalRaise.objects.get(pk=world.extra["own_raise"].pk)
    assert raised.status == NationalRaise.Status.ANSWERED
    assert raised.answer == answer

    member = new_page()
    login(member, live_server.url, world.users["member"].email, PASSWORD)
    member.goto(live_server.url + activity.get_absolute_url())
    national_section = member.get_by_role("region", name="Lyft till nationell nivå")
    expect(national_section).to_contain_text("Besvarad")
    expect(national_section.locator(".national-answer")).to_contain_text(answer)
    expect(national_section).to_contain_text("Nora Nationell")


def test_in_place_form_errors_show_at_the_field(transactional_db, live_server, page):
    world = build_world()
    activity = world.extra["own_activity"]
    login(page, live_server.url, world.users["member"].email, PASSWORD)
    page.goto(plan_url(live_server, world))
    url = page.url
    open_edit(page, activity.title)
    form = form_row(page)
    form.get_by_label("Aktivitet").fill("")
    form.get_by_role("button", name="Spara").click()

    expect(form.get_by_role("alert")).to_contain_text("Aktiviteten är inte sparad")
    title_field = form.get_by_label("Aktivitet")
    expect(title_field).to_have_attribute("aria-invalid", "true")
    expect(title_field).to_have_accessible_description("Detta fält måste fyllas i.")
    assert page.url == url  # the error is in the row, not on a new page
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktivitetsplan 2022")
    assert Activity.objects.get(pk=activity.pk).title == activity.title
    assert_no_axe_violations(page, "in-place activity form errors")
