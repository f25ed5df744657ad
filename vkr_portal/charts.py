"""Charts as SVG text: the one implementation used by the survey results page, the annual
report's key figures and its PDF.

The SVG is written directly, as text: drawing a chart costs well under a millisecond, so it is
drawn on every request and never cached, and a new answer is in the next view's bars. Text
stays text (DejaVu Sans, on every Debian, else the reader's sans-serif), so a screen reader, a
search and WeasyPrint read it; its width is estimated from the number of characters (DejaVu
Sans averages about 0.6 em), which is what wraps the item labels. Only presentation attributes,
no <style> and no style attribute: the page's Content-Security-Policy needs no exception. The
root has a viewBox and width="100%", so a chart fills its column, the page's and the PDF's.

The output is deterministic (the same data give the same bytes) and its ids are prefixed with
a hash of the chart's content, so several charts can live in one page. Colour is never the
only carrier: every segment of 5 % or more has its percentage written in it, in white or dark
text, whichever has a contrast of at least 4.5:1 against the segment; the legend follows the
order of the segments; the root has role="img", an aria-label and a <desc> with every value.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vkr_portal import formats

# Dark to light: from "Akut, vi satsar gärna" to "Inte aktuellt". Neighbours differ clearly in
# lightness (also in greyscale print) and white edges separate the segments.
FOUR_STEP_COLOURS = ["#08306b", "#2f6eb5", "#9dc4e3", "#dddddd"]
# ColorBrewer's "Blues", dark to light, for scales of another number of steps.
BLUES = ["#08306b", "#08519c", "#2171b5", "#4292c6", "#6baed6", "#9ecae1", "#c6dbef", "#deebf7"]
BAR_COLOUR = "#2f6eb5"
TEXT_DARK = "#1a1a1a"
TEXT_LIGHT = "#ffffff"
AXIS_COLOUR = "#595959"
GRID_COLOUR = "#d0d0d0"
SWATCH_EDGE = "#767676"
FONT_FAMILY = "DejaVu Sans, sans-serif"
LABEL_MIN_PERCENT = 5
LABEL_LINES = 3  # lines of an item label at most; a longer one ends in "…"
MIN_CONTRAST = 4.5

# The geometry, in the viewBox's units (1 unit is 1 px at 720 px wide).
WIDTH = 720
EM = 0.6  # average character width of DejaVu Sans, in em
FONT = 12  # item labels
SMALL = 11  # legend, axis, shares
SMALLEST = 8  # a share shrinks to fit its segment, down to this
LINE = 15  # line height of the item labels
PLOT_LEFT = 300  # where the bars start; the labels end 8 units before
PLOT_RIGHT = 700  # 100 % of a stacked bar
CHOICE_RIGHT = 660  # 100 % of a choice bar, room for its share after it
BAR = 20  # height of a bar
PITCH = 30  # height of a row of one label line
TICKS = (0, 25, 50, 75, 100)

Shares = Sequence[tuple[str, float]]


def scale_theme_chart_svg(
    theme_title: str, items: Sequence[tuple[str, Shares]], colours: Sequence[str] | None = None
) -> str:
    """Stacked horizontal bars, one per item, one segment per scale step (percent of those
    who answered); `items` are (item text, [(step label, percent), …]) in step order.
    `colours` ("#rrggbb"), one per step, replace the blue steps (the plan's green, yellow and
    red)."""
    items = [(str(text), [(str(s), float(v)) for s, v in shares]) for text, shares in items]
    steps = [label for label, _value in items[0][1]] if items else []
    colours = list(colours) if colours else _step_colours(len(steps))
    chart = _Chart(("scale", theme_title, items, colours))
    legend_bottom = chart.legend(steps, colours)
    rows = chart.rows([text for text, _shares in items], legend_bottom + 10)
    chart.grid(PLOT_RIGHT, 100)
    step_names = [_escape(step) for step in steps]
    for (text, shares), row in zip(items, rows, strict=True):
        start, name = 0.0, _escape(text)
        for index, (_step, value) in enumerate(shares):
            step = step_names[index] if index < len(step_names) else ""
            chart.segment(row, start, value, colours[index % len(colours)], f"{name}: {step}")
            start += value
    summary = _("Diagram: %(title)s. Andel svar per svarsalternativ (%(steps)s) för %(n)s frågor.")
    aria = summary % {"title": theme_title, "steps": ", ".join(steps), "n": len(items)}
    desc = " ".join(
        f"{text}: " + ", ".join(f"{label} {chart.percent(value)}" for label, value in shares) + "."
        for text, shares in items
    )
    return chart.svg(theme_title, aria, desc)


def choice_chart_svg(question_text: str, rows: Shares) -> str:
    """Horizontal bars, one per option, with its percentage written after the bar; `rows`
    are (option label, percent). Shares per respondent may add up to more than 100 %."""
    rows = [(str(label), float(value)) for label, value in rows]
    chart = _Chart(("choice", question_text, rows))
    placed = chart.rows([label for label, _value in rows], 8)
    # 100 % (or a larger share) ends where the share after its bar still fits.
    chart.grid(CHOICE_RIGHT, max([100.0, *(value for _label, value in rows)]))
    for (_label, value), row in zip(rows, placed, strict=True):
        chart.bar(row, value)
    data = "; ".join(f"{label} {chart.percent(value)}" for label, value in rows)
    aria = _("Diagram: %(title)s. %(data)s.") % {"title": question_text, "data": data}
    return chart.svg(question_text, aria, data + ".")


class _Chart:
    """The shapes of one chart, collected in drawing order (later ones on top)."""

    def __init__(self, content: tuple) -> None:
        self.language = get_language()
        key = hashlib.sha256(repr((self.language, content)).encode()).hexdigest()
        self.id = f"chart-{key[:10]}"
        self.back: list[str] = []  # gridlines, under the bars
        self.shapes: list[str] = []
        self.height = 0.0
        self.plot_top = self.plot_bottom = 0.0
        self.scale = 100.0  # the value at plot_right
        self.plot_right = PLOT_RIGHT
        self.bar_height = BAR
        self._percents: dict[float, str] = {}

    def legend(self, steps: list[str], colours: list[str]) -> float:
        """The steps in order from left to right, in rows centred over the chart; its bottom."""
        if not steps:
            return 0.0
        entries: list[tuple[tuple[str, ...], str, float]] = []
        for index, step in enumerate(steps):
            lines = _wrap(step, WIDTH - 40, SMALL, lines=2)
            text_width = max(_width(line, SMALL) for line in lines)
            entries.append((lines, colours[index % len(colours)], 16 + text_width))
        rows: list[list[tuple[tuple[str, ...], str, float]]] = [[]]
        for entry in entries:
            used = sum(width + 18 for _l, _c, width in rows[-1])
            if rows[-1] and used + entry[2] > WIDTH - 8:
                rows.append([])
            rows[-1].append(entry)
        top = 4.0
        parts = [f'<g id="{self.id}-legend" font-size="{SMALL}">']
        for row in rows:
            x = (WIDTH - (sum(width for _l, _c, width in row) + 18 * (len(row) - 1))) / 2
            height = max(len(lines) for lines, _c, _w in row) * 14
            for lines, colour, width in row:
                parts.append(
                    f'<rect x="{_n(x)}" y="{_n(top + 2)}" width="11" height="11" '
                    f'fill="{colour}" stroke="{SWATCH_EDGE}" stroke-width="0.5"/>'
                )
                parts.append(_text(x + 16, top + 11.5, lines, 14))
                x += width + 18
            top += height + 4
        parts.append("</g>")
        self.shapes.append("".join(parts))
        return top

    def rows(self, labels: list[str], top: float) -> list[tuple[float, float]]:
        """Each label right-aligned before its row, wrapped; (top, height) of each row."""
        placed = []
        self.plot_top = top
        parts = [f'<g font-size="{FONT}" text-anchor="end">']
        wrapped = [_wrap(label, PLOT_LEFT - 12, FONT) for label in labels]
        # One height for every row, so the bars are evenly spaced.
        pitch = max(PITCH, max(map(len, wrapped), default=1) * LINE + 10)
        self.bar_height = max(BAR, round(pitch * 0.55))
        for lines in wrapped:
            centre = top + pitch / 2
            first = centre - (len(lines) - 1) * LINE / 2 + 0.35 * FONT
            parts.append(_text(PLOT_LEFT - 8, first, lines, LINE))
            placed.append((top, pitch))
            top += pitch
        parts.append("</g>")
        self.shapes.append("".join(parts))
        self.plot_bottom = max(top, self.plot_top + PITCH / 2)
        self.height = self.plot_bottom + 26
        return placed

    def grid(self, right: float, scale: float) -> None:
        """The percent axis, 0–100 %, with a gridline per tick and the left and bottom spines."""
        self.plot_right, self.scale = right, scale
        top, bottom = self.plot_top, self.plot_bottom
        parts = [f'<g stroke="{GRID_COLOUR}" stroke-width="1">']
        parts += [
            f'<line x1="{_n(self.x(tick))}" y1="{_n(top)}" x2="{_n(self.x(tick))}" '
            f'y2="{_n(bottom)}"/>'
            for tick in TICKS[1:]
        ]
        parts.append("</g>")
        self.back.append("".join(parts))
        axis = [
            f'<g stroke="{AXIS_COLOUR}" stroke-width="1">'
            f'<line x1="{PLOT_LEFT}" y1="{_n(top)}" x2="{PLOT_LEFT}" y2="{_n(bottom)}"/>'
            f'<line x1="{PLOT_LEFT}" y1="{_n(bottom)}" x2="{_n(right)}" y2="{_n(bottom)}"/>',
            *(
                f'<line x1="{_n(self.x(t))}" y1="{_n(bottom)}" x2="{_n(self.x(t))}" '
                f'y2="{_n(bottom + 4)}"/>'
                for t in TICKS
            ),
            f'</g><g font-size="{SMALL}" text-anchor="middle">',
            *(_text(self.x(t), bottom + 17, [self.percent(t)], 0) for t in TICKS),
            "</g>",
        ]
        self.shapes.append("".join(axis))

    def percent(self, value: float) -> str:
        """`formats.percent` of the value (rounded half up), once per value in a chart."""
        text = self._percents.get(value)
        if text is None:
            whole = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            text = self._percents[value] = _whole_percent(self.language, whole)
        return text

    def x(self, value: float) -> float:
        return PLOT_LEFT + (self.plot_right - PLOT_LEFT) * min(max(value, 0.0), self.scale) / (
            self.scale
        )

    def segment(
        self, row: tuple[float, float], start: float, value: float, colour: str, name: str
    ) -> None:
        """One step's share of a stacked bar, its percentage in it when it is 5 % or more;
        `name` (markup: escaped) and the share are its tooltip."""
        left, right = self.x(start), self.x(start + value)
        if right - left <= 0:
            return
        height = self.bar_height
        y = row[0] + (row[1] - height) / 2
        share = self.percent(value)
        parts = [
            f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(right - left)}" height="{height}" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="1">'
            f"<title>{name} {share}</title></rect>"
        ]
        if value >= LABEL_MIN_PERCENT:
            size = min(SMALL, max(SMALLEST, SMALL * (right - left - 4) / _width(share, SMALL)))
            parts.append(
                f'<text x="{_n((left + right) / 2)}" y="{_n(y + height / 2 + 0.35 * size)}" '
                f'font-size="{_n(size)}" text-anchor="middle" fill="{_text_colour(colour)}">'
                f"{_escape(share)}</text>"
            )
        self.shapes.append("".join(parts))

    def bar(self, row: tuple[float, float], value: float) -> None:
        """A choice's bar and its percentage after it."""
        y = row[0] + (row[1] - self.bar_height) / 2
        right = self.x(value)
        self.shapes.append(
            f'<rect x="{PLOT_LEFT}" y="{_n(y)}" width="{_n(right - PLOT_LEFT)}" '
            f'height="{self.bar_height}" fill="{BAR_COLOUR}"/>'
            f'<text x="{_n(right + 4)}" y="{_n(y + self.bar_height / 2 + 0.35 * SMALL)}" '
            f'font-size="{SMALL}">{_escape(self.percent(value))}</text>'
        )

    def svg(self, title: str, aria: str, desc: str) -> str:
        """The chart as inline SVG markup: no prolog, ids unique to the chart, title and desc."""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(self.height)}" '
            f'width="100%" role="img" aria-label="{_escape(aria, attribute=True)}" '
            f'class="chart" id="{self.id}" font-family="{FONT_FAMILY}" fill="{TEXT_DARK}">'
            f'<title id="{self.id}-title">{_escape(title)}</title>'
            f'<desc id="{self.id}-desc">{_escape(desc)}</desc>'
            + "".join(self.back)
            + "".join(self.shapes)
            + "</svg>"
        )


