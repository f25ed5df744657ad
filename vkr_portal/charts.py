"""Charts as SVG text: the one implementation used by the survey results page, the annual
report's key figures and its PDF.

matplotlib's object API with its SVG canvas (no pyplot: nothing global to close or to share
between threads). Text stays text (`svg.fonttype: none`, DejaVu Sans, on every Debian), so a
screen reader, a search and WeasyPrint read it. The output is deterministic: the hash salt is
derived from the chart's content and the metadata carry no date, so the same results give the
same bytes, and the ids are prefixed per chart so that several charts can live in one page.
Colour is never the only carrier: every segment of 5 % or more has its percentage written in
it, the legend follows the order of the segments, and the root has an aria-label and a
<desc> with every value.
"""

from __future__ import annotations

import hashlib
import io
import re
import textwrap
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import matplotlib as mpl
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from vkr_portal import formats

# Dark to light: from "Akut, vi satsar gärna" to "Inte aktuellt". Neighbours differ clearly in
# lightness (also in greyscale print) and white edges separate the segments.
FOUR_STEP_COLOURS = ["#08306b", "#2f6eb5", "#9dc4e3", "#dddddd"]
BAR_COLOUR = "#2f6eb5"
TEXT_DARK = "#1a1a1a"
LABEL_MIN_PERCENT = 5
LABEL_WIDTH = 42  # characters per line of an item label
LABEL_LINES = 3
LEGEND_CHARACTERS = 100  # shared by the legend labels, in one row
FIGURE_WIDTH = 8.0  # inches
RC = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.edgecolor": "#595959",
    "axes.labelcolor": TEXT_DARK,
    "xtick.color": TEXT_DARK,
    "ytick.color": TEXT_DARK,
    "text.color": TEXT_DARK,
}

Shares = Sequence[tuple[str, float]]
# Part of every cache key: change it when the drawing changes.
VERSION = "1"
CACHE_SECONDS = 24 * 60 * 60


def scale_theme_chart_svg(
    theme_title: str, items: Sequence[tuple[str, Shares]], colours: Sequence[str] | None = None
) -> str:
    """Stacked horizontal bars, one per item, one segment per scale step (percent of those
    who answered); `items` are (item text, [(step label, percent), …]) in step order.
    `colours`, one per step, replace the blue steps (the plan's green, yellow and red)."""
    content = ("scale", theme_title, _plain(items), tuple(colours or ()))
    return _cached(content, _scale_theme_chart, theme_title, (items, colours))


def choice_chart_svg(question_text: str, rows: Shares) -> str:
    """Horizontal bars, one per option, with its percentage written after the bar; `rows`
    are (option label, percent). Shares per respondent may add up to more than 100 %."""
    return _cached(("choice", question_text, _plain(rows)), _choice_chart, question_text, rows)


