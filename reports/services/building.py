"""Building a version of the annual report: requested once, claimed by one attempt, built in
steps that each record their time, stored under fixed names, and finished or failed whole.

`report_build` is what the Celery task calls and what `manage.py build_annual_report` runs
synchronously. It is idempotent: a build that is finished, failed or cancelled is left as it
is; a build in a running state is left to its attempt unless that attempt has been silent for
longer than REPORT_BUILD_STALE_SECONDS (its worker died), in which case it is taken over.
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import rendering, storage
from .. import sections as report_sections
from ..models import AnnualReport, ReportBuild
from ..selectors.builds import report_has_final
from ..selectors.content import draw_charts, report_content, report_surveys

if TYPE_CHECKING:
    from ..pdf import DataFile

logger = logging.getLogger(__name__)
Status = ReportBuild.Status

PROGRESS = {
    Status.QUEUED: 0,
    Status.GATHERING: 10,
    Status.CHARTS: 35,
    Status.TYPESETTING: 55,
    Status.DONE: 100,
}


class BuildError(Exception):
    """A request the build cannot take: the message says why, for the secretariat."""


class Superseded(Exception):
    """The build is no longer this attempt's (cancelled, or taken over): stop quietly."""


# --- Requesting -------------------------------------------------------------------------------


def build_request(
    *, report: AnnualReport, user, reason: str = "", enqueue: bool = True
) -> tuple[ReportBuild, bool]:
    """A new build of the report with its current sections and surveys, queued (and sent to
    the worker unless `enqueue` is False: the management command runs it itself); or, when
    one with the same options is under way, that one (joined=True). After the report has a
    final version a new version needs a reason (it is a correction)."""
    from ..tasks import report_build_task

    section_keys = report_sections.normalized(report.sections)
    if not section_keys:
        raise BuildError(_("Välj minst ett avsnitt att ta med i rapporten."))
    survey_ids = sorted(s.pk for s in report_surveys(report))
    key = report_sections.options_key(section_keys, survey_ids)
    reason = " ".join((reason or "").split())[:500]
    try:
        with transaction.atomic():
            AnnualReport.objects.select_for_update().filter(pk=report.pk).first()
            running = (
                ReportBuild.objects.filter(
                    report=report, options_key=key, status__in=ReportBuild.UNFINISHED
                )
                .order_by("pk")
                .first()
            )
            if running is not None:
                return running, True
            if report_has_final(report) and not reason:
                raise BuildError(
                    _(
                        "Rapporten har en fastställd version. En ny version är en rättelse: "
                        "skriv varför den behövs."
                    )
                )
            number = (report.builds.aggregate(n=Max("number"))["n"] or 0) + 1
            build = ReportBuild.objects.create(
                report=report,
                number=number,
                sections=section_keys,
                survey_ids=survey_ids,
                options_key=key,
                requested_by=user,
                reason=reason,
                heartbeat_at=timezone.now(),
                step=str(Status.QUEUED.label),
            )
            if enqueue:
                report_build_task.delay_on_commit(build.pk)
            return build, False
    except IntegrityError:
        # Another request with the same options committed first (the partial unique index).
        running = ReportBuild.objects.filter(
            report=report, options_key=key, status__in=ReportBuild.UNFINISHED
        ).first()
        if running is None:
            raise
        return running, True


# --- Building ---------------------------------------------------------------------------------


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.REPORT_BUILD_STALE_SECONDS)


def _claim(pk: int) -> tuple[ReportBuild | None, str]:
    """Take the build for a new attempt: queued, or running with a silent attempt."""
    token = uuid.uuid4().hex
    now = timezone.now()
    claimed = (
        ReportBuild.objects.filter(pk=pk)
        .filter(
            Q(status=Status.QUEUED)
            | Q(status__in=ReportBuild.RUNNING, heartbeat_at__lt=_stale_before())
        )
        .update(
            status=Status.GATHERING,
            progress=PROGRESS[Status.GATHERING],
            step=str(Status.GATHERING.label),
            attempt=token,
            attempts=F("attempts") + 1,
            started_at=now,
            heartbeat_at=now,
            error="",
        )
    )
    build = (
        ReportBuild.objects.select_related("report__council", "requested_by").filter(pk=pk).first()
    )
    return (build if claimed else None), token


