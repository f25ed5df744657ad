"""A workgroup in headless Chromium with htmx: the convenor finds the group from the start
page, adds and edits goals rows in place, writes a meeting's minutes in place and hands in a
status report with a question to the council; a council member answers it from the start
page, and the convenor sees the answer. Also a stale goals row edit (409, nothing lost) and
a double click on a new row's "Spara" (one row).

Every state reached is checked with axe-core (WCAG 2.1 AA) and the Content-Security-Policy
at 1280 and 390 px, and no page may be wider than a 390 px phone. With VKR_SCREENSHOTS=<dir>
each state is also saved at both widths.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import states
from tests.browser.axe import PolicyWatch
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world
from workgroups.models import Goal, Question, Report

pytestmark = [pytest.mark.browser, pytest.mark.integration]

GOAL = "Gemensam introduktion för nya AT-läkare"
QUESTION = "Kan rådet ta upp finansieringen av BT på nästa möte?"
ANSWER = "Rådet tar upp finansieringen på mötet i maj."


def _checked(page, watch, where: str) -> None:
    states.checked(page, watch, where, prefix="workgroups")


_field, _mark_page, _same_page = states.field, states.mark_page, states.same_page


def _goal_row(page, text: str):
    """The goals table's shown row (not the form) whose goal cell reads `text`."""
    return page.locator("#goal-rows tr.goal-row").filter(has_text=text)


def _form_row(page):
    return page.locator("#goal-rows tr.goal-form-row")


def _edit(scope, text: str):
    return scope.get_by_role("link", name=f"Ändra – {text}", exact=True)


