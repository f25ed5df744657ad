"""The demo data: Mellansverige's members by party, one login per role, idempotent."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from councils import selectors
from councils.demo import DEMO_PASSWORD
from councils.models import Council, Membership, User

pytestmark = pytest.mark.django_db


def test_demo_data_loads_twice_without_duplicates(capsys):
    call_command("load_demo_data")
    first = (User.objects.count(), Membership.objects.count())
    call_command("load_demo_data")
    assert (User.objects.count(), Membership.objects.count()) == first
    out = capsys.readouterr().out
    assert "sekretariat@mellansverige.example.se" in out
    assert DEMO_PASSWORD in out


def test_every_printed_login_works_for_its_role():
    from councils import access

    call_command("load_demo_data")
    mellansverige = Council.objects.get(slug="mellansverige")
    users = {
        email: authenticate(RequestFactory().post("/"), username=email, password=DEMO_PASSWORD)
        for email in [
            "sekretariat@mellansverige.example.se",
            "helena.lindqvist@mellansverige.example.se",
            "ledamot@mellansverige.example.se",
            "robert.isaksson@norra.example.se",
            "nationell@nvkr.example.se",
            "respondent@arvika.example.se",
            "admin@vkr.example.se",
        ]
    }
    assert all(users.values())
    assert access.can_manage_council(users["sekretariat@mellansverige.example.se"], mellansverige)
    chair = users["helena.lindqvist@mellansverige.example.se"]
    assert access.can_chair_council(chair, mellansverige)
    assert not access.can_manage_council(chair, mellansverige)
    assert not access.can_chair_council(users["ledamot@mellansverige.example.se"], mellansverige)
    assert access.can_edit_council(users["ledamot@mellansverige.example.se"], mellansverige)
    assert not access.can_edit_council(users["robert.isaksson@norra.example.se"], mellansverige)
    assert access.is_national_member(users["nationell@nvkr.example.se"])
    assert not access.can_read_councils(users["respondent@arvika.example.se"])
    assert users["admin@vkr.example.se"].is_staff


def test_mellansverige_members_are_grouped_by_party_with_titles():
    call_command("load_demo_data")
    council = Council.objects.get(slug="mellansverige")
    groups = {group.party: group for group in selectors.active_members_by_party(council)}
    assert list(groups) == ["regioner", "kommuner", "larosaten", "ovriga"]
    municipal = {m.represents for m in groups["kommuner"].members}
    assert "Värmlands kommuner" in municipal
    titles = {m.user.title for m in groups["larosaten"].members}
    assert {"Prefekt", "Rektor", "Akademichef"} <= titles
    assert groups["regioner"].members[0].role == Membership.Role.CHAIR
