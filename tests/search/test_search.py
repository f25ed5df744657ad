"""The header's search: what each role finds, Swedish word forms, and its query count."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from search.selectors import search_results
from tests.world import World

pytestmark = pytest.mark.django_db


def _titles(world: World, role: str, text: str) -> dict[str, list[str]]:
    return {
        group.kind: [hit.title for hit in group.shown]
        for group in search_results(world.users[role], text)
    }


def test_a_member_finds_every_councils_activities_and_only_readable_groups(world):
    found = _titles(world, "member", "handledarutbildning")
    assert sorted(found["activities"]) == [
        "Handledarutbildning Mellansverige", "Handledarutbildning Norra",
    ]  # fmt: skip
    groups = _titles(world, "member", "AT/BT")["workgroups"]
    assert groups == ["Arbetsgrupp AT/BT Mellansverige"]  # not Norra's group
    assert _titles(world, "other_member", "AT/BT")["workgroups"] == ["Arbetsgrupp AT/BT Norra"]
    assert sorted(_titles(world, "national", "AT/BT")["workgroups"]) == [
        "Arbetsgrupp AT/BT Mellansverige", "Arbetsgrupp AT/BT Norra",
    ]  # fmt: skip


def test_people_without_a_seat_find_only_their_groups(world):
    assert _titles(world, "convenor", "AT/BT") == {
        "workgroups": ["Arbetsgrupp AT/BT Mellansverige"]
    }
    assert _titles(world, "convenor", "handledarutbildning") == {}
    assert _titles(world, "respondent", "AT/BT") == {}
    assert _titles(world, "respondent", "Mellansverige") == {}


def test_drafts_are_found_only_by_their_councils_secretariat(world):
    assert "Utkast Mellansverige" not in _titles(world, "member", "utkast").get("surveys", [])
    assert "Utkast Mellansverige" in _titles(world, "secretariat", "utkast")["surveys"]
    assert "Utkast Mellansverige" not in _titles(world, "other_member", "utkast").get("surveys", [])


def test_organisations_and_people(world):
    assert "Arvika kommun" in _titles(world, "member", "arvika")["organisations"]
    assert "Stina Sekretariat" in _titles(world, "member", "stina")["people"]
    assert _titles(world, "member", "") == {}


def test_swedish_word_forms_find_each_other(world):
    assert connection.vendor == "postgresql"  # the tests run on PostgreSQL, as production
    # "handledarutbildningen" (definite) and "Handledarutbildning" share the Swedish stem.
    assert _titles(world, "member", "handledarutbildningen")["activities"]
    assert _titles(world, "member", "kompetensbehoven")["surveys"]


def test_the_query_count_does_not_grow_with_the_hits(world):
    from activities import services as plans

    user = world.users["secretariat"]
    with CaptureQueriesContext(connection) as few:
        search_results(user, "handledarutbildning")
    plan = world.extra["own_plan"]
    area = world.extra["own_activity"].focus_area
    for number in range(30):
        plans.activity_create(plan=plan, focus_area=area, title=f"Handledarutbildning {number}")
    user = type(user).objects.get(pk=user.pk)
    with CaptureQueriesContext(connection) as many:
        groups = search_results(user, "handledarutbildning")
    activities = next(g for g in groups if g.kind == "activities")
    assert activities.more and len(activities.shown) == 20
    assert len(many) == len(few) <= 8


def test_the_page_groups_the_hits_and_keeps_the_words(world, client_for):
    response = client_for("member").get(reverse("search:results"), {"q": " handledar  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="handledar"' in html and 'id="search-activities"' in html
    assert "Handledarutbildning Norra" in html
    assert client_for("anonymous").get(reverse("search:results")).status_code == 302


def test_control_characters_are_no_error(world, client_for):
    response = client_for("member").get(reverse("search:results"), {"q": "handledar\x00utbildning"})
    assert response.status_code == 200
    assert _titles(world, "member", "\x00\x1f") == {}
