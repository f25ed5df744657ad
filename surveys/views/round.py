"""The secretariat follows a round: recipients, contact addresses, sending and reminders,
links resent or revoked, responses reopened, and the response rate."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contacts import access as contact_access
from vkr_portal.fileformats import error_lines

from .. import access, selectors, services
from ..forms import EmailsForm, RecipientsForm
from ..forms.round import RegisterAddressesForm
from ..models import InvitationEvent
from ..selectors.round import round_send_state, send_refusal
from ..services.invitations import invitations_addresses_from_register


@login_required
@require_GET
def survey_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_results(request.user, slug, pk)
    ctx = {
        "survey": survey,
        "rate": selectors.survey_response_rate(survey),
        "can_manage": access.can_manage(request.user, survey.council),
        "show_who_answered": access.can_see_who_answered(request.user, survey),
    }
    return render(request, "surveys/survey_detail.html", ctx)


def _round_context(request: HttpRequest, survey, **forms) -> dict:
    """The recipients page: its forms (those given, else new ones), the invitations, what
    stands in the way of sending, the log and the reminder status."""
    invitations = list(selectors.survey_invitations(survey))
    lan_choices = selectors.council_lan_choices(survey.council)
    return {
        "survey": survey,
        "form": forms.get("form")
        or RecipientsForm(lan_choices=lan_choices, initial={"kinds": survey.audience}),
        "emails_form": forms.get("emails_form") or EmailsForm(),
        "register_form": RegisterAddressesForm(),
        "invitations": invitations,
        "send": round_send_state(survey, invitations),
        "can_read_contacts": contact_access.can_read(request.user, survey.council),
        "events": selectors.invitation_events(survey),
        "reminders": selectors.survey_reminder_status(survey),
    }


@login_required
@require_http_methods(["GET", "POST"])
def recipients(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    lan_choices = selectors.council_lan_choices(survey.council)
    form = RecipientsForm(
        request.POST or None, lan_choices=lan_choices, initial={"kinds": survey.audience}
    )
    if request.method == "POST" and form.is_valid():
        organisations = services.organisations_for_audience(
            council=survey.council,
            kinds=form.cleaned_data["kinds"],
            lan_codes=form.cleaned_data["lan_codes"],
        )
        created = services.invitations_create(
            survey=survey, organisations=organisations, role=form.cleaned_data["role"]
        )
        without = sum(1 for invitation in created if not invitation.emails)
        messages.success(
            request,
            ngettext(
                "%(n)s organisation är tillagd.", "%(n)s organisationer är tillagda.", len(created)
            )
            % {"n": len(created)},
        )
        if without:
            messages.warning(request, ngettext(
                "%(n)s av dem saknar adress för rollen i kontaktregistret.",
                "%(n)s av dem saknar adress för rollen i kontaktregistret.",
                without,
            ) % {"n": without})  # fmt: skip
        return redirect("surveys:recipients", slug=slug, pk=pk)
    ctx = _round_context(request, survey, form=form)
    return render(request, "surveys/recipients.html", ctx, status=400 if form.errors else 200)


@login_required
@require_POST
def emails_import(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    form = EmailsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.invitation_emails_import(
                survey=survey, rows=form.cleaned_data["rows"], role=form.cleaned_data["role"],
                by=request.user,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error_lines(error.messages))  # a file of unknown codes: bounded
        else:
            messages.success(request, " ".join([
                _("Adresser sparade för %(n)s organisationer.") % {"n": count},
                _("De finns nu också i kontaktregistret."),
            ]))  # fmt: skip
            return redirect("surveys:recipients", slug=slug, pk=pk)
    ctx = _round_context(request, survey, emails_form=form)
    return render(request, "surveys/recipients.html", ctx, status=400)


@login_required
@require_POST
def register_addresses(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    form = RegisterAddressesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Välj en kontaktroll."))
    else:
        count = invitations_addresses_from_register(survey=survey, role=form.cleaned_data["role"])
        if count:
            messages.success(request, ngettext(
                "%(n)s mottagare fick adresser ur kontaktregistret.",
                "%(n)s mottagare fick adresser ur kontaktregistret.",
                count,
            ) % {"n": count})  # fmt: skip
        else:
            messages.info(request, _(
                "Kontaktregistret har inga adresser för rollen till dem som saknar adress."
            ))  # fmt: skip
    return redirect("surveys:recipients", slug=slug, pk=pk)


def _queue(request, slug: str, pk: int, kind: str, done: str) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    try:
        count = services.invitations_send_queue(survey=survey, kind=kind, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(request, done % {"n": count})
        else:
            messages.info(request, _("Det finns inget att skicka."))
    return redirect("surveys:recipients", slug=slug, pk=pk)


@login_required
@require_POST
def send(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    done = _("%(n)s inbjudningar skickas nu.")
    return _queue(request, slug, pk, InvitationEvent.Kind.SENT, done)


@login_required
@require_POST
def remind(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    done = _("%(n)s påminnelser skickas nu.")
    return _queue(request, slug, pk, InvitationEvent.Kind.REMINDED, done)


@login_required
@require_POST
def resend(request: HttpRequest, slug: str, pk: int, invitation_pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    invitation = access.invitation_of(survey, invitation_pk)
    outcome = services.invitation_send(
        invitation=invitation, kind=InvitationEvent.Kind.RESENT, by=request.user
    )
    org = invitation.organisation
    if outcome:
        messages.success(request, _("En ny länk är skickad till %(org)s.") % {"org": org})
    elif outcome.reason == "too_soon":
        messages.info(request, _(
            "%(org)s fick ett e-postmeddelande med länk %(last)s, så ingen ny länk har skickats "
            "(den hade gjort den förra ogiltig). En ny länk kan skickas från %(next)s."
        ) % {"org": org, "last": services.moment(outcome.last_at),
             "next": services.moment(outcome.next_at)})  # fmt: skip
    elif outcome.reason == "not_open":
        messages.error(request, f"{send_refusal(survey)} {_('Inget har skickats.')}")
    else:
        messages.error(request, _("%(org)s har ingen e-postadress.") % {"org": org})
    return redirect("surveys:recipients", slug=slug, pk=pk)


@login_required
@require_POST
def revoke(request: HttpRequest, slug: str, pk: int, invitation_pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    invitation = access.invitation_of(survey, invitation_pk)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(
        request, _("Länken till %(org)s är återkallad.") % {"org": invitation.organisation}
    )
    return redirect("surveys:recipients", slug=slug, pk=pk)


@login_required
@require_POST
def reopen(request: HttpRequest, slug: str, pk: int, invitation_pk: int) -> HttpResponse:
    survey = access.survey_for_managing(request.user, slug, pk)
    invitation = access.invitation_of(survey, invitation_pk)
    response = selectors.response_of(invitation)
    if response is None:
        messages.error(
            request, _("%(org)s har inget svar att öppna.") % {"org": invitation.organisation}
        )
    else:
        services.response_reopen(response=response, by=request.user)
        messages.success(
            request, _("Svaret från %(org)s kan ändras igen.") % {"org": invitation.organisation}
        )
    return redirect("surveys:recipients", slug=slug, pk=pk)
