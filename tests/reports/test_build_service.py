"""Building a version: requested once, claimed by one attempt, finished or failed whole, taken
over when its worker died, joined by a second click, cancelled, retried, fastställd.

Tasks are eager here (no broker in tests): what build_request queues on commit runs when the
test's on-commit callbacks are executed (the `build_now` fixture). Most builds carry only the
summary and the plan, to be quick; the plan brings its data file with it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pikepdf
import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from reports import pdf, storage
from reports import services as reports
from reports.models import ReportBuild
from reports.services import building
from reports.tasks import report_build_task
from tests.reports.conftest import build_pdf, pdftotext

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
Status = ReportBuild.Status
# A draft's files: the plan's data, the content (for the HTML version and fastställande), the PDF.
FILES = ["data/aktivitetsplan-mellansverige-2022.xlsx", "innehall.html", "utkast.pdf"]


@pytest.fixture
def year(report_year):
    """Mellansverige 2022 with the summary and the plan only (and no surveys)."""
    report_year.report = reports.options_save(
        report=report_year.report, user=report_year.secretariat,
        version=report_year.report.version, sections=["summary", "plan"], surveys=[],
    )  # fmt: skip
    return report_year


def _queued(year, **changes) -> ReportBuild:
    """A build requested but not sent to the worker; then changed as a test needs it."""
    build, _joined = reports.build_request(report=year.report, user=year.secretariat, enqueue=False)
    if changes:
        ReportBuild.objects.filter(pk=build.pk).update(**changes)
    return ReportBuild.objects.get(pk=build.pk)


def _silent_for(seconds: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(seconds=seconds)


def _stale() -> dt.datetime:
    return _silent_for(settings.REPORT_BUILD_STALE_SECONDS + 60)


def _names(build: ReportBuild) -> list[str]:
    return [name.removeprefix(storage.folder(build.pk) + "/") for name in storage.listing(build.pk)]


def test_a_build_ends_done_with_its_file_hash_size_and_pages(year, build_now):
    build = build_now(year.report, year.secretariat)
    assert build.status == Status.DONE, build.error
    assert (build.progress, build.error, build.attempts) == (100, "", 1)
    data = build_pdf(build)
    assert build.file == storage.path(build.pk, storage.DRAFT_PDF)
    assert build.sha256 == hashlib.sha256(data).hexdigest()
    assert build.size == len(data)
    assert build.pages == len(pikepdf.open(io.BytesIO(data)).pages) > 1
    assert _names(build) == FILES
    assert {"gathering", "charts", "typesetting", "storing", "total"} <= set(build.timings)


def test_the_requester_is_told_in_swedish_when_it_is_done(year, build_now):
    build = build_now(year.report, year.secretariat)
    [message] = mail.outbox
    assert message.to == [year.secretariat.email]
    assert message.subject == "Årsrapport 2022 för Mellansverige är klar (version 1)"
    assert f"är klar: {build.pages} sidor" in message.body
    assert build.get_absolute_url() in message.body


def test_a_finished_build_is_left_as_it_is(year, build_now):
    build = build_now(year.report, year.secretariat)
    again = reports.report_build(build=build)
    assert (again.status, again.sha256, again.attempts) == (Status.DONE, build.sha256, 1)
    # A task delivered again (acks_late) for the same build does nothing either.
    assert report_build_task.apply(args=[build.pk]).get() == Status.DONE
    stored = ReportBuild.objects.get(pk=build.pk)
    assert (stored.sha256, stored.attempts, stored.finished_at) == (
        build.sha256,
        1,
        build.finished_at,
    )
    assert hashlib.sha256(build_pdf(stored)).hexdigest() == build.sha256


def test_a_build_whose_worker_died_is_taken_over_and_completes(year):
    build = _queued(
        year, status=Status.TYPESETTING, attempt="dead-worker", attempts=1, progress=55,
        started_at=_stale(), heartbeat_at=_stale(),
    )  # fmt: skip
    done = reports.report_build(build=build)
    assert done.status == Status.DONE, done.error
    assert done.attempts == 2 and done.attempt != "dead-worker"
    assert _names(done) == FILES  # each once: the attempt taken over wrote under the same names


def test_a_build_whose_worker_is_alive_is_left_to_it(year):
    recent = _silent_for(5)
    build = _queued(
        year, status=Status.TYPESETTING, attempt="live-worker", attempts=1, progress=55,
        started_at=recent, heartbeat_at=recent,
    )  # fmt: skip
    left = reports.report_build(build=build)
    assert (left.status, left.attempt, left.attempts, left.file) == (
        Status.TYPESETTING, "live-worker", 1, ""
    )  # fmt: skip
    assert storage.listing(build.pk) == []


def test_builds_resume_stuck_queues_again_only_the_silent_ones(year):
    def make(number: int, status: str, heartbeat) -> ReportBuild:
        return ReportBuild.objects.create(
            report=year.report, number=number, sections=["summary"], options_key=f"key-{number}",
            status=status, heartbeat_at=heartbeat, attempt="" if status == Status.QUEUED else "w",
            attempts=0 if status == Status.QUEUED else 1,
        )  # fmt: skip

    dead = make(1, Status.TYPESETTING, _stale())
    # Queued three times the stale limit: its message never arrived.
    lost = make(2, Status.QUEUED, _silent_for(3 * settings.REPORT_BUILD_STALE_SECONDS + 60))
    alive = make(3, Status.CHARTS, _silent_for(5))
    finished = make(4, Status.DONE, _stale())
    # Queued past the stale limit only: its message may be waiting behind others.
    waiting = make(5, Status.QUEUED, _stale())
    resumed = reports.builds_resume_stuck()
    assert sorted(resumed) == sorted([dead.pk, lost.pk])
    assert ReportBuild.objects.get(pk=waiting.pk).status == Status.QUEUED
    # Eager here: the task sent again has already run.
    assert ReportBuild.objects.get(pk=dead.pk).status == Status.DONE
    assert ReportBuild.objects.get(pk=lost.pk).status == Status.DONE
    untouched = ReportBuild.objects.get(pk=alive.pk)
    assert (untouched.status, untouched.attempt, untouched.attempts) == (Status.CHARTS, "w", 1)
    assert ReportBuild.objects.get(pk=finished.pk).file == ""
    assert reports.builds_resume_stuck() == []


def test_a_second_request_with_the_same_options_joins_the_first(
    year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        first, first_joined = reports.build_request(report=year.report, user=year.secretariat)
        second, second_joined = reports.build_request(report=year.report, user=year.secretariat)
    assert (first_joined, second_joined) == (False, True)
    assert second.pk == first.pk
    assert ReportBuild.objects.filter(report=year.report).count() == 1
    assert len(queued) == 1  # one task for the one build


def test_other_sections_make_another_build(year, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        first, _ = reports.build_request(report=year.report, user=year.secretariat)
        report = reports.options_save(
            report=year.report, user=year.secretariat, version=year.report.version,
            sections=["plan", "summary"], surveys=[],
        )  # fmt: skip
        second, joined = reports.build_request(report=report, user=year.secretariat)
    assert not joined
    assert second.pk != first.pk and second.number == first.number + 1
    assert second.options_key != first.options_key
    assert second.sections == ["plan", "summary"]
    assert len(queued) == 2


class _BrokenHTML(pdf.HTML):
    """WeasyPrint laying the pages out, then failing to write them."""

    def render(self, *args, **kwargs):
        document = super().render(*args, **kwargs)

        def write_pdf(*_args, **_kwargs):
            raise RuntimeError("tvingat fel i WeasyPrint")

        document.write_pdf = write_pdf
        return document


def test_a_failure_in_weasyprint_ends_failed_with_nothing_stored_and_a_retry_completes(
    year, build_now, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(pdf, "HTML", _BrokenHTML)
    failed = build_now(year.report, year.secretariat)
    assert failed.status == Status.FAILED
    # Said so that the secretariat understands it, the technical detail last.
    assert failed.error.startswith(
        "Rapporten kunde inte sättas. Inget har sparats. Försök igen; hör av dig till "
        "portalens förvaltning om det händer igen."
    )
    assert "RuntimeError: tvingat fel i WeasyPrint" in failed.error
    # The content and the data file were written before typesetting; they went with it.
    assert storage.listing(failed.pk) == []
    assert (failed.file, failed.content_file, failed.data_files, failed.sha256) == ("", "", [], "")
    assert mail.outbox == []
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        reports.build_retry(build=failed, user=year.secretariat)
    retried = ReportBuild.objects.get(pk=failed.pk)
    assert retried.status == Status.DONE, retried.error
    assert (retried.error, retried.attempts, retried.number) == ("", 2, failed.number)
    assert hashlib.sha256(build_pdf(retried)).hexdigest() == retried.sha256


def test_cancelling_a_queued_build_removes_its_files_and_its_task_does_nothing(
    year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        build, _ = reports.build_request(report=year.report, user=year.secretariat)
    storage.write(storage.path(build.pk, storage.CONTENT), b"<p>from an earlier attempt</p>")
    cancelled = reports.build_cancel(build=build, user=year.secretariat)
    assert cancelled.status == Status.CANCELLED
    assert storage.listing(build.pk) == []
    for callback in queued:  # the task arrives after all
        callback()
    stored = ReportBuild.objects.get(pk=build.pk)
    assert (stored.status, stored.attempts, stored.file) == (Status.CANCELLED, 0, "")
    assert storage.listing(build.pk) == []


def test_cancelling_during_the_build_leaves_no_files(year, build_now, monkeypatch):
    draw = building.draw_charts

    def draw_then_cancel(content):
        drawn = draw(content)
        running = ReportBuild.objects.get(report=year.report, status=Status.CHARTS)
        reports.build_cancel(build=running, user=year.secretariat)
        return drawn

    monkeypatch.setattr(building, "draw_charts", draw_then_cancel)
    build = build_now(year.report, year.secretariat)
    assert build.status == Status.CANCELLED
    assert storage.listing(build.pk) == []
    assert mail.outbox == []


def _body(data: bytes) -> str:
    """The text of every page but the cover, without the running header's draft mark."""
    return pdftotext(data, first=2).replace(" · Utkast", "")


