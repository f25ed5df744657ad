"""A group as an Excel workbook: goals, meetings, reports and questions to the council."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .. import access, spreadsheets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def group_export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_reading(request.user, slug, pk)
    response = HttpResponse(spreadsheets.group_to_xlsx(group), content_type=XLSX)
    filename = spreadsheets.export_filename(group)  # a slug: ASCII letters, digits and -
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
