"""Celery entry points for the annual report: take ids, call one service.

The build task acknowledges its message only when it has run (acks_late) and gives it back
when its worker dies (reject_on_worker_lost), so the broker delivers it again; the service is
idempotent, and a build whose worker died is also taken up by `report_builds_resume_task`.
"""

from celery import shared_task
from django.conf import settings


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.REPORT_BUILD_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_BUILD_TIME_LIMIT,
)
def report_build_task(build_id: int) -> str:
    from .models import ReportBuild
    from .services import report_build

    build = ReportBuild.objects.filter(pk=build_id).first()
    if build is None:
        return "gone"
    return report_build(build=build).status


@shared_task(time_limit=60)
def report_builds_resume_task() -> int:
    """Run by Celery beat (CELERY_BEAT_SCHEDULE): take up builds whose worker died."""
    from .services import builds_resume_stuck

    return len(builds_resume_stuck())


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, time_limit=60)
def report_ready_notify_task(build_id: int) -> bool:
    from .models import ReportBuild
    from .services import report_ready_notify

    build = ReportBuild.objects.filter(pk=build_id).first()
    return build is not None and report_ready_notify(build=build)
