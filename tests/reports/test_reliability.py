"""The report build survives what production does to it, with a real Redis, real Celery
worker processes and a real beat:

- a worker SIGKILLed in the middle of a build, 20 times: beat's "report-builds-resume" takes
  each build up again once its attempt has gone silent, and every build ends with its files
  once, nothing left running;
- 10 concurrent clicks on "Bygg" for the same options: one build;
- WeasyPrint failing in the worker: "misslyckades" with a message the secretariat can read,
  nothing left in storage, and the retry button builds it.

The workers and beat are processes of their own (`celery -A vkr_portal worker|beat`), on the
test database (transactional: they see what the test commits) and on a Redis database of
their own: the session's worker thread (tests/conftest.py) consumes database 1 and never sees
these tasks.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from reports import services, storage
from reports.models import ReportBuild
from tests.conftest import wait_until

pytestmark = pytest.mark.integration

BASE_DIR = Path(django_settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent
# Not the session worker's database (tests/conftest.py CELERY_REDIS_DB).
BROKER_DB = 5
# A running build silent this long counts as dead; beat looks every RESUME_SECONDS.
STALE_SECONDS = 4
RESUME_SECONDS = 1
KILLS = 20
TEXT_SECTIONS = ["foreword", "summary", "reflections", "year_ahead"]
# Twenty different section choices (orders count): builds of different options never join.
# The plan and the key figures (two charts, the plan as XLSX) make a build last long enough
# (0.5-2 s in a fresh worker) for a kill to land while it gathers or while it typesets.
VARIANTS = [
    ["key_figures", "plan", *p] for k in (1, 2, 3) for p in itertools.permutations(TEXT_SECTIONS, k)
][:KILLS]
assert len({tuple(v) for v in VARIANTS}) == KILLS
Status = ReportBuild.Status
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"

# A worker whose WeasyPrint fails while it writes the PDF (after the layout): the real
# library, made to raise where a real failure would, in the worker process only.
FAILING_WEASYPRINT = """
import sys
import weasyprint.document

def write_pdf(self, *args, **kwargs):
    raise RuntimeError("forced failure inside WeasyPrint's write_pdf")

weasyprint.document.Document.write_pdf = write_pdf
from celery.__main__ import main
sys.argv = ["celery", *sys.argv[1:]]
sys.exit(main())
"""


# --- The processes ----------------------------------------------------------------------------


class Processes:
    """The test's Celery worker and beat processes, each in a process group of its own."""

    def __init__(self, env: dict[str, str], workdir: Path) -> None:
        self.env, self.workdir = env, workdir
        self.started: list[subprocess.Popen] = []
        self.workers = 0

    def _start(self, command: list[str], log_name: str) -> subprocess.Popen:
        log = open(self.workdir / log_name, "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        log.close()  # the child has its own descriptor
        self.started.append(process)
        return process

    def worker(self, *, failing_weasyprint: bool = False) -> subprocess.Popen:
        self.workers += 1
        args = [
            "-A", "vkr_portal", "worker", "--pool=solo", "--concurrency=1",
            "--prefetch-multiplier=1", "--without-mingle", "--without-gossip",
            "--without-heartbeat", "--loglevel=INFO", f"--hostname=reliability{self.workers}@%h",
        ]  # fmt: skip
        if failing_weasyprint:
            command = [sys.executable, "-c", FAILING_WEASYPRINT, *args]
        else:
            command = [str(VENV_BIN / "celery"), *args]
        return self._start(command, f"worker{self.workers}.log")

    def beat(self) -> subprocess.Popen:
        return self._start(
            [
                str(VENV_BIN / "celery"), "-A", "vkr_portal", "beat", "--loglevel=INFO",
                f"--schedule={self.workdir / 'beat-schedule'}", "--max-interval=1",
            ],
            "beat.log",
        )  # fmt: skip

    @staticmethod
    def kill(process: subprocess.Popen) -> None:
        """SIGKILL the process's whole group: no warm shutdown, no message given back."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                self.kill(process)

    def logs(self) -> str:
        """The end of every log, for a failing test's report."""
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.workdir.glob("*.log"))
        )


