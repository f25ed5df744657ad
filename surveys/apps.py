from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Enkäter")

    def ready(self) -> None:
        # Any save or delete of a survey's structure outside the services (the admin) raises
        # its structure_version, so that the respondent's remembered structure is renewed.
        from . import receivers

        receivers.connect()
