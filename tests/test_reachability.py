"""Every page a role may see is reachable by following links from the start page.

For each role of the test world, a crawl starts at `/` and follows every same-site link
(`<a href>`, and the action of a GET form such as the header's search) of every HTML page it
gets, breadth first; nothing is posted. A URL pattern of
the permission matrix that the role may open (a GET case answering 200) must be among the
patterns reached. Pages that are reached only from outside the portal (an e-mail's link, a
calendar application's feed) are listed in FROM_OUTSIDE with the reason.
"""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from tests.permission_matrix import CASES
from tests.world import ROLES, World

pytestmark = pytest.mark.django_db

# Reached from outside the portal's pages, by design.
FROM_OUTSIDE = {
    "password_reset_confirm": "the link in the password-reset e-mail",
    "password_reset_done": "shown after the reset form is sent (a redirect, not a link)",
    "password_reset_complete": "shown after a new password is set (a redirect)",
    "password_change_done": "shown after the password is changed (a redirect)",
    "surveys:respond": "the survey link in the invitation e-mail",
    "surveys:link": "the survey link in the invitation e-mail",
    "surveys:receipt": "shown after a response is submitted (a redirect)",
    "workgroups:feed": "the calendar subscription URL, opened by a calendar application",
    "healthz": "for the load balancer",
    "reports:build_progress": "fetched by the build page every second (htmx), not a link",
    "workgroups:goal_delete": "the goals row's delete form (htmx, with a confirmation) posts to it",
    "councils:organisation_search": "fetched by the member form's organisation search (JSON)",
    "prioritisation:live": "fetched by the round's screens every two seconds (htmx), not a link",
}
# On the login page: someone logged in does not see it.
ANONYMOUS_ONLY = {"login", "password_reset"}
LIMIT = 1500


class _Links(HTMLParser):
    """The page's links, and the texts of its breadcrumb trail."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.crumbs: list[str] = []
        self._in_trail = False
        self._in_crumb = False

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        # A search or filter form (GET) leads to its page as a link does.
        get_form = tag == "form" and (attributes.get("method") or "get").lower() == "get"
        if get_form and (attributes.get("action") or "").startswith("/"):
            self.links.append(attributes["action"])
        classes = (attributes.get("class") or "").split()
        if tag == "ol" and "breadcrumb" in classes:
            self._in_trail = True
        elif tag == "li" and self._in_trail and "breadcrumb-item" in classes:
            self._in_crumb = True
            self.crumbs.append("")

    def handle_endtag(self, tag) -> None:
        if tag == "ol":
            self._in_trail = False
        elif tag == "li":
            self._in_crumb = False

    def handle_data(self, data) -> None:
        if self._in_crumb:
            self.crumbs[-1] = " ".join(f"{self.crumbs[-1]} {data}".split())


def _client(world: World, role: str) -> Client:
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _pattern(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, trails: dict[str, list[str]] | None = None) -> set[str]:
    """The URL patterns reached from `/` by links, as their names; each HTML page's
    breadcrumb trail into `trails`, by path."""
    seen_paths: set[str] = set()
    reached: set[str] = set()
    queue = deque(["/"])
    while queue and len(seen_paths) < LIMIT:
        path = queue.popleft()
        if path in seen_paths:
            continue
        seen_paths.add(path)
        name = _pattern(urlsplit(path).path)
        # The admin is a world of its own (its index is linked; its pages are Django's).
        if name is None or name.startswith("admin:") and name != "admin:index":
            continue
        response = client.get(path)
        if response.status_code in (301, 302, 303):
            location = urlsplit(response["Location"])
            if not location.netloc:
                queue.append(location.path + (f"?{location.query}" if location.query else ""))
            continue
        if response.status_code != 200:
            continue
        reached.add(name)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        if trails is not None:
            trails[path] = parser.crumbs
        for href in parser.links:
            href, _fragment = urldefrag(href)
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(("/konto/logga-ut", "/static/", "/i18n/")):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return reached


def visible(role: str) -> set[str]:
    return {
        case.url_name
        for case in CASES
        if case.method == "GET"
        and case.expect[role] == 200
        and not case.url_name.startswith("admin:")
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_page_the_role_may_see_is_reached_by_links(role: str, world: World):
    reached = crawl(_client(world, role))
    missing = visible(role) - reached - set(FROM_OUTSIDE)
    if role != "anonymous":
        missing -= ANONYMOUS_ONLY
    assert missing == set(), f"{role}: not reachable by links from the start page"


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_every_council_page_has_the_same_breadcrumbs(role: str, world: World):
    """Below a council (/rad/<råd>/…), every page's trail begins "Råd › <the council>"."""
    trails: dict[str, list[str]] = {}
    crawl(_client(world, role), trails)
    councils = {c.slug: c.short_name for c in world.councils.values()}
    wrong = {}
    for path, crumbs in trails.items():
        parts = urlsplit(path).path.strip("/").split("/")
        if len(parts) < 3 or parts[0] != "rad" or parts[1] not in councils:
            continue
        if crumbs[:2] != ["Råd", councils[parts[1]]]:
            wrong[path] = crumbs
    assert len(trails) > 30
    assert wrong == {}
