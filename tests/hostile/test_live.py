"""The round screens' requests that no form sends, fed hostile values: the live request's
If-None-Match and ?vy=/&omrade=, the meeting view's ?omrade=, the mark page's ?deltagare= and
forged round ids in the path. No answer of 500 or more, no payload's markup unescaped, and
each answer one of those its asker may get (304 only for the screen's own current tag)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from prioritisation.live import live_etag
from prioritisation.models import Round
from tests.world import World

from .harness import Clients
from .values import BEYOND_BIGINT, RAW_MARKUP, XSS_SCRIPT

pytestmark = pytest.mark.django_db

# A digit to str.isdigit() that int() refuses ("²"), one it takes ("٣"), and the usual.
QUERY_VALUES = [
    "", "0", "-1", "1.5", "abc", "²", "٣", "1e5", BEYOND_BIGINT, "9" * 400, XSS_SCRIPT,
    "a\x00b", "x" * 10_000,
]  # fmt: skip
VIEWS = ["round", "meeting", "plan", "", "x", "ROUND", "round ", XSS_SCRIPT, "²", "a" * 10_000]
# What a reader may get from the live request: its parts, nothing for the plan's page, nothing
# changed, or no such round or view.
READER_STATUSES = {200, 204, 304, 404}


def _round(world: World, key: str = "own_priority_round") -> Round:
    return Round.objects.get(pk=world.extra[key].pk)


def _kwargs(world: World, pk: int | str, slug: str | None = None) -> dict:
    return {"slug": slug or world.own.slug, "year": 2022, "pk": pk}


def _tags(round_: Round, view: str) -> list[str]:
    """If-None-Match values: the current tag and stale, forged, malformed and huge ones."""
    pk, current = round_.pk, live_etag(round_.pk, round_.revision, True, view, "sv")
    return [
        "", "*", current, f"W/{current}", f"{current}, \"x\"", f"\"x\", {current}",
        f'"r{pk}.0.1.{view}.sv"', f'"r{pk}.{BEYOND_BIGINT}.1.{view}.sv"',
        f'"r{pk}.-1.1.{view}.sv"', f'"r{pk}.².1.{view}.sv"', f'"r{pk}.٣.1.{view}.sv"',
        f'"r{pk}.1.1.{view}"', f'"r{pk}....."', f'"r{pk + 1}.1.1.{view}.sv"',
        f'"r{pk}.1.1.{view}.{XSS_SCRIPT}"', ",,,", ", ".join(['"r1.1.1.round.sv"'] * 300),
        "x" * 10_000,
    ]  # fmt: skip


def _judge(response, where: str, allowed: set[int]) -> list[str]:
    problems = []
    if response.status_code not in allowed:
        problems.append(f"{where}: {response.status_code}, not one of {sorted(allowed)}")
    if "html" in response.get("Content-Type", ""):
        text = response.content.decode("utf-8", "replace")
        problems += [f"{where}: unescaped {markup!r}" for markup in RAW_MARKUP if markup in text]
    return problems


def test_the_live_request_takes_any_tag_and_view(hostile_world: World):
    world = hostile_world
    member = Clients(world)("member")
    round_ = _round(world)
    url = reverse("prioritisation:live", kwargs=_kwargs(world, round_.pk))
    problems = []
    for view in VIEWS:
        for tag in _tags(round_, view if view in ("round", "meeting", "plan") else "round"):
            headers = {"HTTP_IF_NONE_MATCH": tag} if tag else {}
            response = member.get(url, {"vy": view}, **headers)
            where = f"vy={view[:20]!r} If-None-Match={tag[:40]!r}"
            problems += _judge(response, where, READER_STATUSES)
            current = live_etag(round_.pk, round_.revision, True, view, "sv")
            listed = current in [part.strip() for part in tag.split(",")]
            if (response.status_code == 304) != listed:
                problems.append(f"{where}: {response.status_code}, the current tag is {current}")
            if response.status_code == 304 and response.content:
                problems.append(f"{where}: a 304 with a body")
    assert not problems, "\n".join(problems[:40])


def test_the_meeting_screens_take_any_focus_area(hostile_world: World):
    world = hostile_world
    member = Clients(world)("member")
    round_ = _round(world)
    areas = [
        str(world.extra["own_activity"].focus_area_id),
        str(world.extra["other_focus_area"].pk),
    ]
    live = reverse("prioritisation:live", kwargs=_kwargs(world, round_.pk))
    meeting = reverse("prioritisation:meeting", kwargs=_kwargs(world, round_.pk))
    problems = []
    for area in [*areas, *QUERY_VALUES]:
        response = member.get(live, {"vy": "meeting", "omrade": area})
        problems += _judge(response, f"live omrade={area[:20]!r}", {200})
        response = member.get(meeting, {"omrade": area})
        problems += _judge(response, f"meeting omrade={area[:20]!r}", {200})
    assert not problems, "\n".join(problems[:40])


def test_the_mark_page_takes_any_voter(hostile_world: World):
    """Another voter's id, of this round or another council's, is refused as any other."""
    world = hostile_world
    member = Clients(world)("member")
    round_ = _round(world)
    url = reverse("prioritisation:mark", kwargs=_kwargs(world, round_.pk))
    own = round_.voters.get(user=world.users["member"]).pk
    # (GET, POST) statuses: the page, or the save (nothing changed) and back to the page.
    voters = {value: ({200, 403}, {302, 403}) for value in QUERY_VALUES}
    voters[str(own)] = ({200}, {302})
    voters[str(world.extra["other_mark"].voter_id)] = ({403}, {403})
    problems = []
    for value, (on_get, on_post) in voters.items():
        where = f"deltagare={value[:20]!r}"
        problems += _judge(member.get(url, {"deltagare": value}), f"GET {where}", on_get)
        problems += _judge(member.post(url, {"deltagare": value}), f"POST {where}", on_post)
    assert not problems, "\n".join(problems[:40])


POSTED = ("decide", "move", "remind", "close")


@pytest.mark.parametrize("name", ["round", "meeting", "mark", "live", "export", *POSTED])
def test_a_forged_round_id_is_not_found(name: str, hostile_world: World):
    """The other council's round, and ids of nothing, under the own plan's URL."""
    world = hostile_world
    clients = Clients(world)
    problems = []
    for pk in (world.extra["other_priority_round"].pk, 999_999_999, BEYOND_BIGINT):
        url = reverse(f"prioritisation:{name}", kwargs=_kwargs(world, pk))
        # other_member marks the other round, and still not under the own plan's URL.
        for role in ("secretariat", "member", "other_member", "admin"):
            client = clients(role)
            response = client.post(url, {"confirm": "1"}) if name in POSTED else client.get(url)
            # Reminding and closing are the secretariat's: refused before the lookup.
            refused = name in ("remind", "close") and role in ("member", "other_member")
            problems += _judge(response, f"{role} {url[:90]}", {403} if refused else {404})
    assert not problems, "\n".join(problems[:40])
