"""Charts as inline SVG written directly: well-formed, accessible (role, label, title, a desc
with every value, text per item and share), readable (contrast of the shares in the bars,
wrapped labels, a percent axis), deterministic, and the same for the page as for the report."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.utils import translation

from surveys.selectors import survey_results
from vkr_portal import charts
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
# The plan's priorities, as the annual report draws them (reports/selectors/content.py).
PLAN_COLOURS = ["#b02a37", "#ffda6a", "#146c43", "#dddddd"]
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - the portal's own output, not untrusted data


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def _texts(root: ET.Element) -> list[str]:
    return [_text(text) for text in root.iter(f"{SVG}text")]


def _segments(root: ET.Element) -> list[ET.Element]:
    """The bars' rectangles: those with a tooltip (the legend's swatches have none)."""
    return [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]


def _rows(root: ET.Element) -> list[list[ET.Element]]:
    """The segments grouped by bar (the same y), top to bottom, each left to right."""
    rows: dict[float, list[ET.Element]] = {}
    for rect in _segments(root):
        rows.setdefault(float(rect.get("y")), []).append(rect)
    return [sorted(row, key=lambda r: float(r.get("x"))) for _y, row in sorted(rows.items())]


def _shares_in_bars(root: ET.Element) -> list[ET.Element]:
    return [text for text in root.iter(f"{SVG}text") if text.get("text-anchor") == "middle"
            and text.get("fill")]  # fmt: skip


def _inside(text: ET.Element, rect: ET.Element) -> bool:
    x, y = float(text.get("x")), float(text.get("y"))
    left, top = float(rect.get("x")), float(rect.get("y"))
    return left <= x <= left + float(rect.get("width")) and top <= y <= top + float(
        rect.get("height")
    )


def _luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance, written out here rather than taken from the module."""
    names = {"white": "#ffffff", "black": "#000000"}
    value = names.get(colour, colour).lstrip("#")
    linear = []
    for i in (0, 2, 4):
        c = int(value[i : i + 2], 16) / 255
        linear.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# --------------------------------------------------------------------- structure


def test_the_scale_chart_is_well_formed_svg_with_a_role_a_label_a_title_and_a_desc():
    svg = scale_theme_chart_svg("Palliativ vård", ITEMS)
    root = _parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    label = root.get("aria-label")
    assert label.startswith("Diagram: Palliativ vård.")
    assert all(step in label for step in STEPS) and "3 frågor" in label
    assert root.find(f"{SVG}title").text == "Palliativ vård"
    description = root.find(f"{SVG}desc").text
    # Every value of every item, zeros included, in the items' and the steps' order.
    for item, shares in ITEMS:
        expected = ", ".join(f"{step} {value}{NBSP}%" for step, value in shares)
        assert f"{item}: {expected}." in description
    assert not svg.startswith("<?xml")  # inline in a page, no prolog


def test_it_scales_with_its_column_and_needs_no_style_exception():
    for svg in (scale_theme_chart_svg("Palliativ vård", ITEMS),
                choice_chart_svg("Upplägg", [("Distans", 60), ("På plats", 40)])):  # fmt: skip
        root = _parse(svg)
        assert root.get("width") == "100%"
        assert root.get("height") is None
        x, y, width, height = map(float, root.get("viewBox").split())
        assert (x, y) == (0, 0) and width > 0 and height > 0
        assert "DejaVu Sans" in root.get("font-family")
        assert "<style" not in svg
        assert all(element.get("style") is None for element in root.iter())


def test_every_item_and_step_is_written_as_text_and_segments_of_5_percent_have_their_share():
    root = _parse(scale_theme_chart_svg("Palliativ vård", ITEMS))
    texts = _texts(root)
    joined = " ".join(texts)
    for item, _shares in ITEMS:
        assert all(word in joined for word in item.split())  # labels wrap: compare the words
    for step in STEPS:
        assert step in texts  # the legend
    in_bars = [_text(text) for text in _shares_in_bars(root)]
    assert sorted(in_bars) == sorted(
        f"{value}{NBSP}%" for _item, shares in ITEMS for _step, value in shares if value >= 5
    )
    assert texts.count(f"0{NBSP}%") == 1  # the axis; a segment of 0 % is neither drawn nor labelled


