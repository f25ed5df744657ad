"""The published annual reports: final versions, for anyone, without login."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import access, selectors, storage
from ..rendering import version_date
from .builds import _file_response


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/public_list.html", {"published": selectors.published_builds()})


@require_GET
def public_council(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.public_council(slug)
    published = selectors.published_builds(council)
    ctx = {"council": council, "builds": published[0].builds if published else []}
    return render(request, "reports/public_council.html", ctx)


@require_GET
def public_pdf(request: HttpRequest, slug: str, year: int, number: int) -> FileResponse:
    return _file_response(access.public_build(slug, access.report_year(year), number))


@require_GET
def public_html(request: HttpRequest, slug: str, year: int, number: int) -> HttpResponse:
    build = access.public_build(slug, access.report_year(year), number)
    ctx = {
        "council": build.report.council,
        "report": build.report,
        "year": build.report.year,
        "build": build,
        "public": True,
        "content_html": storage.read(build.content_file).decode(),
        "final": True,
        "version_date": version_date(build, final=True),
    }
    return render(request, "reports/build_html.html", ctx)
