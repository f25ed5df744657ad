"""Session-wide test setup: a throwaway PostgreSQL and Redis, and a real Celery worker.

Every test that touches the database runs on a PostgreSQL 15 server started by this session,
never on SQLite: constraints, locking and transactions behave as in production, and the server
starts in about a second. It starts when the first test asks for the database, so a session of
database-free tests starts nothing. A quicker run without Redis, the worker and Chromium:
``pytest -m "not integration and not browser"``.

Redis and the Celery worker start only for the tests that ask for them (``redis_server``,
``celery_worker_real``). Every process started here is stopped in a finalizer, also when a test
fails; browser fixtures are in tests/browser/conftest.py.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import port_for
import pytest

if TYPE_CHECKING:
    from celery.worker import WorkController
    from pytest_postgresql.executors import PostgreSQLExecutor

# tests.hostile.summary prints the hostile suite's totals (an xdist controller loads only this).
pytest_plugins = ["tests.fixtures", "tests.hostile.summary"]

# Playwright's sync API runs an event loop in the test thread, which makes Django refuse ORM
# calls there ("SynchronousOnlyOperation"). The browser session lasts until the end, so this
# is set for the whole run rather than for browser tests only.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BASE_DIR = Path(__file__).resolve().parent.parent
# Runs pg_ctl as the postgres user when we are root: PostgreSQL refuses to run as root.
PG_CTL = BASE_DIR / "scripts" / "pg_ctl_as_postgres"
LOCALHOST = "127.0.0.1"
# The Celery broker's Redis database; nothing else in the session uses it.
CELERY_REDIS_DB = 1

T = TypeVar("T")


def wait_until(
    condition: Callable[[], T], *, timeout: float = 20.0, message: str = "condition"
) -> T:
    """Poll until condition() is truthy and return it; fail the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {message}")
        time.sleep(0.05)


def _scratch_dir(prefix: str) -> Path:
    """A new directory in the system temp dir, removed by the caller.

    Not pytest's tmp_path: that tree is 0700 and owned by root, so the postgres user could not
    reach it, and its long paths can exceed the length of a unix socket path.
    """
    return Path(tempfile.mkdtemp(prefix=prefix))


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgreSQLExecutor]:
    """A PostgreSQL server of its own for this test session (trust auth on 127.0.0.1)."""
    from pytest_postgresql.executors import PostgreSQLExecutor

    workdir = _scratch_dir("vkr-test-postgresql-")
    if os.geteuid() == 0:
        # initdb and the server run as postgres and create the data directory in here.
        shutil.chown(workdir, user="postgres", group="postgres")
    logfile = workdir / "postgresql.log"
    executor = PostgreSQLExecutor(
        executable=str(PG_CTL),
        host=LOCALHOST,
        port=port_for.select_random(),
        datadir=str(workdir / "data"),
        unixsocketdir=str(workdir),
        logfile=str(logfile),
        startparams="-w",
        dbname="vkr",
        user="postgres",
        # Nothing here has to survive a crash: skipping the syncs makes the suite faster.
        postgres_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
    )
    try:
        try:
            executor.start()
        except Exception as error:
            log = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start (make system-deps?): {log}") from error
        yield executor
    finally:
        with suppress(Exception):
            if executor.running():
                executor.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(postgresql_server: PostgreSQLExecutor) -> None:
    """Point Django at the session's PostgreSQL before pytest-django creates the test database.

    This replaces pytest-django's xdist name suffix on purpose: under xdist every worker
    process starts a server of its own, so test database names cannot collide.
    """
    from django.conf import settings
    from django.db import connections

    # Updated in place: Django's connection handler holds this very dict, with its defaults.
    settings.DATABASES["default"].update(
        ENGINE="django.db.backends.postgresql",
        NAME=postgresql_server.dbname,
        USER=postgresql_server.user,
        PASSWORD="",
        HOST=postgresql_server.host,
        PORT=str(postgresql_server.port),
        OPTIONS={},
        # Threads (live server, Celery worker) must not keep connections open past a test:
        # flushing and dropping the test database would wait for them.
        CONN_MAX_AGE=0,
        CONN_HEALTH_CHECKS=False,
    )
    # A connection opened before this point would still talk to SQLite.
    connections.close_all()
    with suppress(AttributeError):
        del connections["default"]


