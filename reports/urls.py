from django.urls import path

from .views import builds, council, public

app_name = "reports"

council_prefix = "rad/<slug:slug>/arsrapporter/"
year_prefix = council_prefix + "<int:year>/"
build_prefix = year_prefix + "versioner/<int:pk>/"

urlpatterns = [
    path(council_prefix, council.report_list, name="list"),
    path(year_prefix, council.report_detail, name="report"),
    path(year_prefix + "texter/", council.texts_edit, name="texts"),
    path(year_prefix + "innehall/", council.options_edit, name="options"),
    path(year_prefix + "bygg/", council.build_request, name="build_request"),
    path(build_prefix, builds.build_detail, name="build"),
    path(build_prefix + "forlopp/", builds.build_progress, name="build_progress"),
    path(build_prefix + "pdf/", builds.build_pdf, name="build_pdf"),
    path(build_prefix + "html/", builds.build_html, name="build_html"),
    path(build_prefix + "faststall/", builds.build_finalise, name="build_finalise"),
    path(build_prefix + "ta-bort/", builds.build_delete, name="build_delete"),
    path(build_prefix + "avbryt/", builds.build_cancel, name="build_cancel"),
    path(build_prefix + "forsok-igen/", builds.build_retry, name="build_retry"),
    path("arsrapporter/", public.public_list, name="public_list"),
    path("arsrapporter/<slug:slug>/", public.public_council, name="public_council"),
    path(
        "arsrapporter/<slug:slug>/<int:year>/v<int:number>/",
        public.public_html,
        name="public_html",
    ),
    path(
        "arsrapporter/<slug:slug>/<int:year>/v<int:number>.pdf",
        public.public_pdf,
        name="public_pdf",
    ),
]
