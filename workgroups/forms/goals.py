"""A row of the goals table."""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin

from ..models import Goal
from ._common import helper, quarter_field, too_long_messages, version_field


class GoalForm(forms.ModelForm):
    version = version_field()
    start_quarter = quarter_field(_("Startkvartal"), "2022Q3")
    end_quarter = quarter_field(_("Slutkvartal"), "2022Q4")

    class Meta:
        model = Goal
        fields = [
            "goal", "activity", "responsible", "timeline", "start_quarter", "end_quarter",
            "status", "follow_up",
        ]  # fmt: skip
        labels = {"goal": _("Mål"), "activity": _("Aktivitet"), "responsible": _("Ansvarig"),
                  "timeline": _("Tidplan"), "status": _("Status"),
                  "follow_up": _("Uppföljning")}  # fmt: skip
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "activity": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"timeline": _("T.ex. ”Q3-4 2022”.")}

    def __init__(self, *args, stale: bool = False, **kwargs):
        # Ids of the row's own: a row being edited and a new row open at once must not share
        # them (each label names its own field).
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            row = f"goal-{instance.pk}"
        else:
            row = f"goal-new-{secrets.token_hex(3)}"
        kwargs.setdefault("auto_id", f"{row}-%s")
        super().__init__(*args, **kwargs)
        too_long_messages(self)
        if not stale:
            # Opened in place, the form takes the focus (a stale form's alert takes it).
            self.fields["goal"].widget.attrs["autofocus"] = True
        self.helper = helper(form_tag=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_quarter"), data.get("end_quarter")
        if start and end and end < start:
            self.add_error("end_quarter", _("Slutkvartalet kan inte ligga före startkvartalet."))
        return data

    def goal_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class GoalCreateForm(IdempotentFormMixin, GoalForm):
    pass