@dataclass(frozen=True)
class RedisServer:
    host: str
    port: int

    def url(self, db: int = 0) -> str:
        return f"redis://{self.host}:{self.port}/{db}"


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """A Redis server of its own for this test session, in memory only."""
    from mirakuru import TCPExecutor

    executable = shutil.which("redis-server")
    if executable is None:
        pytest.fail("redis-server is not installed (run: make system-deps)")
    workdir = _scratch_dir("vkr-test-redis-")
    port = port_for.select_random()
    # TCPExecutor starts it in a process group of its own and waits until the port answers.
    executor = TCPExecutor(
        [
            executable,
            *("--port", str(port), "--bind", LOCALHOST, "--daemonize", "no"),
            *("--save", "", "--appendonly", "no", "--dir", str(workdir)),
            *("--logfile", str(workdir / "redis.log")),
        ],
        host=LOCALHOST,
        port=port,
        timeout=30,
    )
    try:
        executor.start()
        yield RedisServer(host=LOCALHOST, port=port)
    finally:
        executor.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _forget_broker_connections(app) -> None:
    """Drop the app's cached connection and producer pools, made for the broker URL of the time.

    An eager test that queued a task on commit has already built them for the default URL.
    """
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="session")
def _celery_session_worker(
    redis_server: RedisServer, django_db_setup: None, django_db_blocker
) -> Iterator[WorkController]:
    """One real Celery worker for the session, in a thread of this process, fed over Redis.

    Started once: a worker started and stopped per test leaks broker connections from the
    app's pool. It only runs what is sent to its broker, which happens only in tests that
    ask for ``celery_worker_real``; every other test keeps eager tasks.
    """
    from celery.contrib.testing.worker import start_worker

    from vkr_portal.celery import app

    broker_url = redis_server.url(CELERY_REDIS_DB)
    saved_conf = {key: app.conf[key] for key in ("broker_url", "worker_hijack_root_logger")}
    # Starting a worker configures logging; pytest's capture handlers must survive it.
    root_logger = logging.getLogger()
    saved_logging = (root_logger.level, root_logger.handlers[:])
    app.conf.update(broker_url=broker_url, worker_hijack_root_logger=False)
    _forget_broker_connections(app)
    try:
        with (
            django_db_blocker.unblock(),
            start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker,
        ):
            yield worker
    finally:
        app.conf.update(saved_conf)
        _forget_broker_connections(app)
        root_logger.setLevel(saved_logging[0])
        root_logger.handlers[:] = saved_logging[1]


@pytest.fixture
def celery_worker_real(
    transactional_db: None, _celery_session_worker: WorkController, settings
) -> Iterator[WorkController]:
    """The session's real Celery worker, with tasks sent over Redis for this test.

    While the test runs, tasks are not eager: ``.delay()`` and ``.delay_on_commit()`` send
    them over Redis and the worker thread runs them, sharing this process's settings and
    ``django.core.mail.outbox``. The test runs with ``transactional_db`` so that rows it
    commits are visible to the worker's own database connection. Wait for a task's effect
    with ``wait_until(...)``.
    """
    from vkr_portal.celery import app

    # Read before the settings change: the app reads Django's settings lazily, so a first read
    # after it would take the new value and leave tasks non-eager after the test.
    was_eager = app.conf.task_always_eager
    settings.CELERY_BROKER_URL = app.conf.broker_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    # Tasks a previous test queued but did not wait for must not run in this one.
    app.control.purge()
    try:
        yield _celery_session_worker
    finally:
        app.conf.task_always_eager = was_eager
