"""What the round views share: the overview with its charts and the page's context."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from activities.models import Activity

from .. import access, selectors
from ..live import live_etag
from ..models import Round

ORDERS = ("plan", "disagreement")
DECISION_LABELS = {
    "decision_on": _("Beslut om"),
    "green": Activity.Priority.GREEN.label,
    "yellow": Activity.Priority.YELLOW.label,
    "red": Activity.Priority.RED.label,
    "most": _("flest"),
    "decide": _("Besluta"),
    "change_decision": _("Ändra beslut"),
}
ONLY = ("", "split", "undecided")


def back_to(request: HttpRequest, fallback: str) -> str:
    """The page a form came from (its `next`), if it is one of ours; else `fallback`."""
    url = request.POST.get("next", "")
    is_path = url.startswith("/") and not url.startswith(("//", "/\\"))
    if is_path and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return fallback


def whole_number(raw: str) -> int | None:
    """A query's id ("12"), or None for anything else ("", "-1", "²", a hundred digits)."""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def round_context(
    request: HttpRequest, round_: Round, *, view: str, next_url: str, **overview_args
) -> dict:
    """The round with its spreads, what the person may do there, and the live view's tag."""
    council = round_.plan.council
    overview = selectors.round_overview(round_, **overview_args)
    is_open = round_.is_open()
    url_args = {"slug": council.slug, "year": round_.plan.year, "pk": round_.pk}
    return {
        "round": round_,
        "plan": round_.plan,
        "council": council,
        "overview": overview,
        "is_open": is_open,
        "view": view,
        "next_url": next_url,
        # What every activity's forms repeat, made once per page.
        "decide_url": reverse("prioritisation:decide", kwargs=url_args),
        "move_url": reverse("prioritisation:move", kwargs=url_args),
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        ),
        "labels": DECISION_LABELS,
        "live_etag": live_etag(round_.pk, round_.revision, is_open, view, get_language()),
        "can_decide": access.can_decide(request.user, council),
        "can_manage": access.can_manage(request.user, council),
        "voters": access.voters_for(request.user, round_),
    }
