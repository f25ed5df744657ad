"""The benchmark's PostgreSQL: a throwaway server (or the server of `--database-url`), a new
database for the run, and a database of its own for a scenario whose data must not mix."""

from __future__ import annotations

import glob
import logging
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from psycopg import sql

from councils.reference_data import reference_data_load

from .registry import BenchmarkError

logger = logging.getLogger(__name__)

# Runs pg_ctl as the postgres user when we are root: PostgreSQL refuses to run as root.
PG_CTL = Path(settings.BASE_DIR) / "scripts" / "pg_ctl_as_postgres"
LOCALHOST = "127.0.0.1"


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    password: str = ""
    # The database to connect to for CREATE and DROP DATABASE.
    maintenance_db: str = "postgres"

    def execute(self, statement: sql.Composable) -> None:
        """Run one statement in the maintenance database, outside any transaction."""
        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, password=self.password,
            dbname=self.maintenance_db, autocommit=True,
        ) as conn:  # fmt: skip
            conn.execute(statement)


def _pg_ctl_found() -> bool:
    bindir = os.environ.get("PG_BINDIR")
    if bindir:
        return Path(bindir, "pg_ctl").is_file()
    # Where scripts/pg_ctl_as_postgres looks: Debian keeps the server binaries off PATH.
    return bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))


@contextmanager
def throwaway_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of its own in a temporary directory, as the test session starts one;
    stopped and deleted afterwards."""
    from pytest_postgresql.executors import PostgreSQLExecutor

    if not _pg_ctl_found():
        raise BenchmarkError("PostgreSQL is not installed (run: make system-deps)")
    # Not under the project: the postgres user must reach it and socket paths must stay short.
    workdir = Path(tempfile.mkdtemp(prefix="vkr-benchmark-postgresql-"))
    if os.geteuid() == 0:
        shutil.chown(workdir, user="postgres", group="postgres")
    logfile = workdir / "postgresql.log"
    executor = PostgreSQLExecutor(
        executable=str(PG_CTL), host=LOCALHOST, port=_free_port(), datadir=str(workdir / "data"),
        unixsocketdir=str(workdir), logfile=str(logfile), startparams="-w", dbname="postgres",
        user="postgres",
        # Nothing here has to survive a crash; the data is written once, before the timing.
        postgres_options="-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
    )  # fmt: skip
    try:
        try:
            executor.start()
        except Exception as error:
            log = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else ""
            raise BenchmarkError(f"PostgreSQL did not start (make system-deps?): {log}") from error
        server = PostgresServer(host=LOCALHOST, port=executor.port, user="postgres")
        _wait_until_ready(server)
        yield server
    finally:
        with suppress(Exception):
            if executor.running():
                executor.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def _wait_until_ready(server: PostgresServer, timeout: float = 30.0) -> None:
    # The port opens while the server is still "starting up" and refusing connections.
    deadline = time.monotonic() + timeout
    while True:
        try:
            server.execute(sql.SQL("SELECT 1"))
            return
        except psycopg.OperationalError as error:
            if time.monotonic() > deadline:
                raise BenchmarkError(f"PostgreSQL takes no connections: {error}") from error
            time.sleep(0.1)


def _free_port() -> int:
    import port_for

    return port_for.select_random()


def server_from_url(url: str) -> PostgresServer:
    """The server of a postgres:// URL; its database is only used to create and drop ours."""
    import dj_database_url

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        raise BenchmarkError(f"--database-url must be a PostgreSQL URL, not {config['ENGINE']}")
    return PostgresServer(
        host=config["HOST"] or LOCALHOST,
        port=int(config["PORT"] or 5432),
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or "",
        maintenance_db=config["NAME"] or "postgres",
    )


def _django_use(server: PostgresServer, name: str) -> None:
    # Updated in place: Django's connection handler holds this very dict, with its defaults.
    settings.DATABASES["default"].update(
        ENGINE="django.db.backends.postgresql", NAME=name, USER=server.user,
        PASSWORD=server.password, HOST=server.host, PORT=str(server.port), OPTIONS={},
    )  # fmt: skip
    # A connection opened before this point would still talk to SQLite.
    connections.close_all()
    with suppress(AttributeError):
        del connections["default"]


@contextmanager
def benchmark_database(database_url: str | None = None) -> Iterator[PostgresServer]:
    """A new database for one run, on a throwaway server or on the server of `database_url`,
    with Django pointed at it; dropped afterwards (an existing server keeps nothing)."""
    name = f"vkr_benchmark_{secrets.token_hex(4)}"
    if database_url is None:
        server_context = throwaway_server()
    else:
        server_context = nullcontext(server_from_url(database_url))
    with server_context as server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            _django_use(server, name)
            yield server
        finally:
            connections.close_all()
            try:
                server.execute(
                    sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
                )
            except Exception:
                logger.warning("Could not drop the benchmark database %s", name, exc_info=True)


def database_prepare() -> None:
    """Migrate the empty database and load the reference data every scenario starts from."""
    call_command("migrate", interactive=False, verbosity=0)
    reference_data_load()


@contextmanager
def database_of_its_own() -> Iterator[None]:
    """For a scenario whose data must not mix with the others' (the demo data, which skips
    what exists): a new database on the server of the current one, prepared as the run's was,
    with Django pointed at it until the block ends; then the run's database again, and the new
    one is dropped."""
    current = dict(settings.DATABASES["default"])
    server = PostgresServer(
        host=current["HOST"] or LOCALHOST, port=int(current["PORT"] or 5432),
        user=current["USER"], password=current["PASSWORD"] or "",
        maintenance_db=current["NAME"],
    )  # fmt: skip
    name = f"vkr_benchmark_{secrets.token_hex(4)}"
    connections.close_all()
    server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        _django_use(server, name)
        database_prepare()
        yield
    finally:
        _django_use(server, current["NAME"])
        try:
            server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        except Exception:
            logger.warning("Could not drop the benchmark database %s", name, exc_info=True)
