"""The load scenario: the portal through gunicorn with concurrent clients, beside its peer.

`manage.py benchmark` calls `load_figures` after the in-process scenarios, on their database:

1. gunicorn serves the portal (4 sync workers, DEBUG off, production's settings, collected
   static files, no Celery broker) and the peer, django-survey-and-report 1.5, in a minimal
   project of its own with its own database on the same PostgreSQL and the same gunicorn.
2. The respondent flow: 50 respondents at once, each opening their link, getting the form,
   saving half the answers as a draft and submitting all 40, then the receipt; the peer's 50
   get its form, post the 40 answers and see its confirmation. Interleaved rounds, portal
   first; afterwards the databases are checked: every response there once, and whole. The
   CPU each server spent per response (workers and PostgreSQL backends) is read from /proc:
   steadier than responses/s on a machine that other work shares.
3. The plan page under 10 concurrent readers against its fair floor, interleaved.
4. The 100 000-answer results page, 8 requests at once, so that every worker draws it.
After each phase every worker's resident memory is read from /proc.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from django.conf import settings
from django.test import Client, override_settings

from .load_cpu import CpuMeter, CpuSpent
from .load_http import Browser, Wave, reader_loop, step_figures, wave_run
from .load_peer import (
    PEER_DIR,
    PEER_STEPS,
    PEER_WSGI,
    django_server,
    peer_database,
    peer_env_of,
    peer_flow,
    peer_survey_build,
    peer_verify,
    peer_version,
)
from .load_results import (
    FlowFigures,
    LoadConfig,
    LoadResult,
    LoadTargets,
    ReadFigures,
    load_markdown,
)
from .load_server import (
    GunicornServer,
    database_url,
    gunicorn_running,
    server_env,
    static_collecting,
)
from .load_survey import STEPS, portal_flow, portal_survey_build, portal_verify, survey_items
from .registry import BenchmarkError, TimedRequest

__all__ = [
    "LOAD_NAME", "LOAD_TITLE", "FlowFigures", "LoadConfig", "LoadResult", "LoadTargets",
    "ReadFigures", "load_figures", "load_markdown", "load_scenarios_run", "load_targets",
]  # fmt: skip

LOAD_NAME = "load"
LOAD_TITLE = "Load through gunicorn"
PORTAL_WSGI = "vkr_portal.wsgi:application"
PORTAL_SETTINGS = "vkr_portal.benchmark_settings"


# --- The hook of `manage.py benchmark` ---------------------------------------------------------


def load_figures(
    progress: Callable[[str], None],
    *,
    repeat: int,
    requests: Mapping[str, Sequence[TimedRequest]] | None = None,
) -> str:
    """Run the load scenario on the current database; the Markdown of its section's body."""
    config = LoadConfig(rounds=5 if repeat >= 10 else 1)
    targets = load_targets(requests or {}, progress)
    return load_markdown(load_scenarios_run(config=config, targets=targets, progress=progress))


def load_targets(
    requests: Mapping[str, Sequence[TimedRequest]], progress: Callable[[str], None]
) -> LoadTargets:
    """The plan page and the big results page from the scenarios that ran, or from running
    their setups here (`--only load`)."""
    plan_requests = requests.get("activity-plans")
    if plan_requests is None:
        from activities.benchmarks import activity_plans_setup

        progress("load: building the activity plans")
        plan_requests = activity_plans_setup()
    results_requests = requests.get("survey-results")
    if results_requests is None:
        from surveys.benchmarks import survey_results_setup

        progress("load: building the survey results")
        results_requests = survey_results_setup()
    plan = next((r for r in plan_requests if r.label == "plan page"), None)
    results = [r for r in results_requests if r.label.startswith("results,")]
    return LoadTargets(plan=plan, results=results[-1] if results else None)


# --- The run -----------------------------------------------------------------------------------


