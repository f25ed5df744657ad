"""The meeting view for the projector, and the live requests every round screen makes."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from .. import access, selectors
from ..live import etag_revision, live_etag, live_state
from ..models import Event
from ._common import round_context, whole_number

VIEWS = ("round", "meeting", "plan")
# What the plan's page shows of a round: its decisions (the colours) and moves.
PLAN_KINDS = (Event.Kind.DECISION, Event.Kind.MOVE)


def _area(request: HttpRequest, areas: list[tuple[int, str]]) -> int | None:
    chosen = whole_number(request.GET.get("omrade", ""))
    ids = [pk for pk, _name in areas]
    if chosen in ids:
        return chosen
    return ids[0] if ids else None


@login_required
@require_GET
def meeting(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    round_ = access.round_for_reading(request.user, slug, year, pk)
    areas = selectors.round_areas(round_)
    area = _area(request, areas)
    ctx = round_context(
        request, round_, view="meeting", next_url=request.get_full_path(),
        focus_area_id=area if area is not None else -1,
    )  # fmt: skip
    index = next((i for i, (a, _n) in enumerate(areas) if a == area), 0)
    ctx.update({
        "areas": areas,
        "area": area,
        "area_name": dict(areas).get(area, ""),
        "previous_area": areas[index - 1][0] if index > 0 else None,
        "next_area": areas[index + 1][0] if index + 1 < len(areas) else None,
        "area_number": index + 1,
    })  # fmt: skip
    return render(request, "prioritisation/meeting.html", ctx)


def _not_modified(etag: str, state) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(state.changed_at.timestamp())
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def live(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    """What changed in the round since the screen's revision: 304 with nothing when nothing
    did (three queries: the session, the person, their seats; the revision is in the cache),
    else the changed parts for htmx to swap in and the others' changes to read out.

    A screen left open does not keep its session alive: these requests are not activity."""
    request.vkr_background = True
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    access.require_reader(request.user)
    state = live_state(pk)
    if state is None or state.slug != slug or state.year != year:
        raise Http404("No such round in this plan")
    view = request.GET.get("vy", "round")
    if view not in VIEWS:
        raise Http404("No such view")
    etag = live_etag(pk, state.revision, state.is_open(timezone.now()), view, get_language())
    sent = request.headers.get("If-None-Match", "")
    if etag in [tag.strip() for tag in sent.split(",")]:
        return _not_modified(etag, state)
    round_ = access.round_for_reading(request.user, slug, year, pk)
    since = etag_revision(sent.split(",")[0], pk, view) if sent else None
    if view == "plan":
        told = selectors.announcements_since(round_, since, request.user, PLAN_KINDS)
        response = HttpResponse(status=204)
        events = {"vkr:plan-rows": {"ids": told.activity_ids, "reload": told.moved}}
    else:
        told = selectors.announcements_since(round_, since, request.user)
        area, next_url = None, round_.get_absolute_url()
        if view == "meeting":
            area = _area(request, selectors.round_areas(round_))
            next_url = reverse(
                "prioritisation:meeting", kwargs={"slug": slug, "year": year, "pk": pk}
            )
            next_url += f"?omrade={area}" if area else ""
        ctx = round_context(request, round_, view=view, next_url=next_url, focus_area_id=area)
        ids = set(told.activity_ids)
        spreads = ctx["overview"].spreads
        ctx["spreads"] = [s for s in spreads if told.everything or s.activity.pk in ids]
        ctx["area"] = area
        response = render(request, "prioritisation/_live.html", ctx)
        events = {}
    if told.text:
        events["vkr:announce"] = {"message": told.text, "focus": ""}
    if events:
        response["HX-Trigger"] = json.dumps(events)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(state.changed_at.timestamp())
    response["Cache-Control"] = "private, no-cache"
    return response
