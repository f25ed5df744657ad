"""The national council's forms: a report, an area, a recommendation, and the matrix's
filters."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from idempotency.forms import IdempotentFormMixin
from vkr_portal.forms import date_input, helper, too_long_messages

from ..models import Area, FollowUp, Publication, Recommendation
from ..selectors.matrix import MISSING, MatrixFilter

POSITION_MAX = 999


class PublicationForm(forms.ModelForm):
    url = forms.URLField(label=_("Länk"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = Publication
        # The link is declared above (https when no scheme is typed), not built from the model.
        fields = ["number", "title", "published_on", "summary"]
        widgets = {"published_on": date_input(), "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["url"] = self.instance.url
        self.order_fields(["number", "title", "published_on", "url", "summary"])
        too_long_messages(self)
        self.helper = helper(_("Spara"))

    def publication_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*self._meta.fields, "url"]}


class PublicationCreateForm(IdempotentFormMixin, PublicationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Skapa rapporten"))


class AreaCreateForm(IdempotentFormMixin, forms.ModelForm):
    position = forms.IntegerField(label=_("Nummer"), min_value=1, max_value=POSITION_MAX)

    class Meta:
        model = Area
        fields = ["position", "section", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        too_long_messages(self)
        self.helper = helper(_("Lägg till området"))

    def area_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.position}. {obj.title}"


class RecommendationForm(forms.ModelForm):
    """The area is chosen among the report's own: another report's area id is refused here,
    at the field (and again by the service)."""

    area = AreaChoiceField(label=_("Område"), queryset=Area.objects.none())
    position = forms.IntegerField(label=_("Nummer inom området"), min_value=1,
                                  max_value=POSITION_MAX)  # fmt: skip
    addressees = forms.ModelMultipleChoiceField(
        label=_("Riktad till"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tomt för en bedömning som inte riktar sig till någon särskild."),
    )  # fmt: skip

    class Meta:
        model = Recommendation
        fields = ["area", "position", "kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, areas, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.fields["addressees"].queryset = actors
        if self.instance.pk and not self.is_bound:
            self.initial["addressees"] = [a.pk for a in self.instance.addressees.all()]
        too_long_messages(self)
        self.helper = helper(_("Spara"))

    def _get_validation_exclusions(self):
        # A number taken in the area is the service's to refuse, at the field, with its own
        # message (the model's constraint would give a message for the whole form).
        return {*super()._get_validation_exclusions(), "position"}

    def recommendation_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class RecommendationCreateForm(IdempotentFormMixin, RecommendationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(_("Lägg till rekommendationen"))


class MatrixFilterForm(forms.Form):
    """The matrix's filters (GET). A value that is not among the choices (a forged or outdated
    link) is dropped, and the rest still apply."""

    mottagare = forms.ChoiceField(label=_("Riktad till"), required=False)
    omrade = forms.TypedChoiceField(label=_("Område"), required=False, coerce=int,
                                    empty_value=None)  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, areas, actors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mottagare"].choices = [
            ("", _("Regionala råd och regioner")),
            *[(actor.code, str(actor)) for actor in actors],
        ]
        self.fields["omrade"].choices = [
            ("", _("Alla områden")),
            *[(str(area.pk), f"{area.position}. {area.title}") for area in areas],
        ]
        self.fields["status"].choices = [
            ("", _("Alla statusar")),
            *FollowUp.Status.choices,
            (MISSING, _("Ej registrerad")),
        ]
        for bound in self.fields.values():
            bound.widget.attrs["class"] = "form-select"

    def filters(self) -> MatrixFilter:
        """The valid filters; `ignored` says whether any value was dropped."""
        self.ignored = False
        if not self.is_bound:
            return MatrixFilter()
        self.is_valid()
        self.ignored = bool(self.errors)
        data = self.cleaned_data
        return MatrixFilter(
            actor=data.get("mottagare") or "",
            area_id=data.get("omrade") or None,
            status=data.get("status") or "",
        )

    def query_string(self) -> str:
        """The valid filters as a query string (for the export link), forged values left out."""
        if not self.is_bound:
            return ""
        data = getattr(self, "cleaned_data", {})
        return urlencode({name: data[name] for name in self.fields if data.get(name)})
