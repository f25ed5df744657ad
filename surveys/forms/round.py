"""The round: choosing recipients and their contact addresses."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.roles import DEFAULT_ROLE, ContactRole
from councils.models import Organisation
from vkr_portal import bounds
from vkr_portal.fileformats import ImportFileError, decode_text, error_lines

from ..models import Audience
from ._common import form_helper

# --- the round


class RoleField(forms.ChoiceField):
    """The role whose addresses in the contact register a round uses: MAS when the form
    does not say (a form sent from a page before the register, a script)."""

    def clean(self, value) -> str:
        return super().clean(value) or DEFAULT_ROLE


def role_field(help_text) -> RoleField:
    return RoleField(
        label=_("Kontaktroll"), choices=ContactRole.choices, initial=DEFAULT_ROLE,
        required=False, help_text=help_text,
    )  # fmt: skip


class RecipientsForm(forms.Form):
    """Invite the council's organisations of some kinds, optionally in some län only."""

    kinds = forms.MultipleChoiceField(
        label=_("Organisationstyper"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    lan_codes = forms.MultipleChoiceField(
        label=_("Endast dessa län (valfritt)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    role = role_field(_("Adresserna hämtas ur kontaktregistret för den här rollen."))

    def __init__(self, *args, lan_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lan_codes"].choices = lan_choices
        self.helper = form_helper(_("Lägg till mottagare"))


class EmailsForm(forms.Form):
    """Contact addresses as lines "organisationskod;e-post[;e-post…]", typed or as a CSV file."""

    # A council's region has a few hundred organisations: a list of more lines is no list
    # of theirs, and one of more addresses on a line is no line of contacts.
    MAX_BYTES = 1_000_000
    MAX_LINES = 10_000
    MAX_EMAILS = 20

    text = forms.CharField(
        label=_("Adresser"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("En rad per organisation: kod;e-post, t.ex. 1784;kontakt@arvika.se"),
    )
    file = forms.FileField(label=_("eller en CSV-fil med samma kolumner"), required=False)
    role = role_field(_("Adresserna sparas också i kontaktregistret under den här rollen."))

    def __init__(self, *args, **kwargs):
        # Its own ids: the page's other forms have a role field too.
        kwargs.setdefault("auto_id", "id_emails_%s")
        super().__init__(*args, **kwargs)
        self.helper = form_helper(_("Spara adresser"))

    def clean(self):
        data = super().clean()
        text = data.get("text") or ""
        upload = data.get("file")
        if upload:
            if upload.size > self.MAX_BYTES:
                raise forms.ValidationError(_("Filen är större än 1 MB."), code="too_large")
            try:
                # UTF-8 or UTF-16 by their byte order marks, else UTF-8 or Windows-1252.
                text += "\n" + decode_text(upload.read(self.MAX_BYTES + 1))
            except ImportFileError as error:
                self.add_error("file", error.errors[0].message)
                return data
        if not text.strip():
            raise forms.ValidationError(_("Skriv in adresser eller välj en fil."), code="empty")
        lines = text.splitlines()
        if len(lines) > self.MAX_LINES:
            raise forms.ValidationError(
                _("Fler än %(max)s rader: dela upp adresserna i flera omgångar."),
                code="too_many_lines",
                params={"max": self.MAX_LINES},
            )
        data["rows"] = self._rows(lines)
        return data

    def _rows(self, lines: list[str]) -> list[tuple[int, str, list[str]]]:
        rows, errors = [], []
        validate = forms.EmailField().clean
        code_max = Organisation._meta.get_field("code").max_length
        for number, line in enumerate(lines, start=1):
            cells = [c.strip() for c in line.replace(",", ";").split(";") if c.strip()]
            if not cells or cells[0].lower() in {"kod", "organisationskod"}:
                continue
            if len(cells) < 2:
                errors.append(_("Rad %(n)s: ange kod och minst en e-postadress.") % {"n": number})
            elif len(cells[0]) > code_max:
                errors.append(
                    _("Rad %(n)s: ingen organisation har en så lång kod.") % {"n": number}
                )
            elif len(cells) > self.MAX_EMAILS + 1:
                errors.append(
                    _("Rad %(n)s: högst %(max)s e-postadresser per organisation.")
                    % {"n": number, "max": self.MAX_EMAILS}
                )
            elif any(len(cell) > bounds.EMAIL_MAX for cell in cells[1:]):
                errors.append(
                    _("Rad %(n)s: en e-postadress är längre än %(max)s tecken.")
                    % {"n": number, "max": bounds.EMAIL_MAX}
                )
            else:
                try:
                    rows.append((number, cells[0], [validate(cell) for cell in cells[1:]]))
                except forms.ValidationError:
                    errors.append(_("Rad %(n)s: ogiltig e-postadress.") % {"n": number})
        if errors:
            # The first errors and a count: 500,000 bad lines once made an error page of 33 MB.
            raise forms.ValidationError(error_lines(errors), code="bad_rows")
        return rows


class RegisterAddressesForm(forms.Form):
    """Take the addresses of the recipients that have none from the contact register."""

    role = role_field("")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_register_%s")
        super().__init__(*args, **kwargs)