def test_finalising_sets_the_same_content_again_as_fastställd(
    year, build_now, django_capture_on_commit_callbacks
):
    draft = build_now(year.report, year.secretariat)
    draft_pdf = build_pdf(draft)
    content = storage.read(draft.content_file)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reports.build_finalise(build=draft, user=year.secretariat)
    final = ReportBuild.objects.get(pk=draft.pk)
    assert final.status == Status.DONE and not final.finalising
    assert final.finalised_at is not None and final.finalised_by == year.secretariat
    assert final.file == storage.path(final.pk, storage.FINAL_PDF)
    assert "utkast.pdf" not in _names(final) and "faststalld.pdf" in _names(final)
    final_pdf = build_pdf(final)
    assert final.sha256 == hashlib.sha256(final_pdf).hexdigest() != draft.sha256
    cover = pdftotext(final_pdf, first=1, last=1)
    assert "Fastställd" in cover and "Utkast" not in cover
    assert "Utkast" in pdftotext(draft_pdf, first=1, last=1)
    # Set from the content the draft was built with: the same pages but for the cover.
    assert storage.read(final.content_file) == content
    assert _body(final_pdf) == _body(draft_pdf)
    assert final.pages == draft.pages
    [message] = mail.outbox
    assert message.subject == "Årsrapport 2022 för Mellansverige är fastställd (version 1)"