def _step(build: ReportBuild, token: str, status: str, **fields) -> None:
    """Record the step (and its progress) if the build is still this attempt's."""
    values = {
        "status": status,
        "progress": fields.pop("progress", PROGRESS.get(status, build.progress)),
        "step": fields.pop("step", str(Status(status).label)),
        "heartbeat_at": timezone.now(),
        **fields,
    }
    updated = ReportBuild.objects.filter(pk=build.pk, attempt=token).update(**values)
    if not updated:
        raise Superseded(build.pk)
    for name, value in values.items():
        setattr(build, name, value)


def report_build(*, build: ReportBuild) -> ReportBuild:
    """Run the build to its end (see the module's docstring); returns the build as stored."""
    from .. import pdf  # WeasyPrint: loaded by the process that typesets, not by every web worker

    claimed, token = _claim(build.pk)
    if claimed is None:
        return ReportBuild.objects.get(pk=build.pk)
    build = claimed
    timings: dict[str, float] = {}
    written: list[str] = []
    finalising = build.finalising and bool(build.content_file)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            if finalising:
                content = storage.read(build.content_file).decode()
                data_files = _stored_data_files(build)
            else:
                content, data_files = _gather_and_draw(build, token, timings, written)
            _step(build, token, Status.TYPESETTING, timings=timings)
            started = time.perf_counter()
            html = rendering.document_html(build, content, final=finalising)
            rendered = pdf.render_pdf(html, data_files=data_files, created=build.started_at)
            timings["typesetting"] = round(time.perf_counter() - started, 3)
            timings["typesetting_layout"] = round(rendered.timings["layout"], 3)
            timings["typesetting_write"] = round(rendered.timings["write"], 3)
        started = time.perf_counter()
        name = storage.path(build.pk, storage.FINAL_PDF if finalising else storage.DRAFT_PDF)
        storage.write(name, rendered.pdf)
        written.append(name)
        timings["storing"] = round(time.perf_counter() - started, 3)
        _finish(build, token, name, rendered, timings, finalising=finalising)
    except Superseded:
        logger.info("Report build %s: attempt %s superseded, stopping", build.pk, token)
        if ReportBuild.objects.filter(pk=build.pk, status=Status.CANCELLED).exists():
            storage.delete_all(build.pk)
        # Otherwise another attempt took over: the files under these names are its own.
    except Exception as error:  # noqa: BLE001 - every failure ends as "misslyckades"
        logger.exception("Report build %s failed", build.pk)
        # Nothing half-written stays: what this attempt wrote goes (a failed fastställande
        # wrote only the final PDF; the draft and its content stay).
        storage.delete(*written)
        _fail(build, token, error, finalising=finalising)
    return ReportBuild.objects.get(pk=build.pk)


def _gather_and_draw(build, token, timings, written) -> tuple[str, list[DataFile]]:
    started = time.perf_counter()
    content = report_content(build.report, build.sections, build.survey_ids)
    data_files = _data_files(content)
    timings["gathering"] = round(time.perf_counter() - started, 3)
    _step(build, token, Status.CHARTS, timings=timings)
    started = time.perf_counter()
    draw_charts(content)
    timings["charts"] = round(time.perf_counter() - started, 3)
    html = rendering.content_html(content)
    content_name = storage.path(build.pk, storage.CONTENT)
    storage.write(content_name, html.encode())
    written.append(content_name)
    stored = []
    for data in data_files:
        name = storage.path(build.pk, f"data/{data.name}")
        storage.write(name, data.content)
        written.append(name)
        stored.append({"name": data.name, "path": name, "description": data.description})
    _step(build, token, Status.CHARTS, content_file=content_name, data_files=stored)
    return html, data_files