def _open_group_from_start(page, live_server, group) -> None:
    """Start → the main menu's "Arbetsgrupper" → the group, by links only."""
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Arbetsgrupper", exact=True
    ).click()
    page.get_by_role("link", name=group.name, exact=True).click()
    page.wait_for_url(f"**{group.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(group.name)


def _add_goal_row(page, goal: str) -> None:
    """Open the new row in place and fill it (not saved yet)."""
    page.get_by_role("link", name="Lägg till rad", exact=True).click()
    form = _form_row(page)
    expect(_field(form, "Mål")).to_be_visible()
    _field(form, "Mål").fill(goal)
    _field(form, "Aktivitet").fill("Introduktionsdag varje termin")
    _field(form, "Ansvarig").fill("Kim Sammankallande")
    _field(form, "Tidplan").fill("Q1-2 2023")


def test_convenor_works_the_group_in_place_and_the_council_answers(
    transactional_db, live_server, new_page
):
    world = build_world()
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    convenor = new_page()
    watch = PolicyWatch(convenor)
    login(convenor, live_server.url, world.users["convenor"].email, PASSWORD)
    _checked(convenor, watch, "convenor start")
    _open_group_from_start(convenor, live_server, group)
    _checked(convenor, watch, "group page")
    url = convenor.url
    _mark_page(convenor)

    # A new goals row, in place: the form row, then the row itself, focus on its "Ändra".
    _add_goal_row(convenor, GOAL)
    _checked(convenor, watch, "goal row form open")
    _form_row(convenor).get_by_role("button", name="Spara", exact=True).click()
    row = _goal_row(convenor, GOAL)
    expect(row).to_be_visible()
    expect(_form_row(convenor)).to_have_count(0)
    expect(row).to_contain_text("Introduktionsdag varje termin")
    expect(row).to_contain_text("Kim Sammankallande")
    expect(row).to_contain_text("Q1-2 2023")
    expect(convenor.locator("#live-region")).to_have_text("Raden är tillagd i måltabellen.")
    expect(_edit(row, GOAL)).to_be_focused()
    assert convenor.url == url and _same_page(convenor)
    goal = Goal.objects.get(workgroup=group, goal=GOAL)
    assert (goal.responsible, goal.timeline) == ("Kim Sammankallande", "Q1-2 2023")
    _checked(convenor, watch, "goal row added")

    # Edit the row in place.
    _edit(row, GOAL).click()
    form = _form_row(convenor)
    expect(_field(form, "Tidplan")).to_have_value("Q1-2 2023")
    _field(form, "Tidplan").fill("Hösten 2023")
    _field(form, "Status").select_option(label="Pågår")
    form.get_by_role("button", name="Spara", exact=True).click()
    expect(form).to_have_count(0)
    expect(row).to_contain_text("Hösten 2023")
    expect(row).to_contain_text("Pågår")
    expect(convenor.locator("#live-region")).to_have_text("Raden är sparad.")
    expect(_edit(row, GOAL)).to_be_focused()
    assert convenor.url == url and _same_page(convenor)
    goal.refresh_from_db()
    assert (goal.timeline, goal.status, goal.version) == ("Hösten 2023", "ongoing", 2)

    # The meeting's minutes, in place on the meeting's page.
    convenor.get_by_role("link", name=meeting.title, exact=True).click()
    convenor.wait_for_url(f"**{meeting.get_absolute_url()}")
    meeting_url = convenor.url
    _mark_page(convenor)
    minutes = convenor.get_by_role("region", name="Minnesanteckningar")
    expect(minutes).to_contain_text("Inga minnesanteckningar ännu.")
    minutes.get_by_role("link", name="Skriv minnesanteckningar").click()
    field = _field(minutes, "Minnesanteckningar")
    expect(field).to_be_focused()
    _checked(convenor, watch, "minutes form open")
    field.fill("Gruppen gick igenom uppdraget.\nNästa steg: enkät till regionerna.")
    minutes.get_by_role("button", name="Spara minnesanteckningar").click()
    expect(minutes.locator("#minutes-text")).to_contain_text("Gruppen gick igenom uppdraget.")
    expect(_field(minutes, "Minnesanteckningar")).to_have_count(0)
    expect(convenor.locator("#live-region")).to_have_text("Minnesanteckningarna är sparade.")
    expect(minutes.get_by_role("link", name="Ändra minnesanteckningar")).to_be_focused()
    assert convenor.url == meeting_url and _same_page(convenor)
    meeting.refresh_from_db()
    assert meeting.minutes.startswith("Gruppen gick igenom uppdraget.")
    _checked(convenor, watch, "minutes saved")

    # A status report with a question to the council, handed in at once.
    convenor.get_by_role("link", name=group.name, exact=True).first.click()
    convenor.wait_for_url(f"**{group.get_absolute_url()}")
    convenor.get_by_role("link", name="Ny lägesrapport").click()
    expect(convenor.get_by_role("heading", level=1)).to_have_text("Ny rapport till rådet")
    _field(convenor, "Genomfört").fill("Kartläggningen av AT är klar.")
    _field(convenor, "Slutsatser hittills").fill("BT behöver egen styrning.")
    _field(convenor, "Fortsatt arbete").fill("Enkät till regionerna.")
    convenor.get_by_label("Frågeställning till rådet").fill(QUESTION)
    _checked(convenor, watch, "report form filled")
    convenor.get_by_role("button", name="Lämna in till rådet").click()
    expect(convenor.locator("#messages")).to_contain_text("Rapporten är inlämnad till rådet.")
    report = Report.objects.get(workgroup=group, done="Kartläggningen av AT är klar.")
    assert report.is_submitted
    question = Question.objects.get(report=report)
    assert (question.text, question.status) == (QUESTION, "ny")
    report_url = live_server.url + report.get_absolute_url()
    assert convenor.url == report_url
    card = convenor.locator(f"#question-{question.pk}")
    expect(card).to_contain_text(QUESTION)
    expect(card).to_contain_text("Ny")
    _checked(convenor, watch, "report submitted")

    # A council member finds the question on the start page and answers it.
    member = new_page()
    member_watch = PolicyWatch(member)
    login(member, live_server.url, world.users["member"].email, PASSWORD)
    member.goto(live_server.url + "/")
    attention = member.get_by_role("region", name="Att ta hand om")
    expect(attention).to_contain_text("Frågor till rådet som väntar på svar")
    _checked(member, member_watch, "member start with a question")
    attention.get_by_role("link", name=QUESTION, exact=True).click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Besvara frågan från arbetsgruppen")
    expect(member.locator("main")).to_contain_text(QUESTION)
    member.get_by_role("radio", name="Besvarad").check()
    _field(member, "Rådets svar").fill(ANSWER)
    _checked(member, member_watch, "answer form filled")
    member.get_by_role("button", name="Spara svaret").click()
    expect(member.locator("#messages")).to_contain_text("Svaret är sparat.")
    expect(member.get_by_role("heading", level=1)).to_contain_text("Frågor från arbetsgrupperna")
    _checked(member, member_watch, "question inbox after the answer")
    question.refresh_from_db()
    assert (question.status, question.answer) == ("besvarad", ANSWER)
    assert question.answered_by == world.users["member"]

    # The convenor sees the answer on the report's page and on the start page.
    convenor.goto(report_url)
    card = convenor.locator(f"#question-{question.pk}")
    expect(card).to_contain_text("Besvarad")
    expect(card).to_contain_text(ANSWER)
    expect(card).to_contain_text("Rådets svar (Maja Ledamot")
    _checked(convenor, watch, "report with the answer")
    convenor.goto(live_server.url + "/")
    answers = convenor.get_by_role("region", name="Att ta hand om")
    expect(answers).to_contain_text("Svar på gruppens frågor")
    link = answers.get_by_role("link", name=QUESTION, exact=True)
    expect(link).to_have_attribute("href", f"{report.get_absolute_url()}#question-{question.pk}")
    _checked(convenor, watch, "convenor start with the answer")


def test_a_stale_goals_row_edit_keeps_the_text_and_shows_what_is_saved(
    transactional_db, live_server, new_page
):
    world = build_world()
    group, goal = world.extra["own_group"], world.extra["own_goal"]
    kim, gus = new_page(), new_page()
    watch = PolicyWatch(gus)
    login(kim, live_server.url, world.users["convenor"].email, PASSWORD)
    login(gus, live_server.url, world.users["group_member"].email, PASSWORD)
    text = goal.goal  # under 60 characters: the link's hidden text is not cut
    assert len(text) < 60
    for page in (kim, gus):
        page.goto(live_server.url + group.get_absolute_url())
        _edit(_goal_row(page, goal.goal), text).click()
        expect(_field(_form_row(page), "Tidplan")).to_be_visible()
    _mark_page(gus)

    # Kim saves first.
    _field(_form_row(kim), "Tidplan").fill("Q1 2023")
    _form_row(kim).get_by_role("button", name="Spara", exact=True).click()
    expect(_goal_row(kim, goal.goal)).to_contain_text("Q1 2023")

    # Gus, on the version he opened, is refused: his text stays, Kim's is shown.
    form = _form_row(gus)
    _field(form, "Tidplan").fill("Q2 2023")
    _field(form, "Ansvarig").fill("Gus Gruppmedlem")
    with gus.expect_response(lambda r: r.request.method == "POST") as sent:
        form.get_by_role("button", name="Spara", exact=True).click()
    assert sent.value.status == 409
    alert = form.get_by_role("alert")
    expect(alert).to_contain_text("Inte sparat: någon annan hann ändra det här")
    expect(alert).to_contain_text("Q1 2023")  # what is saved now
    expect(_field(form, "Tidplan")).to_have_value("Q2 2023")
    expect(_field(form, "Ansvarig")).to_have_value("Gus Gruppmedlem")
    assert _same_page(gus)
    saved = Goal.objects.get(pk=goal.pk)
    assert (saved.timeline, saved.version) == ("Q1 2023", 2)
    _checked(gus, watch, "goal row stale")

    # Saving again replaces the saved row, knowingly.
    form.get_by_role("button", name="Spara", exact=True).click()
    expect(form).to_have_count(0)
    expect(_goal_row(gus, goal.goal)).to_contain_text("Q2 2023")
    expect(gus.locator("#live-region")).to_have_text("Raden är sparad.")
    saved.refresh_from_db()
    assert (saved.timeline, saved.responsible, saved.version) == ("Q2 2023", "Gus Gruppmedlem", 3)


def test_a_double_click_on_a_new_rows_save_makes_one_row(transactional_db, live_server, page):
    world = build_world()
    group = world.extra["own_group"]
    watch = PolicyWatch(page)
    login(page, live_server.url, world.users["convenor"].email, PASSWORD)
    page.goto(live_server.url + group.get_absolute_url())
    before = Goal.objects.filter(workgroup=group).count()
    _add_goal_row(page, GOAL)
    # The form as sent, one-time key included, to send once more below.
    sent = (
        _form_row(page)
        .locator("form")
        .evaluate("form => [form.action, [...new FormData(form).entries()]]")
    )
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    _form_row(page).get_by_role("button", name="Spara", exact=True).dblclick()
    expect(_goal_row(page, GOAL)).to_have_count(1)
    expect(_form_row(page)).to_have_count(0)
    page.wait_for_load_state("networkidle")
    expect(_goal_row(page, GOAL)).to_have_count(1)
    assert len(posts) >= 1
    assert Goal.objects.filter(workgroup=group, goal=GOAL).count() == 1
    assert Goal.objects.filter(workgroup=group).count() == before + 1
    _checked(page, watch, "goal row after a double click")

    # The same form arriving again (a second click htmx did not drop, a resend) saves
    # nothing and sends the page to the row made the first time.
    again = page.evaluate(
        """([action, entries]) => {
          const body = new FormData();
          entries.forEach(([name, value]) => body.append(name, value));
          return fetch(action, {method: "POST", body, headers: {"HX-Request": "true"}})
            .then(response => [response.status, response.headers.get("HX-Redirect")]);
        }""",
        sent,
    )
    goal = Goal.objects.get(workgroup=group, goal=GOAL)
    assert again == [200, f"{group.get_absolute_url()}#goal-{goal.pk}"]
    assert Goal.objects.filter(workgroup=group).count() == before + 1