def _scale_theme_chart(theme_title: str, data, key: str) -> str:
    items, given_colours = data
    steps = [label for label, _value in items[0][1]] if items else []
    colours = list(given_colours) if given_colours else _step_colours(len(steps))
    labels = [_wrap(text) for text, _shares in items]
    width = max(12, LEGEND_CHARACTERS // max(len(steps), 1))
    legend_labels = [_escape_mathtext(textwrap.fill(step, width)) for step in steps]
    legend_rows = max((label.count("\n") + 1 for label in legend_labels), default=0)
    fig, ax = _figure(labels, legend_rows=legend_rows)
    handles = []
    left = [0.0] * len(items)
    for index in range(len(steps)):
        widths = [float(shares[index][1]) if index < len(shares) else 0.0 for _t, shares in items]
        bars = ax.barh(range(len(items)), widths, left=left, height=0.62, color=colours[index],
                       edgecolor="white", linewidth=1)  # fmt: skip
        handles.append(bars)
        for row, (start, width) in enumerate(zip(left, widths, strict=True)):
            if width >= LABEL_MIN_PERCENT:
                ax.text(start + width / 2, row, _percent_text(width), ha="center", va="center",
                        fontsize=8, color=_text_colour(colours[index]))  # fmt: skip
        left = [start + width for start, width in zip(left, widths, strict=True)]
    _axes_style(ax, labels, 100)
    # One row, the steps in order from left to right; long labels wrap instead.
    fig.legend(handles, legend_labels, loc="upper center", bbox_to_anchor=(0.5, 1.0),
               ncols=max(len(steps), 1), frameon=False, fontsize=8.5, handlelength=1.2,
               columnspacing=1.2)  # fmt: skip
    summary = _("Diagram: %(title)s. Andel svar per svarsalternativ (%(steps)s) för %(n)s frågor.")
    aria = summary % {"title": theme_title, "steps": ", ".join(steps), "n": len(items)}
    desc = " ".join(
        f"{text}: " + ", ".join(f"{label} {_percent_text(value)}" for label, value in shares) + "."
        for text, shares in items
    )
    return _render(fig, theme_title, aria, desc, key)


def _choice_chart(question_text: str, rows: Shares, key: str) -> str:
    labels = [_wrap(label) for label, _value in rows]
    fig, ax = _figure(labels)
    values = [float(value) for _label, value in rows]
    ax.barh(range(len(rows)), values, height=0.62, color=BAR_COLOUR)
    for row, value in enumerate(values):
        ax.text(value + 1, row, _percent_text(value), ha="left", va="center", fontsize=8)
    _axes_style(ax, labels, max([100.0, *values]) + 8)
    data = "; ".join(f"{label} {_percent_text(value)}" for label, value in rows)
    aria = _("Diagram: %(title)s. %(data)s.") % {"title": question_text, "data": data}
    return _render(fig, question_text, aria, data + ".", key)


def _cached(content: tuple, draw, title: str, data, /) -> str:
    """Draw once per content and language: charts are deterministic, drawing costs ~0.1 s."""
    key = hashlib.sha256(repr((VERSION, get_language(), content)).encode()).hexdigest()
    svg = cache.get(f"charts:{key}")
    if svg is None:
        svg = draw(title, data, key)
        cache.set(f"charts:{key}", svg, CACHE_SECONDS)
    return svg


def _plain(rows) -> tuple:
    return tuple(
        (str(label), _plain(value) if isinstance(value, list | tuple) else float(value))
        for label, value in rows
    )


def _figure(labels: list[list[str]], *, legend_rows: int = 0) -> tuple[Figure, object]:
    """A figure whose height follows the bars and their label lines; margins in inches."""
    bars = max(len(labels), 1)
    lines = max((len(item) for item in labels), default=1)
    top, bottom = 0.2 + 0.16 * legend_rows, 0.4
    body = bars * max(0.4, 0.17 * lines + 0.14)
    height = top + body + bottom
    with mpl.rc_context(RC):
        fig = Figure(figsize=(FIGURE_WIDTH, height))
        fig.subplots_adjust(left=0.4, right=0.97, top=1 - top / height, bottom=bottom / height)
        ax = fig.add_subplot()
    return fig, ax


def _axes_style(ax, labels: list[list[str]], x_max: float) -> None:
    ax.set_yticks(range(len(labels)), [_escape_mathtext("\n".join(lines)) for lines in labels])
    ax.set_ylim(len(labels) - 0.5, -0.5)  # the first item on top
    ax.set_xlim(0, x_max)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: _percent_text(value)))
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#d0d0d0", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _render(fig: Figure, title: str, aria: str, desc: str, key: str) -> str:
    """The figure as inline SVG markup: no prolog, ids unique to the chart, title and desc."""
    buffer = io.StringIO()
    with mpl.rc_context({**RC, "svg.hashsalt": key[:16]}):
        FigureCanvasSVG(fig)
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    prefix = f"c{key[:8]}-"
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}\1)", svg)
    svg = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}\1"', svg)
    opening_end = svg.index(">") + 1
    opening = svg[: opening_end - 1] + f' role="img" aria-label={quoteattr(aria)} class="chart">'
    head = f"\n <title>{escape(title)}</title>\n <desc>{escape(desc)}</desc>"
    return opening + head + svg[opening_end:]


def _step_colours(count: int) -> list[str]:
    if count == len(FOUR_STEP_COLOURS):
        return FOUR_STEP_COLOURS
    cmap = mpl.colormaps["Blues"]
    if count <= 1:
        return [BAR_COLOUR] * count
    return [mpl.colors.to_hex(cmap(1.0 - 0.8 * i / (count - 1))) for i in range(count)]


def _text_colour(background: str) -> str:
    """White on dark segments, near-black on light ones (WCAG contrast either way)."""
    red, green, blue = mpl.colors.to_rgb(background)
    channels = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return "white" if luminance < 0.18 else TEXT_DARK


def _percent_text(value: float) -> str:
    return formats.percent(value)


def _wrap(text: str) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), LABEL_WIDTH) or [""]
    if len(lines) > LABEL_LINES:
        lines = lines[:LABEL_LINES]
        lines[-1] = lines[-1][: LABEL_WIDTH - 1].rstrip() + "…"
    return lines


def _escape_mathtext(text: str) -> str:
    # Two dollar signs would start matplotlib's mathtext.
    return text.replace("$", r"\$")
