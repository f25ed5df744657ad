"""The benchmark's load scenario (vkr_portal/benchmarking/load*.py): its HTTP client, the
clients run concurrently, its figures and Markdown, gunicorn always stopped, and one small
real run through gunicorn against the portal and the peer."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vkr_portal.benchmarking.load import (
    FlowFigures,
    LoadConfig,
    LoadResult,
    ReadFigures,
    load_markdown,
)
from vkr_portal.benchmarking.load_cpu import CpuSpent
from vkr_portal.benchmarking.load_http import (
    Browser,
    ClientRun,
    LoadError,
    Reply,
    Wave,
    csrf_token,
    step_figures,
    wave_run,
)
from vkr_portal.benchmarking.load_server import (
    WorkerMemory,
    children,
    database_url,
    gunicorn_running,
    server_env,
)
from vkr_portal.benchmarking.load_survey import STEPS, Verification, chosen, survey_items
from vkr_portal.benchmarking.registry import BenchmarkError

# --- The browser -----------------------------------------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    """Answers every request with a cookie or two and keeps what it was sent."""

    seen: list[dict] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        self.seen.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                          "body": body})  # fmt: skip
        self.send_response(302 if self.path == "/go/" else 200)
        if self.path == "/login/":
            self.send_header("Set-Cookie", "sessionid=abc; Path=/; Secure; HttpOnly")
            self.send_header("Set-Cookie", "csrftoken=t0k; Path=/; Secure")
        if self.path == "/logout/":
            self.send_header("Set-Cookie", 'sessionid=""; Max-Age=0; Path=/')
        if self.path == "/go/":
            self.send_header("Location", "https://127.0.0.1/there/?steg=2#steg")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    _Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_browser_keeps_secure_cookies_and_drops_deleted_ones(recorder):
    browser = Browser("127.0.0.1", recorder.server_address[1])
    browser.expect("GET", "/login/", 200)
    assert browser.cookies == {"sessionid": "abc", "csrftoken": "t0k"}
    browser.expect("GET", "/page/", 200)
    assert "sessionid=abc" in _Recorder.seen[-1]["headers"]["Cookie"]
    browser.expect("GET", "/logout/", 200)
    assert browser.cookies == {"csrftoken": "t0k"}


def test_browser_posts_a_form_as_a_browser_behind_the_proxy(recorder):
    port = recorder.server_address[1]
    browser = Browser("127.0.0.1", port)
    browser.expect("POST", "/form/", 200, [("q_1", "7"), ("q_2", "a"), ("q_2", "b")])
    sent = _Recorder.seen[-1]
    assert sent["body"] == "q_1=7&q_2=a&q_2=b"
    assert sent["headers"]["X-Forwarded-Proto"] == "https"
    assert sent["headers"]["Origin"] == f"https://127.0.0.1:{port}"


def test_browser_follows_a_redirect_to_its_path_and_query(recorder):
    browser = Browser("127.0.0.1", recorder.server_address[1])
    browser.follow(browser.expect("POST", "/go/", 302))
    assert _Recorder.seen[-1]["method"] == "GET"
    assert _Recorder.seen[-1]["path"] == "/there/?steg=2"


def test_an_unexpected_status_is_an_error_without_the_link_token(recorder):
    browser = Browser("127.0.0.1", recorder.server_address[1])
    with pytest.raises(LoadError, match=r"GET /svara/…/ answered 200, not 302") as raised:
        browser.expect("GET", "/svara/SECRET-TOKEN/", 302)
    assert "SECRET-TOKEN" not in str(raised.value)


def test_a_closed_port_is_an_error_not_a_hang():
    browser = Browser("127.0.0.1", _closed_port(), timeout=5)
    with pytest.raises(LoadError, match="ConnectionRefused"):
        browser.request("GET", "/")


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_csrf_token_is_read_from_the_form():
    reply = Reply(200, "", b'<input type="hidden" name="csrfmiddlewaretoken" value="xyz">')
    assert csrf_token(reply) == "xyz"
    with pytest.raises(LoadError):
        csrf_token(Reply(200, "", b"<form></form>"))


# --- Clients run concurrently ----------------------------------------------------------------


def test_a_wave_counts_failed_and_unfinished_clients_as_errors():
    release = threading.Event()

    def works(run: ClientRun) -> None:
        run.steps["form"] = 1.0

    def fails(run: ClientRun) -> None:
        raise LoadError("POST /x/ answered 500, not 302")

    def hangs(run: ClientRun) -> None:
        release.wait(10)

    try:
        wave = wave_run([works, works, fails, hangs], timeout=0.5)
    finally:
        release.set()
    assert wave.completed == 2
    assert wave.errors == ["POST /x/ answered 500, not 302", "not done after 0.5 s"]


def test_per_second_counts_completed_flows_and_reader_requests():
    done, failed = ClientRun(samples=[5.0, 6.0, 7.0]), ClientRun(error="boom", samples=[1.0])
    wave = Wave(runs=[done, done, failed], wall_s=2.0)
    assert wave.per_second == 1.0
    assert wave.requests_per_second == 3.5


def test_step_figures_keep_the_flows_order_and_leave_out_steps_never_reached():
    runs = [ClientRun(steps={"link": float(n), "form": 10.0 * n}) for n in range(1, 21)]
    runs.append(ClientRun(steps={"link": 100.0}, error="form failed"))
    figures = step_figures(runs, STEPS)
    assert [f.name for f in figures] == ["link", "form"]
    link, form = figures
    assert (link.count, link.p50_ms, link.p95_ms) == (21, 11.0, 20.0)
    assert (form.count, form.p50_ms, form.p95_ms) == (20, 100.0, 190.0)


# --- The survey ------------------------------------------------------------------------------


def test_the_survey_has_40_items_ending_with_the_form_questions():
    items = survey_items()
    assert len(items) == 40
    assert [item.kind for item in items[-3:]] == ["single", "multiple", "text"]
    assert {item.kind for item in items[:-3]} == {"scale"}
    assert all(len(item.options) == 4 for item in items[:-3])


def test_answers_differ_per_respondent_and_tick_one_to_four_options():
    items = survey_items()
    multiple = items[-2]
    assert [len(chosen(multiple, 38, n)) for n in range(5)] == [1, 2, 3, 4, 1]
    assert chosen(items[0], 0, 0) != chosen(items[0], 0, 1)
    assert isinstance(chosen(items[-1], 39, 0), str)


def test_verification_fails_on_a_duplicate_or_an_incomplete_response():
    whole = Verification(expected=3, responses=3, submitted=3, duplicates=0, complete=3, items=40)
    assert whole.ok
    assert not Verification(3, 4, 4, 1, 4, 40).ok
    assert not Verification(3, 3, 3, 0, 2, 40).ok
    assert not Verification(3, 3, 2, 0, 3, 40).ok


def _service_answers(survey, items, number: int, upto: int) -> dict:
    """What the form would clean for respondent `number`: steps, options or a text."""
    from surveys.models import Option, ScaleStep

    answers = {}
    for position, (item, (pk, values)) in enumerate(zip(items, survey.questions, strict=True)):
        if position >= upto:
            break
        answer = chosen(item, position, number)
        if isinstance(answer, str):
            answers[pk] = answer
        elif item.kind == "scale":
            answers[pk] = ScaleStep.objects.get(pk=values[answer[0]])
        elif item.kind == "single":
            answers[pk] = Option.objects.get(pk=values[answer[0]])
        else:
            answers[pk] = list(Option.objects.filter(pk__in=[values[i] for i in answer]))
    return answers


@pytest.mark.django_db
def test_the_database_check_counts_only_whole_submitted_responses(world):
    from surveys import services
    from surveys.defaults import default_scale_load
    from surveys.models import Invitation, Scale, ScaleStep
    from vkr_portal.benchmarking.load_survey import portal_survey_build, portal_verify

    default_scale_load(Scale, ScaleStep)  # gone if a transactional test flushed before
    items = survey_items()
    survey = portal_survey_build(3, items)
    invitation = {r.number: Invitation.objects.get(pk=r.invitation_pk) for r in survey.respondents}
    for number in (0, 1):
        services.response_save(
            invitation=invitation[number], answers=_service_answers(survey, items, number, 40),
            submit=True,
        )  # fmt: skip
    services.response_save(invitation=invitation[2], answers=_service_answers(survey, items, 2, 20))
    check = portal_verify(survey, 3, items)
    assert (check.responses, check.submitted, check.complete, check.duplicates) == (3, 2, 2, 0)
    assert not check.ok


# --- The server ------------------------------------------------------------------------------


def test_database_url_quotes_the_password_and_names_another_database():
    database = {"USER": "vkr", "PASSWORD": "p@ss/word", "HOST": "db", "PORT": "5433",
                "NAME": "vkr_benchmark"}  # fmt: skip
    assert database_url(database) == "postgres://vkr:p%40ss%2Fword@db:5433/vkr_benchmark"
    no_password = {**database, "PASSWORD": "", "HOST": "", "PORT": ""}
    assert database_url(no_password, "peer") == "postgres://vkr@127.0.0.1:5432/peer"


def test_server_env_drops_what_points_elsewhere(monkeypatch):
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://elsewhere")
    monkeypatch.setenv("DATABASE_URL", "postgres://elsewhere/db")
    env = server_env(DJANGO_DEBUG="0")
    assert "CELERY_BROKER_URL" not in env
    assert "DATABASE_URL" not in env
    assert env["DJANGO_DEBUG"] == "0"


def test_children_finds_the_processes_this_one_started():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in children(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_worker_memory_reports_the_largest_worker():
    memory = WorkerMemory("start", rss_mib=(60.0, 95.5, 70.0), hwm_mib=(61.0, 99.0, 80.0))
    assert (memory.max_rss_mib, memory.max_hwm_mib) == (95.5, 99.0)


WSGI_APP = """
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
"""


@pytest.mark.integration
def test_gunicorn_is_stopped_when_the_block_fails(tmp_path):
    (tmp_path / "tiny_app.py").write_text(WSGI_APP)
    with pytest.raises(RuntimeError, match="in the block"):  # noqa: PT012, SIM117
        with gunicorn_running(
            name="tiny", wsgi="tiny_app:application", env=server_env(), workers=2,
            ready_path="/", logdir=tmp_path, chdir=tmp_path,
        ) as server:  # fmt: skip
            workers = server.workers()
            assert len(workers) == 2
            start = server.phase_start()
            assert server.browser().expect("GET", "/", 200).body == b"ok"
            memory = server.memory("one request", start)
            assert len(memory.rss_mib) == 2 and memory.max_hwm_mib >= memory.max_rss_mib > 1
            raise RuntimeError("in the block")
    assert server.process.poll() is not None
    assert not any(os.path.exists(f"/proc/{pid}") for pid in workers)


@pytest.mark.integration
def test_gunicorn_that_cannot_start_is_a_clear_error(tmp_path):
    with pytest.raises(BenchmarkError, match="gunicorn \\(broken\\) exited"):  # noqa: SIM117
        with gunicorn_running(
            name="broken", wsgi="no_such_module:application", env=server_env(), workers=1,
            ready_path="/", logdir=tmp_path, chdir=tmp_path,
        ):  # fmt: skip
            pass


def test_load_takes_the_plan_page_and_the_biggest_results_page_of_the_scenarios():
    from vkr_portal.benchmarking.load import load_targets
    from vkr_portal.benchmarking.registry import TimedRequest

    plan = TimedRequest("plan page", "/rad/norra/planer/2022/")
    requests = {
        "activity-plans": (plan, TimedRequest("national roll-up", "/nationellt/")),
        "survey-results": (
            TimedRequest("results, 290 × 40 items", "/small/"),
            TimedRequest("round overview", "/round/"),
            TimedRequest("results, 290 × 345 items", "/big/"),
            TimedRequest("cold: results, 290 × 345 items", "/big/"),
        ),
    }
    targets = load_targets(requests, progress=lambda line: None)
    assert targets.plan is plan
    assert targets.results.url == "/big/"


# --- Markdown --------------------------------------------------------------------------------


def _flow(name: str, per_second: float, steps: tuple[str, ...], cost: float) -> FlowFigures:
    runs = [ClientRun(steps={step: 100.0 for step in steps}) for _ in range(4)]
    wave = Wave(runs=runs, wall_s=len(runs) / per_second)
    verification = Verification(4, 4, 4, 0, 4, 40)
    # Per wave of 4 responses: 0.4 s of the workers' CPU, 0.2 s of the database's.
    cpu = [CpuSpent(workers_s=0.4 * cost, database_s=0.2 * cost)] * 2
    return FlowFigures(name, [wave, wave], step_figures(runs, steps), verification, cpu=cpu)


def test_markdown_shows_the_ratio_to_the_peer_the_floor_and_the_memory():
    result = LoadResult(config=LoadConfig(respondents=4), peer_version="1.5.0")
    result.portal = _flow("portal", 3.0, STEPS, cost=1.0)
    result.peer = _flow("peer", 2.0, ("form", "submit", "completed"), cost=2.0)
    reader = [ClientRun(samples=[50.0] * 10)]
    result.plan_floor = ReadFigures("plan page's fair floor", "/floor/", [Wave(reader, 1.0)])
    result.plan = ReadFigures("plan page", "/plan/", [Wave(reader, 2.0)])
    result.memory.append(WorkerMemory("booted", (60.0, 61.0), (60.0, 61.0)))
    result.memory.append(
        WorkerMemory("results page", (80.0, 96.0), (90.0, 99.0), busy=2, phase_peak=True)
    )
    result.skipped.append("results page: no 100 000-answer survey in this run")
    markdown = load_markdown(result)
    assert "| responses/s (median of the rounds) | 3.00 | 2.00 | **1.50×** |" in markdown
    assert "| portal ÷ peer, round by round | | | 1.50×; 1.50× |" in markdown
    assert (
        "| server CPU per response, ms (workers + PostgreSQL; lower is better) "
        "| 150 (100 + 50) | 300 (200 + 100) | 0.50× |"
    ) in markdown
    assert "✓ 4 of 4 submitted, 0 duplicates, 4 with all 40 questions answered" in markdown
    assert "| receipt | 100 | 100 | completed | 100 | 100 |" in markdown
    assert "| draft | 100 | 100 | – | | |" in markdown
    assert "| plan page (`/plan/`) | 5.0 | 50 | 50 | 0 | 0.50 |" in markdown
    assert "| portal | booted | 61 | 61 * | – |" in markdown
    assert "| portal | results page | 96 | 99 | 2 of 2 |" in markdown
    assert "Not measured: results page: no 100 000-answer survey in this run." in markdown


def test_markdown_without_the_flows_still_reports_memory_and_load():
    result = LoadResult(config=LoadConfig(), load_before=(1.0, 2.0, 3.0))
    markdown = load_markdown(result)
    assert "Respondent flow" not in markdown
    assert "Load average (1 / 5 / 15 min): 1.00 / 2.00 / 3.00 before" in markdown


# --- One small real run ------------------------------------------------------------------------


@pytest.fixture
def committed_world(transactional_db):
    """The world and the default scale, committed, so that gunicorn's workers see them."""
    from surveys.defaults import default_scale_load
    from surveys.models import Scale, ScaleStep
    from tests.world import build_world

    # An earlier transactional test's flush removed the migration's scale.
    default_scale_load(Scale, ScaleStep)
    return build_world()


