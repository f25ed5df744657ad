"""A version of the report: its progress while it is built, the PDF and the HTML version,
and fastställa, delete, cancel or try again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vkr_portal.responses import announce

from .. import access, services, storage
from .. import sections as report_sections
from ..models import ReportBuild

# htmx stops polling when the answer has this status.
STOP_POLLING = 286


def _build(request, slug: str, year: int, pk: int, *, manage: bool = False) -> ReportBuild:
    if manage:
        council = access.council_for_managing(request.user, slug)
    else:
        council = access.council_for_reading(request.user, slug)
    return access.build_of(council, access.report_year(year), pk)


STEP_LABELS = {
    "gathering": gettext_lazy("Hämtar data"),
    "charts": gettext_lazy("Ritar diagram"),
    "typesetting": gettext_lazy("Sätter sidor"),
    "storing": gettext_lazy("Sparar"),
    "total": gettext_lazy("Totalt"),
}


def _context(request, build: ReportBuild) -> dict:
    council = build.report.council
    timings = build.timings if isinstance(build.timings, dict) else {}
    return {
        "council": council,
        "report": build.report,
        "year": build.report.year,
        "build": build,
        "can_manage": access.can_manage(request.user, council),
        "section_labels": [
            report_sections.label(key) for key in report_sections.normalized(build.sections)
        ],
        "timings": [(label, timings[key]) for key, label in STEP_LABELS.items() if key in timings],
    }


@login_required
@require_GET
def build_detail(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    build = _build(request, slug, year, pk)
    return render(request, "reports/build_detail.html", _context(request, build))


@login_required
@require_GET
def build_progress(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """The progress block, polled every second while the build runs; once it has ended the
    answer stops the polling and the live region says how it ended."""
    build = _build(request, slug, year, pk)
    ctx = _context(request, build)
    if build.is_unfinished:
        return render(request, "reports/_build_progress.html", ctx)
    response = render(request, "reports/_build_progress.html", ctx, status=STOP_POLLING)
    if build.status == ReportBuild.Status.DONE and not build.error:
        message = _("Rapporten är klar.")
    elif build.status == ReportBuild.Status.DONE:
        message = build.error
    elif build.status == ReportBuild.Status.FAILED:
        message = _("Rapporten kunde inte byggas: %(error)s") % {"error": build.error}
    else:
        message = _("Bygget avbröts.")
    return announce(response, message, focus="#build-result")


def _readable(build: ReportBuild) -> bool:
    """Finished, or being fastställd (the draft it was stays readable until then)."""
    return build.status == ReportBuild.Status.DONE or build.finalising


def _file_response(build: ReportBuild, *, extension: str = "pdf") -> FileResponse:
    if not build.file or not _readable(build):
        raise Http404("No file yet")
    response = FileResponse(
        storage.open_file(build.file),
        as_attachment=False,
        filename=build.filename(extension),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        "private, no-store" if not build.is_final else "public, max-age=3600"
    )
    return response


@login_required
@require_GET
def build_pdf(request: HttpRequest, slug: str, year: int, pk: int) -> FileResponse:
    return _file_response(_build(request, slug, year, pk))


def html_context(request, build: ReportBuild) -> dict:
    if not build.content_file or not _readable(build):
        raise Http404("No content yet")
    return {
        **_context(request, build),
        "content_html": storage.read(build.content_file).decode(),
        "final": build.is_final,
        "version_date": _version_date(build),
    }


def _version_date(build: ReportBuild):
    from ..rendering import version_date

    return version_date(build, final=build.is_final)


@login_required
@require_GET
def build_html(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    build = _build(request, slug, year, pk)
    return render(request, "reports/build_html.html", html_context(request, build))


def _act(request, build: ReportBuild, action, success: str) -> HttpResponse:
    try:
        action(build=build, user=request.user)
    except services.BuildError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(build.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def build_finalise(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    build = _build(request, slug, year, pk, manage=True)
    if request.method == "GET":
        return render(request, "reports/build_finalise.html", _context(request, build))
    return _act(
        request, build, services.build_finalise,
        _("Version %(number)s fastställs: den sätts om med status ”Fastställd” och publiceras "
          "när den är klar.") % {"number": build.number},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def build_delete(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    build = _build(request, slug, year, pk, manage=True)
    if request.method == "GET":
        return render(request, "reports/build_delete.html", _context(request, build))
    report = build.report
    try:
        services.build_delete(build=build, user=request.user)
    except services.BuildError as error:
        messages.error(request, str(error))
        return redirect(build.get_absolute_url())
    messages.success(request, _("Version %(number)s är borttagen.") % {"number": build.number})
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def build_cancel(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    build = _build(request, slug, year, pk, manage=True)
    return _act(request, build, services.build_cancel, _("Bygget är avbrutet."))


@login_required
@require_POST
def build_retry(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    build = _build(request, slug, year, pk, manage=True)
    return _act(request, build, services.build_retry, _("Versionen byggs igen."))