def test_a_segment_below_5_percent_is_drawn_without_its_share_and_one_of_100_fills_the_bar():
    items = [("Liten", list(zip(STEPS, [4, 96, 0, 0], strict=True))),
             ("Hel", list(zip(STEPS, [0, 0, 0, 100], strict=True)))]  # fmt: skip
    root = _parse(scale_theme_chart_svg("Tema", items))
    small, large = _rows(root)[0]
    whole = _rows(root)[1]
    assert len(whole) == 1
    assert float(whole[0].get("width")) == pytest.approx(
        float(small.get("width")) + float(large.get("width"))
    )
    assert whole[0].get("fill") == charts.FOUR_STEP_COLOURS[3]
    shares = _shares_in_bars(root)
    assert sorted(_text(text) for text in shares) == [f"100{NBSP}%", f"96{NBSP}%"]
    assert not any(_inside(text, small) for text in shares)
    assert _text(small.find(f"{SVG}title")) == f"Liten: {AKUT} 4{NBSP}%"  # a tooltip


def test_the_shares_are_in_their_segments_and_the_segments_follow_the_steps():
    root = _parse(scale_theme_chart_svg("Palliativ vård", ITEMS))
    rows = _rows(root)
    assert len(rows) == len(ITEMS)
    for row, (_item, shares) in zip(rows, ITEMS, strict=True):
        drawn = [(step, value) for step, value in shares if value > 0]
        assert [rect.get("fill") for rect in row] == [
            charts.FOUR_STEP_COLOURS[STEPS.index(step)] for step, _value in drawn
        ]
        widths = [float(rect.get("width")) for rect in row]
        for (_step, value), width in zip(drawn, widths, strict=True):
            assert width / sum(widths) == pytest.approx(value / 100, abs=0.002)
    for text in _shares_in_bars(root):
        assert sum(_inside(text, rect) for row in rows for rect in row) == 1


def test_the_legend_follows_the_segments_order():
    root = _parse(scale_theme_chart_svg("Prioritet", ITEMS, PLAN_COLOURS))
    legend = next(g for g in root.iter(f"{SVG}g") if (g.get("id") or "").endswith("-legend"))
    swatches = [rect.get("fill") for rect in legend.iter(f"{SVG}rect")]
    assert swatches == PLAN_COLOURS
    assert [_text(text) for text in legend.iter(f"{SVG}text")] == STEPS
    xs = [float(rect.get("x")) for rect in legend.iter(f"{SVG}rect")]
    assert xs == sorted(xs)  # left to right, in one row
    assert [rect.get("fill") for rect in _rows(root)[2]] == PLAN_COLOURS


@pytest.mark.parametrize(
    "colours", [None, PLAN_COLOURS, ["#777777", "#7a7a7a", "#595959", "#ffffff"]]
)
def test_the_shares_in_the_segments_have_a_contrast_of_at_least_4_5(colours):
    items = [("Fråga", list(zip(STEPS, [25, 25, 25, 25], strict=True)))]
    root = _parse(scale_theme_chart_svg("Tema", items, colours))
    (row,) = _rows(root)
    shares = _shares_in_bars(root)
    assert len(shares) == 4
    for text in shares:
        (rect,) = [rect for rect in row if _inside(text, rect)]
        assert _contrast(text.get("fill"), rect.get("fill")) >= 4.5, rect.get("fill")


def test_the_four_blue_steps_are_the_default_and_other_scales_get_blues_dark_to_light():
    root = _parse(scale_theme_chart_svg("Palliativ vård", ITEMS))
    assert [rect.get("fill") for rect in _rows(root)[2]] == charts.FOUR_STEP_COLOURS
    five = [f"Steg {n}" for n in range(5)]
    root = _parse(scale_theme_chart_svg("Fem steg", [("Fråga", [(s, 20) for s in five])]))
    fills = [rect.get("fill") for rect in _rows(root)[0]]
    assert len(set(fills)) == 5
    assert [_luminance(fill) for fill in fills] == sorted(_luminance(fill) for fill in fills)
    assert fills[0] == "#08306b"


