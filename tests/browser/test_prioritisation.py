"""Prioritisation rounds in headless Chromium, with several people at several screens: a mark
shows up in the others' spread without a reload and is read out to them (not to the one who
made it), the screens' polls are conditional (304 while nothing changes), the chair decides
with the keyboard in the meeting view and the plan and the other screens follow, a member
cannot decide, and a round that closed while the mark page was open saves nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from activities.models import Activity
from prioritisation import services
from prioritisation.models import Decision, Mark
from tests.browser.conftest import login
from tests.prioritisation.builders import round_build, setting_build
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

# The claims of the live views: another screen shows a change within this many milliseconds.
LIVE_MS = 3000
# A screen polls every two seconds: its next answer comes within this (not a claim, a wait).
POLL_MS = 5000


def _is_live(response) -> bool:
    return "/live/" in response.url


def _setting():
    """The world, its 2030 plan with a round of all members open, and the chair able to log
    in; the member (Maja Ledamot) and the chair are voters of the round."""
    world = build_world()
    setting = setting_build(world)
    setting.chair.set_password(PASSWORD)
    setting.chair.save(update_fields=["password"])
    round_ = round_build(setting.plan)
    return world, setting, round_


def _url(live_server, name: str, round_) -> str:
    plan = round_.plan
    kwargs = {"slug": plan.council.slug, "year": plan.year, "pk": round_.pk}
    return live_server.url + reverse(f"prioritisation:{name}", kwargs=kwargs)


def _signed_in(new_page, live_server, user):
    page = new_page()
    login(page, live_server.url, user.email, PASSWORD)
    return page


def _next_poll(page, timeout: int = POLL_MS):
    """Wait for the page's next live request to be answered; return that response."""
    with page.expect_response(_is_live, timeout=timeout) as answer:
        pass
    return answer.value


def _mark(page, activity, label: str) -> None:
    page.locator(f"#mark-{activity.pk}").get_by_text(label, exact=True).click()


def test_a_mark_shows_in_the_chairs_spread_and_is_read_out_to_others_only(
    transactional_db, live_server, new_page
):
    world, setting, round_ = _setting()
    member = world.users["member"]
    activity = setting.vfu_activities[0]
    spread = f"#spread-{activity.pk}"
    chair = _signed_in(new_page, live_server, setting.chair)
    chair.goto(_url(live_server, "round", round_))
    marking = _signed_in(new_page, live_server, member)
    # The member's second tab (same browser, same session) follows the round too.
    own_tab = marking.context.new_page()
    own_tab.goto(_url(live_server, "round", round_))
    for page in (chair, own_tab):
        expect(page.locator(f"{spread} .spread-counts")).to_contain_text("Grön: 0")
    marking.goto(_url(live_server, "mark", round_))
    _mark(marking, activity, "Grön")
    marking.get_by_role("button", name="Spara markeringarna").click()
    expect(marking.locator("#messages")).to_contain_text("Dina markeringar är sparade")

    expect(chair.locator(f"{spread} .spread-counts")).to_contain_text("Grön: 1", timeout=LIVE_MS)
    expect(chair.locator("#live-region")).to_contain_text(
        f"{member.full_name} markerade ”{activity.title}”: grön.", timeout=LIVE_MS
    )
    # The member's own tab shows the change but does not read it out: it is their own.
    expect(own_tab.locator(f"{spread} .spread-counts")).to_contain_text("Grön: 1", timeout=LIVE_MS)
    assert _next_poll(own_tab).status == 304  # the change's answer has been handled
    expect(own_tab.locator("#live-region")).not_to_contain_text(member.full_name)
    assert own_tab.locator("#live-region").text_content().strip() == ""


def test_the_polls_answer_304_while_nothing_changes(transactional_db, live_server, new_page):
    world, setting, round_ = _setting()
    activity = setting.vfu_activities[0]
    page = _signed_in(new_page, live_server, setting.chair)
    page.goto(_url(live_server, "round", round_))
    before = _next_poll(page)
    assert before.status == 304, "nothing changed since the page was drawn"
    assert before.request.headers.get("if-none-match", "").startswith(f'"r{round_.pk}.')

    voter = round_.voters.get(user=world.users["member"])
    with page.expect_response(lambda r: _is_live(r) and r.status == 200, timeout=LIVE_MS):
        services.marks_save(
            round_id=round_.pk, voter_id=voter.pk, user=world.users["member"],
            marks=[services.MarkInput(activity.pk, "red")],
        )  # fmt: skip
    expect(page.locator(f"#spread-{activity.pk} .spread-counts")).to_contain_text("Röd: 1")
    # Nothing changes after that: within about five seconds two more polls, both 304 with
    # the new revision's tag.
    after = [_next_poll(page, LIVE_MS), _next_poll(page, LIVE_MS)]
    assert [response.status for response in after] == [304, 304]
    tags = {response.request.headers.get("if-none-match") for response in after}
    assert tags == {after[0].headers.get("etag")}
    assert tags != {before.request.headers.get("if-none-match")}


