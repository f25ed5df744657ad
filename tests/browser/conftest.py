"""Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by Playwright.

Playwright's own browser downloads are not used (``playwright install`` is never run): the
suite drives the Chromium that ``make system-deps`` installs. One browser serves the whole
session; every test gets a fresh context (cookies, storage) and page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for the slowest page of a loaded CI machine, short enough to fail fast.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    if not shutil.which(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is not installed (run: make system-deps)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser):
    """Open further pages, each in a context of its own (two people at two computers)."""
    contexts = []

    def make(**context_options):
        context_options.setdefault("locale", "sv-SE")
        context = browser.new_context(**context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def login(page, base_url: str, email: str, password: str) -> None:
    """Log in through the login form, as a person would."""
    page.goto(base_url + "/konto/logga-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/konto/logga-in/" not in url)
