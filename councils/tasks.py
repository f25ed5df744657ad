"""Celery entry points for councils: take ids, call one service."""

from celery import shared_task

from . import services
from .models import AccessibilityReport


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, time_limit=60)
def accessibility_report_notify_task(report_id: int) -> None:
    report = AccessibilityReport.objects.get(pk=report_id)
    services.accessibility_report_notify(report=report)
