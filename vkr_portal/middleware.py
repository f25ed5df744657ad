"""The portal's own middleware: the chosen language, no caching of pages, the idle timeout."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect


class ChosenLanguageMiddleware:
    """Like Django's LocaleMiddleware, without reading Accept-Language.

    A Swedish public service answers in Swedish first; a browser set to English is no
    choice of English. The switch in the header sets the language cookie this reads.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class NoStoreMiddleware:
    """Every page the portal renders is `private, no-store`, unless its view set Cache-Control.

    Nearly every page shows personal data or answers (members, recipients, results, exports,
    drafts, receipts), so the rule is the default rather than a decorator that the next view
    could forget. A view that may be cached says so with `@cache_control(...)`. Static files
    are answered by WhiteNoise, above this in MIDDLEWARE, and keep their long cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response


class IdleTimeoutMiddleware:
    """Logs a council user out after SESSION_IDLE_TIMEOUT without a request, and says why.

    Respondents have no login and are left alone: their grant lasts as long as the session
    (SESSION_COOKIE_AGE), their draft is in the database, and the link opens it again.
    """

    STAMP_KEY = "last_request_at"
    # The stamp is rewritten at most this often: a page's requests cost one session save.
    STAMP_RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._idle_for(request) > self._timeout():
            return self._log_out(request)
        response = self.get_response(request)
        # request.user again: the login view may just have logged someone in, logout out.
        # A request a page makes by itself (a live view's poll) is not the person's activity.
        if getattr(request, "vkr_background", False):
            return response
        if request.user.is_authenticated and self._idle_for(request) >= self.STAMP_RESOLUTION:
            request.session[self.STAMP_KEY] = int(time.time())
        return response

    @staticmethod
    def _timeout() -> float:
        return settings.SESSION_IDLE_TIMEOUT.total_seconds()

    def _idle_for(self, request) -> float:
        stamp = request.session.get(self.STAMP_KEY)
        # No stamp yet (a session from before this middleware): idle from now on.
        return time.time() - stamp if isinstance(stamp, int) else self.STAMP_RESOLUTION

    def _log_out(self, request):
        now = timezone.now()
        logout(request)
        duration = timesince(now - settings.SESSION_IDLE_TIMEOUT, now)
        messages.info(
            request,
            _(
                "Du har loggats ut eftersom du inte har använt portalen på %(duration)s. "
                "Logga in igen för att fortsätta."
            )
            % {"duration": duration},
        )
        if getattr(request, "htmx", False):
            # A page part must not become the login page: htmx loads the whole page instead.
            here = request.htmx.current_url_abs_path or "/"
            return HttpResponseClientRedirect(redirect_to_login(here).url)
        return redirect_to_login(request.get_full_path())