def load_scenarios_run(
    *, config: LoadConfig, targets: LoadTargets, progress: Callable[[str], None]
) -> LoadResult:
    """Build the respondents' survey, start both servers, run every phase, stop the servers
    (always), and check the databases."""
    result = LoadResult(config=config, peer_version=peer_version(), load_before=os.getloadavg())
    items = survey_items()
    total = config.warmup + config.rounds * config.respondents
    progress(f"load: building the survey and {total} invitations")
    survey = portal_survey_build(total, items)
    secret = secrets.token_urlsafe(50)
    database = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory(prefix="vkr-benchmark-load-") as tmp:
        workdir = Path(tmp)
        env = server_env(
            DJANGO_SETTINGS_MODULE=PORTAL_SETTINGS, DJANGO_DEBUG="0", DJANGO_SECRET_KEY=secret,
            DJANGO_ALLOWED_HOSTS="127.0.0.1", DATABASE_URL=database_url(database),
            STATIC_ROOT=str(workdir / "static"), MEDIA_ROOT=str(workdir / "media"),
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            DJANGO_LOG_LEVEL="WARNING",
        )  # fmt: skip
        progress("load: collecting the static files; migrating the peer's database")
        with (
            static_collecting(
                env, workdir / "static", workdir / "collectstatic.log"
            ) as static_collected,
            peer_database() as peer_name,
        ):
            peer_env = server_env(
                DJANGO_SECRET_KEY=secret,
                DJANGO_ALLOWED_HOSTS="127.0.0.1",
                DATABASE_URL=database_url(database, peer_name),
            )
            peer_survey = peer_survey_build(peer_env, items)
            static_collected()
            progress(f"load: starting gunicorn ({config.workers} workers) for both")
            with (
                gunicorn_running(
                    name="portal", wsgi=PORTAL_WSGI, env=env, workers=config.workers,
                    ready_path="/healthz/", logdir=workdir, wait=False,
                ) as portal,
                gunicorn_running(
                    name="peer", wsgi=PEER_WSGI, env=peer_env_of(peer_env),
                    workers=config.workers, ready_path="/survey/", logdir=workdir,
                    chdir=PEER_DIR, wait=False,
                ) as peer,
            ):  # fmt: skip
                portal.serving()
                peer.serving()
                result.memory.append(portal.memory("booted, no request yet"))
                result.peer_memory.append(peer.memory("booted, no request yet"))

                def portal_wave(numbers: range) -> Wave:
                    flows = [
                        portal_flow(portal.browser(), survey, items, survey.respondents[n])
                        for n in numbers
                    ]
                    return wave_run(flows, timeout=config.wave_timeout)

                def peer_wave(numbers: range) -> Wave:
                    flows = [peer_flow(peer.browser(), peer_survey, items, n) for n in numbers]
                    return wave_run(flows, timeout=config.wave_timeout)

                postgres = django_server()

                def meters() -> tuple[CpuMeter, CpuMeter]:
                    return (
                        CpuMeter(portal, postgres, str(database["NAME"])),
                        CpuMeter(peer, postgres, peer_name),
                    )

                ours, theirs = portal.phase_start(), peer.phase_start()
                waves, cpu = _respondents(
                    config, portal, peer, portal_wave, peer_wave, meters, progress
                )
                result.memory.append(portal.memory("respondent flow", ours))
                result.peer_memory.append(peer.memory("respondent flow", theirs))
                _readers(result, targets.plan, portal, secret, progress)
                _results(result, targets.results, portal, secret, progress)
            progress("load: checking the databases")
            result.portal = FlowFigures(
                "portal", waves[0], step_figures(_runs(waves[0]), STEPS),
                portal_verify(survey, total, items), cpu=cpu[0],
            )  # fmt: skip
            result.peer = FlowFigures(
                "peer", waves[1], step_figures(_runs(waves[1]), PEER_STEPS),
                peer_verify(peer_env, peer_survey, total), cpu=cpu[1],
            )  # fmt: skip
    result.load_after = os.getloadavg()
    return result


def _runs(waves: Sequence[Wave]) -> list:
    return [run for wave in waves for run in wave.runs]


WaveOf = Callable[[range], Wave]


def _respondents(
    config: LoadConfig,
    portal: GunicornServer,
    peer: GunicornServer,
    portal_wave: WaveOf,
    peer_wave: WaveOf,
    meters: Callable[[], tuple[CpuMeter, CpuMeter]],
    progress: Callable[[str], None],
) -> tuple[tuple[list[Wave], list[Wave]], tuple[list[CpuSpent], list[CpuSpent]]]:
    """Untimed warm-up respondents on both (every worker loads its templates), then the
    timed rounds, portal and peer in turn; returns the timed waves of each."""
    progress(f"load: {config.warmup} warm-up respondents on each")
    warm = config.warmup
    for server, run in ((portal, portal_wave), (peer, peer_wave)):
        wave = _said(progress, server, run(range(warm)))
        if wave.completed == 0 and warm:
            # Nothing got through: the server is broken, and 50 more errors would say less.
            raise BenchmarkError(
                f"No {server.name} respondent got through: {wave.errors[0]}\n{server.log_tail()}"
            )
    ours, theirs, ours_cpu, theirs_cpu = [], [], [], []
    for number in range(config.rounds):
        first = warm + number * config.respondents
        numbers = range(first, first + config.respondents)
        ours_meter, theirs_meter = meters()
        progress(f"load: round {number + 1}: {config.respondents} respondents, portal")
        with ours_meter:
            ours.append(_said(progress, portal, portal_wave(numbers)))
        progress(f"load: round {number + 1}: {config.respondents} respondents, peer")
        with theirs_meter:
            theirs.append(_said(progress, peer, peer_wave(numbers)))
        ours_cpu.append(ours_meter.spent)
        theirs_cpu.append(theirs_meter.spent)
    return (ours, theirs), (ours_cpu, theirs_cpu)


