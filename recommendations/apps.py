from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Nationella rekommendationer")

    def ready(self) -> None:
        # A submitted answer to a follow-up round becomes the organisation's follow-ups.
        from . import receivers

        receivers.connect()
