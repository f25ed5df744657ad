"""Each person's choices: how each kind of notification reaches them, and in which language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..kinds import KINDS
from ..models import Delivery, Preference


@transaction.atomic
def preferences_save(*, user, choices: dict[str, str]) -> None:
    """Keep the user's choice for each kind given: a row only where it is not the default."""
    unknown = sorted(set(choices) - set(KINDS))
    if unknown:
        raise ValidationError(
            _("Okänd typ av avisering: %(kinds)s.") % {"kinds": ", ".join(unknown)},
            code="unknown_kind",
        )
    if any(value not in Delivery.values for value in choices.values()):
        raise ValidationError(_("Välj direkt, daglig sammanfattning eller aldrig."),
                              code="unknown_delivery")  # fmt: skip
    for kind, delivery in choices.items():
        if delivery == KINDS[kind].default:
            Preference.objects.filter(user=user, kind=kind).delete()
        else:
            Preference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
