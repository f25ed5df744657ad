"""Answers the portal's views share: an announcement for htmx to read out and focus, the
answer to a form sent twice, and the refusal of a save on a stale version."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_htmx.http import HttpResponseClientRedirect, trigger_client_event

from idempotency.services import AlreadySubmitted

ALREADY_SAVED = _(
    "Det här var redan sparat: formuläret skickades mer än en gång men sparades en gång."
)


STALE = _(
    "Inte sparat: någon annan hann ändra det här medan du skrev. Det som är sparat nu visas "
    "nedan, och din text finns kvar i formuläret: spara igen för att ersätta det sparade."
)


def refuse_stale(form, stale):
    """A save on a stale version, refused: the message on the form, the person's input kept,
    and the form now on the saved version (saving again replaces it, knowingly). Returns
    what is saved now, to show beside the form."""
    form.add_error(None, STALE)
    form.data = form.data.copy()
    form.data["version"] = stale.current.version
    return stale.current


def announce(response: HttpResponse, message: str, focus: str = "") -> HttpResponse:
    """Have the page read `message` out (the live region) and put focus on `focus`."""
    return trigger_client_event(
        response, "vkr:announce", {"message": str(message), "focus": focus}, after="settle"
    )


def already_submitted(request, sent: AlreadySubmitted, *, fallback: str) -> HttpResponse:
    """The same form sent again: show what the first one made, and create nothing."""
    url = sent.result_url
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        url = fallback
    messages.info(request, ALREADY_SAVED)
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)
