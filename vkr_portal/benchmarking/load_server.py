"""gunicorn for the load scenario: started on a free local port with production's settings,
waited for until every worker answers, read for its workers' memory, and always stopped.

Linux only, as the benchmark is: worker processes are found and measured through /proc.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from .database import LOCALHOST
from .load_http import Browser, LoadError
from .memory import KIB_PER_MIB, peak_reset, status_read
from .registry import BenchmarkError

# What the portal's and the peer's servers run with: docker-compose.yml's web command, with
# 4 workers (the issue's) and a timeout past the slowest page queued behind the others.
WORKER_TIMEOUT = 180
START_TIMEOUT = 90.0
STOP_TIMEOUT = 15.0
# Variables of the calling shell that would connect the server to something else.
ENV_DROPPED = (
    "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND",
    "REDIS_CACHE_URL", "STATIC_ROOT", "MEDIA_ROOT", "EMAIL_BACKEND",
)  # fmt: skip


def free_port() -> int:
    """A TCP port nothing listens on now (the kernel's pick)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOCALHOST, 0))
        return probe.getsockname()[1]


def database_url(database: Mapping[str, object], name: str | None = None) -> str:
    """The postgres:// URL of a Django database setting (or of another database on its
    server), for a server process that reads DATABASE_URL."""
    user = quote(str(database["USER"] or ""), safe="")
    password = quote(str(database["PASSWORD"] or ""), safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host = database["HOST"] or LOCALHOST
    port = database["PORT"] or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(name or str(database['NAME']))}"


def server_env(**values: str) -> dict[str, str]:
    """This process's environment without what points elsewhere, plus `values`."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED}
    env.update(values)
    return env


@contextmanager
def static_collecting(
    env: Mapping[str, str], static_root: Path, log: Path
) -> Iterator[Callable[[], None]]:
    """Collect the static files as the image build does (with the settings in `env`), in a
    process of its own while the block goes on; the block calls what it is given to wait for
    it. A collection still running when the block ends (on an error) is killed."""
    command = [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"]
    with log.open("wb") as errors:
        process = subprocess.Popen(  # noqa: S603 — our own interpreter and manage.py
            command, cwd=settings.BASE_DIR, env={**env, "STATIC_ROOT": str(static_root)},
            stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip

    def wait() -> None:
        if process.wait(timeout=300) != 0:
            raise BenchmarkError(f"collectstatic failed: {log.read_text()[-2000:]}")

    try:
        yield wait
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


# --- Memory ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerMemory:
    """The workers' resident memory after a phase: now (VmRSS) and at its peak (VmHWM)."""

    phase: str
    rss_mib: tuple[float, ...]
    hwm_mib: tuple[float, ...]
    # Workers whose CPU time grew during the phase: they served some of its requests.
    busy: int | None = None
    # Whether the peaks were reset when the phase began: VmHWM is then the phase's own peak,
    # else the worker's since it started.
    phase_peak: bool = False

    @property
    def max_rss_mib(self) -> float:
        return max(self.rss_mib, default=0.0)

    @property
    def max_hwm_mib(self) -> float:
        return max(self.hwm_mib, default=0.0)


@dataclass(frozen=True)
class PhaseStart:
    """The workers when a phase begins: their CPU seconds, and whether their peaks were reset."""

    cpu: dict[int, float]
    reset: bool


def _stat_fields(pid: int) -> list[str]:
    # The command name in parentheses may hold spaces: the fields start after the last ")".
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (gunicorn's workers, for its master)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with suppress(OSError, ValueError, IndexError):
                if int(_stat_fields(int(entry))[1]) == pid:
                    found.append(int(entry))
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = _stat_fields(pid)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- The server --------------------------------------------------------------------------------


@dataclass
class GunicornServer:
    name: str
    port: int
    process: subprocess.Popen
    log: Path
    wanted: int = 1
    ready_path: str = "/"

    def serving(self) -> None:
        """Wait until all its workers run and it answers 200, or raise BenchmarkError."""
        _wait_until_serving(self)

    def browser(self) -> Browser:
        return Browser(LOCALHOST, self.port)

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def cpu(self) -> dict[int, float]:
        """Each worker's CPU seconds so far."""
        times = {}
        for pid in self.workers():
            with suppress(OSError):
                times[pid] = cpu_seconds(pid)
        return times

    def phase_start(self) -> PhaseStart:
        """Reset every worker's peak to its resident set now (Linux: clear_refs) and note its
        CPU time, so that the phase's memory is its own and its busy workers are known."""
        workers = self.workers()
        reset = all([peak_reset(pid) for pid in workers])
        cpu = self.cpu()
        return PhaseStart(cpu=cpu, reset=reset and bool(cpu))

    def memory(self, phase: str, start: PhaseStart | None = None) -> WorkerMemory:
        """Every worker's VmRSS and VmHWM now, in MiB."""
        rss, hwm, busy = [], [], 0
        for pid in self.workers():
            status = status_read(pid)
            if "VmRSS" not in status:
                continue  # gone, or not a process we may read
            rss.append(status["VmRSS"] / KIB_PER_MIB)
            hwm.append(status.get("VmHWM", status["VmRSS"]) / KIB_PER_MIB)
            with suppress(OSError):
                if start is not None and cpu_seconds(pid) - start.cpu.get(pid, 0) > 0.05:
                    busy += 1
        return WorkerMemory(
            phase, tuple(rss), tuple(hwm), busy=busy if start is not None else None,
            phase_peak=start is not None and start.reset,
        )  # fmt: skip

    def log_tail(self, characters: int = 3000) -> str:
        with suppress(OSError):
            return self.log.read_text(errors="replace")[-characters:]
        return ""


@contextmanager
def gunicorn_running(
    *,
    name: str,
    wsgi: str,
    env: Mapping[str, str],
    workers: int,
    ready_path: str,
    logdir: Path,
    chdir: Path | None = None,
    wait: bool = True,
) -> Iterator[GunicornServer]:
    """gunicorn serving `wsgi` (a module of `chdir`, the project by default) with `workers`
    sync workers, until the block ends: it is stopped then, also on an error, and killed if
    it does not stop in time. Serving when the block starts, or (`wait` False, to start two
    at once) when the block has called `serving()`."""
    port = free_port()
    log = logdir / f"{name}-gunicorn.log"
    chdir = chdir or Path(settings.BASE_DIR)
    command = [
        sys.executable, "-m", "gunicorn", wsgi, "--chdir", str(chdir),
        "--bind", f"{LOCALHOST}:{port}",
        "--workers", str(workers), "--worker-class", "sync", "--timeout", str(WORKER_TIMEOUT),
        "--graceful-timeout", "5", "--log-level", "warning", "--error-logfile", "-",
    ]  # fmt: skip
    with log.open("wb") as output:
        # A session of its own: stopping it can never reach this process or its group.
        process = subprocess.Popen(  # noqa: S603 — our own interpreter and gunicorn
            command, cwd=chdir, env=dict(env), stdout=output,
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    server = GunicornServer(
        name=name, port=port, process=process, log=log, wanted=workers, ready_path=ready_path
    )
    try:
        if wait:
            server.serving()
        yield server
    finally:
        _stop(process)


def _wait_until_serving(server: GunicornServer) -> None:
    workers, ready_path = server.wanted, server.ready_path
    deadline = time.monotonic() + START_TIMEOUT
    last = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchmarkError(
                f"gunicorn ({server.name}) exited with {server.process.returncode}:\n"
                f"{server.log_tail()}"
            )
        if len(server.workers()) >= workers:
            try:
                reply = server.browser().request("GET", ready_path)
            except LoadError as error:
                last = str(error)
            else:
                if reply.status == 200:
                    return
                last = f"GET {ready_path} answered {reply.status}"
        time.sleep(0.2)
    raise BenchmarkError(
        f"gunicorn ({server.name}) did not serve within {START_TIMEOUT:.0f} s ({last}):\n"
        f"{server.log_tail()}"
    )


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the master (it stops its workers), then SIGKILL to its process group."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            process.terminate()
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_TIMEOUT)
    # Its group is the one it started: workers left behind by a killed master go too.
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_TIMEOUT)
