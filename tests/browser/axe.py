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


# Recorded in the page before any of its own scripts run; Playwright's init scripts and
# evaluate() are not subject to the page's policy.
_VIOLATION_LISTENER = """
window.__policyViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__policyViolations.push(
    event.effectiveDirective + " refused " + (event.blockedURI || "inline") +
    (event.sourceFile ? " at " + event.sourceFile + ":" + event.lineNumber : "")
  );
});
"""
_POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy",
                 "Permissions policy")  # fmt: skip


class PolicyWatch:
    """Collects the page's CSP violations (`securitypolicyviolation` events) and the console's
    policy errors (CSP refusals, Permissions-Policy header errors) from now on."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        page.add_init_script(_VIOLATION_LISTENER)
        page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        if any(word in message.text for word in _POLICY_WORDS):
            self.console.append(f"console {message.type}: {message.text}")

    def take(self) -> list[str]:
        """What was collected on the page open now (and in the console since the last take)."""
        # A short wait: violation events are queued as tasks after the refusal.
        events = self.page.evaluate(
            "() => new Promise(done => setTimeout(() => done(window.__policyViolations || []), 50))"
        )
        self.page.evaluate("() => { window.__policyViolations = []; }")
        found, self.console = [*events, *self.console], []
        return found

    def assert_none(self, where: str) -> None:
        found = self.take()
        if found:
            lines = [f"{where} ({self.page.url}): {len(found)} policy violation(s)"]
            raise AssertionError("\n".join([*lines, *(f"- {item}" for item in found)]))
