"""Charts as inline SVG: well-formed, accessible (role, label, title, text per item),
deterministic, and the same for the page as for the report."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from surveys.selectors import survey_results
from vkr_portal.charts import choice_chart_svg, scale_theme_chart_svg

from .test_selectors import AKUT, INTE, INTRESSANT, VARDEFULLT

SVG = "{http://www.w3.org/2000/svg}"
STEPS = [AKUT, VARDEFULLT, INTRESSANT, INTE]
ITEMS = [
    ("Palliativ vård: Personcentrerad omvårdnad", list(zip(STEPS, [7, 77, 16, 0], strict=True))),
    ("Palliativ vård: Symtomlindring och behandling",
     list(zip(STEPS, [6, 81, 13, 0], strict=True))),
    ("Demens: Rättssäkerhet för personer med demenssjukdom",
     list(zip(STEPS, [6, 57, 29, 8], strict=True))),
]  # fmt: skip


@pytest.fixture(autouse=True)
def _no_chart_cache(settings):
    # Every test draws: a chart cached by an earlier test would hide what this one checks.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - the portal's own output, not untrusted data


def _texts(root: ET.Element) -> list[str]:
    return ["".join(text.itertext()).strip() for text in root.iter(f"{SVG}text")]


def test_the_scale_chart_is_well_formed_svg_with_a_role_a_label_and_a_title():
    svg = scale_theme_chart_svg("Palliativ vård", ITEMS)
    root = _parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert "Palliativ vård" in root.get("aria-label")
    assert root.find(f"{SVG}title").text == "Palliativ vård"
    description = root.find(f"{SVG}desc").text
    assert "Demens: Rättssäkerhet för personer med demenssjukdom: Akut, vi satsar gärna 6" in (
        description
    )
    assert not svg.startswith("<?xml")  # inline in a page, no prolog


def test_every_item_and_step_is_written_as_text_and_segments_of_5_percent_have_their_share():
    texts = _texts(_parse(scale_theme_chart_svg("Palliativ vård", ITEMS)))
    joined = " ".join(texts)
    for item, _shares in ITEMS:
        # Labels wrap, so compare the words.
        assert all(word in joined for word in item.split())
    for step in STEPS:
        assert step in texts  # the legend
    for share in ("77\u00a0%", "81\u00a0%", "16\u00a0%", "8\u00a0%", "6\u00a0%"):
        assert share in texts
    assert "0\u00a0%" in texts  # the axis; a segment of 0 % is not labelled
    assert texts.count("0\u00a0%") == 1


def test_the_output_is_deterministic_and_without_a_date():
    first = scale_theme_chart_svg("Palliativ vård", ITEMS)
    assert scale_theme_chart_svg("Palliativ vård", ITEMS) == first
    assert "<dc:date>" not in first


def test_two_charts_on_one_page_share_no_ids():
    one = _parse(scale_theme_chart_svg("Palliativ vård", ITEMS))
    other = _parse(scale_theme_chart_svg("Demens", ITEMS[2:]))
    ids = {element.get("id") for element in one.iter() if element.get("id")}
    assert ids
    assert not ids & {element.get("id") for element in other.iter() if element.get("id")}


def test_the_choice_chart_has_a_bar_and_a_share_per_option_and_may_pass_100_percent():
    rows = [("Distans", 80), ("På plats", 39), ("Komprimerat", 27), ("Föreläsningar", 55),
            ("Seminarium", 50)]  # fmt: skip
    root = _parse(choice_chart_svg("Upplägg av utbildning", rows))
    assert root.get("role") == "img"
    assert "Distans 80\u00a0%" in root.get("aria-label")
    texts = _texts(root)
    for label, share in rows:
        assert label in texts
        assert f"{share}\u00a0%" in texts


def test_text_is_escaped_and_dollar_signs_are_not_math():
    svg = choice_chart_svg("<script>alert(1)</script> & $5$", [("<b>Ja</b> $x$", 60), ("Nej", 40)])
    root = _parse(svg)
    assert "<script>" not in svg
    assert root.find(f"{SVG}title").text == "<script>alert(1)</script> & $5$"
    assert "<b>Ja</b> $x$" in _texts(root)


def test_the_results_draw_their_charts(world):
    from .test_selectors import answer, build_round

    round_ = build_round(world)
    answer(round_, world.organisations["arvika"], symtom=AKUT, upplagg=["Distans"])
    results = survey_results(round_.survey)
    scale_block = results.themes[0].blocks[0]
    assert "Palliativ vård: Symtomlindring och behandling" in " ".join(
        _texts(_parse(scale_block.svg))
    )
    choice_block = results.themes[1].blocks[1]
    assert "100\u00a0%" in _texts(_parse(choice_block.svg))
