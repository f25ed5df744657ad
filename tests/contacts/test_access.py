"""Who reads and who keeps the register: the council's members read it, its secretariat keeps
it; other councils (their secretariat too), the national council and respondents do not."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LIST_EXPECT = {
    "anonymous": 302, "respondent": 403, "member": 200, "other_member": 403,
    "secretariat": 200, "national": 403, "admin": 200, "convenor": 403,
    "group_member": 403, "national_secretariat": 403,
}  # fmt: skip
EDIT_EXPECT = {**LIST_EXPECT, "member": 403}


def _list(council) -> str:
    return reverse("contacts:list", kwargs={"slug": council.slug})


def _edit(council, organisation) -> str:
    return reverse("contacts:organisation", kwargs={"slug": council.slug, "pk": organisation.pk})


@pytest.mark.parametrize("role", sorted(LIST_EXPECT))
def test_the_own_councils_register_per_role(world, client_for, role):
    client = client_for(role)
    assert client.get(_list(world.own)).status_code == LIST_EXPECT[role]
    edit = _edit(world.own, world.organisations["arvika"])
    assert client.get(edit).status_code == EDIT_EXPECT[role]


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_another_councils_register_is_closed_to_the_own_council(world, client_for, role):
    client = client_for(role)
    assert client.get(_list(world.other)).status_code == 403
    assert client.get(_edit(world.other, world.organisations["umea"])).status_code == 403


def test_another_councils_secretariat_neither_reads_nor_keeps_ours(world, other_secretariat):
    assert other_secretariat.get(_list(world.own)).status_code == 403
    assert other_secretariat.get(_edit(world.own, world.organisations["arvika"])).status_code == 403
    # … and through its own council's address an organisation of ours does not exist.
    ours_via_theirs = _edit(world.other, world.organisations["arvika"])
    assert other_secretariat.get(ours_via_theirs).status_code == 404
    assert other_secretariat.get(_list(world.other)).status_code == 200


def test_an_organisation_of_another_region_is_404_for_the_secretariat(world, client_for):
    client = client_for("secretariat")
    assert client.get(_edit(world.own, world.organisations["umea"])).status_code == 404
    assert client.get(_edit(world.own, world.organisations["arvika"])).status_code == 200


def test_a_forged_save_by_a_member_changes_nothing(world, client_for):
    from contacts.models import Contact

    url = _edit(world.own, world.organisations["arvika"])
    data = {"contacts-TOTAL_FORMS": "1", "contacts-INITIAL_FORMS": "0", "version": "0",
            "contacts-0-role": "mas", "contacts-0-email": "mas@arvika.test"}  # fmt: skip
    assert client_for("member").post(url, data).status_code == 403
    assert client_for("other_member").post(url, data).status_code == 403
    assert not Contact.objects.exists()


def test_the_national_council_has_no_register(world, client_for):
    national = world.councils["nationella"]
    assert client_for("national").get(_list(national)).status_code == 404
    assert client_for("admin").get(_list(national)).status_code == 404


def test_the_council_page_links_to_the_register_for_those_it_opens_to(world, client_for):
    council_page = reverse("councils:detail", kwargs={"slug": world.own.slug})
    link = f'href="{_list(world.own)}"'
    assert link in client_for("member").get(council_page).content.decode()
    assert link in client_for("secretariat").get(council_page).content.decode()
    assert link not in client_for("other_member").get(council_page).content.decode()
    assert link not in client_for("national").get(council_page).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("respondent", 403), ("member", 403), ("other_member", 403),
     ("national", 403), ("secretariat", 302), ("admin", 302)],
)  # fmt: skip
def test_taking_addresses_from_the_register_into_a_round_is_the_secretariats(
    world, client_for, role, status
):
    survey = world.extra["own_draft_survey"]
    url = reverse("surveys:register_addresses", kwargs={"slug": world.own.slug, "pk": survey.pk})
    response = client_for(role).post(url, {"role": "mas"})
    assert response.status_code == status
    if role == "anonymous":
        assert "/konto/logga-in/" in response["Location"]


def test_another_councils_secretariat_cannot_take_addresses_into_our_round(
    world, other_secretariat
):
    survey = world.extra["own_draft_survey"]
    url = reverse("surveys:register_addresses", kwargs={"slug": world.own.slug, "pk": survey.pk})
    assert other_secretariat.post(url, {"role": "mas"}).status_code == 403
    via_theirs = reverse(
        "surveys:register_addresses", kwargs={"slug": world.other.slug, "pk": survey.pk}
    )
    assert other_secretariat.post(via_theirs, {"role": "mas"}).status_code == 404
