"""Search and filters for the organisation list (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import HealthcareRegion, Organisation


def _lan_choices() -> list[tuple[str, str]]:
    rows = Organisation.objects.filter(kind=Organisation.Kind.REGION).order_by("lan_code")
    return [(row.lan_code, row.lan_name) for row in rows]


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Sök namn eller kod"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Typ"), choices=Organisation.Kind.choices, empty_label=_("Alla typer")
    )
    lan = django_filters.ChoiceFilter(
        label=_("Län"), field_name="lan_code", choices=_lan_choices, empty_label=_("Alla län")
    )
    healthcare_region = django_filters.ModelChoiceFilter(
        label=_("Sjukvårdsregion"),
        field_name="healthcare_regions",
        queryset=HealthcareRegion.objects.all(),
        empty_label=_("Alla sjukvårdsregioner"),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "lan", "healthcare_region"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code=value)
        )
