"""The annual report in headless Chromium, built for real by the session's Celery worker.

The secretariat of Mellansverige writes the texts (preview, then save), switches a section
off and swaps two, builds a version and watches its progress bar advance until the live
region says "Rapporten är klar." and the polling stops; reads the HTML version, fastställer
it and waits for the final status. An anonymous visitor then finds the final version on
/arsrapporter/ and /arsrapporter/mellansverige/, reads it as a web page and downloads the
PDF. A second test brings a build to "misslyckades" (typesetting forced to fail), tries it
again, cancels another one mid-build and deletes a draft.

The build runs in the real worker thread (``celery_worker_real``): the live server's request
queues it over Redis on commit, exactly as in production, and the page polls the row the
worker writes. (Eager tasks would run the whole build inside the POST, and the page would
never show a running build.) Both threads live in this process, so the test holds a build
at "Sätter sidor" by wrapping `reports.pdf.render_pdf` with a gate that it opens when it
has seen the bar there: that makes "the bar advances" a fact the test can wait for instead
of a race against a two-second build. The wrapped function is the real WeasyPrint one.

Every state reached is checked with axe-core (WCAG 2.1 AA) and the Content-Security-Policy
at 1280 and 390 px, and no page may be wider than a 390 px phone. With VKR_SCREENSHOTS=<dir>
each state is also saved at both widths.
"""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from playwright.sync_api import expect

from reports import pdf, storage
from reports import sections as report_sections
from reports import services as report_services
from reports.models import AnnualReport, ReportBuild
from tests.browser import states
from tests.browser.axe import PolicyWatch
from tests.browser.conftest import login
from tests.conftest import wait_until
from tests.reports.conftest import year_2022
from tests.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.integration]

YEAR = 2022
FOREWORD = "Rådet har haft ett år av samarbete över länsgränserna."
SUMMARY = "Under året har rådet:\n- drivit aktivitetsplanen\n- genomfört en enkät"
REFLECTIONS = "Vi behöver fler handledare i kommunerna."
YEAR_AHEAD = "1. En ny aktivitetsplan\n2. En uppföljande enkät"
# The progress block as the page shows it while the build waits at the gate.
TYPESETTING = "Sätter sidor – 55 %"


def _checked(page, watch, where: str) -> None:
    states.checked(page, watch, where, prefix="reports")


_field = states.field


class Gate:
    """Holds every typesetting (the real `render_pdf`) until the test opens the gate, and
    counts the service runs the worker has finished (so a test can wait for the last one)."""

    def __init__(self, monkeypatch, *, fail: bool = False) -> None:
        self.open = threading.Event()
        self.fail = fail
        self.finished: list[int] = []
        real_render, real_build = pdf.render_pdf, report_services.report_build

        def render(*args, **kwargs):
            if not self.open.wait(timeout=60):
                raise TimeoutError("the test never opened the gate")
            if self.fail:
                raise RuntimeError("Tvingat fel i WeasyPrint")
            return real_render(*args, **kwargs)

        def build(*, build):
            try:
                return real_build(build=build)
            finally:
                self.finished.append(build.pk)

        # The task looks both up at run time: reports.services.report_build, pdf.render_pdf.
        monkeypatch.setattr(pdf, "render_pdf", render)
        monkeypatch.setattr(report_services, "report_build", build)

    def wait_finished(self, count: int) -> None:
        wait_until(lambda: len(self.finished) >= count, timeout=60, message="the worker's run")


@pytest.fixture
def gate(monkeypatch, celery_worker_real):
    held = Gate(monkeypatch)
    yield held
    held.open.set()  # never leave the worker waiting, whatever happened


def _fresh_2022(world) -> AnnualReport:
    """Mellansverige's 2022 with no versions yet: the world's stand-in builds (their files
    are a placeholder PDF) go, so the first real build is version 1."""
    report = world.extra["own_annual_report"]
    for build in ReportBuild.objects.filter(report=report):
        storage.delete_all(build.pk)
    ReportBuild.objects.filter(report=report).delete()
    return report


def _progress_recorder(page) -> None:
    """Record the bar's value after every swap htmx settles (and the one shown now)."""
    page.evaluate(
        """() => {
          const value = () => {
            const bar = document.querySelector("#build-progress progress");
            return bar ? Number(bar.getAttribute("value")) : null;
          };
          window.__progress = [value()];
          document.body.addEventListener("htmx:afterSettle", () => window.__progress.push(value()));
        }"""
    )


def _progress(page) -> list[int]:
    return page.evaluate("() => window.__progress")


class Polls:
    """The requests the page sends for the progress block, and the answers' statuses."""

    def __init__(self, page) -> None:
        self.requests: list[str] = []
        self.statuses: list[int] = []
        page.on("request", self._request)
        page.on("response", self._response)

    def _request(self, request) -> None:
        if "/forlopp/" in request.url:
            self.requests.append(request.url)

    def _response(self, response) -> None:
        if "/forlopp/" in response.url:
            self.statuses.append(response.status)


