"""A regional council's follow-up of the national recommendations, edited in place."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from activities import selectors as activity_selectors
from councils.forms import add_service_errors
from vkr_portal.responses import announce
from workgroups import selectors as workgroup_selectors

from .. import access, selectors, services
from ..forms.follow_ups import FollowUpForm
from ..models import FollowUp

STALE = _(
    "Inte sparat: någon annan hann ändra uppföljningen medan du skrev. Det som är sparat nu "
    "visas nedan, och din text finns kvar i formuläret: spara igen för att ersätta det sparade."
)


def _publication(request, publications):
    wanted = request.GET.get("rapport", "")
    chosen = next((p for p in publications if str(p.pk) == wanted), None)
    return chosen or (publications[0] if publications else None)


@login_required
@require_GET
def council_follow_ups(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    publications = list(selectors.publications_concerning())
    publication = _publication(request, publications)
    ctx = {
        "council": council,
        "publications": publications,
        "publication": publication,
        "groups": selectors.council_overview(council, publication) if publication else [],
        "can_edit": access.can_follow_up(request.user, council),
        "can_send_rounds": access.can_send_rounds(request.user, council),
    }
    return render(request, "recommendations/council.html", ctx)


def _target(recommendation, organisation) -> str:
    """The id of the element that shows one follow-up on the council's page."""
    return f"fu-{recommendation.pk}-{organisation.pk if organisation else 'own'}"


def _form(council, data, follow_up, recommendation, organisation, **kwargs):
    return FollowUpForm(
        data,
        instance=follow_up or FollowUp(),
        activities=activity_selectors.council_activities(council),
        workgroups=workgroup_selectors.council_workgroups(council),
        prefix_id=_target(recommendation, organisation),
        **kwargs,
    )


def _cell(request, council, recommendation, organisation, follow_up, message="", status=200):
    ctx = {
        "council": council,
        "recommendation": recommendation,
        "organisation": organisation,
        "follow_up": follow_up,
        "target": _target(recommendation, organisation),
        "can_edit": True,
    }
    response = render(request, "recommendations/_follow_up_cell.html", ctx, status=status)
    return announce(response, message, f"#{ctx['target']} [data-focus-key=edit]")


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(
    request: HttpRequest, slug: str, rec_pk: int, org_pk: int | None = None
) -> HttpResponse:
    council, recommendation, organisation = access.follow_up_place(
        request.user, slug, rec_pk, org_pk
    )
    follow_up = selectors.follow_up_of(recommendation, council, organisation)
    if request.GET.get("visa") and request.htmx:
        # "Avbryt": the follow-up as shown on the page.
        return _cell(request, council, recommendation, organisation, follow_up)
    initial = {"version": follow_up.version if follow_up else 0}
    form = _form(council, request.POST or None, follow_up, recommendation, organisation,
                 initial=initial)  # fmt: skip
    ctx = {
        "council": council,
        "recommendation": recommendation,
        "organisation": organisation,
        "follow_up": follow_up,
        "form": form,
        "target": _target(recommendation, organisation),
    }
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.follow_up_save(
                    recommendation=recommendation,
                    council=council,
                    organisation=organisation,
                    version=form.cleaned_data["version"] or 0,
                    user=request.user,
                    activities=form.cleaned_data["activities"],
                    workgroups=form.cleaned_data["workgroups"],
                    **form.follow_up_fields(),
                )
            except services.FollowUpConflict as conflict:
                form.add_error(None, STALE)
                form.data = form.data.copy()
                form.data["version"] = conflict.current.version
                ctx["stale"] = conflict.current
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                message = _("Uppföljningen är sparad.")
                if request.htmx:
                    return _cell(request, council, recommendation, organisation, saved, message)
                messages.success(request, message)
                url = reverse("recommendations:council", kwargs={"slug": council.slug})
                publication = recommendation.area.publication_id
                return redirect(f"{url}?rapport={publication}#{ctx['target']}")
    template = (
        "recommendations/_follow_up_form.html"
        if request.htmx
        else "recommendations/follow_up_form.html"
    )
    response = render(request, template, ctx, status=status)
    if request.htmx:
        return announce(response, "", f"#{ctx['target']}-status_0")
    return response


@login_required
@require_GET
def follow_up_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access.council_for_reading(request.user, slug)
    follow_up = access.follow_up_in_council(council, pk)
    ctx = {
        "council": council,
        "follow_up": follow_up,
        "recommendation": follow_up.recommendation,
        "history": selectors.follow_up_history(follow_up),
        "activities": list(follow_up.activities.select_related("plan")),
        "workgroups": list(follow_up.workgroups.select_related("council")),
        "can_edit": access.can_follow_up(request.user, council),
    }
    return render(request, "recommendations/follow_up_detail.html", ctx)
