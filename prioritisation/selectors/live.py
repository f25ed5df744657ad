"""What the live views tell: the changes since a revision, and the plan's round to follow."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activities.models import Activity

from ..models import Colour, Event, Round

# At most this many changes are told one by one; more are told as their number.
TOLD_AT_MOST = 5
# A closed round stays on its plan's page (live, for the decisions) for this long.
FOLLOWED_AFTER_CLOSING = dt.timedelta(days=30)


@dataclass
class Announcement:
    text: str
    activity_ids: list[int]
    everything: bool  # too far behind to tell which: show it all again
    moved: bool  # an activity changed focus area: the plan's sections are not what they were


def _event_text(event: Event) -> str:
    title = event.activity.title if event.activity_id else ""
    if event.kind == Event.Kind.MARK:
        if event.count == 1 and title:
            colour = dict(Colour.choices).get(event.value, "")
            if not colour:
                return _("%(voter)s tog bort sin markering av ”%(activity)s”.") % {
                    "voter": event.voter_name, "activity": title,
                }  # fmt: skip
            return _("%(voter)s markerade ”%(activity)s”: %(colour)s.") % {
                "voter": event.voter_name, "activity": title, "colour": str(colour).lower(),
            }  # fmt: skip
        return ngettext(
            "%(voter)s ändrade %(count)s markering.",
            "%(voter)s ändrade %(count)s markeringar.",
            event.count,
        ) % {"voter": event.voter_name, "count": event.count}
    if event.kind == Event.Kind.DECISION:
        priority = dict(Activity.Priority.choices).get(event.value, event.value)
        return _("Beslut: ”%(activity)s” är %(priority)s.") % {
            "activity": title, "priority": str(priority).lower(),
        }  # fmt: skip
    if event.kind == Event.Kind.MOVE:
        return _("”%(activity)s” flyttades till %(area)s.") % {
            "activity": title, "area": event.value,
        }  # fmt: skip
    return _("Rundan är stängd för markeringar.")


def announcements_since(
    round_: Round, revision: int | None, user, kinds: tuple[str, ...] = ()
) -> Announcement:
    """The changes after `revision` (None: unknown), told politely to screen readers except
    the user's own; which activities they touched, so only those are drawn again. `kinds`:
    only these kinds of change (the plan's page cares for decisions and moves)."""
    if revision is None or revision >= round_.revision:
        return Announcement("", [], revision is None, False)
    events = Event.objects.filter(round=round_, revision__gt=revision)
    if kinds:
        events = events.filter(kind__in=kinds)
    events = list(events.select_related("activity").order_by("revision"))
    touched: list[int] = []
    everything = moved = False
    for event in events:
        moved = moved or event.kind == Event.Kind.MOVE
        if event.activity_id is None or event.count != 1:
            everything = True
        elif event.activity_id not in touched:
            touched.append(event.activity_id)
    others = [event for event in events if event.actor_id != getattr(user, "pk", None)]
    if len(others) > TOLD_AT_MOST:
        text = ngettext(
            "%(count)s ändring i rundan.", "%(count)s ändringar i rundan.", len(others)
        ) % {"count": len(others)}
    else:
        text = " ".join(_event_text(event) for event in others)
    return Announcement(text, touched, everything, moved)


def plan_live_round(plan, now=None) -> Round | None:
    """The round the plan's page follows live: its newest that is open, or that closed not
    long ago (the meeting decides after the marking)."""
    now = now or timezone.now()
    since = now - FOLLOWED_AFTER_CLOSING
    return (
        Round.objects.filter(plan=plan)
        .filter(Q(closed_at__isnull=True, closes_at__gt=since) | Q(closed_at__gt=since))
        .order_by("-opened_at", "-pk")
        .first()
    )


@dataclass
class PlanLive:
    """The round a plan's page follows: its link, whether it is open, the live request's
    ETag (the plan's view of it: decisions and moves)."""

    round: Round
    is_open: bool
    etag: str


def plan_live(plan, now=None) -> PlanLive | None:
    """The plan page's live round, in one query; None when the plan has none to follow."""
    from django.utils.translation import get_language

    from ..live import live_etag

    round_ = plan_live_round(plan, now)
    if round_ is None:
        return None
    round_.plan = plan
    is_open = round_.is_open(now)
    return PlanLive(
        round_, is_open, live_etag(round_.pk, round_.revision, is_open, "plan", get_language())
    )
