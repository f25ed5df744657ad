"""The figures of the load scenario (vkr_portal/benchmarking/load.py) and their Markdown."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from .load_cpu import CpuSpent
from .load_http import StepFigures, Wave
from .load_peer import PEER
from .load_server import WorkerMemory
from .load_survey import Verification
from .measure import percentile
from .registry import TimedRequest


@dataclass(frozen=True)
class LoadConfig:
    respondents: int = 50
    rounds: int = 5
    warmup: int = 8
    workers: int = 4
    readers: int = 10
    read_seconds: float = 5.0
    read_rounds: int = 2
    results_requests: int = 8
    # The most one wave of clients may take before its stragglers count as errors.
    wave_timeout: float = 300.0


@dataclass(frozen=True)
class LoadTargets:
    """The pages the in-process scenarios built: the plan page (with its fair floor) and the
    100 000-answer results page, each with the member who asks; None: not measured."""

    plan: TimedRequest | None = None
    results: TimedRequest | None = None


@dataclass(frozen=True)
class FlowFigures:
    """One side's respondent flow: its timed waves, step figures and the database check."""

    name: str
    waves: list[Wave]
    steps: list[StepFigures]
    verification: Verification
    # The CPU each timed wave cost the server (its workers and database backends).
    cpu: list[CpuSpent] = field(default_factory=list)

    @property
    def cpu_ms_per_response(self) -> float | None:
        completed = sum(wave.completed for wave in self.waves)
        if not self.cpu or not completed:
            return None
        return sum(spent.total_s for spent in self.cpu) * 1000 / completed

    @property
    def cpu_parts_ms(self) -> tuple[float, float | None]:
        """Per response: the workers' share, and the database's (None: not readable)."""
        completed = sum(wave.completed for wave in self.waves) or 1
        workers = sum(spent.workers_s for spent in self.cpu) * 1000 / completed
        if any(spent.database_s is None for spent in self.cpu):
            return workers, None
        return workers, sum(spent.database_s for spent in self.cpu) * 1000 / completed

    @property
    def per_second(self) -> float:
        """Responses per second: the median over the rounds."""
        return statistics.median(wave.per_second for wave in self.waves)

    @property
    def errors(self) -> list[str]:
        return [error for wave in self.waves for error in wave.errors]


@dataclass(frozen=True)
class ReadFigures:
    """Concurrent readers of one page: requests per second over all its rounds."""

    label: str
    url: str
    waves: list[Wave]

    @property
    def samples(self) -> list[float]:
        return [s for wave in self.waves for run in wave.runs for s in run.samples]

    @property
    def per_second(self) -> float:
        wall = sum(wave.wall_s for wave in self.waves)
        return len(self.samples) / wall if wall > 0 else 0.0

    @property
    def errors(self) -> list[str]:
        return [error for wave in self.waves for error in wave.errors]


@dataclass
class LoadResult:
    config: LoadConfig
    peer_version: str = ""
    portal: FlowFigures | None = None
    peer: FlowFigures | None = None
    plan: ReadFigures | None = None
    plan_floor: ReadFigures | None = None
    results_url: str = ""
    results_wave: Wave | None = None
    memory: list[WorkerMemory] = field(default_factory=list)
    peer_memory: list[WorkerMemory] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)


# --- Markdown ----------------------------------------------------------------------------------

DESCRIPTION = """\
Real HTTP from threads of the benchmark process to gunicorn on a local port ({workers} sync
workers; the clients share the machine's CPUs with the servers and PostgreSQL). The portal runs
with production's settings: DEBUG off, WhiteNoise with collected static files (hashed names
and their manifest), HTTPS as behind the TLS proxy (the clients send X-Forwarded-Proto),
secure cookies, CSRF's origin check; no Celery broker, so a task runs inside the request that
queues it. The peer is {peer} {version}, the pip-installable survey app, in a minimal project
(startproject's middleware, the same security settings) with its own database on the same
PostgreSQL and the same gunicorn. Its survey has the same 40 questions (radio buttons for the
scale, a select, a multiple select, a text), all in one page, answered anonymously (it allows
that); it has no drafts and no links, so the portal's flow has more steps: the link, and the
draft save with the form it leads back to. Responses/s: a round's respondents divided by the
time from their start to the last one's receipt. Rounds alternate (portal, peer, portal, …)
after {warmup} untimed respondents on each; afterwards both databases are counted."""


def _ms(value: float) -> str:
    return f"{value:.0f}"


def _verified(verification: Verification) -> str:
    mark = "✓" if verification.ok else "✗"
    return f"{mark} {verification.describe()}"


def _ratios(ours: list[Wave], theirs: list[Wave]) -> list[str]:
    """Each round's portal ÷ peer: the two sides of a round ran one right after the other."""
    return [
        f"{a.per_second / b.per_second:.2f}×" if b.per_second else "–"
        for a, b in zip(ours, theirs, strict=False)
    ]


def _cpu_rows(ours: FlowFigures, theirs: FlowFigures) -> list[str]:
    """The servers' CPU per response: steadier than responses/s on a machine others share."""
    if ours.cpu_ms_per_response is None or theirs.cpu_ms_per_response is None:
        return []

    def cell(side: FlowFigures) -> str:
        workers, database = side.cpu_parts_ms
        parts = f"{workers:.0f} + {database:.0f}" if database is not None else f"{workers:.0f} + ?"
        return f"{side.cpu_ms_per_response:.0f} ({parts})"

    ratio = ours.cpu_ms_per_response / theirs.cpu_ms_per_response
    return [
        f"| server CPU per response, ms (workers + PostgreSQL; lower is better) "
        f"| {cell(ours)} | {cell(theirs)} | {ratio:.2f}× |"
    ]


