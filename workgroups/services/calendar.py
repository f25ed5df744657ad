"""Personal subscription links to a group's meetings (Outlook: "Lägg till kalender → Från
internet").

A calendar program fetches the link without a login, so the link itself is the key: a signed
`<feed id>.<nonce>`. The nonce is a 128-bit secret kept in the feed's row; a new one ("Skapa
ny länk") ends the old link at once. The signature lets a forged or mistyped link be refused
without a database lookup. The link says nothing about access: the view checks at every
fetch that the person may still read the group.
"""

from __future__ import annotations

import secrets

from django.core import signing
from django.db import transaction

from ..models import CalendarFeed, Workgroup

SALT = "workgroups.calendar-feed"


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT, sep=".")


def _new_nonce() -> str:
    return secrets.token_hex(16)


def _token(feed: CalendarFeed) -> str:
    return _signer().sign(f"{feed.pk}.{feed.nonce}")


@transaction.atomic
def feed_token(*, user, group: Workgroup) -> str:
    """The person's link to the group's meetings, the same each time (made on first use)."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, workgroup=group, defaults={"nonce": _new_nonce()}
    )
    return _token(feed)


@transaction.atomic
def feed_renew(*, user, group: Workgroup) -> str:
    """A new link for the person: the one before stops working."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(
        user=user, workgroup=group, defaults={"nonce": _new_nonce()}
    )
    if not created:
        feed.nonce = _new_nonce()
        feed.save(update_fields=["nonce", "created_at"])
    return _token(feed)


def feed_from_token(token: str) -> CalendarFeed | None:
    """The feed a link names, if its signature holds and it is the feed's current link."""
    try:
        value = _signer().unsign(token)
    except signing.BadSignature:
        return None
    pk, _sep, nonce = value.partition(".")
    if not (pk.isascii() and pk.isdigit()) or not nonce:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "workgroup__council").filter(pk=int(pk)).first()
    )
    if feed is None or not secrets.compare_digest(feed.nonce, nonce):
        return None
    return feed


__all__ = ["feed_from_token", "feed_renew", "feed_token"]
