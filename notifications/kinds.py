"""Each kind of notification: its question on the settings page, its default, its e-mail
templates and the function that reads what the e-mail says (None: no longer true, not sent).

The defaults: what someone waits for comes at once; what arrives often and for many people at
a time (raises to the whole national council, questions to a whole council) in the digest."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .models import Delivery, Kind


@dataclass(frozen=True)
class KindInfo:
    kind: str
    legend: str
    help_text: str
    default: str
    templates: str  # "<prefix>_subject.txt" and "<prefix>_body.txt"
    context: str  # dotted path of a function (object_id) -> dict with "url", or None

    def read(self, object_id: int) -> dict | None:
        return import_string(self.context)(object_id)


KINDS: dict[str, KindInfo] = {
    info.kind: info
    for info in [
        KindInfo(
            Kind.ACTIVITY_RAISED,
            _("När ett regionalt råd lyfter en aktivitet till nationell nivå"),
            _("Till ledamöterna i Nationella vårdkompetensrådet."),
            Delivery.DIGEST,
            "notifications/emails/activity_raised",
            "notifications.contexts.activity_raised",
        ),
        KindInfo(
            Kind.RAISE_ANSWERED,
            _("När det nationella rådet besvarar en aktivitet som rådet lyft"),
            _("Till dem i rådet som har ändrat aktiviteten och till dess ansvarige."),
            Delivery.IMMEDIATE,
            "notifications/emails/raise_answered",
            "notifications.contexts.raise_answered",
        ),
        KindInfo(
            Kind.SURVEY_CLOSING,
            _("När en enkät stänger inom några dagar"),
            _("Till rådets sekretariat, med svarsfrekvensen."),
            Delivery.IMMEDIATE,
            "notifications/emails/survey_closing",
            "notifications.contexts.survey_closing",
        ),
        KindInfo(
            Kind.QUESTION_ASKED,
            _("När en arbetsgrupp ställer en fråga till rådet"),
            _("Till rådets ledamöter, som kan besvara frågan."),
            Delivery.DIGEST,
            "notifications/emails/question_asked",
            "notifications.contexts.question_asked",
        ),
        KindInfo(
            Kind.QUESTION_ANSWERED,
            _("När rådet besvarar en fråga från en arbetsgrupp"),
            _("Till gruppens sammankallande."),
            Delivery.IMMEDIATE,
            "workgroups/emails/answered",
            "notifications.contexts.question_answered",
        ),
        KindInfo(
            Kind.REPORT_REMINDER,
            _("Påminnelser om arbetsgruppers rapporter"),
            _("Till sammankallande före sista dagen, till sekretariatet när en rapport är sen."),
            Delivery.IMMEDIATE,
            "workgroups/emails/reminder",
            "notifications.contexts.report_reminder",
        ),
        KindInfo(
            Kind.REPORT_READY,
            _("När en årsrapport du har beställt är klar"),
            _("Till den som skapade eller fastställde versionen."),
            Delivery.IMMEDIATE,
            "reports/emails/ready",
            "notifications.contexts.report_ready",
        ),
        KindInfo(
            Kind.ROUND_REMINDER,
            _("Påminnelser om prioriteringsrundor du inte har markerat i"),
            _("Från rådets sekretariat, när rundan snart stänger."),
            Delivery.IMMEDIATE,
            "prioritisation/emails/reminder",
            "notifications.contexts.round_reminder",
        ),
    ]
}


def kind_info(kind: str) -> KindInfo:
    return KINDS[kind]
