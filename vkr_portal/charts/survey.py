"""The survey results' charts: a theme's scale items as stacked bars, one per item, and a
choice question's options as plain bars, both on a percent axis."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ._svg import _chart_id, _svg_document
from ._text import FONT, SMALL, SMALLEST, _escape, _n, _text, _whole_percent, _width, _wrap
from .colours import (
    AXIS_COLOUR,
    BAR_COLOUR,
    GRID_COLOUR,
    SWATCH_EDGE,
    _step_colours,
    _text_colour,
)

LABEL_MIN_PERCENT = 5

# The geometry, in the viewBox's units (1 unit is 1 px at 720 px wide).
WIDTH = 720
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
        self.id = _chart_id(self.language, content)
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
        body = "".join(self.back) + "".join(self.shapes)
        return _svg_document(self.id, (WIDTH, self.height), (title, aria, desc), body)
