"""The project's URLs plus a bare view: the URL configuration of `manage.py benchmark` only.

Never the ROOT_URLCONF of a running portal: the benchmark harness switches to it with
`override_settings` while it times requests, so the floor goes through exactly the same
request path (test client, middleware, URL resolving) as the pages it is compared with.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

FLOOR_PATH = "/__benchmark__/floor/"


def floor_view(request: HttpRequest) -> HttpResponse:
    """The cheapest response the stack can give: no template, no query, no session."""
    return HttpResponse("ok")


urlpatterns = [
    # First, so that resolving the floor costs one pattern and nothing more.
    path(FLOOR_PATH.strip("/") + "/", floor_view),
    path("", include("vkr_portal.urls")),
]
