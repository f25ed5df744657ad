"""Forms in headless Chromium: the organisation picker of the member form (a combobox with a
listbox popup, by keyboard only, and the plain select without JavaScript), and the question
form that shows only the fields of the chosen kind."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from councils.models import Membership
from surveys import services as survey_services
from surveys.models import Question
from tests.browser.axe import PolicyWatch, assert_no_axe_violations
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

PHONE = {"width": 390, "height": 844}


def _member_form(page, live_server, world) -> None:
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    page.goto(live_server.url + reverse("councils:member_add", kwargs={"slug": world.own.slug}))


def _is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def test_the_organisation_is_picked_with_the_keyboard_only_and_saved(
    transactional_db, live_server, page
):
    world = build_world()
    watch = PolicyWatch(page)
    _member_form(page, live_server, world)
    page.get_by_label("E-postadress").fill("karin.kommun@orebro.test")
    page.get_by_label("Namn").fill("Karin Kommun")
    page.get_by_label("Part").select_option("kommuner")

    # The select is out of the tab order: Tab from Part reaches the combobox.
    page.get_by_label("Part").focus()
    page.keyboard.press("Tab")
    box = page.get_by_role("combobox", name="Organisation som ledamoten företräder")
    assert _is_focused(box)
    listbox_id = box.get_attribute("aria-controls")
    assert box.get_attribute("aria-autocomplete") == "list"
    expect(box).to_have_attribute("aria-expanded", "false")
    assert box.get_attribute("aria-activedescendant") is None
    listbox = page.locator(f"#{listbox_id}")
    assert listbox.get_attribute("role") == "listbox"
    expect(listbox).to_be_hidden()

    page.keyboard.type("öre")
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    status = page.locator("#div_id_organisation [role=status]")
    expect(status).to_have_text("2 träffar")
    assert box.get_attribute("aria-activedescendant") is None

    page.keyboard.press("ArrowDown")
    first = listbox.get_by_role("option").nth(0)
    expect(first).to_have_text("Örebro kommun (Kommun)")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    second = listbox.get_by_role("option").nth(1)
    expect(box).to_have_attribute("aria-activedescendant", second.get_attribute("id"))
    expect(first).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowUp")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    assert_no_axe_violations(page, "member form, listbox open at 1280")

    page.keyboard.press("Enter")  # picks; does not send the form
    expect(box).to_have_value("Örebro kommun (Kommun)")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()
    assert page.locator("select[name=organisation]").input_value() == str(
        world.organisations["orebro"].pk
    )
    assert "/ledamoter/ny/" in page.url and _is_focused(box)

    # Escape closes the list and keeps what was typed; a second Escape empties the box.
    employer = page.get_by_role("combobox", name="Personens arbetsgivare")
    employer.focus()
    page.keyboard.type("arv")
    employer_list = page.locator(f"#{employer.get_attribute('aria-controls')}")
    expect(employer_list.get_by_role("option")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(employer).to_have_attribute("aria-expanded", "false")
    expect(employer_list).to_be_hidden()
    expect(employer).to_have_value("arv")
    page.keyboard.press("Escape")
    expect(employer).to_have_value("")
    page.keyboard.type("arv")
    expect(employer_list.get_by_role("option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(employer).to_have_value("Arvika kommun (Kommun)")

    page.get_by_label("Representerar").focus()
    page.keyboard.press("Enter")  # the list is closed: Enter sends the form
    page.wait_for_url(f"**{reverse('councils:members', kwargs={'slug': world.own.slug})}")
    membership = Membership.objects.get(user__email="karin.kommun@orebro.test")
    assert membership.organisation == world.organisations["orebro"]
    assert membership.user.organisation == world.organisations["arvika"]
    watch.assert_none("member form with the combobox")


def test_the_picker_leaves_a_typed_text_that_was_not_picked(transactional_db, live_server, page):
    world = build_world()
    _member_form(page, live_server, world)
    box = page.get_by_role("combobox", name="Personens arbetsgivare")
    box.focus()
    page.keyboard.type("umeå")
    expect(page.locator("#id_person_organisation_listbox [role=option]")).to_have_count(1)
    page.keyboard.press("Tab")  # nothing picked: the box is empty again, and so is the field
    expect(box).to_have_value("")
    assert page.locator("select[name=person_organisation]").input_value() == ""


def test_the_open_listbox_on_a_phone_fits_and_has_no_axe_violations(
    transactional_db, live_server, new_page
):
    world = build_world()
    page = new_page(viewport=PHONE)
    _member_form(page, live_server, world)
    box = page.get_by_role("combobox", name="Personens arbetsgivare")
    box.focus()
    page.keyboard.press("ArrowDown")  # opens on every organisation, the first active
    options = page.locator("#id_person_organisation_listbox [role=option]")
    expect(options).to_have_count(6)
    expect(box).to_have_attribute("aria-activedescendant", options.nth(0).get_attribute("id"))
    expect(page.locator("#div_id_person_organisation [role=status]")).to_have_text("6 träffar")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page, "member form, listbox open at 390")


def test_without_javascript_the_plain_select_picks_the_organisation(
    transactional_db, live_server, new_page
):
    world = build_world()
    page = new_page(java_script_enabled=False)
    _member_form(page, live_server, world)
    assert (
        page.get_by_role("combobox", name="Organisation som ledamoten företräder").evaluate(
            "el => el.tagName"
        )
        == "SELECT"
    )
    page.get_by_label("E-postadress").fill("olle@umea.test")
    page.get_by_label("Namn").fill("Olle Umeå")
    page.get_by_label("Part").select_option("kommuner")
    page.get_by_label("Organisation som ledamoten företräder").select_option(
        label="Umeå kommun (Kommun)"
    )
    page.get_by_role("button", name="Lägg till").click()
    page.wait_for_url(f"**{reverse('councils:members', kwargs={'slug': world.own.slug})}")
    membership = Membership.objects.get(user__email="olle@umea.test")
    assert membership.organisation == world.organisations["umea"]


def test_a_forged_organisation_is_an_error_read_with_the_combobox(
    transactional_db, live_server, page
):
    world = build_world()
    _member_form(page, live_server, world)
    page.get_by_label("E-postadress").fill("forged@orebro.test")
    page.get_by_label("Namn").fill("Falsk Id")
    page.locator("select[name=organisation]").evaluate(
        "el => { el.appendChild(new Option('Finns inte', '999999')); el.value = '999999'; }"
    )
    page.get_by_role("button", name="Lägg till").click()
    box = page.get_by_role("combobox", name="Organisation som ledamoten företräder")
    expect(box).to_have_attribute("aria-invalid", "true")
    error = page.locator("#div_id_organisation .invalid-feedback")
    expect(error).to_be_visible()
    expect(error).to_have_text("Det finns ingen sådan organisation. Sök och välj en i listan.")
    described = box.get_attribute("aria-describedby").split()
    assert any(
        page.locator(f"#{each}").inner_text().startswith("Det finns ingen") for each in described
    )
    assert_no_axe_violations(page, "member form, forged organisation")
    assert not Membership.objects.filter(user__email="forged@orebro.test").exists()


# --- the question form

FIELDS_BY_KIND = {
    "scale": {"Skala"},
    "single": {"Svarsalternativ"},
    "multiple": {"Svarsalternativ"},
    "yes_no": set(),
    "number": set(),
    "text": set(),
}


def _visible_kind_fields(page) -> set[str]:
    shown = set()
    for name, label in (("scale", "Skala"), ("options", "Svarsalternativ")):
        if page.locator(f"#div_id_{name}").is_visible():
            shown.add(label)
    return shown


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE])
def test_the_question_form_shows_only_the_fields_of_the_chosen_kind(
    transactional_db, live_server, new_page, viewport
):
    world = build_world()
    survey = survey_services.survey_create(
        council=world.own, title="Handledning", audience=["kommun"]
    )
    survey_services.section_add(survey=survey, title="Bakgrund")
    page = new_page(viewport=viewport)
    login(page, live_server.url, world.users["secretariat"].email, PASSWORD)
    page.goto(live_server.url + reverse("surveys:question_add", args=[world.own.slug, survey.pk]))
    kind = page.get_by_label("Typ av fråga")
    assert kind.input_value() == "scale"
    assert _visible_kind_fields(page) == {"Skala"}
    assert page.locator("#id_options").is_disabled()
    assert_no_axe_violations(page, f"question form, scale, {viewport['width']}")
    for value, fields in FIELDS_BY_KIND.items():
        kind.select_option(value)
        assert _visible_kind_fields(page) == fields, value
        assert_no_axe_violations(page, f"question form, {value}, {viewport['width']}")

    kind.select_option("single")
    expect(page.locator("#live-region")).to_have_text("Visas nu: Svarsalternativ.")
    # The hidden scale is out of the tab order: Tab from Obligatorisk goes to the options.
    page.get_by_label("Obligatorisk").focus()
    page.keyboard.press("Tab")
    assert _is_focused(page.get_by_label("Svarsalternativ"))
    kind.select_option("scale")
    expect(page.locator("#live-region")).to_have_text("Visas nu: Skala. Döljs nu: Svarsalternativ.")
    kind.select_option("yes_no")
    expect(page.locator("#live-region")).to_have_text("Döljs nu: Skala.")
    page.get_by_label("Obligatorisk").focus()
    page.keyboard.press("Tab")
    assert _is_focused(page.get_by_role("checkbox", name="Kommuner"))

    kind.select_option("multiple")
    page.locator("#id_text").fill("Hur sker handledningen?")
    page.get_by_label("Svarsalternativ").fill("På plats\nDistans")
    page.get_by_role("button", name="Lägg till fråga").click()
    expect(page.locator("#messages")).to_contain_text("Frågan är tillagd.")
    question = Question.objects.get(section__survey=survey)
    assert question.kind == "multiple" and question.scale is None
    assert [option.label for option in question.options.all()] == ["På plats", "Distans"]
