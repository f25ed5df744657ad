"""Status and final reports of a group, and its questions to the council."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted

from .. import access, selectors, services
from ..forms.reports import DRAFT, QuestionForm, ReportCreateForm, ReportForm
from ..models import Report
from ._common import already_submitted, refuse_stale


def _report_context(request, group, report, **extra) -> dict:
    ctx = {
        "council": group.council,
        "group": group,
        "report": report,
        "questions": list(report.questions.select_related("asked_by", "answered_by")),
        "history": selectors.report_history(report),
        "can_edit": access.can_edit_group(request.user, group),
        "can_answer": access.can_answer_questions(request.user, group.council),
    }
    if ctx["can_edit"]:
        ctx["question_form"] = QuestionForm()
    ctx.update(extra)
    return ctx


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    kind = request.GET.get("typ")
    initial = {"kind": kind if kind in Report.Kind.values else Report.Kind.STATUS}
    form = ReportCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        draft = request.POST.get("action") == DRAFT
        try:
            report = services.report_create(
                group=group,
                submit=not draft,
                question=form.cleaned_data["question"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                user=request.user,
                **form.report_fields(),
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=f"{group.get_absolute_url()}#reports")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if draft:
                messages.success(request, _("Rapporten är sparad som utkast."))
            else:
                messages.success(request, _("Rapporten är inlämnad till rådet."))
            return redirect(report)
    ctx = {"council": group.council, "group": group, "form": form, "report": None}
    return render(request, "workgroups/report_form.html", ctx, status=400 if form.is_bound else 200)


@login_required
@require_GET
def report_detail(request: HttpRequest, slug: str, pk: int, report_pk: int) -> HttpResponse:
    group = access.group_for_reading(request.user, slug, pk)
    report = access.report_in_group(group, report_pk)
    return render(request, "workgroups/report_detail.html", _report_context(request, group, report))


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, slug: str, pk: int, report_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    report = access.report_in_group(group, report_pk)
    form = ReportForm(request.POST or None, instance=report, initial={"version": report.version})
    ctx = {"council": group.council, "group": group, "form": form, "report": report}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                report = services.report_update(
                    report=report, version=form.cleaned_data["version"] or 0,
                    **form.report_fields(),
                )  # fmt: skip
            except services.StaleVersion as stale:
                refuse_stale(form, stale)
                ctx["stale"] = stale.current
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Rapporten är sparad."))
                return redirect(report)
    return render(request, "workgroups/report_form.html", ctx, status=status)


@login_required
@require_POST
def report_submit(request: HttpRequest, slug: str, pk: int, report_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    report = access.report_in_group(group, report_pk)
    if report.is_submitted:
        messages.info(request, _("Rapporten var redan inlämnad."))
    else:
        services.report_submit(report=report, user=request.user)
        messages.success(request, _("Rapporten är inlämnad till rådet."))
    return redirect(report)


@login_required
@require_POST
def question_add(request: HttpRequest, slug: str, pk: int, report_pk: int) -> HttpResponse:
    group = access.group_for_editing(request.user, slug, pk)
    report = access.report_in_group(group, report_pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            question = services.question_add(
                report=report,
                text=form.cleaned_data["text"],
                user=request.user,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=report.get_absolute_url())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Frågan är ställd till rådet."))
            return redirect(f"{report.get_absolute_url()}#question-{question.pk}")
    ctx = _report_context(request, group, report, question_form=form)
    return render(request, "workgroups/report_detail.html", ctx, status=400)
