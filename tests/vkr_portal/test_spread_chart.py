"""The spread of a round's marks on an activity as one compact stacked bar: well-formed,
proportional, every count written in its segment with enough contrast or at least in the
label, an empty bar when nobody marked, deterministic, and with ids of its own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from vkr_portal import charts
from vkr_portal.charts import SPREAD_COLOURS, spread_bar_svg

SVG = "{http://www.w3.org/2000/svg}"
GREEN, YELLOW, RED, UNKNOWN = (SPREAD_COLOURS[c] for c in ("green", "yellow", "red", "unknown"))
COUNTS = [("Grön", 3, GREEN), ("Gul", 1, YELLOW), ("Röd", 0, RED), ("Vet ej", 1, UNKNOWN)]
BAR_WIDTH = 238  # the bar's outline, inside the 240 units of the viewBox


@pytest.fixture(autouse=True)
def _swedish():
    with translation.override("sv"):
        yield


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - the portal's own output, not untrusted data


def _segments(root: ET.Element) -> list[ET.Element]:
    """The segments: the rectangles with a tooltip, left to right."""
    rects = [rect for rect in root.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    return sorted(rects, key=lambda rect: float(rect.get("x")))


def _numbers(root: ET.Element) -> list[ET.Element]:
    return sorted(root.iter(f"{SVG}text"), key=lambda text: float(text.get("x")))


def _segment_under(text: ET.Element, segments: list[ET.Element]) -> ET.Element:
    x = float(text.get("x"))
    (segment,) = [
        s for s in segments if float(s.get("x")) <= x <= float(s.get("x")) + float(s.get("width"))
    ]
    return segment


def test_the_bar_is_well_formed_svg_with_a_role_a_label_a_title_and_a_desc():
    root = _parse(spread_bar_svg("Munvård", COUNTS))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert root.get("viewBox") == "0 0 240 28"
    assert "DejaVu Sans" in root.get("font-family")
    assert root.find(f"{SVG}title").text == "Munvård"
    label = "Markeringar: Grön 3, Gul 1, Röd 0, Vet ej 1"
    assert root.get("aria-label") == f"Munvård. {label}."
    assert root.find(f"{SVG}desc").text == f"{label}."


def test_a_segment_per_non_zero_count_in_order_as_wide_as_its_share():
    root = _parse(spread_bar_svg("Munvård", COUNTS))
    segments = _segments(root)
    assert [s.get("fill") for s in segments] == [GREEN, YELLOW, UNKNOWN]
    assert [s.find(f"{SVG}title").text for s in segments] == ["Grön 3", "Gul 1", "Vet ej 1"]
    widths = [float(s.get("width")) for s in segments]
    for width, count in zip(widths, [3, 1, 1], strict=True):
        assert width == pytest.approx(BAR_WIDTH * count / 5, abs=0.01)
    # They meet: each starts where the one before ends, and they fill the bar.
    for before, after in zip(segments, segments[1:], strict=False):
        end = float(before.get("x")) + float(before.get("width"))
        assert float(after.get("x")) == pytest.approx(end, abs=0.01)
    assert sum(widths) == pytest.approx(BAR_WIDTH, abs=0.02)


def test_every_count_is_written_in_its_segment_with_a_contrast_of_at_least_4_5():
    counts = [("Grön", 12, GREEN), ("Gul", 7, YELLOW), ("Röd", 5, RED), ("Vet ej", 2, UNKNOWN)]
    root = _parse(spread_bar_svg("Munvård", counts))
    segments = _segments(root)
    numbers = _numbers(root)
    assert [text.text for text in numbers] == ["12", "7", "5", "2"]
    for text in numbers:
        segment = _segment_under(text, segments)
        assert segment.find(f"{SVG}title").text.endswith(f" {text.text}")
        assert charts.contrast(text.get("fill"), segment.get("fill")) >= 4.5
        assert text.get("text-anchor") == "middle"


def test_a_narrow_segment_has_a_smaller_number_and_one_too_narrow_none_but_the_label_has_it():
    # 10 of 180 is 13 units wide: "10" at 11 units would not fit, at 8.8 it does.
    shrunk = _parse(spread_bar_svg("Munvård", [("Grön", 170, GREEN), ("Röd", 10, RED)]))
    small = [text for text in _numbers(shrunk) if text.text == "10"]
    assert len(small) == 1 and 8 <= float(small[0].get("font-size")) < 11
    # 1 of 40 is 6 units wide: no number in it, but the label and desc have every count.
    svg = spread_bar_svg("Munvård", [("Grön", 39, GREEN), ("Röd", 1, RED)])
    root = _parse(svg)
    assert [text.text for text in _numbers(root)] == ["39"]
    assert len(_segments(root)) == 2
    assert "Röd 1" in root.get("aria-label") and "Röd 1" in root.find(f"{SVG}desc").text


@pytest.mark.parametrize("counts", [[], [("Grön", 0, GREEN), ("Gul", 0, YELLOW), ("Röd", 0, RED)]])
def test_nobody_marked_is_an_empty_grey_bar_that_says_so(counts):
    root = _parse(spread_bar_svg("Munvård", counts))
    assert _segments(root) == []
    (text,) = list(root.iter(f"{SVG}text"))
    assert text.text == "Inga markeringar"
    (bar,) = [rect for rect in root.iter(f"{SVG}rect") if rect.get("fill") != "none"]
    red, green, blue = (int(bar.get("fill")[i : i + 2], 16) for i in (1, 3, 5))
    assert red == green == blue  # grey
    assert charts.contrast(text.get("fill"), bar.get("fill")) >= 4.5
    assert root.get("aria-label") == "Munvård. Inga markeringar."


def test_the_output_is_deterministic_and_its_ids_unique_per_content_and_language():
    first = spread_bar_svg("Munvård", COUNTS)
    assert spread_bar_svg("Munvård", COUNTS) == first
    other = spread_bar_svg("Munvård", [("Grön", 4, GREEN), ("Gul", 1, YELLOW)])
    renamed = spread_bar_svg("Symtomlindring", COUNTS)
    with translation.override("en"):
        english = spread_bar_svg("Munvård", COUNTS)
    ids = [set(re.findall(r'\bid="([^"]+)"', svg)) for svg in (first, other, renamed, english)]
    assert all(len(found) == 3 for found in ids)  # the root, its title and its desc
    for index, found in enumerate(ids):
        for later in ids[index + 1 :]:
            assert not found & later
    root = _parse(first)
    assert root.find(f"{SVG}title").get("id") == root.get("id") + "-title"


def test_presentation_attributes_only_and_text_escaped():
    svg = spread_bar_svg('Munvård <b>"&"</b>', [("Grön & <gul>", 2, GREEN), ("Röd", 1, RED)])
    assert "<style" not in svg and not re.search(r"\sstyle\s*=", svg)
    root = _parse(svg)
    assert root.find(f"{SVG}title").text == 'Munvård <b>"&"</b>'
    assert "Grön & <gul> 2" in root.get("aria-label")


def test_a_count_or_colour_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        spread_bar_svg("Munvård", [("Grön", -1, GREEN)])
    with pytest.raises(ValueError):
        spread_bar_svg("Munvård", [("Grön", 1, 'red" onload="x')])


def test_the_caller_s_colours():
    assert SPREAD_COLOURS == {
        "green": "#146c43",
        "yellow": "#ffda6a",
        "red": "#b02a37",
        "unknown": "#d9d9d9",
    }
