from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrioritisationConfig(AppConfig):
    name = "prioritisation"
    verbose_name = _("Prioriteringsrundor")
