"""Reads of the contact register, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from councils.models import Council, Organisation

from .models import Contact, ContactBook
from .roles import ROLE_ORDER, ContactRole


@dataclass
class RoleAddresses:
    role: str
    label: str
    contacts: list[Contact]


@dataclass
class OrganisationContacts:
    """An organisation of the register's list with its addresses, grouped by role."""

    organisation: Organisation
    roles: list[RoleAddresses] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.contacts) for group in self.roles)


def _grouped(contacts) -> list[RoleAddresses]:
    labels = dict(ContactRole.choices)
    groups: dict[str, list[Contact]] = {}
    for contact in sorted(contacts, key=lambda c: (ROLE_ORDER.get(c.role, 99), c.email)):
        groups.setdefault(contact.role, []).append(contact)
    return [RoleAddresses(role, str(labels.get(role, role)), rows) for role, rows in groups.items()]


def council_contacts(
    *, council: Council, kind: str = "", role: str = "", without: bool = False
) -> list[OrganisationContacts]:
    """The organisations of the council's healthcare region with their addresses (of `role`
    only, if given); `without`: only those with no address (of that role). Two queries."""
    organisations = Organisation.objects.filter(healthcare_regions=council.healthcare_region_id)
    if kind:
        organisations = organisations.filter(kind=kind)
    contacts = Contact.objects.all()
    if role:
        contacts = contacts.filter(role=role)
    if without:
        having = Contact.objects.filter(organisation_id__in=organisations.values("pk"))
        if role:
            having = having.filter(role=role)
        organisations = organisations.exclude(pk__in=having.values("organisation_id"))
    organisations = organisations.order_by("kind", "name").prefetch_related(
        Prefetch("contacts", queryset=contacts, to_attr="listed_contacts")
    )
    return [OrganisationContacts(org, _grouped(org.listed_contacts)) for org in organisations]


def organisation_contacts(organisation: Organisation) -> list[Contact]:
    """The organisation's addresses in the order of the roles, then by address."""
    contacts = Contact.objects.filter(organisation=organisation)
    return sorted(contacts, key=lambda c: (ROLE_ORDER.get(c.role, 99), c.email))


def organisation_book(organisation: Organisation) -> ContactBook | None:
    """The organisation's page state (version, last change), if it was ever saved."""
    try:
        return organisation.contact_book
    except ContactBook.DoesNotExist:
        return None


def contact_emails(*, organisation_ids, role: str) -> dict[int, list[str]]:
    """Addresses of `role` per organisation id, for a round's invitations. One query."""
    emails: dict[int, list[str]] = {}
    rows = (
        Contact.objects.filter(organisation_id__in=list(organisation_ids), role=role)
        .order_by("organisation_id", "email")
        .values_list("organisation_id", "email")
    )
    for org_id, email in rows:
        emails.setdefault(org_id, []).append(email)
    return emails
