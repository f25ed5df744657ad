"""Text in the charts: its estimated width, wrapping, escaping, and numbers as coordinates
and percentages."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from vkr_portal import formats

EM = 0.6  # average character width of DejaVu Sans, in em
FONT = 12  # item labels
SMALL = 11  # legend, axis, shares
SMALLEST = 8  # a share shrinks to fit its segment, down to this
LABEL_LINES = 3  # lines of an item label at most; a longer one ends in "…"


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
