"""Follow-up rounds: the secretariat makes a report's recommendations to one kind of
organisation into a survey, sends it with the surveys app's own pages, and follows the answers
becoming follow-ups here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from councils.forms import add_service_errors
from idempotency.services import AlreadySubmitted
from vkr_portal.responses import already_submitted

from .. import access
from ..forms.rounds import RoundForm
from ..selectors import rounds as round_selectors
from ..services import rounds as round_services


def _initial(request: HttpRequest, publications) -> dict:
    """The report the council's page asked about (?rapport=<pk>), when it is one of the list."""
    wanted = request.GET.get("rapport", "")
    chosen = next((p for p in publications if str(p.pk) == wanted), None)
    return {"publication": chosen.pk} if chosen else {}


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request: HttpRequest, slug: str) -> HttpResponse:
    council = access.council_for_rounds(request.user, slug)
    publications = round_selectors.round_publications()
    form = RoundForm(
        request.POST or None, initial=_initial(request, publications),
        publications=publications, actors=round_selectors.round_actors(),
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_services.round_create(
                council=council,
                publication=form.cleaned_data["publication"],
                actor=form.cleaned_data["actor"],
                user=request.user,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except AlreadySubmitted as sent:
            fallback = reverse("recommendations:council", kwargs={"slug": council.slug})
            return already_submitted(request, sent, fallback=fallback)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _(
                "Enkäten är skapad som utkast. Öppna den under Inställningar, välj mottagare "
                "och skicka den från enkätens sidor; svaren blir uppföljningar när de skickas in."
            ))  # fmt: skip
            return redirect("recommendations:round", slug=council.slug, pk=round_.pk)
    ctx = {"council": council, "form": form, "rounds": round_selectors.council_rounds(council)}
    status = 400 if form.is_bound else 200
    return render(request, "recommendations/round_form.html", ctx, status=status)


@login_required
@require_GET
def round_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access.council_for_rounds(request.user, slug)
    page = round_selectors.round_page(round_selectors.round_in_council(council, pk))
    ctx = {"council": council, "page": page, "round": page.round, "survey": page.round.survey}
    return render(request, "recommendations/round_detail.html", ctx)


@login_required
@require_POST
def round_apply(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    council = access.council_for_rounds(request.user, slug)
    round_ = round_selectors.round_in_council(council, pk)
    changed = round_services.round_answers_apply(round=round_)
    if changed:
        messages.success(request, ngettext(
            "%(n)s uppföljning är uppdaterad från svaren.",
            "%(n)s uppföljningar är uppdaterade från svaren.", changed,
        ) % {"n": changed})  # fmt: skip
    else:
        messages.info(request, _("Alla inskickade svar finns redan som uppföljningar."))
    return redirect("recommendations:round", slug=council.slug, pk=round_.pk)
