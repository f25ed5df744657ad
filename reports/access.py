"""Who may see and do what with annual reports: the one place the app decides.

- Final (fastställda) versions are public records: anyone reads them, without login.
- Drafts and builds: the council's own members and the national council (and admins).
- The council's secretariat (and admins) writes the texts, builds, fastställer and deletes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from councils import access as council_access
from councils.models import Council

from .models import AnnualReport, ReportBuild


def can_read_drafts(user, council: Council) -> bool:
    return council_access.can_edit_council(user, council) or council_access.is_national_member(user)


def can_manage(user, council: Council) -> bool:
    return council_access.can_manage_council(user, council)


def _council_or_404(slug: str) -> Council:
    council = Council.objects.select_related("healthcare_region").filter(slug=slug).first()
    if council is None:
        raise Http404("No such council")
    return council


def council_for_reading(user, slug: str) -> Council:
    """The council whose reports (drafts too) the user reads: 403 for anyone else."""
    if not user.is_authenticated:
        raise PermissionDenied
    council = _council_or_404(slug)
    if not can_read_drafts(user, council):
        raise PermissionDenied
    return council


def council_for_managing(user, slug: str) -> Council:
    council = council_for_reading(user, slug)
    if not can_manage(user, council):
        raise PermissionDenied
    return council


def public_council(slug: str) -> Council:
    return _council_or_404(slug)


def report_year(year: int) -> int:
    from vkr_portal import bounds

    if not bounds.YEAR_MIN <= year <= bounds.YEAR_MAX:
        raise Http404("No such year")
    return year


def report_of(council: Council, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(council=council, year=report_year(year)).first()


def build_of(council: Council, year: int, pk: int) -> ReportBuild:
    """A build of the council's report of the year (404 for a forged or foreign id)."""
    build = (
        ReportBuild.objects.select_related("report__council", "requested_by", "finalised_by")
        .filter(pk=pk, report__council=council, report__year=year)
        .first()
    )
    if build is None:
        raise Http404("No such build")
    return build


def public_build(slug: str, year: int, number: int) -> ReportBuild:
    """A final version, for anyone; drafts are 404 here whoever asks."""
    build = (
        ReportBuild.objects.select_related("report__council", "replaced_by")
        .filter(
            report__council__slug=slug,
            report__year=year,
            number=number,
            finalised_at__isnull=False,
        )  # fmt: skip
        .exclude(file="")
        .first()
    )
    if build is None:
        raise Http404("No such published report")
    return build