def _step_colours(count: int) -> list[str]:
    """The four blue steps, or as many evenly spread over ColorBrewer's Blues."""
    if count == len(FOUR_STEP_COLOURS):
        return FOUR_STEP_COLOURS
    if count <= 1:
        return [BAR_COLOUR] * count
    last = len(BLUES) - 1
    colours = []
    for index in range(count):
        position = last * index / (count - 1)
        low = min(int(position), last - 1)
        colours.append(_mix(BLUES[low], BLUES[low + 1], position - low))
    return colours


def _mix(one: str, other: str, weight: float) -> str:
    a, b = _rgb(one), _rgb(other)
    mixed = (x + (y - x) * weight for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{round(255 * channel):02x}" for channel in mixed)


def _rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a #rrggbb colour."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(one: str, other: str) -> float:
    """WCAG 2.1's contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@functools.cache
def _text_colour(background: str) -> str:
    """White or near-black, whichever contrasts more; black if neither reaches 4.5:1."""
    best = max((TEXT_LIGHT, TEXT_DARK), key=lambda text: contrast(text, background))
    return best if contrast(best, background) >= MIN_CONTRAST else "#000000"


@functools.lru_cache(maxsize=1024)
def _whole_percent(language: str | None, whole: Decimal) -> str:
    """`formats.percent` of a whole number in the active language (10 µs each, so kept)."""
    return formats.percent(whole)


# Advance widths of DejaVu Sans in em (its metrics, rounded); other characters count 0.6 em.
# fmt: off
_EM_WIDTHS = {
    character: width
    for characters, width in [
        (" \u00a0,.", 0.318), (":;/", 0.337), ("0123456789", 0.636), ("il'|", 0.278),
        ("IJ", 0.295), ("ft()-", 0.36), ("r", 0.411), ("sz", 0.523), ("cvxyk?", 0.58),
        ("aeoåäöéèüabdghnpqu", 0.625), ("FLPTYZS", 0.6), ("ABEKRVXÅÄ", 0.685),
        ("CDGHNOQUÖ", 0.76), ("Mw&", 0.82), ("mW%…", 0.97),
    ]
    for character in characters
}
# fmt: on


def _width(text: str, size: float) -> float:
    """The estimated width of a line of text, from its characters (0.6 em on average)."""
    return sum(_EM_WIDTHS.get(character, EM) for character in text) * size


@functools.lru_cache(maxsize=4096)
def _wrap(text: str, width: float, size: float, *, lines: int = LABEL_LINES) -> tuple[str, ...]:
    """The text in lines of at most `width` units, at most `lines` of them (then "…"); kept,
    as the same survey's items are wrapped on every view."""
    space = _EM_WIDTHS[" "] * size
    wrapped: list[str] = []
    line, used = "", 0.0
    for word in text.split():
        word_width = _width(word, size)
        if line and used + space + word_width <= width:
            line, used = f"{line} {word}", used + space + word_width
            continue
        if line:
            wrapped.append(line)
        while word_width > width:  # a word longer than a line is cut
            cut = _fit(word, width, size)
            wrapped.append(word[:cut])
            word = word[cut:]
            word_width = _width(word, size)
        line, used = word, word_width
    wrapped.append(line)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        wrapped[-1] = last[: _fit(last, width - _width("…", size), size)].rstrip() + "…"
    return tuple(wrapped)


def _fit(text: str, width: float, size: float) -> int:
    """How many of the text's first characters fit in the width (at least one)."""
    used = 0.0
    for index, character in enumerate(text):
        used += _EM_WIDTHS.get(character, EM) * size
        if used > width:
            return max(index, 1)
    return len(text)


def _text(x: float, y: float, lines: Sequence[str], line_height: float) -> str:
    """A <text> of one or more lines (a <tspan> each), the first with its baseline at y."""
    if len(lines) == 1:
        return f'<text x="{_n(x)}" y="{_n(y)}">{_escape(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(y + index * line_height)}">{_escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f"<text>{spans}</text>"


# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _escape(text: str, *, attribute: bool = False) -> str:
    clean = _NOT_XML.sub("", str(text))
    if attribute:
        return escape(clean, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    return escape(clean)


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: the same for the same."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
