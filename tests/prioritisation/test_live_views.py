"""The live requests of a round's screens: what a changed round sends to the plan's page and
the round page, that one's own changes are not read out, and that polling is not activity
that keeps a session from its idle logout."""

from __future__ import annotations

import json
import time

import pytest
from django.urls import reverse

from prioritisation import services
from prioritisation.models import Voter

from .builders import round_build, setting_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _committed(monkeypatch):
    """The tests run in one transaction: what a change does after its commit (storing the
    round's live state) runs at once, as it does in production after each change's commit."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def _live(round_, view: str) -> str:
    plan = round_.plan
    kwargs = {"slug": plan.council.slug, "year": plan.year, "pk": round_.pk}
    return reverse("prioritisation:live", kwargs=kwargs) + f"?vy={view}"


def _mark(round_, user, activity, colour: str) -> None:
    voter = Voter.objects.get(round=round_, user=user)
    services.marks_save(
        round_id=round_.pk, voter_id=voter.pk, user=user,
        marks=[services.MarkInput(activity.pk, colour)],
    )  # fmt: skip


def test_the_plan_page_is_sent_the_decided_rows_and_told_of_the_decision(world, client_for):
    setting = setting_build(world)
    round_ = round_build(setting.plan)
    client = client_for("member")
    first = client.get(_live(round_, "plan"))
    etag = first["ETag"]
    assert first.status_code == 204
    assert client.get(_live(round_, "plan"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    activity = setting.vfu_activities[0]
    # A mark does not change the plan: its page is sent no row and told nothing.
    _mark(round_, setting.coopted, activity, "red")
    marked = client.get(_live(round_, "plan"), HTTP_IF_NONE_MATCH=etag)
    assert marked.status_code == 204 and marked["ETag"] != etag
    assert json.loads(marked["HX-Trigger"]) == {"vkr:plan-rows": {"ids": [], "reload": False}}
    services.decision_make(
        round_id=round_.pk, activity_id=activity.pk, priority="red", expected_version=0,
        user=setting.chair,
    )  # fmt: skip
    decided = client.get(_live(round_, "plan"), HTTP_IF_NONE_MATCH=marked["ETag"])
    events = json.loads(decided["HX-Trigger"])
    assert events["vkr:plan-rows"] == {"ids": [activity.pk], "reload": False}
    assert events["vkr:announce"]["message"] == f"Beslut: ”{activity.title}” är röd."


def test_the_round_page_is_sent_the_changed_activity_and_not_told_its_own_change(world, client_for):
    setting = setting_build(world)
    round_ = round_build(setting.plan)
    member = world.users["member"]
    client = client_for("member")
    etag = client.get(_live(round_, "round"))["ETag"]
    activity = setting.vfu_activities[1]
    _mark(round_, member, activity, "green")
    own = client.get(_live(round_, "round"), HTTP_IF_NONE_MATCH=etag)
    assert own.status_code == 200
    body = own.content.decode()
    assert f'id="spread-{activity.pk}"' in body and 'hx-swap-oob="outerHTML"' in body
    # Only the changed activity is sent, and one's own mark is not read out.
    assert f'id="spread-{setting.vfu_activities[0].pk}"' not in body
    assert "vkr:announce" not in own.get("HX-Trigger", "")
    _mark(round_, setting.coopted, activity, "yellow")
    other = client.get(_live(round_, "round"), HTTP_IF_NONE_MATCH=own["ETag"])
    announced = json.loads(other["HX-Trigger"])["vkr:announce"]["message"]
    assert announced == f"Ada Adjungerad markerade ”{activity.title}”: gul."


def test_polling_does_not_keep_an_idle_session_alive(world, client_for):
    setting = setting_build(world)
    round_ = round_build(setting.plan)
    client = client_for("member")
    session = client.session
    stamp = int(time.time()) - 600
    session["last_request_at"] = stamp
    session.save()
    assert client.get(_live(round_, "round")).status_code == 200
    assert client.session["last_request_at"] == stamp
    # A page the person opens is activity.
    client.get(round_.get_absolute_url())
    assert client.session["last_request_at"] > stamp


def test_a_poll_of_an_unknown_view_or_another_plan_is_not_found(world, client_for):
    setting = setting_build(world)
    round_ = round_build(setting.plan)
    client = client_for("member")
    assert client.get(_live(round_, "round").replace("vy=round", "vy=bogus")).status_code == 404
    wrong = reverse(
        "prioritisation:live", kwargs={"slug": world.other.slug, "year": 2030, "pk": round_.pk}
    )
    assert client.get(wrong).status_code == 404


def test_a_state_read_on_a_cache_miss_never_replaces_a_newer_one(world):
    """A poll that missed the cache read revision N; a change then committed and stored
    N + 1; the poll's store of N comes last and must not win."""
    from django.core.cache import cache

    from prioritisation.live import LIVE_KEY, live_state, live_state_store
    from prioritisation.models import Round

    setting = setting_build(world)
    round_ = round_build(setting.plan)
    key = LIVE_KEY.format(pk=round_.pk)
    cache.delete(key)
    read_before = Round.objects.select_related("plan__council").get(pk=round_.pk)
    _mark(round_, setting.coopted, setting.vfu_activities[0], "green")  # stores N + 1
    newer = live_state(round_.pk).revision
    assert newer == read_before.revision + 1
    live_state_store(read_before, replace=False)  # the late reader
    assert live_state(round_.pk).revision == newer
