"""The demo's contact register: the addresses Mellansverige's demo surveys were sent to,
kept under the role each survey is for, so that the next round finds them. Idempotent."""

from __future__ import annotations

from django.db import transaction

from councils.models import Council, Organisation

from . import services
from .models import Contact
from .roles import ContactRole

# The demo surveys (surveys/demo.py), by title, and the role of the people they went to: the
# competence-needs inventory to the municipalities' MAS, the career-model survey to the
# heads of administration of regions and municipalities and to the universities' contacts.
SURVEY_ROLES = {
    "Inventering av kompetensutvecklingsbehov 2022": {
        Organisation.Kind.MUNICIPALITY: ContactRole.MAS,
    },
    "Karriärmodeller i hälso- och sjukvården 2022": {
        Organisation.Kind.REGION: ContactRole.ADMINISTRATION_HEAD,
        Organisation.Kind.MUNICIPALITY: ContactRole.ADMINISTRATION_HEAD,
        Organisation.Kind.UNIVERSITY: ContactRole.OTHER,
    },
}


def _survey_addresses(council: Council) -> dict[str, dict[int, list[str]]]:
    """role → organisation id → the addresses the demo surveys used."""
    from surveys.models import Invitation

    by_role: dict[str, dict[int, list[str]]] = {}
    invitations = Invitation.objects.filter(
        survey__council=council, survey__title__in=list(SURVEY_ROLES)
    ).values_list("survey__title", "organisation_id", "organisation__kind", "emails")
    for title, org_id, kind, emails in invitations:
        role = SURVEY_ROLES[title].get(kind)
        if role and emails:
            by_role.setdefault(role, {}).setdefault(org_id, []).extend(emails)
    return by_role


@transaction.atomic
def demo_load() -> None:
    """Fill Mellansverige's register from its demo surveys (once: a filled register stays)."""
    council = Council.objects.filter(slug="mellansverige").first()
    if council is None or council.healthcare_region_id is None:
        return
    region_orgs = Organisation.objects.filter(healthcare_regions=council.healthcare_region_id)
    if Contact.objects.filter(organisation__in=region_orgs).exists():
        return
    for role, emails in _survey_addresses(council).items():
        services.contacts_add(emails=emails, role=role)
    _names(council)


def _names(council: Council) -> None:
    """The MAS who answered the inventory gave their names: keep them with the address."""
    from surveys.models import Response

    answered = (
        Response.objects.filter(
            survey__council=council, respondent_role=ContactRole.MAS, status="submitted"
        )
        .exclude(respondent_name="")
        .values_list("organisation_id", "respondent_name")
    )
    named = []
    for org_id, name in answered:
        for contact in Contact.objects.filter(organisation_id=org_id, role=ContactRole.MAS):
            contact.name = name
            named.append(contact)
    Contact.objects.bulk_update(named, ["name"])
