"""The national council's pages: the roll-up of all plans and the inbox of raised activities."""

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
from ..forms import (
    AnswerForm,
)
from ..models import Activity, NationalRaise


@login_required
@require_GET
def rollup(request: HttpRequest) -> HttpResponse:
    access.require_reader(request.user)
    years = selectors.national_rollup_years()
    try:
        year = int(request.GET.get("ar") or (years[0] if years else 0))
    except ValueError:
        year = years[0] if years else 0
    councils, table = selectors.national_rollup(year)
    ctx = {
        "year": year,
        "years": years,
        "councils": councils,
        "table": table,
        "priorities": Activity.Priority.choices,
        "progresses": Activity.Progress.choices,
    }
    return render(request, "activities/rollup.html", ctx)


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    access.require_national(request.user)
    status = request.GET.get("status", "")
    if status not in NationalRaise.Status.values:
        status = ""
    ctx = {
        "raises": selectors.national_inbox(status),
        "status": status,
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
