"""Writes to the contact register: an organisation's page saved as a whole, and addresses
added in bulk by a round's import. Addresses are stored lower-case and kept once per
organisation and role."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from councils.models import Council, Organisation
from idempotency.services import idempotency_key_claim, idempotency_key_done
from vkr_portal.versioning import StaleVersion

from .models import Contact, ContactBook
from .roles import ContactRole

__all__ = ["ContactRow", "StaleVersion", "contacts_add", "email_normalise",
           "organisation_contacts_save"]  # fmt: skip


@dataclass(frozen=True)
class ContactRow:
    role: str
    email: str
    name: str = ""


def email_normalise(email: str) -> str:
    """How an address is kept: trimmed and lower-case (the register compares them so)."""
    return email.strip().lower()


def _book_locked(organisation: Organisation) -> ContactBook:
    book, _created = ContactBook.objects.get_or_create(organisation=organisation)
    return ContactBook.objects.select_for_update().get(pk=book.pk)


def _wanted(rows) -> dict[tuple[str, str], str]:
    """(role, address) → name; a row given twice is kept once, with the first name given."""
    wanted: dict[tuple[str, str], str] = {}
    for row in rows:
        if row.role not in ContactRole.values:
            raise ValueError(f"Unknown contact role {row.role!r}")
        key = (row.role, email_normalise(row.email))
        if key[1] and (key not in wanted or not wanted[key]):
            wanted[key] = row.name.strip()
    return wanted


@transaction.atomic
def organisation_contacts_save(
    *,
    council: Council,
    organisation: Organisation,
    rows,
    version: int | None,
    by=None,
    idempotency_key=None,
) -> ContactBook:
    """Make the organisation's addresses exactly `rows`, as edited on `version`.

    StaleVersion if someone saved the page (or an import added to it) since it was opened;
    AlreadySubmitted if this form was sent before (a double click saves once).
    """  # fmt: skip
    claimed = idempotency_key_claim(key=idempotency_key, scope="contacts.organisation", user=by)
    book = _book_locked(organisation)
    if version is not None and book.version != version:
        raise StaleVersion(book)
    wanted = _wanted(rows)
    existing = {(c.role, c.email): c for c in organisation.contacts.all()}
    gone = [c.pk for key, c in existing.items() if key not in wanted]
    Contact.objects.filter(pk__in=gone).delete()
    renamed = [c for key, c in existing.items() if key in wanted and c.name != wanted[key]]
    for contact in renamed:
        contact.name = wanted[(contact.role, contact.email)]
    Contact.objects.bulk_update(renamed, ["name"])
    Contact.objects.bulk_create(
        Contact(organisation=organisation, role=role, email=email, name=name)
        for (role, email), name in wanted.items()
        if (role, email) not in existing
    )
    book.version += 1
    book.updated_at, book.updated_by = timezone.now(), by
    book.save(update_fields=["version", "updated_at", "updated_by"])
    url = reverse("contacts:organisation", kwargs={"slug": council.slug, "pk": organisation.pk})
    idempotency_key_done(claimed, result_url=url)
    return book


@transaction.atomic
def contacts_add(*, emails: dict[int, list[str]], role: str, by=None) -> int:
    """Add addresses for `role` per organisation id (those kept already stay once); returns
    how many are new. The pages of the organisations it adds to move to a new version, so
    that a page opened before does not remove them unseen."""
    if role not in ContactRole.values:
        raise ValueError(f"Unknown contact role {role!r}")
    wanted = {
        (org_id, email_normalise(email))
        for org_id, addresses in emails.items()
        for email in addresses
        if email.strip()
    }
    if not wanted:
        return 0
    org_ids = {org_id for org_id, _email in wanted}
    kept = set(
        Contact.objects.filter(organisation_id__in=org_ids, role=role).values_list(
            "organisation_id", "email"
        )
    )
    new = sorted(wanted - kept)
    Contact.objects.bulk_create(
        [Contact(organisation_id=org_id, role=role, email=email) for org_id, email in new],
        ignore_conflicts=True,  # an address another request added meanwhile stays once
    )
    touched = {org_id for org_id, _email in new}
    ContactBook.objects.bulk_create(
        [ContactBook(organisation_id=org_id) for org_id in touched], ignore_conflicts=True
    )
    ContactBook.objects.filter(organisation_id__in=touched).update(
        version=F("version") + 1, updated_at=timezone.now(), updated_by=by
    )
    return len(new)