def test_a_final_version_is_never_deleted_a_draft_is(
    year, build_now, django_capture_on_commit_callbacks
):
    final = build_now(year.report, year.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        reports.build_finalise(build=final, user=year.secretariat)
    with pytest.raises(reports.BuildError, match="fastställd version kan inte tas bort"):
        reports.build_delete(build=final, user=year.secretariat)
    assert ReportBuild.objects.filter(pk=final.pk).exists()
    assert "faststalld.pdf" in _names(final)
    draft = build_now(year.report, year.secretariat, reason="Rättad stavning")
    reports.build_delete(build=draft, user=year.secretariat)
    assert not ReportBuild.objects.filter(pk=draft.pk).exists()
    assert storage.listing(draft.pk) == []


def test_after_a_final_version_a_new_one_needs_a_reason_and_replaces_it(
    year, build_now, django_capture_on_commit_callbacks
):
    first = build_now(year.report, year.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        reports.build_finalise(build=first, user=year.secretariat)
    with pytest.raises(reports.BuildError, match="skriv varför den behövs"):
        reports.build_request(report=year.report, user=year.secretariat)
    assert ReportBuild.objects.filter(report=year.report).count() == 1
    second = build_now(year.report, year.secretariat, reason="Rättad siffra i planen")
    assert (second.status, second.number, second.reason) == (
        Status.DONE,
        2,
        "Rättad siffra i planen",
    )
    assert "Rättad siffra i planen" in pdftotext(build_pdf(second), first=1, last=1)
    assert ReportBuild.objects.get(pk=first.pk).replaced_by is None  # a draft replaces nothing
    with django_capture_on_commit_callbacks(execute=True):
        reports.build_finalise(build=second, user=year.secretariat)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.replaced_by == second and first.is_final
    assert second.is_final and second.replaced_by is None
