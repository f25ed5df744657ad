"""The council's annual reports: the years, a year's report with its versions, the texts and
the contents, and asking for a build."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councils.forms import add_service_errors
from vkr_portal.responses import refuse_stale

from .. import access, selectors, services, text
from .. import sections as report_sections
from ..forms import BuildForm, OptionsForm, TextsForm
from ..models import AnnualReport


def _report_or_unsaved(council, year: int) -> AnnualReport:
    return access.report_of(council, year) or AnnualReport(council=council, year=year)


@login_required
@require_GET
def report_list(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    ctx = {
        "council": council,
        "years": selectors.council_report_years(council),
        "can_manage": access.can_manage(request.user, council),
    }
    return render(request, "reports/report_list.html", ctx)


def _report_context(request, council, report: AnnualReport, build_form=None) -> dict:
    saved = report.pk is not None
    chosen = report_sections.normalized(report.sections)
    return {
        "council": council,
        "report": report,
        "year": report.year,
        "builds": list(selectors.report_builds(report)) if saved else [],
        "sections": [(key, report_sections.label(key)) for key in chosen],
        "left_out": [label for key, label in report_sections.SECTIONS if key not in chosen],
        "surveys": selectors.report_surveys(report),
        "texts": [(key, report_sections.label(key), text.blocks(report.text_of(key)))
                  for key in report_sections.TEXT_SECTIONS],
        "can_manage": access.can_manage(request.user, council),
        "build_form": build_form or BuildForm(),
        "has_final": saved and selectors.report_has_final(report),
    }  # fmt: skip


@login_required
@require_GET
def report_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    report = _report_or_unsaved(council, access.report_year(year))
    return render(request, "reports/report_detail.html", _report_context(request, council, report))


@login_required
@require_POST
def build_request(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    form = BuildForm(request.POST)
    report = services.report_for(council=council, year=access.report_year(year))
    if form.is_valid():
        try:
            build, joined = services.build_request(
                report=report, user=request.user, reason=form.cleaned_data["reason"]
            )
        except services.BuildError as error:
            form.add_error("reason", str(error))
        else:
            if joined:
                messages.info(request, _("En likadan version byggs redan: du följer den."))
            else:
                messages.success(
                    request,
                    _("Version %(number)s byggs. Du kan lämna sidan: du får e-post när den är "
                      "klar.") % {"number": build.number},
                )  # fmt: skip
            return redirect(build.get_absolute_url())
    ctx = _report_context(request, council, report, build_form=form)
    return render(request, "reports/report_detail.html", ctx, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def texts_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    report = _report_or_unsaved(council, access.report_year(year))
    form = TextsForm(request.POST or None, instance=report, initial={"version": report.version})
    ctx = {"council": council, "report": report, "year": report.year, "form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            values = {key: form.cleaned_data[key] for key in report_sections.TEXT_SECTIONS}
            if "preview" in request.POST:
                ctx["preview"] = [
                    (report_sections.label(key), text.blocks(values[key]))
                    for key in report_sections.TEXT_SECTIONS
                ]
                status = 200
            else:
                report = services.report_for(council=council, year=report.year)
                try:
                    services.texts_save(
                        report=report, user=request.user,
                        version=form.cleaned_data["version"],
                        **values,
                    )  # fmt: skip
                except services.StaleVersion as stale:
                    refuse_stale(form, stale)
                    ctx["stale"] = stale.current
                    ctx["stale_texts"] = [
                        (report_sections.label(key), stale.current.text_of(key))
                        for key in report_sections.TEXT_SECTIONS
                    ]
                    status = 409
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request, _("Texterna är sparade. De kommer med i nästa version.")
                    )
                    return redirect(report.get_absolute_url())
    return render(request, "reports/texts_form.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def options_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    council = access.council_for_managing(request.user, slug)
    report = _report_or_unsaved(council, access.report_year(year))
    surveys = selectors.report_default_surveys(council)
    chosen = selectors.report_surveys(report)
    form = OptionsForm(
        request.POST or None, report=report, surveys=surveys,
        initial={"version": report.version, "surveys": [s.pk for s in chosen]},
    )  # fmt: skip
    ctx = {"council": council, "report": report, "year": report.year, "form": form}
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            report = services.report_for(council=council, year=report.year)
            try:
                services.options_save(
                    report=report, user=request.user,
                    version=form.cleaned_data["version"],
                    sections=form.cleaned_data["sections"],
                    surveys=form.cleaned_data["survey_objects"],
                )  # fmt: skip
            except services.StaleVersion as stale:
                refuse_stale(form, stale)
                ctx["stale"] = stale.current
                ctx["stale_sections"] = [
                    report_sections.label(key)
                    for key in report_sections.normalized(stale.current.sections)
                ]
                status = 409
            else:
                messages.success(request, _("Innehållet är sparat. Det gäller nästa version."))
                return redirect(report.get_absolute_url())
    return render(request, "reports/options_form.html", ctx, status=status)