def test_the_chair_decides_with_the_keyboard_and_the_other_screens_follow(
    transactional_db, live_server, new_page
):
    world, setting, round_ = _setting()
    activity = setting.vfu_activities[0]  # the first card of the first focus area
    card = f"#spread-{activity.pk}"
    member_meeting = _signed_in(new_page, live_server, world.users["member"])
    member_meeting.goto(_url(live_server, "meeting", round_))
    member_plan = member_meeting.context.new_page()
    member_plan.goto(live_server.url + setting.plan.get_absolute_url())
    row_priority = member_plan.locator(f"#activity-{activity.pk} .priority")
    plan_is_live = member_plan.locator("#live-poll").count() == 1
    if plan_is_live:
        expect(row_priority).not_to_contain_text("Gul")

    chair = _signed_in(new_page, live_server, setting.chair)
    chair.goto(_url(live_server, "meeting", round_))
    chair.keyboard.press("ArrowDown")
    expect(chair.locator(".meeting-activity").first).to_be_focused()
    expect(chair.locator(".meeting-activity").first).to_have_id(f"spread-{activity.pk}")
    with chair.expect_navigation():
        chair.keyboard.press("2")
    expect(chair.locator(f"{card} .meeting-decision")).to_contain_text("Gul")
    expect(chair.locator(card)).to_be_focused()  # back at the activity decided
    decision = Decision.objects.get(round=round_, activity=activity)
    assert (decision.priority, decision.decided_by) == ("yellow", setting.chair)
    assert Activity.objects.get(pk=activity.pk).priority == "yellow"

    expect(member_meeting.locator(f"{card} .meeting-decision")).to_contain_text(
        "Beslut: Gul", timeout=LIVE_MS
    )
    # The plan's page follows the round's decisions when it has a live poll (the round's
    # banner); a plan page without one is only up to date after a reload.
    if plan_is_live:
        expect(row_priority).to_contain_text("Gul", timeout=LIVE_MS)
    else:
        member_plan.reload()
        expect(row_priority).to_contain_text("Gul")


def test_a_member_has_no_decision_buttons_and_the_keys_decide_nothing(
    transactional_db, live_server, new_page
):
    world, setting, round_ = _setting()
    page = _signed_in(new_page, live_server, world.users["member"])
    url = _url(live_server, "meeting", round_)
    page.goto(url)
    expect(page.locator(".meeting-activity")).to_have_count(len(setting.vfu_activities))
    expect(page.locator(".decide-form")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Besluta"))).to_have_count(0)
    expect(page.get_by_role("radio")).to_have_count(0)
    expect(page.locator("#meeting-keys")).not_to_contain_text("1 grön")

    page.keyboard.press("ArrowDown")
    first = page.locator(".meeting-activity").first
    expect(first).to_be_focused()
    page.keyboard.press("1")
    # A decision would be a form sent and a new page; after the next poll the page is the
    # same one, still at the activity, and nothing is decided.
    assert _next_poll(page).status == 304
    expect(first).to_be_focused()
    assert page.url == url
    assert not Decision.objects.filter(round=round_).exists()
    expect(first.locator(".meeting-decision")).to_contain_text("Inte beslutad")


def test_marks_sent_after_the_round_closed_are_not_saved(transactional_db, live_server, new_page):
    world, setting, round_ = _setting()
    activity = setting.vfu_activities[0]
    page = _signed_in(new_page, live_server, world.users["member"])
    page.goto(_url(live_server, "mark", round_))
    _mark(page, activity, "Röd")
    expect(page.locator(f"#mark-{activity.pk} input[value=red]")).to_be_checked()

    services.round_close(round_id=round_.pk, user=world.users["secretariat"])
    page.get_by_role("button", name="Spara markeringarna").click()
    expect(page.locator("#messages .alert-danger")).to_contain_text("stängd")
    expect(page.locator("#messages")).not_to_contain_text("sparade")
    assert not Mark.objects.filter(voter__round=round_).exists()
    expect(page.locator(f"#spread-{activity.pk} .spread-counts")).to_contain_text("Röd: 0")