def _write_texts(page, watch, report: AnnualReport) -> None:
    """Fill in the four texts, preview them (nothing saved), then save."""
    page.get_by_role("link", name="Skriv texterna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Texter till årsrapport {YEAR}")
    _checked(page, watch, "texts form")
    _field(page, "Ordföranden har ordet").fill(FOREWORD)
    _field(page, "Sammanfattning").fill(SUMMARY)
    _field(page, "Reflektioner").fill(REFLECTIONS)
    _field(page, "Året som kommer").fill(YEAR_AHEAD)
    before = AnnualReport.objects.get(pk=report.pk)
    page.get_by_role("button", name="Förhandsgranska").click()
    preview = page.get_by_role("region", name="Förhandsgranskning (inte sparad)")
    expect(preview).to_contain_text(FOREWORD)
    # The summary's "- " lines are a list, the year ahead's "1. " lines a numbered one.
    expect(preview.locator("ul > li")).to_have_text(
        ["drivit aktivitetsplanen", "genomfört en enkät"]
    )
    expect(preview.locator("ol > li")).to_have_text(
        ["En ny aktivitetsplan", "En uppföljande enkät"]
    )
    expect(_field(page, "Sammanfattning")).to_have_value(SUMMARY)  # the form keeps the input
    unsaved = AnnualReport.objects.get(pk=report.pk)
    assert (unsaved.foreword, unsaved.version) == (before.foreword, before.version)
    _checked(page, watch, "texts preview")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Texterna är sparade.")
    saved = AnnualReport.objects.get(pk=report.pk)
    # A browser sends a textarea's line breaks as CRLF.
    texts = [t.replace("\r\n", "\n") for t in (saved.foreword, saved.summary, saved.year_ahead)]
    assert texts == [FOREWORD, SUMMARY, YEAR_AHEAD]
    assert saved.version == before.version + 1


def _choose_sections(page, watch) -> list[str]:
    """Leave the recommendations out and put the summary before the foreword."""
    page.get_by_role("link", name="Välj avsnitt och enkäter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Innehåll i årsrapport {YEAR}")
    _checked(page, watch, "options form")
    page.get_by_role("checkbox", name="Nationella rekommendationer", exact=True).uncheck()
    page.get_by_label("Plats för Ordföranden har ordet", exact=True).fill("2")
    page.get_by_label("Plats för Sammanfattning", exact=True).fill("1")
    page.get_by_role("button", name="Spara", exact=True).click()
    expect(page.locator("#messages")).to_contain_text("Innehållet är sparat.")
    expected = ["summary", "foreword", "council", "key_figures", "plan", "workgroups",
                "surveys", "reflections", "year_ahead"]  # fmt: skip
    contents = page.get_by_role("region", name="Innehåll")
    expect(contents.locator("ol > li").first).to_have_text("Sammanfattning")
    expect(contents.locator("ol > li").nth(1)).to_have_text("Ordföranden har ordet")
    expect(contents).to_contain_text("Utelämnade avsnitt: Nationella rekommendationer")
    return expected


