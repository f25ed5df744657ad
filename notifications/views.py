"""The person's notification settings, and the language switch that also sets their e-mails'."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_http_methods

from councils import services as council_services

from . import selectors, services
from .forms import PreferencesForm


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: HttpRequest) -> HttpResponse:
    """Each person edits their own choices only: there is no one else's page to open."""
    form = PreferencesForm(request.POST or None, chosen=selectors.preferences_of(request.user))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.preferences_save(user=request.user, choices=form.cleaned_data)
            messages.success(request, _("Dina val för aviseringar är sparade."))
            return redirect("notifications:settings")
        status = 400
    ctx = {
        "form": form,
        "digest_time": dt.time(settings.NOTIFY_DIGEST_HOUR),
        "language": request.user.get_language_display(),
    }
    return render(request, "notifications/settings.html", ctx, status=status)


def language_set(request: HttpRequest) -> HttpResponse:
    """Django's `set_language`; a signed-in person's e-mails then come in that language too."""
    response = i18n.set_language(request)
    # Set only when Django accepted it: a POST with a language the portal offers.
    chosen = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    if request.user.is_authenticated and chosen is not None:
        language = chosen.value
        council_services.user_language_set(user=request.user, language=language)
    return response
