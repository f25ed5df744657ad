"""A meeting (a day, a start and an end time) and its minutes.

A meeting is asked for as a date and two times, the way people say it ("29 november, 10–12"):
easier to fill in, and to hear with a screen reader, than one datetime box per end. The
service's refusals name `starts_at` and `ends_at`; `service_errors` puts them at the date and
the end time.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.forms import add_service_errors
from idempotency.forms import IdempotentFormMixin
from vkr_portal import bounds

from ..models import Meeting
from ._common import date_input, helper, too_long_messages, version_field

# Where a service's refusal of a model field is shown in this form.
SERVICE_FIELD = {"starts_at": "date", "ends_at": "end_time"}


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.ModelForm):
    version = version_field()
    date = forms.DateField(
        label=_("Datum"), validators=[bounds.date_in_range], widget=date_input(),
        error_messages={"required": _("Ange mötets datum."),
                        "invalid": _("Ange datumet som ÅÅÅÅ-MM-DD.")},
    )  # fmt: skip
    start_time = forms.TimeField(
        label=_("Börjar kl."), widget=_time_input(),
        error_messages={"required": _("Ange när mötet börjar."),
                        "invalid": _("Ange tiden som TT:MM, t.ex. 10:00.")},
    )  # fmt: skip
    end_time = forms.TimeField(
        label=_("Slutar kl."), widget=_time_input(),
        error_messages={"required": _("Ange när mötet slutar."),
                        "invalid": _("Ange tiden som TT:MM, t.ex. 12:00.")},
    )  # fmt: skip
    # An address without a scheme ("teams.microsoft.com/…") is taken as https.
    link = forms.URLField(
        label=_("Länk till mötet"), required=False, max_length=500, assume_scheme="https",
        help_text=_("Teams- eller Zoomlänken, om den finns."),
        error_messages={"invalid": _("Ange en hel webbadress, t.ex. https://teams.microsoft.com/…")},
    )  # fmt: skip

    class Meta:
        model = Meeting
        fields = ["title", "form", "place", "link", "agenda"]
        labels = {"title": _("Rubrik"), "form": _("Form"), "place": _("Plats"),
                  "agenda": _("Dagordning")}  # fmt: skip
        widgets = {
            "form": forms.RadioSelect,
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "title": _("T.ex. ”Digitalt möte” eller ”Arbetsmöte”."),
            "place": _("Behövs för möten på plats och hybridmöten, t.ex. lokal och adress."),
        }

    field_order = [
        "title", "date", "start_time", "end_time", "form", "place", "link", "agenda", "version",
    ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and not self.is_bound:
            starts = timezone.localtime(instance.starts_at)
            ends = timezone.localtime(instance.ends_at)
            self.initial.setdefault("date", starts.date())
            self.initial.setdefault("start_time", starts.time().replace(second=0))
            self.initial.setdefault("end_time", ends.time().replace(second=0))
        too_long_messages(self)
        self.helper = helper(form_tag=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Mötet måste sluta efter att det börjar."))
        return data

    def _at(self, time: dt.time) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.cleaned_data["date"], time))

    def meeting_fields(self) -> dict:
        """What the service takes: the day and times as moments in the portal's time zone."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self._meta.fields}
        fields["starts_at"] = self._at(data["start_time"])
        fields["ends_at"] = self._at(data["end_time"])
        return fields

    def service_errors(self, error) -> None:
        """A service's refusal, at the field of this form that holds the value."""
        if hasattr(error, "error_dict"):
            error = forms.ValidationError(
                {SERVICE_FIELD.get(name, name): errors for name, errors in error.error_dict.items()}
            )
        add_service_errors(self, error)


class MeetingCreateForm(IdempotentFormMixin, MeetingForm):
    """A new meeting: the same fields, sent once."""


class MinutesForm(forms.Form):
    """The meeting's minutes, written in place on the version they were opened on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)
    minutes = forms.CharField(
        label=_("Minnesanteckningar"), required=False, max_length=bounds.TEXT_LONG,
        widget=forms.Textarea(attrs={"rows": 10}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)
        self.helper = helper(form_tag=False)
