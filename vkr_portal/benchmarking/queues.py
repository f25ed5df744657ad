"""Celery as the benchmark needs it: tasks queued as in production and left there."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


def _forget_broker_connections(app) -> None:
    # Only the references: kombu keeps its pools per broker URL, and closing one would break
    # the next user of that URL.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def tasks_queued_not_run() -> Iterator[None]:
    """Tasks go to an in-memory broker that nobody reads: code that queues a task does so as
    in production, and the task does not run (the worker has not got to it yet)."""
    from vkr_portal.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url="memory://", task_always_eager=False)
    _forget_broker_connections(app)
    try:
        yield
    finally:
        app.conf.update(saved)
        _forget_broker_connections(app)
