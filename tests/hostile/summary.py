"""The hostile suite's totals in one line at the end of the run.

Every hostile test records its counts as user properties, which travel with its report to
the process that prints the summary. An xdist controller never loads tests/hostile/conftest.py,
so for the line to appear in a whole-suite run tests/conftest.py names this module in
`pytest_plugins`; tests/hostile/conftest.py prints it otherwise.
"""

from __future__ import annotations

REQUESTS = "hostile_requests"
SERVER_ERRORS = "hostile_server_errors"


def print_totals(terminalreporter) -> None:
    totals = {REQUESTS: 0, SERVER_ERRORS: 0}
    tests = 0
    for reports in terminalreporter.stats.values():
        for report in reports:
            properties = dict(getattr(report, "user_properties", ()) or ())
            if getattr(report, "when", None) == "call" and REQUESTS in properties:
                tests += 1
                for name in totals:
                    totals[name] += properties.get(name, 0)
    if tests:
        terminalreporter.write_line(
            f"hostile input: {totals[REQUESTS]} requests in {tests} tests, "
            f"{totals[SERVER_ERRORS]} server errors (>= 500)"
        )


def pytest_terminal_summary(terminalreporter) -> None:
    print_totals(terminalreporter)
