"""The register's list: the region's organisations with their addresses per role, filtered,
in the same number of queries for one organisation and for fifty."""

import pytest
from django.urls import reverse

from contacts import selectors, services
from councils.models import Organisation

pytestmark = pytest.mark.django_db


def _municipalities(world, n: int, start: int = 0) -> list[Organisation]:
    region = world.own.healthcare_region
    made = []
    for index in range(start, start + n):
        org = Organisation.objects.create(
            kind="kommun", code=f"9{index:03d}", name=f"Testkommun {index:02d}", lan_code="17"
        )
        org.healthcare_regions.add(region)
        services.contacts_add(emails={org.pk: [f"mas{index}@test.se"]}, role="mas")
        services.contacts_add(emails={org.pk: [f"chef{index}@test.se"]}, role="forvaltningschef")
        made.append(org)
    return made


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "query", ["", "?role=mas", "?kind=kommun&without=on", "?role=mar&without=on"]
)
def test_the_list_costs_as_many_queries_for_one_organisation_as_for_fifty(
    world, client_for, django_assert_num_queries, query
):
    client = client_for("secretariat")
    url = reverse("contacts:list", kwargs={"slug": world.own.slug}) + query
    _municipalities(world, 1)
    client.get(url)  # the first request of a session writes it: not the list's cost
    one = _queries(client, url)
    _municipalities(world, 50, start=1)  # 51 of them now, each with two addresses
    with django_assert_num_queries(one):
        page = client.get(url)
    assert page.status_code == 200
    if not query:
        assert page.content.decode().count("@test.se") >= 100


def test_the_selector_reads_in_two_queries(world, django_assert_num_queries):
    _municipalities(world, 5)
    with django_assert_num_queries(2):
        rows = selectors.council_contacts(council=world.own)
        assert sum(row.count for row in rows) == 10


def test_it_lists_the_regions_organisations_with_addresses_grouped_by_role(world):
    arvika = world.organisations["arvika"]
    services.contacts_add(emails={arvika.pk: ["b@arvika.se", "a@arvika.se"]}, role="mas")
    services.contacts_add(emails={arvika.pk: ["chef@arvika.se"]}, role="verksamhetschef")
    rows = {row.organisation.name: row for row in selectors.council_contacts(council=world.own)}
    assert "Umeå kommun" not in rows  # another region's
    assert [(g.label, [c.email for c in g.contacts]) for g in rows["Arvika kommun"].roles] == [
        ("Verksamhetschef", ["chef@arvika.se"]),
        ("MAS", ["a@arvika.se", "b@arvika.se"]),
    ]


def test_the_filters_by_kind_role_and_without_address(world):
    arvika, orebro = world.organisations["arvika"], world.organisations["orebro"]
    services.contacts_add(emails={arvika.pk: ["mas@arvika.se"]}, role="mas")
    services.contacts_add(emails={orebro.pk: ["chef@orebro.se"]}, role="forvaltningschef")

    def names(**filters):
        return [row.organisation.name for row in selectors.council_contacts(council=world.own,
                                                                            **filters)]  # fmt: skip

    assert names(kind="kommun") == ["Arvika kommun", "Örebro kommun"]
    assert names(without=True) == ["Uppsala universitet", "Region Örebro län"]
    assert names(role="mas", without=True, kind="kommun") == ["Örebro kommun"]
    with_mas = {row.organisation.name: row.count for row in selectors.council_contacts(
        council=world.own, role="mas")}  # fmt: skip
    assert with_mas["Arvika kommun"] == 1 and with_mas["Örebro kommun"] == 0


def test_the_page_says_how_many_have_no_address_and_marks_them(world, client_for):
    services.contacts_add(emails={world.organisations["arvika"].pk: ["a@arvika.se"]}, role="mas")
    page = (
        client_for("member")
        .get(reverse("contacts:list", kwargs={"slug": world.own.slug}))
        .content.decode()
    )
    assert "4 organisationer, 3 utan adress" in page
    assert page.count("Ingen adress") == 3
    assert "a@arvika.se" in page
    assert "Ändra" not in page  # members read; the secretariat keeps it


def test_a_filter_value_that_is_not_a_choice_lists_everything(world, client_for):
    url = reverse("contacts:list", kwargs={"slug": world.own.slug}) + "?kind=<script>&role=x"
    page = client_for("member").get(url)
    assert page.status_code == 200
    assert "4 organisationer" in page.content.decode()
