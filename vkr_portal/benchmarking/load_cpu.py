"""The CPU time a server spends on a wave of clients: its gunicorn workers' and that of the
PostgreSQL backends serving its database, read from /proc.

On a machine that other work shares, a round's wall time swings with that work; the CPU the
server itself spent per response hardly does, so it says which side is cheaper even when the
responses per second of one run are noisy. Backends are found by their database's name in
pg_stat_activity, every few hundred milliseconds (a worker may open a new connection during a
round); a database on another machine has no /proc here, and its share is then not counted.
"""

from __future__ import annotations

import threading
from contextlib import suppress
from dataclasses import dataclass

import psycopg

from .database import PostgresServer
from .load_server import GunicornServer, cpu_seconds

SAMPLE_SECONDS = 0.25


@dataclass(frozen=True)
class CpuSpent:
    workers_s: float
    # None: the database's backends could not be read (another machine).
    database_s: float | None

    @property
    def total_s(self) -> float:
        return self.workers_s + (self.database_s or 0.0)


class CpuMeter:
    """`with CpuMeter(...) as meter:` around a wave; `meter.spent` afterwards."""

    def __init__(self, server: GunicornServer, postgres: PostgresServer, database: str) -> None:
        self.server, self.postgres, self.database = server, postgres, database
        self.first: dict[int, float] = {}
        self.last: dict[int, float] = {}
        self.readable = True
        self.spent: CpuSpent | None = None
        self._stop = threading.Event()

    def __enter__(self) -> CpuMeter:
        self._workers_before = self.server.cpu()
        self._connection = psycopg.connect(
            host=self.postgres.host, port=self.postgres.port, user=self.postgres.user,
            password=self.postgres.password, dbname=self.postgres.maintenance_db,
            autocommit=True,
        )  # fmt: skip
        self._sample(initial=True)
        self._thread = threading.Thread(target=self._run, daemon=True, name="load-cpu")
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(10)
        with suppress(psycopg.Error):
            self._sample(initial=False)
        self._connection.close()
        after = self.server.cpu()
        workers = sum(after[pid] - self._workers_before.get(pid, 0.0) for pid in after)
        database = sum(self.last[pid] - self.first[pid] for pid in self.last)
        self.spent = CpuSpent(workers, database if self.readable else None)

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            with suppress(psycopg.Error):
                self._sample(initial=False)

    def _sample(self, *, initial: bool) -> None:
        rows = self._connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.database],
        ).fetchall()
        for (pid,) in rows:
            try:
                spent = cpu_seconds(pid)
            except OSError:
                self.readable = False
                continue
            # A backend that starts during the wave spent all its time in it.
            self.first.setdefault(pid, spent if initial else 0.0)
            self.last[pid] = spent
