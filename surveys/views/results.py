"""Results of a survey: the page with charts and tables, its export, and the import of
responses gathered outside the portal. Every view asks `access` first."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vkr_portal.fileformats import RowError, error_lines, quoted

from .. import access, selectors, services, spreadsheets
from ..forms import ResponsesImportForm, ResultFilterForm
from ..services.responses import ResponsesImported, ResponsesIncomplete

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
        "show_who_answered": access.can_see_who_answered(request.user, survey),
        "min_respondents": selectors.MIN_RESPONDENTS,
    }
    return render(request, "surveys/results.html", ctx)


@login_required
@require_GET
def export(request: HttpRequest, slug: str, pk: int, fmt: str) -> HttpResponse:
    survey = access.survey_for_results(request.user, slug, pk)
    if fmt not in ("xlsx", "csv"):
        raise Http404("No such export format")
    filters = ResultFilterForm(request.GET or None, survey=survey).filters()
    # The CSV of a survey with named results is its responses, row by row: no results needed.
    needs_results = fmt == "xlsx" or survey.results_anonymous
    results = selectors.survey_results(survey, filters) if needs_results else None
    if getattr(results, "too_few", False):
        # Anonymous results narrowed to one or two respondents would tell who answered what.
        messages.error(
            request,
            _(
                "För få svar för att exportera urvalet: resultaten är anonyma, och inget urval "
                "med färre än %(n)s svarande visas."
            )
            % {"n": selectors.MIN_RESPONDENTS},
        )
        url = reverse("surveys:results", kwargs={"slug": slug, "pk": pk})
        return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)
    if fmt == "xlsx":
        rate = selectors.survey_response_rate(survey)
        content = spreadsheets.results_to_xlsx(survey, results, rate)
        response = HttpResponse(content, content_type=XLSX_TYPE)
    else:
        response = HttpResponse(
            spreadsheets.results_to_csv(survey, filters, results),
            content_type="text/csv; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="enkat-{survey.pk}-resultat.{fmt}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def responses_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    form = ResponsesImportForm(request.POST or None, request.FILES or None)
    file_errors, more_errors, incomplete = [], 0, []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rows = spreadsheets.responses_file_parse(survey=survey, uploaded_file=data["file"])
            imported = services.responses_import(
                survey=survey, rows=rows, by=request.user,
                allow_incomplete=data["import_incomplete"],
            )  # fmt: skip
        except spreadsheets.ResponsesFileError as error:
            file_errors, more_errors = error.errors, error.more
        except ResponsesIncomplete as warning:
            incomplete = warning.rows  # nothing imported: the secretariat chooses
        except ValidationError as error:
            file_errors = [RowError(None, None, m) for m in error_lines(error.messages)]
        else:
            messages.success(request, _imported_message(imported))
            return redirect("surveys:results", slug=slug, pk=pk)
    ctx = {
        "survey": survey,
        "form": form,
        "file_errors": file_errors,
        "more_errors": more_errors,
        "incomplete_count": len(incomplete),
        "incomplete": error_lines([_incomplete_line(*row) for row in incomplete]),
        "columns": [spreadsheets.CODE, spreadsheets.NAME, spreadsheets.ROLE],
        "scales": spreadsheets.scale_hints(survey),
    }
    status = 400 if file_errors or form.errors else 200
    return render(request, "surveys/responses_import.html", ctx, status=status)


def _incomplete_line(line: int, organisation, questions: list) -> str:
    names = ", ".join(f"”{quoted(question.text)}”" for question in questions[:3])
    more = "…" if len(questions) > 3 else ""
    message = ngettext(
        "%(org)s lämnar %(n)s obligatorisk fråga utan svar: %(questions)s",
        "%(org)s lämnar %(n)s obligatoriska frågor utan svar: %(questions)s",
        len(questions),
    ) % {"org": organisation, "n": len(questions), "questions": names + more}
    return str(RowError(line, None, message))


def _imported_message(imported: ResponsesImported) -> str:
    """How many were imported, and what else the import did: drafts it replaced, required
    questions left blank."""
    parts = [_("%(count)s svar är importerade.") % {"count": imported.count}]
    if imported.drafts_replaced:
        parts.append(
            ngettext(
                "Ett påbörjat utkast ersattes av filens rad: %(names)s.",
                "%(n)s påbörjade utkast ersattes av filens rader: %(names)s.",
                len(imported.drafts_replaced),
            )
            % {"n": len(imported.drafts_replaced), "names": _names(imported.drafts_replaced)}
        )
    if imported.incomplete:
        parts.append(
            ngettext(
                "%(n)s av svaren saknar svar på obligatoriska frågor.",
                "%(n)s av svaren saknar svar på obligatoriska frågor.",
                imported.incomplete,
            )
            % {"n": imported.incomplete}
        )
    return " ".join(parts)


def _names(names: list[str], shown: int = 10) -> str:
    return ", ".join(names[:shown]) + (", …" if len(names) > shown else "")
