"""The notification settings: one radio group per kind."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS
from .models import Delivery

# Sent with every form: not a kind.
_NOT_KINDS = {"csrfmiddlewaretoken"}


class PreferencesForm(forms.Form):
    def __init__(self, *args, chosen: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind, info in KINDS.items():
            self.fields[kind] = forms.ChoiceField(
                label=info.legend,
                help_text=info.help_text,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=chosen[kind],
                error_messages={
                    "required": _("Välj hur du vill få det här."),
                    "invalid_choice": _("Välj direkt, daglig sammanfattning eller aldrig."),
                },
            )

    def clean(self):
        # A kind the page does not offer is a forged or outdated form: say so, save nothing.
        unknown = sorted(set(self.data) - set(self.fields) - _NOT_KINDS)
        if unknown:
            raise ValidationError(
                _("Okänd typ av avisering: %(kinds)s."),
                code="unknown_kind",
                params={"kinds": ", ".join(unknown)},
            )
        return super().clean()

    def kind_fields(self):
        """Each kind's bound field, in the page's order."""
        return [self[kind] for kind in KINDS]
