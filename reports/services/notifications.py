"""The e-mail to whoever asked for a build: the report is ready (or why it is not)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from ..models import ReportBuild


def report_ready_notify(*, build: ReportBuild) -> bool:
    build = (
        ReportBuild.objects.select_related("report__council", "requested_by", "finalised_by")
        .filter(pk=build.pk)
        .first()
    )
    if build is None or build.status != ReportBuild.Status.DONE:
        return False
    person = build.finalised_by if build.is_final else build.requested_by
    if person is None or not person.is_active or not person.email:
        return False
    ctx = {
        "build": build,
        "report": build.report,
        "council": build.report.council,
        "url": f"{settings.PORTAL_BASE_URL.rstrip('/')}{build.get_absolute_url()}",
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("reports/emails/ready_subject.txt", ctx)
        body = render_to_string("reports/emails/ready_body.txt", ctx)
    EmailMessage(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [person.email]
    ).send()
    return True
