from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class PortalConfig(AppConfig):
    """The project package as an app, for its system checks (vkr_portal/checks.py)."""

    name = "vkr_portal"
    verbose_name = "vkr-portal"
    # This module holds two configs: "vkr_portal" in INSTALLED_APPS means this one.
    default = True

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the checks


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (vkr_portal/admin.py)."""

    default = False
    default_site = "vkr_portal.admin.PortalAdminSite"
