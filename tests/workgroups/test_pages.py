"""Where workgroups are reached from: the council page, the navigation, the plan's
Genomförande cell and the navigation's own address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from workgroups import services

pytestmark = pytest.mark.django_db
LIST = reverse("workgroups:list", kwargs={"slug": "mellansverige"})
MINE = reverse("workgroups:mine")
COUNCIL = reverse("councils:detail", kwargs={"slug": "mellansverige"})
PLAN = reverse("activities:plan", kwargs={"slug": "mellansverige", "year": 2022})


def _nav_link() -> str:
    return f'href="{MINE}"'


@pytest.mark.parametrize(
    ("role", "linked"),
    [("member", True), ("secretariat", True), ("national", True), ("admin", True),
     ("other_member", False)],
)  # fmt: skip
def test_the_council_page_links_to_its_workgroups_for_those_who_may_list(
    world, client_for, role, linked
):
    response = client_for(role).get(COUNCIL)
    assert response.status_code == 200
    assert (f'href="{LIST}"' in response.content.decode()) is linked


@pytest.mark.parametrize(
    ("role", "shown"),
    [("member", True), ("other_member", True), ("secretariat", True), ("national", True),
     ("admin", True), ("convenor", True), ("group_member", True), ("respondent", False)],
)  # fmt: skip
def test_the_navigation_shows_workgroups_to_council_and_group_members(
    world, client_for, role, shown
):
    page = client_for(role).get(reverse("home")).content.decode()
    assert (_nav_link() in page) is shown
    if shown:
        assert ">Arbetsgrupper</a>" in page


def test_the_navigation_forgets_a_group_member_who_left(world, client_for):
    today = timezone.localdate()
    services.member_update(
        member=world.extra["own_group_member"], start_date=today - dt.timedelta(days=30),
        end_date=today - dt.timedelta(days=1),
    )  # fmt: skip
    page = client_for("group_member").get(reverse("home")).content.decode()
    assert _nav_link() not in page


def _genomforande_cell(page: str, activity) -> str:
    start = page.index(f'id="activity-{activity.pk}"')
    row = page[start : page.index("</tr>", start)]
    cells = re.split(r"<td[^>]*>", row)
    return cells[1].split("</td>")[0]


@pytest.mark.parametrize("role", ["member", "secretariat", "national"])
def test_the_plans_implementation_links_to_the_group_for_its_readers(world, client_for, role):
    activity, group = world.extra["own_activity"], world.extra["own_group"]
    page = client_for(role).get(PLAN).content.decode()
    cell = _genomforande_cell(page, activity)
    assert "Arbetsgrupp" in cell
    assert f'<a href="{group.get_absolute_url()}">{group.name}</a>' in cell


def test_another_councils_member_sees_the_groups_name_without_a_link(world, client_for):
    activity, group = world.extra["own_activity"], world.extra["own_group"]
    response = client_for("other_member").get(PLAN)
    assert response.status_code == 200  # another council's plans are readable
    cell = _genomforande_cell(response.content.decode(), activity)
    assert group.name in cell
    assert group.get_absolute_url() not in cell and "<a " not in cell
    # And the group itself stays closed to them.
    assert client_for("other_member").get(group.get_absolute_url()).status_code == 403


def test_the_activity_page_links_to_the_group_too(world, client_for):
    activity, group = world.extra["own_activity"], world.extra["own_group"]
    page = client_for("member").get(activity.get_absolute_url()).content.decode()
    assert f'href="{group.get_absolute_url()}"' in page


def test_two_groups_on_one_activity_are_both_linked(world, client_for):
    activity = world.extra["own_activity"]
    second = services.workgroup_create(
        council=world.own, name="Handledargruppen", activities=[activity]
    )
    cell = _genomforande_cell(client_for("member").get(PLAN).content.decode(), activity)
    assert f'href="{second.get_absolute_url()}"' in cell
    assert f'href="{world.extra["own_group"].get_absolute_url()}"' in cell


@pytest.mark.parametrize(
    ("role", "target"),
    [
        ("member", LIST),
        ("secretariat", LIST),
        ("convenor", LIST),
        ("group_member", LIST),
        ("other_member", reverse("workgroups:list", kwargs={"slug": "norra"})),
        ("national", reverse("councils:list")),
        ("admin", reverse("councils:list")),
    ],
)
def test_mine_goes_to_the_right_list(world, client_for, role, target):
    response = client_for(role).get(MINE)
    assert response.status_code == 302 and response["Location"] == target


def test_mine_is_refused_to_a_respondent_and_asks_a_visitor_to_log_in(world, client_for):
    assert client_for("respondent").get(MINE).status_code == 403
    anonymous = client_for("anonymous").get(MINE)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


def test_the_list_shows_a_group_member_only_their_own_group(world, client_for):
    second = services.workgroup_create(council=world.own, name="Karriärmodeller")
    own = world.extra["own_group"]
    page = client_for("group_member").get(LIST).content.decode()
    assert own.name in page and second.name not in page
    inbox = reverse("workgroups:questions", kwargs={"slug": "mellansverige"})
    assert "Ny arbetsgrupp" not in page and inbox not in page
    full = client_for("member").get(LIST).content.decode()
    assert own.name in full and second.name in full and inbox in full
