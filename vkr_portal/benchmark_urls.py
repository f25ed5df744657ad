"""The project's URLs plus the fair floors: the URL configuration of `manage.py benchmark` only.

Never the ROOT_URLCONF of a running portal: the benchmark harness switches to it with
`override_settings` while it times requests, so that each floor goes through exactly the same
request path (test client, middleware, URL resolving, the same user) as the page it is
compared with. A floor's URL has the shape of its page's, under FLOOR_PREFIX.
"""

from django.urls import include, path

from .benchmarking import floors

FLOOR_PREFIX = "/__benchmark__/"
PRIORITISATION = "rad/<slug:slug>/planer/<int:year>/prioritering/"

floor_patterns = [
    path("rad/<slug:slug>/planer/<int:year>/", floors.plan_floor, name="plan"),
    path("nationellt/oversikt/", floors.rollup_floor, name="rollup"),
    path("enkater/<int:pk>/resultat/", floors.results_floor, name="results"),
    path("enkater/<int:pk>/", floors.round_floor, name="round"),
    path("rekommendationer/<int:pk>/matris/", floors.matrix_floor, name="matrix"),
    path("rekommendationer/<int:pk>/", floors.publication_floor, name="publication"),
    path(PRIORITISATION + "<int:pk>/", floors.prioritisation_floor, name="prioritisation"),
    path(PRIORITISATION + "<int:pk>/mote/", floors.prioritisation_floor, name="meeting"),
    path(PRIORITISATION + "<int:pk>/live/", floors.background_floor, name="live"),
]

urlpatterns = [
    # First, so that resolving a floor costs its own patterns and nothing more.
    path(FLOOR_PREFIX.strip("/") + "/", include((floor_patterns, "floors"))),
    path("", include("vkr_portal.urls")),
]
