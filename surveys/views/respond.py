"""The respondent's pages: no account, only the invitation link.

The link's token is exchanged for a grant in the session and the browser is sent on to an
address without it, so the token does not linger in history, logs or Referer headers.

The form comes one section at a time (`?steg=<n>`), then a last step to review and submit.
Every step button ("Nästa", "Föregående", a section in the overview) is a submit button that
saves the step's answers as a draft and redirects (Post/Redirect/Get) to the step asked for,
so nothing is lost and it all works without JavaScript. A post without a step (the form as
one page) saves every question, as the form did before it had steps.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from councils.forms import add_service_errors

from .. import access, selectors, services
from ..forms import ResponseForm
from ..models import Response

STEP_PARAM = "steg"
# The invitation whose draft was just saved: the next page says so, once.
SAVED_KEY = "survey_saved"


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


@dataclass
class _Answering:
    """What every answer page needs: the saved response, its values and the steps."""

    invitation: object
    response: Response | None
    sections: list
    initial: dict
    steps: selectors.AnswerSteps
    # False: loaded for a post, without the saved answers (which only a page shows).
    with_answers: bool = True

    @classmethod
    def load(cls, invitation, response, *, sections=None, with_answers=True) -> _Answering:
        if sections is None:
            # Shared between requests: read-only (see surveys.selectors.structure).
            sections = selectors.survey_structure(invitation.survey)
        initial = selectors.response_initial(response) if response and with_answers else {}
        answered = selectors.answered_question_ids(initial)
        steps = selectors.answer_steps(sections, invitation.organisation.kind, answered)
        return cls(invitation, response, sections, initial, steps, with_answers)

    def reload(self, response=None) -> _Answering:
        """The same with the saved answers (of `response`, when saving gave one)."""
        response = response or self.response
        return _Answering.load(self.invitation, response, sections=self.sections)


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, invitation_pk: int) -> HttpResponse:
    invitation, ended = _granted(request, invitation_pk)
    if ended:
        return ended
    gone = gone_page(request, invitation)
    if gone:
        return gone
    response = selectors.response_of(invitation)
    if response and response.status == Response.Status.SUBMITTED:
        return redirect("surveys:receipt", invitation_pk=invitation.pk)
    if request.method == "GET":
        answering = _Answering.load(invitation, response)
        step = _step_asked(request, answering.steps)
        return _page(request, answering, _form(request, answering, step), step)
    # A post that saves redirects: the saved answers are read only to show the form again.
    answering = _Answering.load(invitation, response, with_answers=False)
    step = _step_posted(request, answering.steps)
    form = _form(request, answering, step)
    if form.is_valid():
        result = _save(request, form, answering, step)
        if isinstance(result, HttpResponse):
            return result
        answering = result
    if not answering.with_answers:
        answering = answering.reload()
    # The same step, counted with the saved answers.
    step = answering.steps.get(step.number) if step else None
    return _page(request, answering, form, step)


def _step_asked(request, steps: selectors.AnswerSteps) -> selectors.AnswerStep:
    """The step in the address; without one (coming from the link), where to continue."""
    asked = request.GET.get(STEP_PARAM)
    if asked is None:
        return steps.resume()
    return steps.get(_number(asked) or 1) or steps.get(1)


def _step_posted(request, steps: selectors.AnswerSteps) -> selectors.AnswerStep | None:
    """The step whose fields were sent; None for the whole form on one page."""
    posted = request.POST.get("step")
    if posted is None:
        return None
    step = steps.get(_number(posted) or 0)
    if step is None:
        raise BadRequest("No such step")
    return step


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 6 else None


def _form(request, answering: _Answering, step) -> ResponseForm:
    sections = answering.sections if step is None else [s.section for s in step.sections]
    return ResponseForm(
        request.POST or None,
        initial=answering.initial,
        survey=answering.invitation.survey,
        organisation_kind=answering.invitation.organisation.kind,
        sections=sections,
        respondent=step is None or step.review,
    )


def _save(request, form: ResponseForm, answering: _Answering, step):
    """Save (or submit); a redirect, or the state to show the form again with its errors."""
    invitation = answering.invitation
    submit = request.POST.get("action") == "submit"
    try:
        response = services.response_save(
            invitation=invitation, answers=form.answers(), submit=submit,
            **form.respondent_given(),
        )  # fmt: skip
    except services.AlreadySubmitted:
        return redirect("surveys:receipt", invitation_pk=invitation.pk)
    except (services.SurveyClosed, services.LinkRevoked):
        return gone_page(request, invitation, force=True)
    except ValidationError as error:
        add_service_errors(form, error)
        return answering
    if response.status == Response.Status.SUBMITTED:
        return redirect("surveys:receipt", invitation_pk=invitation.pk)
    if response.missing_required:
        for question in response.missing_required:
            if f"q_{question.pk}" in form.fields:
                form.add_error(f"q_{question.pk}", _("Frågan måste besvaras innan du skickar in."))
        if not form.errors:
            form.add_error(None, _("Besvara de obligatoriska frågorna innan du skickar in."))
        form.saved_as_draft = True
        return answering.reload(response)
    request.session[SAVED_KEY] = invitation.pk
    return redirect(_step_url(invitation, answering.steps, step, request.POST.get("go")))


def _step_url(invitation, steps: selectors.AnswerSteps, step, go: str | None) -> str:
    """Where a step button leads: "<step>" or "<step>:<question id>"; anything else (the save
    button, or the form on one page) stays on the step."""
    number, _sep, question = (go or "").partition(":")
    target = steps.get(_number(number) or 0) or step or steps.get(1)
    anchor = f"question-{question}" if _number(question) else "steg"
    url = reverse("surveys:respond", args=[invitation.pk])
    return f"{url}?{STEP_PARAM}={target.number}#{anchor}"


def _page(request, answering: _Answering, form: ResponseForm, step) -> HttpResponse:
    response = answering.response
    saved = (
        request.method == "GET" and request.session.pop(SAVED_KEY, None) == answering.invitation.pk
    )
    # Back by the link (or the start page) to a draft: say that the answers are kept.
    welcome = (
        request.method == "GET"
        and not saved
        and STEP_PARAM not in request.GET
        and response is not None
        and response.status == Response.Status.DRAFT
    )
    answered_here = form.answered_count()
    elsewhere = answering.steps.answered - (step.answered if step else answering.steps.answered)
    ctx = {
        "invitation": answering.invitation,
        "survey": answering.invitation.survey,
        "form": form,
        "response": response,
        "steps": answering.steps,
        "step": step,
        "saved": saved,
        "welcome": welcome,
        "answered": elsewhere + answered_here,
        "answered_elsewhere": elsewhere,
        "answered_here": answered_here,
    }
    status = 400 if form.errors else 200
    return render(request, "surveys/respond/respond.html", ctx, status=status)


def gone_page(request, invitation, *, force: bool = False) -> HttpResponse | None:
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
        "sections": selectors.response_read_only(
            response, invitation.organisation.kind, selectors.survey_structure(invitation.survey)
        ),
    }
    return render(request, "surveys/respond/receipt.html", ctx)
