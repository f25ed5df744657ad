"""The memory of a process, as Linux counts it: its resident set now (VmRSS) and the
high-water mark of it (VmHWM), in KiB.

A high-water mark only grows, so that a scenario after a bigger one would show the bigger
one's peak: `peak_reset()` sets the mark back to the current resident set (Linux ≥ 4.0,
`echo 5 > /proc/PID/clear_refs`), and where it cannot, `Memory.reset` says so and the
figures are the growth of the mark, which misses a peak below one reached before.
"""

from __future__ import annotations

import resource
from dataclasses import dataclass
from pathlib import Path

KIB_PER_MIB = 1024


def status_read(pid: int | str = "self") -> dict[str, int]:
    """VmRSS and VmHWM (KiB) of a process from /proc/<pid>/status; empty where there is none."""
    values = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    for line in text.splitlines():
        name, _colon, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0])
    return values


def peak_reset(pid: int | str = "self") -> bool:
    """Set the process's high-water mark back to its current resident set; False if the
    kernel does not let us."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _maxrss_kib() -> int:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


@dataclass(frozen=True)
class Memory:
    """The process's memory around a scenario (KiB): its resident set before and after, and
    its peak during it (the high-water mark after, reset before when `reset`)."""

    rss_before: int
    rss_after: int
    peak: int
    hwm_before: int
    reset: bool

    @property
    def peak_growth(self) -> int:
        """How far the peak rose above the resident set the scenario started with."""
        return max(self.peak - self.rss_before, 0)


class MemoryWatch:
    """Reads the memory at the start (resetting the peak) and at the end of a block."""

    def __init__(self) -> None:
        self.reset = peak_reset()
        start = status_read()
        self.rss_before = start.get("VmRSS", 0)
        self.hwm_before = start.get("VmHWM", _maxrss_kib())

    def stop(self) -> Memory:
        end = status_read()
        return Memory(
            rss_before=self.rss_before,
            rss_after=end.get("VmRSS", 0),
            peak=end.get("VmHWM", _maxrss_kib()),
            hwm_before=self.hwm_before,
            reset=self.reset,
        )
