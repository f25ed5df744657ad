"""The load scenario's HTTP side: a small browser (one cookie jar, no JavaScript), clients run
concurrently in threads with a bound on their time, and the figures of their timings.

The standard library only (http.client): the benchmark adds no HTTP client to the project.
Every request opens a new connection, as gunicorn's sync workers close each one after the
response. The server sits behind a TLS-terminating proxy in production; the browser says so
with X-Forwarded-Proto, as that proxy would, so that the portal runs with production's
settings (HTTPS redirect, secure cookies, CSRF's origin check) over a plain local socket.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from .measure import percentile

# Long enough for a cold 100k-answer results page queued behind seven others.
REQUEST_TIMEOUT = 120.0
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoadError(Exception):
    """A request answered something else than the flow expects, or not at all."""


@dataclass(frozen=True)
class Reply:
    status: int
    location: str
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


class Browser:
    """One visitor: its own cookies, sent whatever their Secure flag says (the proxy in front
    speaks HTTPS to the real browser), and the headers a browser sends on a form post."""

    def __init__(self, host: str, port: int, *, timeout: float = REQUEST_TIMEOUT) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.origin = f"https://{host}:{port}"

    def request(self, method: str, path: str, fields: Iterable[tuple[str, str]] = ()) -> Reply:
        """One request on a new connection; the cookies it sets are kept."""
        headers = {"X-Forwarded-Proto": "https", "User-Agent": "vkr-benchmark"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body = urlencode(list(fields)).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                self._keep(header)
            location = response.headers.get("Location", "")
        except (OSError, http.client.HTTPException) as error:
            raise LoadError(f"{method} {_shown(path)}: {type(error).__name__}: {error}") from error
        finally:
            connection.close()
        return Reply(response.status, location, data)

    def _keep(self, header: str) -> None:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel.value == "" or morsel["max-age"] == "0":
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value

    def expect(self, method: str, path: str, status: int, fields=()) -> Reply:
        """The request, or LoadError when it answers another status."""
        reply = self.request(method, path, fields)
        if reply.status != status:
            raise LoadError(
                f"{method} {_shown(path)} answered {reply.status}, not {status}"
                f"{' (to ' + _shown(reply.location) + ')' if reply.location else ''}"
            )
        return reply

    def follow(self, reply: Reply, status: int = 200) -> Reply:
        """GET where a redirect points, as a browser does after a form post."""
        target = urlsplit(reply.location)
        path = target.path + (f"?{target.query}" if target.query else "")
        return self.expect("GET", path, status)


def csrf_token(reply: Reply) -> str:
    """The form's CSRF token, as a browser would send it back."""
    found = CSRF_INPUT.search(reply.text)
    if not found:
        raise LoadError("The form has no CSRF token")
    return found.group(1)


def _shown(path: str) -> str:
    # Link tokens stay out of the report, as they stay out of the portal's logs.
    return re.sub(r"/svara/[^/]+/", "/svara/…/", path)


# --- Clients run concurrently ------------------------------------------------------------------


class StepTimer:
    """The milliseconds of each named step of one client's flow."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}

    def step(self, name: str, action: Callable[[], Reply]) -> Reply:
        start = time.perf_counter()
        try:
            return action()
        finally:
            self.steps[name] = (time.perf_counter() - start) * 1000


@dataclass
class ClientRun:
    """What one client did: its steps' times, or the error that stopped it."""

    steps: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    # A reader's requests, each one's milliseconds.
    samples: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Wave:
    """Clients started together: how long from their start to the last one's end."""

    runs: list[ClientRun]
    wall_s: float

    @property
    def completed(self) -> int:
        return sum(run.error is None for run in self.runs)

    @property
    def errors(self) -> list[str]:
        return [run.error for run in self.runs if run.error is not None]

    @property
    def per_second(self) -> float:
        """Completed flows per second of wall time."""
        return self.completed / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def requests_per_second(self) -> float:
        """Readers: their answered requests per second of wall time."""
        requests = sum(len(run.samples) for run in self.runs)
        return requests / self.wall_s if self.wall_s > 0 else 0.0


def wave_run(flows: Sequence[Callable[[ClientRun], None]], *, timeout: float) -> Wave:
    """Run each flow in a thread of its own, all released at once; wait at most `timeout`
    seconds. A flow that raises, or is still running then, counts as an error: the harness
    never hangs on a server that stopped answering (its requests time out on their own)."""
    runs = [ClientRun() for _ in flows]
    barrier = threading.Barrier(len(flows) + 1)

    def client(flow: Callable[[ClientRun], None], run: ClientRun) -> None:
        try:
            barrier.wait(timeout=30)
            flow(run)
        except Exception as error:  # noqa: BLE001 — every failure is a figure of the run
            run.error = str(error) or type(error).__name__

    threads = [
        threading.Thread(target=client, args=(flow, run), daemon=True, name=f"load-client-{n}")
        for n, (flow, run) in enumerate(zip(flows, runs, strict=True))
    ]
    for thread in threads:
        thread.start()
    barrier.wait(timeout=30)
    start = time.perf_counter()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    wall = time.perf_counter() - start
    for thread, run in zip(threads, runs, strict=True):
        if thread.is_alive() and run.error is None:
            run.error = f"not done after {timeout:g} s"
    return Wave(runs=runs, wall_s=wall)


# --- Figures -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepFigures:
    """One step over every client that got through it: p50 and p95 (nearest rank)."""

    name: str
    count: int
    p50_ms: float
    p95_ms: float


def step_figures(runs: Iterable[ClientRun], names: Sequence[str]) -> list[StepFigures]:
    """The figures of each step, in the flow's order; a step nobody reached is left out."""
    runs = list(runs)
    figures = []
    for name in names:
        samples = [run.steps[name] for run in runs if name in run.steps]
        if samples:
            figures.append(
                StepFigures(name, len(samples), percentile(samples, 50), percentile(samples, 95))
            )
    return figures


def reader_loop(browser: Browser, path: str, *, until: float, run: ClientRun) -> None:
    """GET the page again and again until the monotonic clock passes `until`; each answer
    must be 200. Each request's milliseconds go to `run.samples`."""
    while time.monotonic() < until:
        start = time.perf_counter()
        browser.expect("GET", path, 200)
        run.samples.append((time.perf_counter() - start) * 1000)
