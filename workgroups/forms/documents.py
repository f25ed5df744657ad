"""Attaching a document: the file and an optional title. What the file may be is decided by
its content, in the service (workgroups/documents.py)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin

from ..documents import ACCEPT, TITLE_MAX, allowed_list
from ._common import helper, too_long_messages


class DocumentUploadForm(IdempotentFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": _("Välj en fil att ladda upp."),
            "empty": _("Filen är tom."),
            "invalid": _("Ingen fil kom fram. Välj filen igen och försök på nytt."),
            "missing": _("Ingen fil kom fram. Välj filen igen och försök på nytt."),
        },
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("Tom: filens namn utan filändelse."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)
        largest = filesizeformat(settings.WORKGROUP_DOCUMENT_MAX_BYTES)
        self.fields["file"].help_text = _(
            "%(allowed)s, högst %(max)s. Filtypen avgörs av innehållet, inte av namnet."
        ) % {"allowed": allowed_list(), "max": largest}
        self.helper = helper(_("Ladda upp"))