def _data_files(content) -> list[DataFile]:
    """The plan as XLSX and each survey's results as CSV, to travel inside the PDF."""
    from activities.spreadsheets import plan_to_xlsx
    from surveys.spreadsheets import summary_to_csv

    from .. import pdf

    council = content.council
    files = []
    if content.plan is not None:
        files.append(
            pdf.DataFile(
                name=f"aktivitetsplan-{council.slug}-{content.year}.xlsx",
                description=_("Aktivitetsplanen %(year)s som kalkylblad") % {"year": content.year},
                content=plan_to_xlsx(content.plan),
                mime_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        )
    for entry in content.surveys:
        if entry.results.too_few:
            continue
        csv_text = summary_to_csv(entry.results, free_text=entry.show_text)
        files.append(
            pdf.DataFile(
                name=f"enkat-{entry.survey.pk}-{slugify(entry.survey.title)[:60]}.csv",
                description=_("Resultat: %(title)s") % {"title": entry.survey.title},
                content=csv_text.encode("utf-8"),
                mime_type="text/csv",
            )
        )
    return files


def _stored_data_files(build: ReportBuild) -> list[DataFile]:
    from .. import pdf

    return [
        pdf.DataFile(
            name=item["name"], description=item["description"], content=storage.read(item["path"])
        )
        for item in build.data_files
    ]


def _finish(build, token, name, rendered, timings, *, finalising: bool) -> None:
    from ..tasks import report_ready_notify_task

    digest = hashlib.sha256(rendered.pdf).hexdigest()
    now = timezone.now()
    timings["total"] = round(sum(v for k, v in timings.items() if "_" not in k), 3)
    with transaction.atomic():
        fields = {
            "file": name, "sha256": digest, "size": len(rendered.pdf), "pages": rendered.pages,
            "timings": timings, "finished_at": now,
        }  # fmt: skip
        if finalising:
            fields |= {"finalised_at": now, "finalising": False}
        _step(build, token, Status.DONE, step=str(Status.DONE.label), **fields)
        if finalising:
            ReportBuild.objects.filter(
                report=build.report, finalised_at__isnull=False, replaced_by__isnull=True
            ).exclude(pk=build.pk).update(replaced_by=build)
        report_ready_notify_task.delay_on_commit(build.pk)
    if finalising:
        # The final PDF replaces the draft's: one file per build.
        storage.delete(storage.path(build.pk, storage.DRAFT_PDF))


def _fail(build, token, error: Exception, *, finalising: bool) -> None:
    message = _failure_message(error)
    if finalising:
        # The draft stays as it was; only the fastställande failed.
        fields = {
            "status": Status.DONE, "progress": 100, "step": str(Status.DONE.label),
            "finalising": False, "finalised_by": None, "error": message,
            "heartbeat_at": timezone.now(),
        }  # fmt: skip
    else:
        fields = {
            "status": Status.FAILED, "step": str(Status.FAILED.label), "error": message,
            "file": "", "content_file": "", "data_files": [], "sha256": "", "size": None,
            "pages": None, "heartbeat_at": timezone.now(),
        }  # fmt: skip
    ReportBuild.objects.filter(pk=build.pk, attempt=token).update(**fields)


def _failure_message(error: Exception) -> str:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(error, SoftTimeLimitExceeded):
        return _("Rapporten tog för lång tid att bygga och avbröts. Försök igen; hör av dig till "
                 "portalens förvaltning om det händer igen.")  # fmt: skip
    detail = f"{type(error).__name__}: {str(error)[:300]}"
    return _("Rapporten kunde inte sättas. Inget har sparats. Försök igen; hör av dig till "
             "portalens förvaltning om det händer igen. (Tekniskt fel: %(detail)s)") % {
        "detail": detail
    }  # fmt: skip


# --- Taking up again --------------------------------------------------------------------------


def builds_resume_stuck() -> list[int]:
    """Send again the builds whose attempt has gone silent (its worker died), and queued builds
    whose message seems lost (queued three times as long: a message may simply wait behind
    others); run by beat every REPORT_BUILD_RESUME_SECONDS."""
    from ..tasks import report_build_task

    window = timedelta(seconds=settings.REPORT_BUILD_STALE_SECONDS)
    now = timezone.now()
    silent = Q(status__in=ReportBuild.RUNNING, heartbeat_at__lt=now - window) | Q(
        status=Status.QUEUED, heartbeat_at__lt=now - 3 * window
    )
    resumed = []
    for pk in ReportBuild.objects.filter(silent).values_list("pk", flat=True):
        # Back to the queue (the next attempt claims it), once: another beat may be here too.
        taken = ReportBuild.objects.filter(silent, pk=pk).update(
            status=Status.QUEUED, progress=0, step=str(Status.QUEUED.label), attempt="",
            heartbeat_at=now,
        )  # fmt: skip
        if taken:
            report_build_task.delay(pk)
            logger.warning("Report build %s was taken up again", pk)
            resumed.append(pk)
    return resumed
