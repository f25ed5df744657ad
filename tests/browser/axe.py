"""axe-core, as bundled by axe-playwright-python, run on the page a test has open."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def axe_violations(page) -> list[dict]:
    """The WCAG 2.1 A/AA violations on the page as axe reports them."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


def assert_no_axe_violations(page, where: str) -> None:
    """Fail with every violation's rule, impact and offending elements."""
    violations = axe_violations(page)
    if violations:
        lines = [f"{where} ({page.url}): {len(violations)} axe violation(s)"]
        for violation in violations:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            lines.append(
                f"- {violation['id']} [{violation['impact']}] {violation['help']}: {targets}"
            )
        raise AssertionError("\n".join(lines))
