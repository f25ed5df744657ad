"""How a round's marks on one activity are spread: one compact stacked bar, a segment per
colour as wide as its share of the marks, with the number of marks written in it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ._svg import _chart_id, _svg_document
from ._text import SMALL, SMALLEST, _escape, _n, _width
from .colours import SWATCH_EDGE, _text_colour

# The marks' colours (the caller passes them with each count): green, yellow and red as the
# plan's priorities, a light grey for "Vet ej".
SPREAD_COLOURS = {
    "green": "#146c43",
    "yellow": "#ffda6a",
    "red": "#b02a37",
    "unknown": "#d9d9d9",
}
EMPTY_COLOUR = "#f2f2f2"  # the bar when nobody has marked

# The geometry, in the viewBox's units.
WIDTH = 240
HEIGHT = 28
BAR_LEFT = 1  # room for the outline's stroke
BAR_RIGHT = 239
BAR_TOP = 4
BAR_HEIGHT = 20
MIN_SEGMENT = 8  # a segment narrower than this has no number in it (the label still has it)

Counts = Sequence[tuple[str, int, str]]
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def spread_bar_svg(title: str, counts: Counts) -> str:
    """One stacked bar of `counts`, (label, count, "#rrggbb") in order, a segment per
    non-zero count; `title` names what was marked. Nobody marked: an empty grey bar."""
    title = str(title)
    counts = [_checked(label, count, colour) for label, count, colour in counts]
    chart_id = _chart_id(get_language(), ("spread", title, counts))
    total = sum(count for _label, count, _colour in counts)
    if total:
        body = _segments(counts, total)
        data = ", ".join(f"{label} {count}" for label, count, _colour in counts)
        summary = _("Markeringar: %(data)s") % {"data": data}
    else:
        body = _empty()
        summary = _("Inga markeringar")
    aria = _("%(title)s. %(summary)s.") % {"title": title, "summary": summary}
    body += (
        f'<rect x="{BAR_LEFT}" y="{BAR_TOP}" width="{BAR_RIGHT - BAR_LEFT}" '
        f'height="{BAR_HEIGHT}" fill="none" stroke="{SWATCH_EDGE}" stroke-width="0.5"/>'
    )
    labels = (title, aria if title else f"{summary}.", f"{summary}.")
    return _svg_document(chart_id, (WIDTH, HEIGHT), labels, body, "chart spread-chart")


def _checked(label: str, count: int, colour: str) -> tuple[str, int, str]:
    if int(count) < 0:
        raise ValueError(f"a count of marks cannot be negative: {count!r}")
    if not _COLOUR.fullmatch(str(colour)):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return str(label), int(count), str(colour).lower()


def _segments(counts: list[tuple[str, int, str]], total: int) -> str:
    """A rectangle per non-zero count, its left and right edges from the running sum (so the
    segments meet and end at the bar's right edge), and its number in it."""
    parts, start, span = [], 0, BAR_RIGHT - BAR_LEFT
    for label, count, colour in counts:
        if not count:
            continue
        left = BAR_LEFT + span * start / total
        start += count
        right = BAR_LEFT + span * start / total
        parts.append(
            f'<rect x="{_n(left)}" y="{BAR_TOP}" width="{_n(right - left)}" '
            f'height="{BAR_HEIGHT}" fill="{colour}" stroke="#ffffff" stroke-width="1">'
            f"<title>{_escape(label)} {count}</title></rect>"
        )
        parts.append(_number(str(count), left, right, colour))
    return "".join(parts)


def _number(digits: str, left: float, right: float, colour: str) -> str:
    """The count centred in its segment, smaller (down to SMALLEST) to fit a narrow one; none
    in a segment narrower than MIN_SEGMENT or too narrow for it even at SMALLEST."""
    width = right - left
    size = min(SMALL, SMALL * (width - 2) / _width(digits, SMALL))
    if width < MIN_SEGMENT or size < SMALLEST:
        return ""
    return (
        f'<text x="{_n((left + right) / 2)}" y="{_n(BAR_TOP + BAR_HEIGHT / 2 + 0.35 * size)}" '
        f'font-size="{_n(size)}" text-anchor="middle" fill="{_text_colour(colour)}">'
        f"{digits}</text>"
    )


def _empty() -> str:
    """The bar in grey, with the words that nobody has marked."""
    return (
        f'<rect x="{BAR_LEFT}" y="{BAR_TOP}" width="{BAR_RIGHT - BAR_LEFT}" '
        f'height="{BAR_HEIGHT}" fill="{EMPTY_COLOUR}"/>'
        f'<text x="{_n(WIDTH / 2)}" y="{_n(BAR_TOP + BAR_HEIGHT / 2 + 0.35 * SMALL)}" '
        f'font-size="{SMALL}" text-anchor="middle" fill="{_text_colour(EMPTY_COLOUR)}">'
        f"{_escape(_('Inga markeringar'))}</text>"
    )
