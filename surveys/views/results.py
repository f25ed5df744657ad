"""Results of a survey: the page with charts and tables, its export, and the import of
responses gathered outside the portal. Every view asks `access` first."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, selectors, services, spreadsheets
from ..forms import ResponsesImportForm, ResultFilterForm

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_results(request.user, slug, pk)
    filter_form = ResultFilterForm(request.GET or None, survey=survey)
    filters = filter_form.filters()
    ctx = {
        "survey": survey,
        "results": selectors.survey_results(survey, filters),
        "rate": selectors.survey_response_rate(survey),
        "filter_form": filter_form,
        "filtered": filters.active,
        "query": request.GET.urlencode() if filters.active else "",
        "can_manage": access.can_manage(request.user, survey.council),
    }
    return render(request, "surveys/results.html", ctx)


@login_required
@require_GET
def export(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    survey = access.survey_for_results(request.user, slug, pk)
    if fmt not in ("xlsx", "csv"):
        raise Http404("No such export format")
    filters = ResultFilterForm(request.GET or None, survey=survey).filters()
    if fmt == "xlsx":
        content = spreadsheets.results_to_xlsx(
            survey,
            selectors.survey_results(survey, filters),
            selectors.survey_response_rate(survey),
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
    else:
        response = HttpResponse(
            spreadsheets.results_to_csv(survey, filters), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="enkat-{survey.pk}-resultat.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def responses_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    form = ResponsesImportForm(request.POST or None, request.FILES or None)
    file_errors: list = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = spreadsheets.responses_file_parse(
                survey=survey, uploaded_file=form.cleaned_data["file"]
            )
            count = services.responses_import(survey=survey, rows=rows, by=request.user)
        except spreadsheets.ResponsesFileError as error:
            file_errors = error.errors
        except ValidationError as error:
            file_errors = [spreadsheets.RowError(None, None, m) for m in error.messages]
        else:
            messages.success(request, _("%(count)s svar är importerade.") % {"count": count})
            return redirect("surveys:results", slug=slug, pk=pk)
    ctx = {
        "survey": survey,
        "form": form,
        "file_errors": file_errors,
        "columns": [spreadsheets.CODE, spreadsheets.NAME, spreadsheets.ROLE],
    }
    status = 400 if file_errors or form.errors else 200
    return render(request, "surveys/responses_import.html", ctx, status=status)