@pytest.mark.integration
def test_a_small_run_through_gunicorn_answers_verifies_and_measures(committed_world, settings):
    from types import SimpleNamespace

    from django.urls import reverse

    from vkr_portal.benchmarking.load import LoadTargets, load_scenarios_run
    from vkr_portal.benchmarking.registry import TimedRequest

    member = committed_world.users["member"]
    council = committed_world.own
    page = reverse("councils:detail", kwargs={"slug": council.slug})
    # Only the benchmark's URLconf, which gunicorn loads here, has the floors.
    kwargs = {"slug": council.slug, "year": 2022}
    floor = reverse("floors:plan", urlconf="vkr_portal.benchmark_urls", kwargs=kwargs)

    config = LoadConfig(
        respondents=3, rounds=1, warmup=1, workers=2, readers=2, read_seconds=0.5,
        read_rounds=1, results_requests=2, wave_timeout=60,
    )  # fmt: skip
    targets = LoadTargets(
        plan=SimpleNamespace(label="council page", url=page, user=member, floor=floor),
        results=TimedRequest("council page", page, member),
    )
    result = load_scenarios_run(config=config, targets=targets, progress=lambda line: None)

    for side in (result.portal, result.peer):
        assert side.errors == []
        workers_ms, database_ms = side.cpu_parts_ms
        assert workers_ms > 0 and database_ms > 0
        assert side.verification.ok, side.verification.describe()
        assert side.verification.responses == 4
    assert [s.name for s in result.portal.steps] == list(STEPS)
    assert result.plan.errors == [] and result.plan.samples
    assert result.plan_floor.samples
    assert result.results_wave.completed == 2
    assert [m.phase for m in result.memory][-1] == "results page (100 000 answers)"
    assert all(m.max_rss_mib > 10 for m in result.memory + result.peer_memory)
    assert "Load average" in load_markdown(result)