def _forget_pools(app) -> None:
    # Only the references: kombu keeps the pools per broker URL, and closing one would break
    # the next user of that URL (the session worker's, after this test).
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_url(redis_server, transactional_db, settings) -> Iterator[str]:
    """This process's Celery app sending to a Redis database of this test's own, not eager."""
    from vkr_portal.celery import app

    url = redis_server.url(BROKER_DB)
    client = redis.Redis.from_url(url)
    client.flushdb()  # what an earlier test left queued or unacknowledged
    # Read before the settings change (the app reads Django's settings lazily).
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=url, task_always_eager=False)
    _forget_pools(app)
    try:
        yield url
    finally:
        app.conf.update(saved)
        _forget_pools(app)
        client.flushdb()
        client.close()


@pytest.fixture
def processes(broker_url, settings, tmp_path) -> Iterator[Processes]:
    """Start workers and beat on the test database and broker; all killed at the end."""
    db = connection.settings_dict
    login = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "vkr_portal.settings",
        "DATABASE_URL": f"postgres://{login}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        # No connection kept between tasks: the test database is flushed after the test.
        "DATABASE_CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": broker_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REPORT_BUILD_STALE_SECONDS": str(STALE_SECONDS),
        "REPORT_BUILD_RESUME_SECONDS": str(RESUME_SECONDS),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_CACHE_URL"):
        env.pop(name, None)
    started = Processes(env, tmp_path)
    try:
        yield started
    finally:
        started.stop_all()


def _wait(condition, processes: Processes, *, timeout: float, message: str):
    try:
        return wait_until(condition, timeout=timeout, message=message)
    except BaseException:
        print(processes.logs())  # shown with the failure
        raise


def _sections_set(report_year, sections: list[str]):
    report = report_year.report
    report.refresh_from_db()
    return services.options_save(
        report=report, user=report_year.secretariat, version=report.version,
        sections=sections, surveys=[],
    )  # fmt: skip


def _request(report_year, sections: list[str]) -> ReportBuild:
    report = _sections_set(report_year, sections)
    build, joined = services.build_request(report=report, user=report_year.secretariat)
    assert not joined
    return build


def _files_of(build: ReportBuild) -> list[str]:
    """What a finished draft leaves, exactly: its PDF, its content and its data files, each
    once under its fixed name."""
    names = [storage.DRAFT_PDF, storage.CONTENT, *(f"data/{d['name']}" for d in build.data_files)]
    return sorted(storage.path(build.pk, name) for name in names)


# --- A worker killed mid-build, 20 times ------------------------------------------------------


def _running_not_killed(killed: dict[int, str], *, typesetting: bool):
    states = [Status.TYPESETTING] if typesetting else list(ReportBuild.RUNNING)
    return (
        ReportBuild.objects.filter(status__in=states)
        .exclude(pk__in=list(killed))
        .values_list("pk", flat=True)
        .first()
    )


def test_twenty_builds_each_killed_mid_build_all_finish_once(report_year, processes):
    started = time.monotonic()
    processes.beat()
    worker = processes.worker()
    killed: dict[int, str] = {}  # build pk: its status once its worker was dead
    for number, sections in enumerate(VARIANTS):
        build = _request(report_year, sections)
        # Half the kills as soon as the build runs, half while it is being typeset.
        typesetting = number % 2 == 1
        pk = _wait(
            lambda typesetting=typesetting: _running_not_killed(killed, typesetting=typesetting),
            processes, timeout=60, message=f"build {build.pk} to run",
        )  # fmt: skip
        assert pk == build.pk  # every earlier one has been killed already
        processes.kill(worker)
        killed[pk] = ReportBuild.objects.get(pk=pk).status
        worker = processes.worker()

    requested = ReportBuild.objects.filter(report=report_year.report)
    _wait(
        lambda: requested.filter(status=Status.DONE).count() == KILLS,
        processes, timeout=90, message="every build to finish",
    )  # fmt: skip
    elapsed = time.monotonic() - started

    builds = list(requested.order_by("pk"))
    assert len(builds) == KILLS
    # Every kill landed in the middle of a build: its worker died while it ran.
    assert len(killed) == KILLS
    assert set(killed.values()) <= set(ReportBuild.RUNNING), killed
    assert Status.TYPESETTING in killed.values()
    assert ReportBuild.objects.filter(status__in=ReportBuild.UNFINISHED).count() == 0
    for build in builds:
        assert build.status == Status.DONE, (build.pk, build.status, build.error)
        assert build.attempts >= 2, (build.pk, build.attempts)  # killed, then taken up again
        # Each file once, under its fixed name: no second PDF from a second attempt.
        assert storage.listing(build.pk) == _files_of(build)
        pdf = storage.read(build.file)
        assert pdf.startswith(b"%PDF-")
        assert hashlib.sha256(pdf).hexdigest() == build.sha256
        assert build.size == len(pdf) and build.pages >= 2
        assert build.error == ""
    print(
        f"\n{KILLS} builds killed mid-build ({sorted(killed.values())}) and finished in "
        f"{elapsed:.0f} s; attempts {sorted(b.attempts for b in builds)}"
    )


