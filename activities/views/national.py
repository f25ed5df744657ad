"""The national council's pages: the roll-up of all plans, the six plans side by side, and the
inbox of raised activities with the answer page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from councils.forms import add_service_errors

from .. import access, selectors, services
from ..forms import AnswerForm
from ..models import Activity, NationalRaise
from ..national_forms import ComparisonFilterForm, InboxFilterForm, chosen_year


def _year(request: HttpRequest) -> int:
    """?ar= when given, else the newest year every regional council has a plan for."""
    value = request.GET.get("ar")
    default = selectors.national_default_year()
    return chosen_year(value, default) if value else default


@login_required
@require_GET
def rollup(request: HttpRequest) -> HttpResponse:
    access.require_reader(request.user)
    year = _year(request)
    councils, table = selectors.national_rollup(year)
    plans = selectors.national_plans(year)
    ctx = {
        "year": year,
        "years": selectors.national_rollup_years(including=year),
        "councils": councils,
        "headers": [(council, plans.get(council.pk)) for council in councils],
        "table": table,
        "priorities": Activity.Priority.choices,
        "progresses": Activity.Progress.choices,
    }
    return render(request, "activities/rollup.html", ctx)


def comparison_for(request: HttpRequest) -> tuple[selectors.Comparison, ComparisonFilterForm]:
    """The comparison the query asks for (the page and its XLSX show the same)."""
    access.require_reader(request.user)
    form = ComparisonFilterForm(request.GET or None)
    comparison = selectors.national_comparison(_year(request), form.filters())
    form.list_focus_areas(comparison.focus_areas)
    return comparison, form


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    comparison, form = comparison_for(request)
    query = request.GET.copy()
    query["ar"] = comparison.year
    ctx = {
        "comparison": comparison,
        "year": comparison.year,
        "years": selectors.national_rollup_years(including=comparison.year),
        "form": form,
        "filtered": any(form.filters().__dict__.values()),
        "query": query.urlencode(),
    }
    return render(request, "activities/compare.html", ctx)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    access.require_national(request.user)
    form = InboxFilterForm(request.GET or None, councils=selectors.regional_councils())
    status, council = form.chosen()
    ctx = {
        "raises": selectors.national_inbox(status, council=council),
        "form": form,
        "filtered": bool(status or council),
        "statuses": NationalRaise.Status.choices,
    }
    return render(request, "activities/inbox.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def raise_answer(request: HttpRequest, pk: int) -> HttpResponse:
    raised = access.raise_for_answering(request.user, pk)
    initial = {
        "status": raised.status
        if raised.status != raised.Status.RAISED
        else raised.Status.RECEIVED,
        "answer": raised.answer,
    }
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.national_raise_answer(raised=raised, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Svaret är sparat och syns för det regionala rådet."))
            return redirect("activities:inbox")
    return render(request, "activities/raise_answer.html", {"raised": raised, "form": form})
