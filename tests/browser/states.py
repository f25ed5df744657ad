"""What the in-place browser tests share: checking a state at both widths (axe, the policies,
no page wider than a phone, screenshots with VKR_SCREENSHOTS=<dir>), finding a field by its
label, and telling an htmx swap from a page load."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.browser.axe import PolicyWatch, assert_no_axe_violations

WIDTHS = ((1280, 900), (390, 844))


def checked(page, watch: PolicyWatch, where: str, *, prefix: str) -> None:
    """No axe or policy violation at either width, and nothing wider than the phone."""
    folder = os.environ.get("VKR_SCREENSHOTS")
    # The pointer off the page's controls: a button under it would be measured half-way
    # through Bootstrap's hover transition.
    page.mouse.move(0, 0)
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(200)  # the transitions a resize starts (0.15 s) have ended
        assert_no_axe_violations(page, f"{where} at {width} px")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"{where} at {width} px: the page is {overflow} px too wide"
        if folder:
            name = f"{prefix}-" + where.replace(" ", "-").replace(",", "")
            page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
    watch.assert_none(where)


def field(scope, label: str):
    """The field labelled `label` (a required field's label ends in crispy's "*")."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\*?\s*$"))


def mark_page(page) -> None:
    """A mark that a page load would wipe out: its survival shows htmx did the work."""
    page.evaluate("() => { window.__samePage = true; }")


def same_page(page) -> bool:
    return page.evaluate("() => window.__samePage === true")
