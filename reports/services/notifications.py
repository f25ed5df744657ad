"""The e-mail to whoever asked for a build: the report is ready (or why it is not), as they
chose in their notification settings (notifications/)."""

from __future__ import annotations

from django.conf import settings

from ..models import ReportBuild


def report_ready_context(*, build_id: int) -> dict | None:
    """What the e-mail says; None when the build is gone or not done."""
    build = (
        ReportBuild.objects.select_related("report__council", "requested_by", "finalised_by")
        .filter(pk=build_id)
        .first()
    )
    if build is None or build.status != ReportBuild.Status.DONE:
        return None
    return {
        "build": build,
        "report": build.report,
        "council": build.report.council,
        "url": f"{settings.PORTAL_BASE_URL.rstrip('/')}{build.get_absolute_url()}",
    }


def report_ready_notify(*, build: ReportBuild) -> bool:
    """Tell the person who asked for the version (or finalised it) that it is ready, once
    for the draft and once when it is fastställd."""
    from notifications.models import Kind
    from notifications.services import notify_now

    ctx = report_ready_context(build_id=build.pk)
    if ctx is None:
        return False
    build = ctx["build"]
    person = build.finalised_by if build.is_final else build.requested_by
    if person is None or not person.is_active or not person.email:
        return False
    return notify_now(
        kind=Kind.REPORT_READY, object_id=build.pk, event="final" if build.is_final else "draft",
        user_ids=[person.pk],
    )  # fmt: skip
