"""The national council's pages: its reports, a report with its recommendations, publishing
them (the national secretariat), and the matrix of their follow-up across Sweden."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted
from vkr_portal.responses import already_submitted

from .. import access, spreadsheets
from ..forms.national import (
    AreaCreateForm,
    MatrixFilterForm,
    PublicationCreateForm,
    PublicationForm,
    RecommendationCreateForm,
    RecommendationForm,
)
from ..models import FollowUp
from ..selectors import matrix as matrix_selectors
from ..selectors import national as selectors
from ..services import publishing

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _status(form) -> int:
    return 400 if form.is_bound else 200


@login_required
@require_GET
def publication_list(request: HttpRequest) -> HttpResponse:
    access.require_reader(request.user)
    ctx = {
        "publications": selectors.publication_list(),
        "can_publish": access.can_publish(request.user),
    }
    return render(request, "recommendations/publication_list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def publication_create(request: HttpRequest) -> HttpResponse:
    access.require_publisher(request.user)
    form = PublicationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publication = publishing.publication_create(
                idempotency_key=form.cleaned_data["idempotency_key"],
                user=request.user,
                **form.publication_fields(),
            )
        except AlreadySubmitted as sent:
            return already_submitted(
                request, sent, fallback=reverse("recommendations:publications")
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rapporten är skapad. Lägg till dess områden."))
            return redirect(publication)
    ctx = {"form": form, "publication": None}
    return render(request, "recommendations/publication_form.html", ctx, status=_status(form))


@login_required
@require_GET
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access.publication_for_reading(request.user, pk)
    ctx = {
        "publication": publication,
        "areas": selectors.publication_areas(publication),
        "can_publish": access.can_publish(request.user),
    }
    return render(request, "recommendations/publication_detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def publication_edit(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access.publication_for_publishing(request.user, pk)
    form = PublicationForm(request.POST or None, instance=publication)
    if request.method == "POST" and form.is_valid():
        try:
            publishing.publication_update(publication=publication, **form.publication_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rapportens uppgifter är sparade."))
            return redirect(publication)
    ctx = {"form": form, "publication": publication}
    return render(request, "recommendations/publication_form.html", ctx, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def area_create(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access.publication_for_publishing(request.user, pk)
    initial = {"position": selectors.next_area_position(publication)}
    form = AreaCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            area = publishing.area_add(
                publication=publication,
                idempotency_key=form.cleaned_data["idempotency_key"],
                user=request.user,
                **form.area_fields(),
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=publication.get_absolute_url())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Området är tillagt."))
            return redirect(f"{publication.get_absolute_url()}#omrade-{area.pk}")
    ctx = {"form": form, "publication": publication}
    return render(request, "recommendations/area_form.html", ctx, status=_status(form))


def _recommendation_choices(publication) -> dict:
    return {"areas": selectors.area_choices(publication), "actors": selectors.actor_choices()}


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access.publication_for_publishing(request.user, pk)
    initial = {"area": request.GET.get("omrade")} if request.method == "GET" else None
    form = RecommendationCreateForm(
        request.POST or None, initial=initial, **_recommendation_choices(publication)
    )
    if request.method == "POST" and form.is_valid():
        try:
            recommendation = publishing.recommendation_add(
                publication=publication,
                addressees=form.cleaned_data["addressees"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                user=request.user,
                **form.recommendation_fields(),
            )
        except AlreadySubmitted as sent:
            return already_submitted(request, sent, fallback=publication.get_absolute_url())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rekommendationen är tillagd."))
            anchor = f"#rekommendation-{recommendation.pk}"
            return redirect(publication.get_absolute_url() + anchor)
    ctx = {"form": form, "publication": publication, "recommendation": None}
    return render(request, "recommendations/recommendation_form.html", ctx, status=_status(form))


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, pk: int, rec_pk: int) -> HttpResponse:
    publication = access.publication_for_publishing(request.user, pk)
    recommendation = access.recommendation_in(publication, rec_pk)
    form = RecommendationForm(
        request.POST or None, instance=recommendation, **_recommendation_choices(publication)
    )
    if request.method == "POST" and form.is_valid():
        try:
            publishing.recommendation_update(
                recommendation=recommendation,
                addressees=form.cleaned_data["addressees"],
                **form.recommendation_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rekommendationen är sparad."))
            return redirect(f"{publication.get_absolute_url()}#rekommendation-{recommendation.pk}")
    ctx = {"form": form, "publication": publication, "recommendation": recommendation}
    return render(request, "recommendations/recommendation_form.html", ctx, status=_status(form))


def _matrix_filters(request: HttpRequest, publication, *, warn: bool = True):
    form = MatrixFilterForm(
        request.GET or None,
        areas=selectors.area_choices(publication),
        actors=selectors.actor_choices(),
    )
    filters = form.filters()
    if form.ignored and warn:
        messages.warning(
            request, _("Ett filter hade ett okänt värde och användes inte; övriga filter gäller.")
        )
    return form, filters


@login_required
@require_GET
def matrix(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access.publication_for_reading(request.user, pk)
    form, filters = _matrix_filters(request, publication)
    ctx = {
        "publication": publication,
        "filter_form": form,
        "matrix": matrix_selectors.publication_matrix(publication, filters),
        "statuses": FollowUp.Status.choices,
        "query": form.query_string(),
    }
    return render(request, "recommendations/matrix.html", ctx)


@login_required
@require_GET
def matrix_export(request: HttpRequest, pk: int) -> HttpResponse:
    publication = access.publication_for_reading(request.user, pk)
    _form, filters = _matrix_filters(request, publication, warn=False)
    data = matrix_selectors.publication_matrix(publication, filters)
    response = HttpResponse(spreadsheets.matrix_to_xlsx(data), content_type=XLSX)
    filename = spreadsheets.export_filename(publication)  # a slug: ASCII letters, digits and -
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
