from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from councils import views as council_views
from councils.accounts import ThrottledPasswordResetView
from councils.forms import LoginForm
from notifications import views as notification_views

admin.site.site_header = _("Vårdkompetensrådens portal – administration")
admin.site.site_title = _("Vårdkompetensrådens portal")
admin.site.index_title = _("Administration")

account_patterns = [
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("losenord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "losenord/klart/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("aterstall/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path(
        "aterstall/skickat/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", council_views.home, name="home"),
    path("konto/", include(account_patterns)),
    path("rad/", include("councils.urls")),
    path("", include("activities.urls")),
    path("", include("surveys.urls")),
    path("", include("contacts.urls")),
    path("", include("workgroups.urls")),
    path("", include("prioritisation.urls")),
    path("", include("recommendations.urls")),
    path("", include("reports.urls")),
    path("", include("search.urls")),
    path("konto/", include("notifications.urls")),
    path("organisationer/", council_views.organisation_list, name="organisations"),
    path("tillganglighet/", council_views.accessibility, name="accessibility"),
    path("healthz/", council_views.healthz, name="healthz"),
    # Django's language switch, remembering a signed-in person's choice for their e-mails.
    path("i18n/setlang/", notification_views.language_set, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