# --- 10 concurrent clicks ---------------------------------------------------------------------


def test_ten_concurrent_clicks_on_bygg_make_one_build(report_year, processes):
    report = _sections_set(report_year, ["summary", "foreword"])
    url = reverse("reports:build_request", kwargs={"slug": report.council.slug, "year": 2022})
    clients = []
    for _ in range(10):
        client = Client()
        client.force_login(
            report_year.secretariat, backend="django.contrib.auth.backends.ModelBackend"
        )
        clients.append(client)
    barrier = threading.Barrier(len(clients))
    answers: list = [None] * len(clients)

    def click(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            answers[index] = clients[index].post(url, {"reason": ""})
        except BaseException as error:  # noqa: BLE001 - reported below
            answers[index] = error
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=click, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [type(a).__name__ for a in answers if not hasattr(a, "status_code")] == []
    [build] = ReportBuild.objects.filter(report=report)
    assert [a.status_code for a in answers] == [302] * 10
    assert {a["Location"] for a in answers} == {build.get_absolute_url()}
    assert build.status == Status.QUEUED  # no worker yet: every click found it queued

    processes.worker()
    _wait(
        lambda: ReportBuild.objects.filter(pk=build.pk, status=Status.DONE).exists(),
        processes, timeout=60, message="the one build to finish",
    )  # fmt: skip
    build.refresh_from_db()
    assert storage.listing(build.pk) == _files_of(build)
    assert ReportBuild.objects.filter(report=report).count() == 1


# --- WeasyPrint fails in the worker -----------------------------------------------------------


def test_weasyprint_failing_in_the_worker_fails_the_build_cleanly_and_retry_builds_it(
    report_year, processes, client_for
):
    failing = processes.worker(failing_weasyprint=True)
    build = _request(report_year, ["summary", "council", "reflections"])
    _wait(
        lambda: ReportBuild.objects.filter(pk=build.pk, status=Status.FAILED).exists(),
        processes, timeout=60, message="the build to fail",
    )  # fmt: skip
    build.refresh_from_db()
    assert build.error.startswith("Rapporten kunde inte sättas. Inget har sparats. Försök igen")
    assert "forced failure inside WeasyPrint" in build.error
    assert build.step == str(Status.FAILED.label) == "Misslyckades"
    assert (build.file, build.content_file, build.data_files, build.sha256) == ("", "", [], "")
    # It got as far as typesetting: the content had been stored, and was removed again.
    assert build.timings.get("gathering") is not None
    assert storage.listing(build.pk) == []

    client = client_for("secretariat")
    page = client.get(build.get_absolute_url())
    retry_url = reverse(
        "reports:build_retry",
        kwargs={"slug": build.report.council.slug, "year": 2022, "pk": build.pk},
    )
    assert "Rapporten kunde inte sättas" in page.content.decode()
    assert f'action="{retry_url}"' in page.content.decode()  # the retry button

    processes.kill(failing)
    processes.worker()
    assert client.post(retry_url).status_code == 302
    _wait(
        lambda: ReportBuild.objects.filter(pk=build.pk, status=Status.DONE).exists(),
        processes, timeout=60, message="the retried build to finish",
    )  # fmt: skip
    build.refresh_from_db()
    assert build.error == ""
    assert build.attempts == 2
    assert storage.listing(build.pk) == _files_of(build)
    assert hashlib.sha256(storage.read(build.file)).hexdigest() == build.sha256
