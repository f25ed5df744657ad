"""The national council's pages in headless Chromium: the roll-up, the six plans side by side
and the inbox at 1280 and 390 px wide — no sideways scrolling, axe 0 violations, the filters
working without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from activities import services
from activities.models import FocusArea
from tests.browser.axe import PolicyWatch, assert_no_axe_violations
from tests.browser.conftest import login
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

LONG_TITLE = (
    "Kompetensförsörjningsplanering för vårdadministratörer och undersköterskor inom "
    "kommunernas hälso- och sjukvård"
)


def _world_with_many():
    world = build_world()
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    for key in ("own", "other"):
        for number in range(6):
            services.activity_create(
                plan=world.extra[f"{key}_plan"], focus_area=vfu,
                title=f"{LONG_TITLE} {number}", priority=["green", "yellow", "red"][number % 3],
                progress="ongoing" if number % 2 else "done",
            )  # fmt: skip
    return world


def _overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_national_pages_fit_and_pass_axe(width, height, transactional_db, live_server,
                                              new_page):  # fmt: skip
    world = _world_with_many()
    page = new_page(viewport={"width": width, "height": height})
    watch = PolicyWatch(page)
    login(page, live_server.url, world.users["national"].email, PASSWORD)
    raised = world.extra["own_raise"]
    for name, url in [
        ("roll-up", reverse("activities:rollup")),
        ("side by side", reverse("activities:compare") + "?ar=2022"),
        ("inbox", reverse("activities:inbox")),
        ("answer", reverse("activities:raise_answer", kwargs={"pk": raised.pk})),
    ]:
        page.goto(live_server.url + url)
        assert _overflow(page) <= 0, f"{name} scrolls sideways at {width} px"
        assert_no_axe_violations(page, f"{name} at {width} px")
    watch.assert_none("national pages")


def test_six_columns_side_by_side_at_1280_and_stacked_on_a_phone(
    transactional_db, live_server, new_page
):
    world = _world_with_many()
    url = live_server.url + reverse("activities:compare") + "?ar=2022"
    tops = {}
    for width in (1280, 390):
        page = new_page(viewport={"width": width, "height": 900})
        login(page, live_server.url, world.users["member"].email, PASSWORD)
        page.goto(url)
        vfu = page.get_by_role("region", name="Verksamhetsförlagd utbildning (VFU)", exact=True)
        norra = vfu.get_by_role("region", name="Verksamhetsförlagd utbildning (VFU): Norra")
        mellan = vfu.get_by_role(
            "region", name="Verksamhetsförlagd utbildning (VFU): Mellansverige"
        )
        expect(norra.get_by_role("link", name=f"{LONG_TITLE} 0")).to_be_visible()
        expect(mellan.get_by_role("link", name="Handledarutbildning Mellansverige")).to_be_visible()
        tops[width] = (norra.bounding_box(), mellan.bounding_box())
    (norra, mellan) = tops[1280]
    assert norra["y"] == mellan["y"] and norra["x"] < mellan["x"]  # side by side
    assert norra["width"] < 1280 / 5  # a sixth of the page, with the titles wrapped
    (norra, mellan) = tops[390]
    assert mellan["y"] > norra["y"] + norra["height"] - 1  # one under the other


def test_the_filters_work_without_javascript(transactional_db, live_server, browser):
    world = _world_with_many()
    context = browser.new_context(java_script_enabled=False, locale="sv-SE")
    page = context.new_page()
    try:
        login(page, live_server.url, world.users["national"].email, PASSWORD)
        page.goto(live_server.url + reverse("activities:compare") + "?ar=2022")
        page.get_by_label("Prioritet", exact=True).select_option(label="Röd")
        page.get_by_role("button", name="Visa").click()
        page.wait_for_url(lambda url: "prioritet=red" in url)
        items = page.locator(".compare-item")
        expect(items).to_have_count(4)  # two red of six in each council
        expect(items.locator(".priority")).to_have_text(["Röd"] * 4)
        page.goto(live_server.url + reverse("activities:inbox"))
        page.get_by_label("Råd", exact=True).select_option(label="Norra")
        page.get_by_role("button", name="Visa").click()
        page.wait_for_url(lambda url: "rad=norra" in url)
        expect(
            page.get_by_role("link", name="Handledarutbildning Norra", exact=True)
        ).to_be_visible()
        expect(
            page.get_by_role("link", name="Handledarutbildning Mellansverige", exact=True)
        ).to_have_count(0)
    finally:
        context.close()
