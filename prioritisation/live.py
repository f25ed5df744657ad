"""A round's live state in the cache: what a live view's conditional request compares, read
without a query. Set after each change's commit; read from the database when the cache lost
it."""

from __future__ import annotations

from typing import NamedTuple

from django.core.cache import cache

LIVE_KEY = "prioritisation:live:{pk}"
LIVE_SECONDS = 24 * 3600


class LiveState(NamedTuple):
    slug: str
    year: int
    revision: int
    changed_at: object
    closes_at: object
    closed_at: object

    def is_open(self, now) -> bool:
        return self.closed_at is None and now < self.closes_at


def live_etag(round_id: int, revision: int, is_open: bool, view: str, language: str) -> str:
    """The ETag of a live view: a new revision, the round closing at its time, another view
    or language are another representation."""
    return f'"r{round_id}.{revision}.{int(is_open)}.{view}.{language}"'


def etag_revision(header: str, round_id: int, view: str) -> int | None:
    """The revision a client's If-None-Match was at, when it is one of this round's view."""
    prefix = f'"r{round_id}.'
    tag = header.strip().removeprefix("W/")
    if not tag.startswith(prefix):
        return None
    parts = tag.strip('"').split(".")
    if len(parts) != 5 or parts[3] != view or not (parts[1].isascii() and parts[1].isdigit()):
        return None
    return int(parts[1])


def live_state_store(round_, *, replace: bool = True) -> LiveState:
    """Keep the round's state in the cache: after a change, replacing what is there; read on
    a cache miss (`replace=False`), only if nothing is there by then, so that a reader who
    read just before a change's commit never writes its older revision over the change's."""
    state = LiveState(
        round_.plan.council.slug, round_.plan.year, round_.revision, round_.changed_at,
        round_.closes_at, round_.closed_at,
    )  # fmt: skip
    store = cache.set if replace else cache.add
    store(LIVE_KEY.format(pk=round_.pk), tuple(state), LIVE_SECONDS)
    return state


def live_state(round_id: int) -> LiveState | None:
    """The round's council slug, plan year, revision and its time; None for no such round."""
    cached = cache.get(LIVE_KEY.format(pk=round_id))
    if cached is not None:
        return LiveState(*cached)
    from .models import Round

    round_ = Round.objects.select_related("plan__council").filter(pk=round_id).first()
    return live_state_store(round_, replace=False) if round_ else None
