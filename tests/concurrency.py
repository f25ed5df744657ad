"""Running the same call in several threads at the same moment, each with its own database
connection, for tests that race real transactions on PostgreSQL.

Use it from tests marked ``django_db(transaction=True)``: the rows a test makes must be
committed for the other threads' connections to see them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection


@dataclass
class Outcomes:
    results: list[object] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


def run_together(call: Callable[[int], object], threads: int = 8, timeout: float = 60) -> Outcomes:
    """Run call(i) for i in range(threads), all released by one barrier; collect what each
    returned or raised (an exception is an outcome here, not a failure of the helper)."""
    barrier = threading.Barrier(threads)
    outcomes = Outcomes()
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout)
            result = call(index)
            with lock:
                outcomes.results.append(result)
        except BaseException as error:  # noqa: BLE001 - recorded for the test to judge
            with lock:
                outcomes.errors.append(error)
        finally:
            connection.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout)
    return outcomes
