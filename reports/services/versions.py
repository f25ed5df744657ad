"""The report's texts and options, and what the secretariat does with a version: cancel,
try again, delete, fastställ."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vkr_portal.versioning import StaleVersion, locked_at_version, save_versioned

from .. import sections as report_sections
from .. import storage
from ..models import AnnualReport, ReportBuild
from .building import BuildError

Status = ReportBuild.Status
TEXT_FIELDS = set(report_sections.TEXT_SECTIONS)

__all__ = [
    "StaleVersion",
    "build_cancel",
    "build_delete",
    "build_finalise",
    "build_retry",
    "options_save",
    "report_for",
    "texts_save",
]


def report_for(*, council, year: int) -> AnnualReport:
    """The council's report of the year, created the first time it is asked for."""
    report, _created = AnnualReport.objects.get_or_create(council=council, year=year)
    return report


def texts_save(*, report: AnnualReport, user, version: int | None, **texts: str) -> AnnualReport:
    """Save the texts; a form sent twice (a double click) finds them saved already and
    changes nothing, where a stale form with other texts is refused (StaleVersion)."""
    with transaction.atomic():
        try:
            current = locked_at_version(AnnualReport, report.pk, version)
        except StaleVersion as stale:
            if all(getattr(stale.current, key) == value for key, value in texts.items()):
                return stale.current
            raise
        return save_versioned(current, {**texts, "updated_by": user}, TEXT_FIELDS | {"updated_by"})


def options_save(
    *, report: AnnualReport, user, version: int | None, sections: list[str], surveys: list
) -> AnnualReport:
    with transaction.atomic():
        try:
            current = locked_at_version(AnnualReport, report.pk, version)
        except StaleVersion as stale:
            # The same choice sent twice (a double click): saved already.
            same_surveys = set(stale.current.surveys.values_list("pk", flat=True)) == {
                s.pk for s in surveys if s.council_id == stale.current.council_id
            }
            if stale.current.sections == report_sections.normalized(sections) and same_surveys:
                return stale.current
            raise
        own = {s.pk for s in surveys if s.council_id == current.council_id}
        save_versioned(
            current,
            {"sections": report_sections.normalized(sections), "surveys_chosen": True,
             "updated_by": user},
            {"sections", "surveys_chosen", "updated_by"},
        )  # fmt: skip
        current.surveys.set(sorted(own))
        return current


def _locked(build: ReportBuild) -> ReportBuild:
    return (
        ReportBuild.objects.select_for_update().select_related("report__council").get(pk=build.pk)
    )


def build_cancel(*, build: ReportBuild, user) -> ReportBuild:
    """Stop a build that has not finished; its attempt stops at its next step."""
    with transaction.atomic():
        current = _locked(build)
        if current.status not in ReportBuild.UNFINISHED or current.finalising:
            raise BuildError(_("Versionen byggs inte längre och kan inte avbrytas."))
        ReportBuild.objects.filter(pk=current.pk).update(
            status=Status.CANCELLED, step=str(Status.CANCELLED.label), attempt="",
            file="", content_file="", data_files=[], finished_at=timezone.now(),
        )  # fmt: skip
    storage.delete_all(current.pk)
    return ReportBuild.objects.get(pk=current.pk)


def build_retry(*, build: ReportBuild, user) -> ReportBuild:
    """Queue a failed or cancelled build again, same version number and options."""
    from ..tasks import report_build_task

    try:
        with transaction.atomic():
            current = _locked(build)
            if current.status not in (Status.FAILED, Status.CANCELLED):
                raise BuildError(_("Bara en version som misslyckades eller avbröts kan byggas om."))
            ReportBuild.objects.filter(pk=current.pk).update(
                status=Status.QUEUED, progress=0, step=str(Status.QUEUED.label), error="",
                attempt="", heartbeat_at=timezone.now(), finished_at=None, requested_by=user,
            )  # fmt: skip
            report_build_task.delay_on_commit(current.pk)
    except IntegrityError:
        raise BuildError(_("En version med samma innehåll byggs redan.")) from None
    return ReportBuild.objects.get(pk=current.pk)


def build_delete(*, build: ReportBuild, user) -> None:
    """Delete a draft version and its files; a final version is never deleted."""
    with transaction.atomic():
        current = _locked(build)
        if current.is_final or current.finalising:
            raise BuildError(_("En fastställd version kan inte tas bort."))
        if current.status in ReportBuild.UNFINISHED:
            raise BuildError(_("Versionen byggs just nu. Avbryt den först."))
        pk = current.pk
        current.delete()
    storage.delete_all(pk)


def build_finalise(*, build: ReportBuild, user) -> ReportBuild:
    """Make this version the final one: it is set again with "Fastställd" on its cover, from
    the content it was built with, and is immutable from then on."""
    from ..tasks import report_build_task

    with transaction.atomic():
        current = _locked(build)
        if current.is_final:
            raise BuildError(_("Versionen är redan fastställd."))
        if current.status != Status.DONE or not current.content_file:
            raise BuildError(_("Bara en färdigbyggd version kan fastställas."))
        if current.finalising:
            return current
        ReportBuild.objects.filter(pk=current.pk).update(
            finalising=True, finalised_by=user, status=Status.QUEUED, progress=0,
            step=str(Status.QUEUED.label), error="", attempt="", heartbeat_at=timezone.now(),
        )  # fmt: skip
        report_build_task.delay_on_commit(current.pk)
    return ReportBuild.objects.get(pk=current.pk)
