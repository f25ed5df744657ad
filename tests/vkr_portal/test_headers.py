"""Security headers: the Content-Security-Policy and Permissions-Policy on every kind of page,
markup that needs nothing inline beyond what the policy names, and no caching of pages."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from surveys import services as surveys
from vkr_portal import charts

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def _respondent(world, invitation_key: str = "own_invitation") -> Client:
    """A browser that followed a fresh link for the invitation."""
    client = Client()
    link = surveys.invitation_issue_link(invitation=world.extra[invitation_key])
    assert client.get(reverse("surveys:link", args=[link.token])).status_code == 302
    return client


def _plan(world) -> dict:
    return {"slug": world.own.slug, "year": 2022}


def _survey(world) -> dict:
    return {"slug": world.own.slug, "pk": world.extra["own_survey"].pk}


# (role, url) pairs: a page of each area and kind, from the login page to the admin.
def _sample_pages(world) -> list[tuple[str, str]]:
    activity = world.extra["own_activity"]
    return [
        ("anonymous", reverse("login")),
        ("anonymous", reverse("accessibility")),
        ("anonymous", "/finns-inte/"),
        ("member", reverse("home")),
        ("member", reverse("activities:plan", kwargs=_plan(world))),
        ("member", activity.get_absolute_url()),
        ("secretariat", reverse("councils:members", kwargs={"slug": world.own.slug})),
        ("secretariat", reverse("surveys:builder", kwargs=_survey(world))),
        ("secretariat", reverse("surveys:recipients", kwargs=_survey(world))),
        ("member", reverse("surveys:results", kwargs=_survey(world))),
        ("admin", reverse("admin:index")),
        ("admin", reverse("admin:councils_user_change", args=[world.users["member"].pk])),
    ]


def test_every_sampled_page_carries_the_content_security_policy(world, client_for):
    for role, url in _sample_pages(world):
        policy = _policy(client_for(role).get(url))
        where = f"{role} {url}"
        assert policy.get("script-src") == ["'self'"], where
        assert policy.get("default-src") == ["'self'"], where
        assert policy.get("object-src") == ["'none'"], where
        assert policy.get("base-uri") == ["'self'"], where
        assert policy.get("form-action") == ["'self'"], where
        assert policy.get("frame-ancestors") == ["'none'"], where
        assert "'unsafe-inline'" not in policy.get("style-src-elem", []), where
        assert not any("unsafe-eval" in source for sources in policy.values() for source in sources)


def test_respondents_pages_carry_the_policy_too(world):
    client = _respondent(world)
    page = client.get(reverse("surveys:respond", args=[world.extra["own_invitation"].pk]))
    assert page.status_code == 200
    assert _policy(page).get("script-src") == ["'self'"]
    assert _policy(page).get("frame-ancestors") == ["'none'"]


def test_pages_turn_off_powerful_browser_features(client):
    header = client.get(reverse("login")).headers.get("Permissions-Policy", "")
    features = dict(item.strip().split("=", 1) for item in header.split(",") if "=" in item)
    for feature in ["camera", "microphone", "geolocation", "payment", "usb", "serial", "hid"]:
        assert features.get(feature) == "()", feature


class _InlineCode(HTMLParser):
    """Collects what a CSP without 'unsafe-inline' refuses: inline scripts, event handler
    attributes, javascript: links, and the text of every <style> element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
        data_block = attributes.get("type", "").startswith("application/")
        if (tag == "script" and "src" not in attributes and not data_block) or tag == "style":
            self._in, self._text = tag, []

    def handle_data(self, data):
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._in:
            (self.scripts if tag == "script" else self.styles).append("".join(self._text))
            self._in = None


def _sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_no_page_needs_inline_script_and_every_style_element_is_allowed(world, client_for):
    plan = _plan(world)
    pages = [
        *_sample_pages(world),
        # The in-place add form, as htmx fetches it into the plan table.
        ("member", reverse("activities:activity_create", kwargs=plan) + "?fokus=1"),
    ]
    for role, url in pages:
        headers = {"HX-Request": "true"} if "/ny/" in url else {}
        response = client_for(role).get(url, headers=headers)
        parser = _InlineCode()
        parser.feed(response.content.decode())
        allowed_styles = _policy(response).get("style-src-elem", [])
        assert parser.scripts == [], f"inline <script> on {url}"
        assert parser.handlers == [], f"inline event handlers on {url}: {parser.handlers}"
        for style in parser.styles:
            assert _sha256(style) in allowed_styles, f"<style> not in the policy on {url}: {style}"


