"""The root of every chart: its content-hashed id, role, label, title and description."""

from __future__ import annotations

import hashlib

from ._text import _escape, _n
from .colours import TEXT_DARK

FONT_FAMILY = "DejaVu Sans, sans-serif"


def _chart_id(language: str | None, content: tuple) -> str:
    """An id from a hash of the chart's content and language: the same for the same chart,
    another for another, so several charts can live in one page."""
    key = hashlib.sha256(repr((language, content)).encode()).hexdigest()
    return f"chart-{key[:10]}"


def _svg_document(
    chart_id: str,
    size: tuple[float, float],
    labels: tuple[str, str, str],
    body: str,
    css_class: str = "chart",
) -> str:
    """The chart as inline SVG markup: no prolog, ids unique to the chart, title and desc;
    `labels` are (title, aria-label, desc) and `body` the shapes' markup."""
    (width, height), (title, aria, desc) = size, labels
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="100%" role="img" aria-label="{_escape(aria, attribute=True)}" '
        f'class="{css_class}" id="{chart_id}" font-family="{FONT_FAMILY}" fill="{TEXT_DARK}">'
        f'<title id="{chart_id}-title">{_escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{_escape(desc)}</desc>' + body + "</svg>"
    )
