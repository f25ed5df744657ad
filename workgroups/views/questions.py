"""The council's inbox of questions from its workgroups, and answering them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from councils.forms import add_service_errors

from .. import access, selectors, services
from ..forms.reports import AnswerForm
from ..models import Question
from ._common import refuse_stale


@login_required
@require_GET
def question_inbox(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_answering(request.user, slug)
    status = request.GET.get("status", "")
    if status not in Question.Status.values:
        status = ""
    questions = selectors.question_inbox(council, status)
    page = Paginator(questions, 50).get_page(request.GET.get("sida"))
    ctx = {
        "council": council,
        "page": page,
        "status": status,
        "statuses": Question.Status.choices,
    }
    return render(request, "workgroups/question_inbox.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def question_answer(request: HttpRequest, slug: str, question_pk: int) -> HttpResponse:
    question = access.question_for_answering(request.user, slug, question_pk)
    form = AnswerForm(
        request.POST or None, instance=question, initial={"version": question.version}
    )
    report = question.report
    ctx = {
        "council": report.workgroup.council,
        "group": report.workgroup,
        "report": report,
        "question": question,
        "form": form,
    }
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.question_answer(
                    question=question,
                    version=form.cleaned_data["version"],
                    status=form.cleaned_data["status"],
                    answer=form.cleaned_data["answer"],
                    user=request.user,
                )
            except services.StaleVersion as stale:
                refuse_stale(form, stale)
                ctx["stale"] = stale.current
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if saved.status == Question.Status.ANSWERED:
                    message = _("Svaret är sparat. Gruppens sammankallande får det med e-post.")
                else:
                    message = _("Frågans status är sparad.")
                messages.success(request, message)
                return redirect(reverse("workgroups:questions", kwargs={"slug": slug}))
    return render(request, "workgroups/question_answer.html", ctx, status=status)