def _said(progress: Callable[[str], None], server: GunicornServer, wave: Wave) -> Wave:
    """The wave; its errors, if any, said with the end of the server's log (500s are there)."""
    if wave.errors:
        progress(
            f"load: {len(wave.errors)} errors on the {server.name}, the first: {wave.errors[0]}\n"
            f"{server.log_tail(1500)}"
        )
    return wave


def _browsers_as(server: GunicornServer, user, secret: str, count: int) -> list[Browser]:
    """Browsers with a session of their own each, logged in as `user` (None: anonymous).

    The sessions are made here, in the database gunicorn reads, signed with its secret key."""
    browsers = []
    for _ in range(count):
        browser = server.browser()
        if user is not None:
            with override_settings(SECRET_KEY=secret):
                client = Client()
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            browser.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[
                settings.SESSION_COOKIE_NAME
            ].value
        browsers.append(browser)
    return browsers


def _read_wave(browsers: list[Browser], url: str, seconds: float, timeout: float) -> Wave:
    def reader(browser: Browser):
        return lambda run: reader_loop(browser, url, until=time.monotonic() + seconds, run=run)

    return wave_run([reader(b) for b in browsers], timeout=seconds + timeout)


def _readers(
    result: LoadResult,
    plan: TimedRequest | None,
    portal: GunicornServer,
    secret: str,
    progress: Callable[[str], None],
) -> None:
    """The plan page and its fair floor, each read by the readers for the rounds' seconds,
    in turn (floor, page, floor, page)."""
    config = result.config
    floor_url = getattr(plan, "floor", None) if plan is not None else None
    if plan is None or not floor_url:
        result.skipped.append("plan page: no plan page or fair floor in this run")
        return
    browsers = _browsers_as(portal, plan.user, secret, config.readers)
    progress(f"load: {config.readers} readers of the plan page and of its floor")
    start = portal.phase_start()
    # Untimed: each worker renders both once before the clock starts.
    for url in (floor_url, plan.url):
        _said(progress, portal, _read_wave(browsers, url, 0.5, config.wave_timeout))
    floor_waves, page_waves = [], []
    for _ in range(config.read_rounds):
        floor_wave = _read_wave(browsers, floor_url, config.read_seconds, 120)
        floor_waves.append(_said(progress, portal, floor_wave))
        page_waves.append(
            _said(progress, portal, _read_wave(browsers, plan.url, config.read_seconds, 120))
        )
    result.plan_floor = ReadFigures("plan page's fair floor", floor_url, floor_waves)
    result.plan = ReadFigures("plan page", plan.url, page_waves)
    result.memory.append(portal.memory("plan page readers", start))


def _results(
    result: LoadResult,
    results: TimedRequest | None,
    portal: GunicornServer,
    secret: str,
    progress: Callable[[str], None],
) -> None:
    """The big results page, requested by as many clients at once as there are workers
    twice over, so that each worker draws it; then the workers' memory."""
    config = result.config
    if results is None:
        result.skipped.append("results page: no 100 000-answer survey in this run")
        return
    progress(f"load: the results page, {config.results_requests} requests at once")
    browsers = _browsers_as(portal, results.user, secret, config.results_requests)
    start = portal.phase_start()
    flows = [
        (lambda browser: lambda run: run.samples.append(_timed_get(browser, results.url)))(b)
        for b in browsers
    ]
    result.results_url = results.url
    result.results_wave = _said(progress, portal, wave_run(flows, timeout=config.wave_timeout))
    result.memory.append(portal.memory("results page (100 000 answers)", start))


def _timed_get(browser: Browser, url: str) -> float:
    start = time.perf_counter()
    browser.expect("GET", url, 200)
    return (time.perf_counter() - start) * 1000
