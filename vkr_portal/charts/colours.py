"""The charts' colours and WCAG 2.1's contrast, which picks the text colour on a segment."""

from __future__ import annotations

import functools

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
MIN_CONTRAST = 4.5


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