def test_the_stacked_bars_have_a_percent_axis_with_gridlines():
    root = _parse(scale_theme_chart_svg("Palliativ vård", ITEMS))
    ticks = [f"{tick}{NBSP}%" for tick in (0, 25, 50, 75, 100)]
    assert [text for text in _texts(root) if text in ticks] == ticks
    bars = [rect for row in _rows(root) for rect in row]
    left = min(float(rect.get("x")) for rect in bars)
    right = max(float(rect.get("x")) + float(rect.get("width")) for rect in bars)
    top = min(float(rect.get("y")) for rect in bars)
    bottom = max(float(rect.get("y")) + float(rect.get("height")) for rect in bars)
    vertical = {
        float(line.get("x1"))
        for line in root.iter(f"{SVG}line")
        if line.get("x1") == line.get("x2")
        and float(line.get("y1")) <= top
        and float(line.get("y2")) >= bottom
    }
    expected = {left + (right - left) * tick / 100 for tick in (0, 25, 50, 75, 100)}
    assert {round(x, 1) for x in vertical} == {round(x, 1) for x in expected}


def test_long_labels_wrap_to_at_most_three_lines_within_the_label_column():
    long_item = "Kompetensutveckling " + " ".join(["inom kommunal hälso- och sjukvård"] * 8)
    items = [(long_item, list(zip(STEPS, [25, 25, 25, 25], strict=True))),
             ("Kort", list(zip(STEPS, [25, 25, 25, 25], strict=True)))]  # fmt: skip
    root = _parse(scale_theme_chart_svg("Tema", items))
    labels = [text for text in root.iter(f"{SVG}text") if text.get("text-anchor") is None
              and any(s.get("x") for s in text.iter(f"{SVG}tspan"))]  # fmt: skip
    (wrapped,) = labels
    lines = [_text(span) for span in wrapped.iter(f"{SVG}tspan")]
    assert len(lines) == 3
    assert lines[0].startswith("Kompetensutveckling inom")
    assert lines[-1].endswith("…")
    bar_left = min(float(rect.get("x")) for rect in _segments(root))
    for line in lines:
        # DejaVu Sans averages about 0.6 em a character (12 units here): the line fits.
        assert len(line) * 0.6 * 12 * 0.95 < bar_left
    assert "Kort" in _texts(root)
    # The desc keeps the whole text.
    assert long_item in root.find(f"{SVG}desc").text


def test_the_output_is_deterministic():
    first = scale_theme_chart_svg("Palliativ vård", ITEMS)
    assert scale_theme_chart_svg("Palliativ vård", [(i, list(s)) for i, s in ITEMS]) == first
    assert choice_chart_svg("Fråga", [("Ja", 60), ("Nej", 40)]) == choice_chart_svg(
        "Fråga", [("Ja", 60.0), ("Nej", 40.0)]
    )
    assert scale_theme_chart_svg("Palliativ vård", ITEMS[:2]) != first


def test_two_charts_on_one_page_share_no_ids_and_ids_are_prefixed_per_chart():
    one = _parse(scale_theme_chart_svg("Palliativ vård", ITEMS))
    other = _parse(scale_theme_chart_svg("Demens", ITEMS[2:]))
    choice = _parse(choice_chart_svg("Upplägg", [("Distans", 60)]))
    id_sets = []
    for root in (one, other, choice):
        ids = {element.get("id") for element in root.iter() if element.get("id")}
        assert ids and all(i.startswith(root.get("id")) for i in ids)
        id_sets.append(ids)
    assert not id_sets[0] & id_sets[1] and not id_sets[0] & id_sets[2]


def test_the_choice_chart_has_a_bar_and_a_share_after_it_per_option_and_may_pass_100_percent():
    rows = [("Distans", 80), ("På plats", 39), ("Komprimerat", 27), ("Föreläsningar", 55),
            ("Seminarium", 50)]  # fmt: skip
    root = _parse(choice_chart_svg("Upplägg av utbildning", rows))
    assert root.get("role") == "img"
    assert root.get("aria-label") == (
        "Diagram: Upplägg av utbildning. Distans 80\u00a0%; På plats 39\u00a0%; "
        "Komprimerat 27\u00a0%; Föreläsningar 55\u00a0%; Seminarium 50\u00a0%."
    )
    assert root.find(f"{SVG}desc").text.startswith("Distans 80\u00a0%; På plats 39\u00a0%;")
    texts = _texts(root)
    for label, _share in rows:
        assert label in texts
    bars = [rect for rect in root.iter(f"{SVG}rect")]
    assert len(bars) == len(rows)
    widths = [float(rect.get("width")) for rect in bars]
    assert widths[0] / widths[2] == pytest.approx(80 / 27, rel=0.01)
    for rect, (_label, share) in zip(bars, rows, strict=True):
        top, height = float(rect.get("y")), float(rect.get("height"))
        (after,) = [t for t in root.iter(f"{SVG}text") if top < float(t.get("y")) < top + height
                    and float(t.get("x")) > float(rect.get("x"))]  # fmt: skip
        assert _text(after) == f"{share}{NBSP}%"
        assert float(after.get("x")) > float(rect.get("x")) + float(rect.get("width"))


