"""A follow-up round: which report, and to which kind of organisation of the council's area."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin
from vkr_portal.forms import helper


class ActorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class RoundForm(IdempotentFormMixin, forms.Form):
    publication = forms.ModelChoiceField(
        label=_("Rapport"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": _("Välj en av rapporterna i listan.")},
    )  # fmt: skip
    actor = ActorChoiceField(
        label=_("Skicka till"), queryset=None, empty_label=None, widget=forms.RadioSelect,
        help_text=_(
            "Organisationerna i rådets område av det här slaget får en fråga om var och en av "
            "rapportens rekommendationer till dem."
        ),
        error_messages={"invalid_choice": _(
            "Välj regioner, kommuner eller universitet och högskolor: en uppföljningsomgång går "
            "till organisationerna i rådets område."
        )},
    )  # fmt: skip

    def __init__(self, *args, publications, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = publications
        self.fields["actor"].queryset = actors
        self.helper = helper(_("Skapa enkäten"))
