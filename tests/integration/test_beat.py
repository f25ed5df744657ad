"""Celery beat, for real: the periodic tasks of CELERY_BEAT_SCHEDULE exist, and a running
beat sends them over Redis to the real worker, which runs them."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from idempotency.models import IdempotencyKey
from idempotency.services import KEEP_FOR
from tests.conftest import wait_until

pytestmark = pytest.mark.integration


def test_every_scheduled_task_is_a_registered_task():
    from vkr_portal.celery import app

    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"{name}: {entry['task']} is not a task"


def test_beat_sends_the_key_purge_to_the_worker(celery_worker_real, tmp_path):
    from celery.beat import Service

    from vkr_portal.celery import app

    old = IdempotencyKey.objects.create(key=uuid.uuid4(), scope="test")
    IdempotencyKey.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - KEEP_FOR - timedelta(days=1)
    )
    fresh = IdempotencyKey.objects.create(key=uuid.uuid4(), scope="test")
    entry = settings.CELERY_BEAT_SCHEDULE["idempotency-keys-purge"]
    saved = app.conf.beat_schedule
    # The production entry, due at once and every second instead of daily.
    app.conf.beat_schedule = {"purge": {**entry, "schedule": timedelta(seconds=1)}}
    beat = Service(app, max_interval=1, schedule_filename=str(tmp_path / "schedule"))
    thread = threading.Thread(target=beat.start, kwargs={"embedded_process": True}, daemon=True)
    thread.start()
    try:
        wait_until(
            lambda: not IdempotencyKey.objects.filter(pk=old.pk).exists(),
            timeout=30,
            message="beat to have the worker purge the old key",
        )
    finally:
        beat.stop()
        thread.join(10)
        app.conf.beat_schedule = saved
    assert IdempotencyKey.objects.filter(pk=fresh.pk).exists()