def test_the_choice_bars_and_their_shares_stay_inside_the_chart():
    root = _parse(choice_chart_svg("Fråga", [("Alla", 100), ("Fler än alla", 130), ("Inga", 0)]))
    width = float(root.get("viewBox").split()[2])
    bars = list(root.iter(f"{SVG}rect"))
    assert max(float(r.get("x")) + float(r.get("width")) for r in bars) < width * 0.95
    assert float(bars[1].get("width")) > float(bars[0].get("width"))
    assert float(bars[2].get("width")) == 0
    assert f"130{NBSP}%" in _texts(root) and f"0{NBSP}%" in _texts(root)


# ------------------------------------------------------------- text and languages


def test_text_is_escaped_in_elements_and_attributes():
    title = '<script>alert(1)</script> & "citat" $5$'
    item = '<b>Ja</b> & "x"'
    svg = scale_theme_chart_svg(title, [(item, [('<i>steg</i> & "1"', 60), ("Nej", 40)])])
    root = _parse(svg)
    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg
    assert root.find(f"{SVG}title").text == title
    assert title in root.get("aria-label")
    assert f"{item}: " in root.find(f"{SVG}desc").text
    assert item in _texts(root) and '<i>steg</i> & "1"' in _texts(root)
    choice = _parse(choice_chart_svg(title, [(item, 60), ("Nej\x00\x1f", 40)]))
    assert item in _texts(choice) and "Nej" in _texts(choice)  # control characters dropped


def test_empty_data_gives_a_valid_chart_with_its_title_and_no_bars():
    for svg in (scale_theme_chart_svg("Tomt", []), choice_chart_svg("Tomt", [])):
        root = _parse(svg)
        assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Tomt"
        assert _segments(root) == []
        assert not [r for r in root.iter(f"{SVG}rect") if r.get("fill") == charts.BAR_COLOUR]
    assert "0 frågor" in _parse(scale_theme_chart_svg("Tomt", [])).get("aria-label")


def test_the_percentages_are_written_as_in_the_language_of_the_page():
    rows = [("Distans", 80.4), ("På plats", 19.5)]
    with translation.override("en"):
        english = _parse(choice_chart_svg("Format", rows))
        english_scale = _parse(scale_theme_chart_svg("Theme", ITEMS))
    swedish = _parse(choice_chart_svg("Format", rows))
    assert {"80%", "20%", "100%"} <= set(_texts(english))
    assert "Distans 80%" in english.get("aria-label")
    assert f"{VARDEFULLT} 77%" in english_scale.find(f"{SVG}desc").text
    assert {f"80{NBSP}%", f"20{NBSP}%", f"100{NBSP}%"} <= set(_texts(swedish))
    assert "80%" not in " ".join(_texts(swedish))
    # Not the same chart: the language is part of its ids too.
    assert english.get("id") != swedish.get("id")


def test_the_package_draws_without_matplotlib():
    modules = sorted(Path(charts.__file__).parent.glob("*.py"))
    assert {"__init__.py", "survey.py", "spread.py", "colours.py"} <= {m.name for m in modules}
    for module in modules:
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+matplotlib", source, flags=re.M), module.name


# ----------------------------------------------------------------- with results


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
    assert f"100{NBSP}%" in _texts(_parse(choice_block.svg))


def test_a_new_answer_is_in_the_next_chart(world):
    """No chart cache: the next view draws the new shares."""
    from .test_selectors import answer, build_round

    round_ = build_round(world)
    answer(round_, world.organisations["arvika"], symtom=AKUT)
    first = survey_results(round_.survey).themes[0].blocks[0].svg
    assert f"{AKUT} 100{NBSP}%" in _parse(first).find(f"{SVG}desc").text
    answer(round_, world.organisations["orebro"], symtom=VARDEFULLT)
    second = survey_results(round_.survey).themes[0].blocks[0].svg
    assert f"{AKUT} 50{NBSP}%, {VARDEFULLT} 50{NBSP}%" in _parse(second).find(f"{SVG}desc").text
