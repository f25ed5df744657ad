"""The register's filter and an organisation's page of addresses (a row per address)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from councils.models import Organisation
from idempotency.forms import IdempotentFormMixin
from vkr_portal import bounds
from vkr_portal.forms import too_long_messages, version_field

from .roles import ContactRole
from .services import email_normalise

# A row per address; an organisation with more than this keeps a list, not contacts.
MAX_ROWS = 60
EXTRA_ROWS = 3


class ContactFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Organisationstyp"), required=False,
        choices=[("", _("Alla typer")), *Organisation.Kind.choices],
    )  # fmt: skip
    role = forms.ChoiceField(
        label=_("Roll"), required=False, choices=[("", _("Alla roller")), *ContactRole.choices]
    )
    without = forms.BooleanField(label=_("Bara organisationer utan adress"), required=False)


class ContactRowForm(forms.Form):
    """One address: its role, the address, and optionally the person's name."""

    role = forms.ChoiceField(
        label=_("Roll"), required=False, choices=[("", _("Välj roll")), *ContactRole.choices]
    )
    email = forms.EmailField(label=_("E-postadress"), required=False, max_length=bounds.EMAIL_MAX)
    name = forms.CharField(label=_("Namn (valfritt)"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)

    def clean_email(self) -> str:
        return email_normalise(self.cleaned_data.get("email") or "")

    def clean(self):
        data = super().clean()
        if data.get("DELETE"):
            return data
        if data.get("email") and not data.get("role"):
            self.add_error("role", forms.ValidationError(_("Välj roll."), code="role_missing"))
        elif data.get("role") and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email",
                forms.ValidationError(_("Ange en e-postadress."), code="email_missing"),
            )
        return data


class BaseContactFormSet(forms.BaseFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Ta bort adressen")

    def clean(self):
        if any(self.errors):
            return
        seen: set[tuple[str, str]] = set()
        labels = dict(ContactRole.choices)
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if not data or data.get("DELETE") or not data.get("email"):
                continue
            key = (data["role"], data["email"])
            if key in seen:
                form.add_error("email", forms.ValidationError(
                    _("Adressen finns redan för rollen %(role)s."),
                    code="duplicate", params={"role": labels[data["role"]]},
                ))  # fmt: skip
            seen.add(key)

    def rows(self) -> list[tuple[str, str, str]]:
        """(role, email, name) of the rows kept: not removed, not left empty."""
        return [
            (f.cleaned_data["role"], f.cleaned_data["email"], f.cleaned_data.get("name", ""))
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("email")
        ]


ContactFormSet = forms.formset_factory(
    ContactRowForm, formset=BaseContactFormSet, extra=EXTRA_ROWS, can_delete=True,
    can_delete_extra=False, max_num=MAX_ROWS, validate_max=True,
    absolute_max=MAX_ROWS + EXTRA_ROWS,
)  # fmt: skip


class ContactPageForm(IdempotentFormMixin):
    """The page's one-time key and the version it was opened on."""

    version = version_field()
