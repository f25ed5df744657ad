"""Files: a plan as XLSX, CSV or PDF, and the six plans side by side as XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .. import access
from .national import comparison_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(content, content_type: str, filename: str, *, inline=False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@login_required
@require_GET
def plan_export(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse:
    from .. import printing, spreadsheets

    plan = access.plan_for_reading(request.user, slug, year)
    name = f"aktivitetsplan-{plan.council.slug}-{plan.year}.{fmt}"
    if fmt == "pdf":
        return _attachment(printing.plan_pdf(plan), "application/pdf", name, inline=True)
    if fmt == "xlsx":
        return _attachment(spreadsheets.plan_to_xlsx(plan), XLSX, name)
    return _attachment(spreadsheets.plan_to_csv(plan), "text/csv; charset=utf-8", name)


@login_required
@require_GET
def compare_export(request: HttpRequest) -> HttpResponse:
    from .. import spreadsheets

    comparison, _form = comparison_for(request)
    name = f"aktivitetsplaner-{comparison.year}.xlsx"
    return _attachment(spreadsheets.comparison_to_xlsx(comparison), XLSX, name)
