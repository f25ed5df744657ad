"""The hidden one-time key every creating form carries; the view hands
`form.cleaned_data["idempotency_key"]` to the service, which claims it."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

FIELD = "idempotency_key"


class IdempotentFormMixin(forms.Form):
    """Adds a hidden key, new each time the form is shown."""

    idempotency_key = forms.UUIDField(
        widget=forms.HiddenInput,
        initial=uuid.uuid4,
        error_messages={
            "required": _("Formuläret saknar sin engångsnyckel. Ladda om sidan och försök igen."),
            "invalid": _("Formuläret saknar sin engångsnyckel. Ladda om sidan och försök igen."),
        },
    )
