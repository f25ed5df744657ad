"""The secretariat builds a survey: its settings, sections and questions, a copy for the next
round, and a preview as each kind of respondent sees it. Every view asks `access` first.

Once a survey has responses only the wording of its questions may change; the services refuse
the rest and the views show why.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted

from .. import access, selectors, services
from ..forms import (
    MoveForm,
    PreviewForm,
    QuestionAddForm,
    QuestionForm,
    SectionForm,
    SurveyCopyForm,
    SurveyCreateForm,
    SurveyForm,
)
from ..models import Audience, Question, Survey

SURVEY_FIELDS = ("title", "intro", "audience", "opens_at", "closes_at", "results_anonymous")


def _sent_before(request: HttpRequest, error: AlreadySubmitted, fallback: str) -> HttpResponse:
    """The same form came again: show what the first one created, not a second copy."""
    messages.info(
        request,
        _("Formuläret var redan skickat, så inget nytt har skapats. Här är det som skapades."),
    )
    return redirect(error.result_url or fallback)


@login_required
@require_GET
def survey_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    can_manage = access.can_manage(request.user, council)
    ctx = {
        "council": council,
        "surveys": selectors.surveys_of_council(council, drafts=can_manage),
        "can_manage": can_manage,
        "can_read_results": access.can_read_results(request.user, council),
    }
    return render(request, "surveys/survey_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    form = SurveyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in SURVEY_FIELDS}
        once = {"idempotency_key": data["idempotency_key"], "by": request.user}
        try:
            if data["start_from"]:
                survey = services.survey_create_from_builtin(
                    council=council, key=data["start_from"], **fields, **once
                )
            else:
                survey = services.survey_create(council=council, **fields, **once)
        except AlreadySubmitted as error:
            return _sent_before(request, error, reverse("surveys:list", args=[council.slug]))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Enkäten ”%(title)s” är skapad som utkast.") % {"title": survey.title}
            )
            return redirect("surveys:builder", slug=council.slug, pk=survey.pk)
    ctx = {"council": council, "form": form, "survey": None}
    return render(request, "surveys/survey_form.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    initial = {name: getattr(survey, name) for name in (*SURVEY_FIELDS, "status")}
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Enkätens inställningar är sparade."))
            return redirect(survey)
    ctx = {"council": survey.council, "form": form, "survey": survey}
    return render(request, "surveys/survey_form.html", ctx)


@login_required
@require_POST
def survey_copy(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    form = SurveyCopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["idempotency_key"]))
        return _to_builder(survey)
    try:
        copy = services.survey_copy(
            survey=survey, idempotency_key=form.cleaned_data["idempotency_key"], by=request.user
        )
    except AlreadySubmitted as error:
        return _sent_before(request, error, reverse("surveys:list", args=[survey.council.slug]))
    messages.success(
        request,
        _("En ny omgång ”%(title)s” är skapad som utkast, med samma frågor.")
        % {"title": copy.title},
    )
    return redirect("surveys:builder", slug=survey.council.slug, pk=copy.pk)


@login_required
@require_GET
def builder(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    return render(request, "surveys/builder.html", _builder_context(survey))


def _question_initial(sections: list, section_pk: str | None = None) -> dict:
    """A new question: a scale question on the default scale, last in the given section."""
    scale = selectors.default_scale()
    section = section_pk or (sections[-1].pk if sections else None)
    return {"section": section, "kind": Question.Kind.SCALE, "scale": scale and scale.pk}


def _builder_context(survey: Survey, **forms) -> dict:
    sections = selectors.survey_sections(survey)
    labels = dict(Audience.choices)
    ctx = {
        "survey": survey,
        "council": survey.council,
        "sections": sections,
        "locked": services.survey_has_responses(survey),
        "audience_labels": [str(labels.get(kind, kind)) for kind in survey.audience],
        "section_form": SectionForm(),
        "question_form": QuestionAddForm(survey=survey, initial=_question_initial(sections)),
        "copy_form": SurveyCopyForm(),
    }
    ctx.update(forms)
    return ctx


def _builder_url(survey: Survey, anchor: str = "") -> str:
    url = reverse("surveys:builder", kwargs={"slug": survey.council.slug, "pk": survey.pk})
    return f"{url}#{anchor}" if anchor else url


def _to_builder(survey: Survey, anchor: str = "") -> HttpResponse:
    return redirect(_builder_url(survey, anchor))


@login_required
@require_POST
def section_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    form = SectionForm(request.POST)
    if form.is_valid():
        try:
            services.survey_structure_check(survey=survey)
            section = services.section_add(survey=survey, by=request.user, **form.cleaned_data)
        except AlreadySubmitted as error:
            return _sent_before(request, error, _builder_url(survey))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Avsnittet ”%(title)s” är tillagt.") % {"title": section.title}
            )
            return _to_builder(survey, f"section-{section.pk}")
    return render(request, "surveys/builder.html", _builder_context(survey, section_form=form))


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    sections = list(survey.sections.order_by("order", "pk"))
    initial = _question_initial(sections, request.GET.get("avsnitt"))
    form = QuestionAddForm(request.POST or None, survey=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_structure_check(survey=survey)
            question = services.question_add(by=request.user, **form.cleaned_data)
        except AlreadySubmitted as error:
            return _sent_before(request, error, _builder_url(survey))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Frågan är tillagd."))
            return _to_builder(survey, f"question-{question.pk}")
    ctx = {
        "survey": survey,
        "council": survey.council,
        "form": form,
        "question": None,
        "has_sections": bool(sections),
        "locked": services.survey_has_responses(survey),
    }
    return render(request, "surveys/question_form.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, pk: int, question_pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    question = access.question_of(survey, question_pk)
    locked = services.survey_has_responses(survey)
    form = QuestionForm(
        request.POST or None,
        survey=survey,
        wording_only=locked,
        initial=QuestionForm.initial_for(question),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_update(question=question, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Frågan är sparad."))
            return _to_builder(survey, f"question-{question.pk}")
    ctx = {
        "survey": survey,
        "council": survey.council,
        "form": form,
        "question": question,
        "has_sections": True,
        "locked": locked,
    }
    return render(request, "surveys/question_form.html", ctx)


@login_required
@require_POST
def question_move(request: HttpRequest, slug: str, pk: int, question_pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    question = access.question_of(survey, question_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ogiltig riktning: inget har flyttats."))
        return _to_builder(survey, f"question-{question.pk}")
    try:
        services.question_move(
            question=question,
            direction=form.cleaned_data["direction"],
            expected_order=form.cleaned_data["order"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Frågan är flyttad."))
    return _to_builder(survey, f"question-{question.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, slug: str, pk: int, question_pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    question = access.question_of(survey, question_pk)
    refusal = ""
    if request.method == "POST":
        try:
            services.question_delete(question=question)
        except ValidationError as error:
            refusal = " ".join(error.messages)
        else:
            messages.success(
                request, _("Frågan ”%(text)s” är borttagen.") % {"text": question.text}
            )
            return _to_builder(survey, f"section-{question.section_id}")
    ctx = {
        "survey": survey,
        "council": survey.council,
        "question": question,
        "locked": services.survey_has_responses(survey),
        "refusal": refusal,
    }
    return render(request, "surveys/question_delete.html", ctx, status=409 if refusal else 200)


@login_required
@require_GET
def preview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    form = PreviewForm(request.GET)
    if form.is_valid():
        kind = form.cleaned_data["som"]
    else:
        kind = survey.audience[0] if survey.audience else Audience.MUNICIPALITIES.value
        form = PreviewForm(initial={"som": kind})
    sections, hidden = selectors.survey_sections_for(survey, kind)
    ctx = {
        "survey": survey,
        "council": survey.council,
        "form": form,
        "kind": kind,
        "kind_label": dict(Audience.choices)[kind],
        "sections": sections,
        "hidden": hidden,
        "outside_audience": bool(survey.audience) and kind not in survey.audience,
    }
    return render(request, "surveys/preview.html", ctx)
