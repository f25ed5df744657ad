"""Two members editing one activity at once, each in a browser of their own: what only one of
them changed merges without a question; a field both changed shows both texts, and what the
person chooses or merges is what is saved; a stale one-click change is refused in the row,
which then shows what is saved."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from activities.models import Activity
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import login
from tests.browser.test_activities import (
    activity_row,
    form_row,
    open_edit,
    plan_url,
    priority_button,
)
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

MAJAS_TEXT = "Utbildningsdag för handledare i april."
STINAS_TEXT = "Webbinarium för handledare i maj."


def _two_members(live_server, new_page):
    """Maja (a member) and Stina (the secretariat), each with the plan open."""
    world = build_world()
    maja, stina = new_page(), new_page()
    login(maja, live_server.url, world.users["member"].email, PASSWORD)
    login(stina, live_server.url, world.users["secretariat"].email, PASSWORD)
    for page in (maja, stina):
        page.goto(plan_url(live_server, world))
    return world, world.extra["own_activity"], maja, stina


def _open_edit(page, title: str) -> None:
    open_edit(page, title)
    expect(form_row(page).get_by_label("Innehåll", exact=True)).to_be_visible()


def _save_content(page, title: str, text: str) -> None:
    """Edit the activity in place, type `text` as its content and save."""
    _open_edit(page, title)
    form_row(page).get_by_label("Innehåll", exact=True).fill(text)
    form_row(page).get_by_role("button", name="Spara").click()
    expect(activity_row(page, title)).to_contain_text(text)


def test_changes_to_different_fields_merge_without_a_question(
    transactional_db, live_server, new_page
):
    _world, activity, maja, stina = _two_members(live_server, new_page)
    title = activity.title
    _open_edit(stina, title)
    _save_content(maja, title, MAJAS_TEXT)

    # Stina's form was opened before Maja saved; she changes another field.
    form_row(stina).get_by_label("Kommentar till tidplan").fill("Hösten 2022")
    form_row(stina).get_by_role("button", name="Spara").click()
    expect(form_row(stina)).to_have_count(0)
    row = activity_row(stina, title)
    expect(row).to_contain_text("Hösten 2022")
    expect(row).to_contain_text(MAJAS_TEXT)
    expect(stina.locator("#live-region")).to_contain_text("Aktiviteten är sparad.")
    expect(stina.locator("#conflict")).to_have_count(0)
    saved = Activity.objects.get(pk=activity.pk)
    assert (saved.timeline, saved.content, saved.version) == ("Hösten 2022", MAJAS_TEXT, 3)


def test_the_same_field_shows_both_texts_and_the_merged_text_is_saved(
    transactional_db, live_server, new_page
):
    _world, activity, maja, stina = _two_members(live_server, new_page)
    title = activity.title
    _open_edit(stina, title)
    _save_content(maja, title, MAJAS_TEXT)

    form = form_row(stina)
    form.get_by_label("Innehåll", exact=True).fill(STINAS_TEXT)
    form.get_by_label("Kommentar till tidplan").fill("Våren 2023")
    form.get_by_role("button", name="Spara").click()

    conflict = form.locator("#conflict")
    expect(conflict).to_be_visible()
    expect(conflict).to_be_focused()
    expect(conflict).to_contain_text("Inget är sparat än")
    decision = form.get_by_role("group", name="Innehåll: vilken version ska sparas?")
    mine = decision.get_by_role("radio", name="Spara min version")
    theirs = decision.get_by_role("radio", name="Behåll den sparade versionen")
    merged = decision.get_by_role("radio", name="Spara en sammanslagen text")
    expect(mine).to_have_accessible_description(f"Din version: {STINAS_TEXT}")
    expect(theirs).to_have_accessible_description(
        re.compile(rf"^Sparad av Maja Ledamot \d+ \w+ \d{{4}} \d\d:\d\d: {re.escape(MAJAS_TEXT)}$")
    )
    # The other fields merged already: Stina's own tidplan is still in the form.
    expect(form.get_by_label("Kommentar till tidplan")).to_have_value("Våren 2023")
    assert Activity.objects.get(pk=activity.pk).content == MAJAS_TEXT
    assert_no_axe_violations(stina, "activity edit conflict, same field")

    # Saving without a decision saves nothing and says why, at the field.
    form.get_by_role("button", name="Spara").click()
    expect(decision).to_contain_text("Välj vilken version som ska sparas.")
    expect(mine).to_have_attribute("aria-invalid", "true")
    assert Activity.objects.get(pk=activity.pk).version == 2

    merged_text = f"{MAJAS_TEXT}\n{STINAS_TEXT}"
    decision.get_by_role("radio", name="Spara en sammanslagen text").check()
    decision.get_by_label("Sammanslagen text: Innehåll").fill(merged_text)
    form.get_by_role("button", name="Spara").click()
    expect(form_row(stina)).to_have_count(0)
    row = activity_row(stina, title)
    expect(row).to_contain_text(STINAS_TEXT)
    expect(row).to_contain_text("Våren 2023")
    saved = Activity.objects.get(pk=activity.pk)
    assert (saved.content, saved.timeline) == (merged_text, "Våren 2023")
    assert merged.count() == 0  # the form is gone: nothing left undecided


def test_a_stale_quick_set_is_refused_visibly_and_shows_the_row_as_saved(
    transactional_db, live_server, new_page
):
    _world, activity, maja, stina = _two_members(live_server, new_page)
    title = activity.title
    _save_content(maja, title, MAJAS_TEXT)

    # Stina's page still shows the row before Maja's save; she chooses "Gul".
    row = activity_row(stina, title)
    expect(row).not_to_contain_text(MAJAS_TEXT)
    values = row.get_by_role("group", name=f"Prioritet för {title}")
    yellow = values.get_by_role("button", name="Gul", exact=True, include_hidden=True)
    priority_button(row).click()
    yellow.click()
    alert = row.get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Inte sparat: någon annan hann ändra aktiviteten.")
    expect(row).to_contain_text(MAJAS_TEXT)  # the row as it is saved now
    expect(priority_button(row)).to_have_text(f"Prioritet för {title}: Grön")
    expect(priority_button(row)).to_have_class(re.compile(r"\bpriority-green\b"))
    expect(yellow).to_have_attribute("aria-pressed", "false")
    expect(priority_button(row)).to_be_focused()
    saved = Activity.objects.get(pk=activity.pk)
    assert (saved.priority, saved.content) == ("green", MAJAS_TEXT)
    assert_no_axe_violations(stina, "stale quick-set refused")

    # Choosing again, on the version now shown, is saved.
    priority_button(row).click()
    yellow.click()
    expect(priority_button(row)).to_have_text(f"Prioritet för {title}: Gul")
    expect(row.get_by_role("alert")).to_have_count(0)
    assert Activity.objects.get(pk=activity.pk).priority == "yellow"


def test_the_plain_form_asks_about_the_same_field_and_saves_the_choice(
    transactional_db, live_server, new_page
):
    _world, activity, maja, stina = _two_members(live_server, new_page)
    title = activity.title
    stina.goto(live_server.url + activity.get_absolute_url())
    stina.get_by_role("main").get_by_role("link", name="Ändra", exact=True).click()
    stina.wait_for_url("**/andra/")
    _save_content(maja, title, MAJAS_TEXT)

    stina.get_by_label("Innehåll", exact=True).fill(STINAS_TEXT)
    stina.get_by_role("button", name="Spara").click()
    expect(stina.locator("#conflict")).to_be_focused()
    decision = stina.get_by_role("group", name="Innehåll: vilken version ska sparas?")
    expect(decision).to_contain_text(MAJAS_TEXT)
    expect(decision).to_contain_text(STINAS_TEXT)
    assert_no_axe_violations(stina, "activity edit page, conflict")
    decision.get_by_role("radio", name="Spara min version").check()
    stina.get_by_role("button", name="Spara").click()
    stina.wait_for_url(f"**{activity.get_absolute_url()}")
    expect(stina.locator("#messages")).to_contain_text("Aktiviteten är sparad.")
    assert Activity.objects.get(pk=activity.pk).content == STINAS_TEXT
