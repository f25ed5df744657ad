"""Charts as SVG text: the one implementation used by the survey results page, the annual
report's key figures and its PDF, and the prioritisation rounds' spread of marks.

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
The spread bar writes its counts the same way, in every segment wide enough for the digits.

The modules: `survey` (the survey charts, also drawn in the report), `spread` (a round's
marks on an activity), `colours` (the palettes and WCAG contrast), `_text` (text widths,
wrapping, escaping, numbers) and `_svg` (the root element every chart shares).
"""

from ._svg import FONT_FAMILY
from ._text import EM, FONT, LABEL_LINES, SMALL, SMALLEST
from .colours import (
    AXIS_COLOUR,
    BAR_COLOUR,
    BLUES,
    FOUR_STEP_COLOURS,
    GRID_COLOUR,
    MIN_CONTRAST,
    SWATCH_EDGE,
    TEXT_DARK,
    TEXT_LIGHT,
    contrast,
    luminance,
)
from .spread import SPREAD_COLOURS, spread_bar_svg
from .survey import (
    BAR,
    CHOICE_RIGHT,
    LABEL_MIN_PERCENT,
    LINE,
    PITCH,
    PLOT_LEFT,
    PLOT_RIGHT,
    TICKS,
    WIDTH,
    Shares,
    choice_chart_svg,
    scale_theme_chart_svg,
)

__all__ = [
    "AXIS_COLOUR",
    "BAR",
    "BAR_COLOUR",
    "BLUES",
    "CHOICE_RIGHT",
    "EM",
    "FONT",
    "FONT_FAMILY",
    "FOUR_STEP_COLOURS",
    "GRID_COLOUR",
    "LABEL_LINES",
    "LABEL_MIN_PERCENT",
    "LINE",
    "MIN_CONTRAST",
    "PITCH",
    "PLOT_LEFT",
    "PLOT_RIGHT",
    "SMALL",
    "SMALLEST",
    "SPREAD_COLOURS",
    "SWATCH_EDGE",
    "Shares",
    "TEXT_DARK",
    "TEXT_LIGHT",
    "TICKS",
    "WIDTH",
    "choice_chart_svg",
    "contrast",
    "luminance",
    "scale_theme_chart_svg",
    "spread_bar_svg",
]
