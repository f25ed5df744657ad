"""The respondent's pages: no account, only the invitation link.

The link's token is exchanged for a grant in the session and the browser is sent on to an
address without it, so the token does not linger in history, logs or Referer headers.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from councils.forms import add_service_errors

from .. import access, selectors, services
from ..forms import ResponseForm
from ..models import Response


@never_cache
@require_GET
def link(request: HttpRequest, token: str) -> HttpResponse:
    # The token is looked up first: a valid link works whatever else came from this address.
    invitation = services.invitation_for_token(token)
    if invitation is None:
        if access.link_failure_record(request):
            return render(request, "surveys/respond/link_throttled.html", status=429)
        return render(request, "surveys/respond/link_invalid.html", status=404)
    access.session_invitation_grant(request, invitation)
    return redirect("surveys:respond", invitation_pk=invitation.pk)


def _granted(request: HttpRequest, invitation_pk: int):
    """The invitation, or the page saying the link this browser used no longer works."""
    try:
        return access.invitation_for_respondent(request, invitation_pk), None
    except access.GrantEnded as ended:
        invitation = ended.invitation
        reason = "revoked" if invitation.is_revoked else "replaced"
        ctx = {"invitation": invitation, "survey": invitation.survey, "reason": reason}
        return None, render(request, "surveys/respond/gone.html", ctx, status=410)


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    invitation, ended = _granted(request, invitation_pk)
    if ended:
        return ended
    gone = _gone(request, invitation)
    if gone:
        return gone
    response = selectors.response_of(invitation)
    if response and response.status == Response.Status.SUBMITTED:
        return redirect("surveys:receipt", invitation_pk=invitation.pk)
    form = _form(request, invitation, response)
    if request.method == "POST" and form.is_valid():
        result = _save(request, form, invitation)
        if isinstance(result, HttpResponse):
            return result
    ctx = {
        "invitation": invitation,
        "survey": invitation.survey,
        "form": form,
        "response": response,
    }
    return render(request, "surveys/respond/respond.html", ctx, status=400 if form.errors else 200)


def _form(request, invitation, response) -> ResponseForm:
    initial = selectors.response_initial(response) if response else {}
    return ResponseForm(
        request.POST or None,
        initial=initial,
        survey=invitation.survey,
        organisation_kind=invitation.organisation.kind,
        sections=selectors.survey_sections(invitation.survey),
    )


def _save(request, form: ResponseForm, invitation) -> HttpResponse | None:
    submit = request.POST.get("action") == "submit"
    try:
        response = services.response_save(
            invitation=invitation,
            answers=form.answers(),
            submit=submit,
            respondent_name=form.cleaned_data["respondent_name"],
            respondent_role=form.cleaned_data["respondent_role"],
        )
    except services.AlreadySubmitted:
        return redirect("surveys:receipt", invitation_pk=invitation.pk)
    except (services.SurveyClosed, services.LinkRevoked):
        return _gone(request, invitation, force=True)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if response.missing_required:
        for question in response.missing_required:
            form.add_error(f"q_{question.pk}", _("Frågan måste besvaras innan du skickar in."))
        form.saved_as_draft = True
        return None
    if response.status == Response.Status.SUBMITTED:
        return redirect("surveys:receipt", invitation_pk=invitation.pk)
    form.saved_as_draft = True
    return render(
        request,
        "surveys/respond/respond.html",
        {
            "invitation": invitation,
            "survey": invitation.survey,
            "form": form,
            "response": response,
            "saved": True,
        },
    )


def _gone(request, invitation, *, force: bool = False) -> HttpResponse | None:
    """A clear page, accepting nothing, for a revoked link or a survey that is not open."""
    if invitation.is_revoked:
        reason = "revoked"
    elif force or not invitation.survey.accepts_answers():
        reason = "closed"
    else:
        return None
    ctx = {"invitation": invitation, "survey": invitation.survey, "reason": reason}
    return render(request, "surveys/respond/gone.html", ctx, status=410)


@never_cache
@require_GET
def receipt(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    invitation, ended = _granted(request, invitation_pk)
    if ended:
        return ended
    response = selectors.response_of(invitation)
    if response is None or response.status != Response.Status.SUBMITTED:
        return redirect("surveys:respond", invitation_pk=invitation.pk)
    ctx = {
        "invitation": invitation,
        "survey": invitation.survey,
        "response": response,
        "sections": selectors.response_read_only(response, invitation.organisation.kind),
    }
    return render(request, "surveys/respond/receipt.html", ctx)