def _flow_markdown(result: LoadResult) -> list[str]:
    ours, theirs, config = result.portal, result.peer, result.config
    ratio = ours.per_second / theirs.per_second if theirs.per_second else float("inf")
    rounds = "; ".join
    lines = [
        f"**Respondent flow**, {config.respondents} respondents at once, {config.rounds} "
        f"round(s) each:",
        "",
        "| | portal | peer | portal ÷ peer |",
        "|---|--:|--:|--:|",
        f"| responses/s (median of the rounds) | {ours.per_second:.2f} "
        f"| {theirs.per_second:.2f} | **{ratio:.2f}×** |",
        f"| responses/s per round | {rounds(f'{w.per_second:.2f}' for w in ours.waves)} "
        f"| {rounds(f'{w.per_second:.2f}' for w in theirs.waves)} | |",
        f"| portal ÷ peer, round by round | | | {rounds(_ratios(ours.waves, theirs.waves))} |",
        *_cpu_rows(ours, theirs),
        f"| wall time per round, s | {rounds(f'{w.wall_s:.1f}' for w in ours.waves)} "
        f"| {rounds(f'{w.wall_s:.1f}' for w in theirs.waves)} | |",
        f"| errors | {len(ours.errors)} | {len(theirs.errors)} | |",
        f"| in the database (warm-up included) | {_verified(ours.verification)} "
        f"| {_verified(theirs.verification)} | |",
        "",
        "| step | portal p50 ms | portal p95 ms | peer step | peer p50 ms | peer p95 ms |",
        "|---|--:|--:|---|--:|--:|",
    ]
    # The peer's steps beside the portal's that do the same: the form, the submit, the page after.
    beside = {"form": "form", "submit": "submit", "receipt": "completed"}
    peer_steps = {figures.name: figures for figures in theirs.steps}
    for figures in ours.steps:
        peer = peer_steps.get(beside.get(figures.name, ""))
        peer_cells = f"{peer.name} | {_ms(peer.p50_ms)} | {_ms(peer.p95_ms)}" if peer else "– | |"
        lines.append(
            f"| {figures.name} | {_ms(figures.p50_ms)} | {_ms(figures.p95_ms)} | {peer_cells} |"
        )
    for error in sorted(set(ours.errors + theirs.errors))[:5]:
        lines.append(f"\nError: `{error}`")
    return lines


def _readers_markdown(result: LoadResult) -> list[str]:
    page, floor, config = result.plan, result.plan_floor, result.config
    lines = [
        "",
        f"**Plan page, {config.readers} readers at once**, the same member, page and fair floor "
        f"in turn, {config.read_rounds} × {config.read_seconds:.0f} s each:",
        "",
        "| request | req/s | p50 ms | p95 ms | errors | × floor req/s |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for figures in (floor, page):
        samples = figures.samples or [0.0]
        ratio = figures.per_second / floor.per_second if floor.per_second else 0.0
        lines.append(
            f"| {figures.label} (`{figures.url}`) | {figures.per_second:.1f} "
            f"| {_ms(percentile(samples, 50))} | {_ms(percentile(samples, 95))} "
            f"| {len(figures.errors)} | {ratio:.2f} |"
        )
    return lines


def _memory_markdown(result: LoadResult) -> list[str]:
    lines = [
        "",
        f"**Worker memory**: the largest of the {result.config.workers} workers, MiB, read "
        "from /proc after each phase: VmRSS, resident then, and VmHWM, the peak during the "
        "phase (each worker's peak is reset as the phase begins; * marks a peak since the "
        "worker started).",
        "",
        "| server | phase | VmRSS | VmHWM | workers that served it |",
        "|---|---|--:|--:|--:|",
    ]
    for server, readings in (("portal", result.memory), ("peer", result.peer_memory)):
        for memory in readings:
            busy = "–" if memory.busy is None else f"{memory.busy} of {len(memory.rss_mib)}"
            since_start = "" if memory.phase_peak else " *"
            lines.append(
                f"| {server} | {memory.phase} | {memory.max_rss_mib:.0f} "
                f"| {memory.max_hwm_mib:.0f}{since_start} | {busy} |"
            )
    wave = result.results_wave
    if wave is not None:
        samples = [s for run in wave.runs for s in run.samples] or [0.0]
        lines += [
            "",
            f"The results page (`{result.results_url}`): {len(wave.runs)} requests at once, "
            f"{wave.completed} answered 200, p50 {_ms(percentile(samples, 50))} ms, slowest "
            f"{_ms(max(samples))} ms.",
        ]
        lines += [f"\nError: `{error}`" for error in sorted(set(wave.errors))[:3]]
    return lines


def load_markdown(result: LoadResult) -> str:
    """The load section's body: how it ran, then its tables."""
    config = result.config
    lines = [
        DESCRIPTION.format(
            workers=config.workers, peer=PEER, version=result.peer_version,
            warmup=config.warmup,
        ),
        "",
    ]  # fmt: skip
    if result.portal and result.peer:
        lines += _flow_markdown(result)
    if result.plan and result.plan_floor:
        lines += _readers_markdown(result)
    lines += _memory_markdown(result)
    lines += [f"\nNot measured: {reason}." for reason in result.skipped]
    before = " / ".join(f"{v:.2f}" for v in result.load_before)
    after = " / ".join(f"{v:.2f}" for v in result.load_after)
    lines += ["", f"Load average (1 / 5 / 15 min): {before} before, {after} after."]
    return "\n".join(lines) + "\n"