def test_the_secretariat_builds_reads_and_fastställer_and_anyone_finds_it(
    live_server, gate, new_page
):
    world = build_world()
    year = year_2022(world)
    report = _fresh_2022(world)
    secretariat = world.users["secretariat"]
    page = new_page()
    watch = PolicyWatch(page)
    login(page, live_server.url, secretariat.email, PASSWORD)

    # From the council's page to the year's report.
    page.goto(live_server.url + world.own.get_absolute_url())
    page.locator("main").get_by_role("link", name="Årsrapporter", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Årsrapporter – Mellansverige")
    _checked(page, watch, "report list before")
    page.get_by_role("link", name=f"Årsrapport {YEAR}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Årsrapport {YEAR} – Mellansverige")
    expect(page.locator("main")).to_contain_text("Inga versioner är byggda ännu.")
    _checked(page, watch, "report before")

    _write_texts(page, watch, report)
    sections = _choose_sections(page, watch)
    _checked(page, watch, "report ready to build")

    # "Bygg ny version": the page follows the build while the worker runs it.
    polls = Polls(page)
    page.get_by_role("button", name="Bygg ny version").click()
    expect(page.locator("#messages")).to_contain_text("Version 1 byggs.")
    build = ReportBuild.objects.get(report=report)
    assert (build.number, build.sections) == (1, sections)
    assert page.url == live_server.url + build.get_absolute_url()
    _progress_recorder(page)
    label = page.locator("#build-progress-label")
    expect(label).to_have_text(TYPESETTING)
    expect(page.locator("#build-progress-bar")).to_have_attribute("value", "55")
    _checked(page, watch, "build running")
    gate.open.set()

    live = page.locator("#live-region")
    expect(live).to_have_text("Rapporten är klar.")
    result = page.locator("#build-result")
    expect(result).to_contain_text("Rapporten är klar.")
    expect(result).to_be_focused()
    build.refresh_from_db()
    assert (build.status, build.progress) == ("done", 100)
    assert build.file.endswith("/utkast.pdf") and build.pages and build.sha256

    # The bar went from where it was to 55 (held) to 100; the polling has stopped.
    seen = _progress(page)
    assert 55 in seen and seen[-1] == 100, seen
    assert seen == sorted(seen), seen
    polled = len(polls.requests)
    assert polls.statuses[-1] == 286 and set(polls.statuses[:-1]) <= {200}, polls.statuses
    page.wait_for_timeout(2_500)  # two and a half polling intervals
    assert len(polls.requests) == polled, "the page kept polling after the build was done"
    wait_until(lambda: any(secretariat.email in m.to for m in mail.outbox), timeout=30,
               message="the e-mail to the requester")  # fmt: skip
    _checked(page, watch, "build done")

    # The HTML version: the texts written, the sections in the chosen order.
    page.get_by_role("link", name="Läs som webbsida").click()
    article = page.locator("article.report-html")
    expect(article.locator(".report-cover")).to_contain_text("Utkast")
    numbered = [f"{n} {report_sections.label(key)}" for n, key in enumerate(sections, start=1)]
    assert numbered[:2] == ["1 Sammanfattning", "2 Ordföranden har ordet"]
    expect(article.locator("section.report-section > h2")).to_have_text(numbered)
    expect(article).to_contain_text(FOREWORD)
    expect(article).to_contain_text(REFLECTIONS)
    expect(article).to_contain_text(year.activities[0].title)
    _checked(page, watch, "html version")

    # Fastställ, through the confirmation page; the gate holds the new typesetting too.
    gate.open.clear()
    # The HTML version's crumbs lead to the year (not to the version): from there, version 1.
    page.get_by_role("navigation", name="Brödsmulor").get_by_role("link", name=str(YEAR)).click()
    expect(page.locator("main table")).to_contain_text("Utkast")
    _checked(page, watch, "report with a draft")
    page.locator("main table").get_by_role("link", name="Version 1", exact=True).click()
    page.get_by_role("link", name="Fastställ", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Fastställ version 1 av årsrapport {YEAR}?"
    )
    _checked(page, watch, "finalise confirm")
    page.get_by_role("button", name="Fastställ och publicera").click()
    expect(page.locator("#messages")).to_contain_text("Version 1 fastställs")
    expect(label).to_have_text(f"Fastställs: {TYPESETTING}")
    _checked(page, watch, "build finalising")
    gate.open.set()
    expect(page.locator("#build-result")).to_contain_text("Versionen är fastställd och publicerad.")
    expect(live).to_have_text("Rapporten är klar.")
    build.refresh_from_db()
    assert build.is_final and build.finalised_by == secretariat
    assert build.file.endswith("/faststalld.pdf")
    assert storage.listing(build.pk).count(build.file) == 1
    assert storage.path(build.pk, storage.DRAFT_PDF) not in storage.listing(build.pk)
    # The version's facts and status are part of what the polling swapped in: no reload.
    expect(page.locator("#build-progress dl")).to_contain_text("Fastställd")
    expect(page.locator("#actions-heading")).to_have_count(1)
    _checked(page, watch, "build final")
    page.goto(live_server.url + f"/rad/{world.own.slug}/arsrapporter/")
    expect(page.locator("main table")).to_contain_text("Version 1, ")
    _checked(page, watch, "report list after")

    # Anyone, without logging in, from the main menu.
    anonymous = new_page()
    public_watch = PolicyWatch(anonymous)
    anonymous.goto(live_server.url + "/")
    anonymous.get_by_role("navigation", name="Huvudmeny").get_by_role(
        "link", name="Årsrapporter", exact=True
    ).click()
    expect(anonymous.get_by_role("heading", level=1)).to_have_text(
        "Vårdkompetensrådens årsrapporter"
    )
    pdf_name = f"PDF: årsrapport {YEAR}, version 1"
    expect(anonymous.get_by_role("link", name=pdf_name)).to_have_count(1)
    _checked(anonymous, public_watch, "public list")
    anonymous.get_by_role("link", name=world.own.name, exact=True).click()
    assert anonymous.url == live_server.url + f"/arsrapporter/{world.own.slug}/"
    expect(anonymous.get_by_role("heading", level=1)).to_have_text(
        f"Årsrapporter – {world.own.name}"
    )
    _checked(anonymous, public_watch, "public council")
    # The link opens the PDF (inline, in the browser's viewer): the answer is the stored file.
    council_url = anonymous.url
    with anonymous.expect_response(lambda r: r.url.endswith("/v1.pdf")) as opened:
        anonymous.get_by_role("link", name=pdf_name).click()
    answer = opened.value
    assert answer.status == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert (
        f'filename="arsrapport-mellansverige-{YEAR}-v1.pdf"'
        in answer.headers["content-disposition"]
    )
    # Chromium hands the bytes to its PDF viewer (the navigation's body is the viewer's
    # page), so the same anonymous context fetches the link once more to read them.
    body = anonymous.request.get(answer.url).body()
    assert body.startswith(b"%PDF-") and body == storage.read(build.file)
    anonymous.goto(council_url)
    anonymous.get_by_role("link", name=f"Webbsida: årsrapport {YEAR}, version 1").click()
    article = anonymous.locator("article.report-html")
    expect(article.locator(".report-cover")).to_contain_text("Fastställd")
    expect(article).to_contain_text(FOREWORD)
    _checked(anonymous, public_watch, "public html")


def test_a_failed_build_is_tried_again_a_running_one_cancelled_and_a_draft_deleted(
    live_server, gate, new_page
):
    world = build_world()
    report = _fresh_2022(world)
    secretariat = world.users["secretariat"]
    # Two text sections: the content does not matter here, the states do.
    report_services.options_save(
        report=report, user=secretariat, version=report.version,
        sections=["foreword", "summary"], surveys=[],
    )  # fmt: skip
    page = new_page()
    watch = PolicyWatch(page)
    login(page, live_server.url, secretariat.email, PASSWORD)
    page.goto(live_server.url + report.get_absolute_url())

    # Typesetting fails: "misslyckades", said out loud, with a way to try again. The gate
    # opens once the build page polls, so the failure is one the page sees happen.
    gate.fail = True
    page.get_by_role("button", name="Bygg ny version").click()
    expect(page.locator("#build-progress progress")).to_be_visible()
    gate.open.set()
    result = page.locator("#build-result")
    expect(result.get_by_role("alert")).to_contain_text("Bygget misslyckades")
    expect(result).to_contain_text("Rapporten kunde inte sättas. Inget har sparats.")
    expect(page.locator("#live-region")).to_contain_text(
        "Rapporten kunde inte byggas: Rapporten kunde inte sättas."
    )
    expect(result).to_be_focused()
    gate.wait_finished(1)
    failed = ReportBuild.objects.get(report=report)
    assert failed.status == "failed" and "RuntimeError" in failed.error
    assert storage.listing(failed.pk) == []
    expect(page.locator("#build-progress dl")).to_contain_text("Misslyckades")
    _checked(page, watch, "build failed")

    gate.fail = False
    page.get_by_role("button", name="Försök igen").click()
    expect(page.locator("#messages")).to_contain_text("Versionen byggs igen.")
    expect(page.locator("#build-result")).to_contain_text("Rapporten är klar.")
    gate.wait_finished(2)
    failed.refresh_from_db()
    assert (failed.status, failed.number, failed.attempts) == ("done", 1, 2)

    # Another version (other sections), cancelled while it waits at the gate.
    report_services.options_save(
        report=report, user=secretariat, version=AnnualReport.objects.get(pk=report.pk).version,
        sections=["summary"], surveys=[],
    )  # fmt: skip
    gate.open.clear()
    page.goto(live_server.url + report.get_absolute_url())
    page.get_by_role("button", name="Bygg ny version").click()
    expect(page.locator("#build-progress-label")).to_have_text(TYPESETTING)
    page.get_by_role("button", name="Avbryt bygget").click()
    expect(page.locator("#messages")).to_contain_text("Bygget är avbrutet.")
    expect(page.locator("#build-result")).to_contain_text("Bygget avbröts. Inget sparades.")
    cancelled = ReportBuild.objects.get(report=report, number=2)
    _checked(page, watch, "build cancelled")
    gate.open.set()
    gate.wait_finished(3)
    cancelled.refresh_from_db()
    assert cancelled.status == "cancelled" and not cancelled.file
    assert storage.listing(cancelled.pk) == []

    # The version 1 draft is deleted, through its confirmation page.
    page.goto(live_server.url + failed.get_absolute_url())
    page.get_by_role("link", name="Ta bort", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ta bort version 1?")
    _checked(page, watch, "delete confirm")
    page.get_by_role("button", name="Ta bort versionen").click()
    expect(page.locator("#messages")).to_contain_text("Version 1 är borttagen.")
    assert page.url == live_server.url + report.get_absolute_url()
    assert not ReportBuild.objects.filter(pk=failed.pk).exists()
    assert storage.listing(failed.pk) == []
    _checked(page, watch, "report after delete")