def test_htmx_is_configured_to_need_no_eval_inline_script_or_style(client):
    html = client.get(reverse("login")).content.decode()
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)[1])
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False
    assert config["includeIndicatorStyles"] is False
    # No copies of pages (personal data) in localStorage for htmx's history.
    assert config["historyCacheSize"] == 0


def test_the_charts_need_no_style_exception(world, client_for):
    """The charts are SVG with presentation attributes only: no <style> element and no style
    attribute, so the policy allows no inline style element for them."""
    svg = charts.choice_chart_svg("Upplägg av utbildning", [("Distans", 60.0), ("På plats", 40)])
    svg += charts.scale_theme_chart_svg("Palliativ vård", [("Munvård", [("Akut", 60), ("Ej", 40)])])
    assert "<style" not in svg and not re.search(r"\sstyle\s*=", svg)
    results = client_for("member").get(reverse("surveys:results", kwargs=_survey(world)))
    html = results.content.decode()
    charts_on_page = re.findall(r"<svg\b.*?</svg>", html, flags=re.DOTALL)
    assert charts_on_page
    for chart in charts_on_page:
        assert "<style" not in chart and not re.search(r"\sstyle\s*=", chart)
    assert _policy(results)["style-src-elem"] == ["'self'"]


# ------------------------------------------------------------------------------ caching


def _no_store(response) -> bool:
    directives = {d.strip() for d in response.headers.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_results_and_their_exports_are_never_stored(world, client_for):
    client = client_for("member")
    survey = _survey(world)
    results = client.get(reverse("surveys:results", kwargs=survey))
    assert results.status_code == 200 and _no_store(results)
    for fmt in ("csv", "xlsx"):
        export = client.get(reverse("surveys:export", kwargs={**survey, "fmt": fmt}))
        assert export.status_code == 200 and _no_store(export), fmt
    plan_export = client.get(
        reverse("activities:plan_export", kwargs={**_plan(world), "fmt": "csv"})
    )
    assert plan_export.status_code == 200 and _no_store(plan_export)


def test_a_respondents_answering_page_and_receipt_are_never_stored(world):
    answering = _respondent(world)
    page = answering.get(reverse("surveys:respond", args=[world.extra["own_invitation"].pk]))
    assert page.status_code == 200 and _no_store(page)
    submitted = _respondent(world, "own_submitted_invitation")
    pk = world.extra["own_submitted_invitation"].pk
    receipt = submitted.get(reverse("surveys:receipt", args=[pk]))
    assert receipt.status_code == 200 and _no_store(receipt)


def test_pages_with_personal_data_are_never_stored(world, client_for):
    client = client_for("secretariat")
    for url in [
        reverse("councils:members", kwargs={"slug": world.own.slug}),
        reverse("surveys:recipients", kwargs=_survey(world)),
        reverse("activities:plan", kwargs=_plan(world)),
        world.extra["own_activity"].get_absolute_url(),
        reverse("home"),
    ]:
        response = client.get(url)
        assert response.status_code == 200 and _no_store(response), url


def test_a_view_that_sets_its_own_cache_control_keeps_it(rf):
    from django.http import HttpResponse
    from django.views.decorators.cache import cache_control

    from vkr_portal.middleware import NoStoreMiddleware

    view = cache_control(public=True, max_age=300)(lambda request: HttpResponse("ok"))
    response = NoStoreMiddleware(view)(rf.get("/"))
    assert response["Cache-Control"] in ("public, max-age=300", "max-age=300, public")


def test_static_files_keep_their_cache(settings):
    # WhiteNoise serves from the finders here; production serves collected, hashed files.
    settings.WHITENOISE_USE_FINDERS = True
    response = Client().get("/static/js/portal.js")
    assert response.status_code == 200
    cache = response.headers.get("Cache-Control", "")
    assert "public" in cache and "no-store" not in cache
