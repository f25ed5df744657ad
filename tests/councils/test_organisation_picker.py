"""The organisation picker of the member form: its search (selector and endpoint), who may
use it, and the form's check of the chosen id."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from councils import selectors
from councils.forms import OrganisationCombobox
from councils.models import HealthcareRegion, Membership, Organisation

pytestmark = pytest.mark.django_db


def _search_url(council, text: str | None = None) -> str:
    url = reverse("councils:organisation_search", kwargs={"slug": council.slug})
    return url if text is None else f"{url}?q={text}"


def _names(found) -> list[str]:
    return [organisation.name for organisation in found.organisations]


def _many_municipalities(count: int) -> None:
    Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.MUNICIPALITY, code=f"9{n:03}", name=f"Testby {n:02} kommun"
        )
        for n in range(count)
    )


def test_it_finds_by_name_code_lan_and_kind(world):
    Organisation.objects.filter(pk=world.organisations["arvika"].pk).update(
        lan_name="Värmlands län"
    )
    assert _names(selectors.organisations_for_choice("arvi")) == ["Arvika kommun"]
    assert _names(selectors.organisations_for_choice("1784")) == ["Arvika kommun"]
    assert _names(selectors.organisations_for_choice("värmland")) == ["Arvika kommun"]
    # The kind is matched by its name in the language in use (the one the list shows).
    with translation.override("sv"):
        assert _names(selectors.organisations_for_choice("lärosäte")) == ["Uppsala universitet"]
    # Every word must match, each in any of the fields.
    assert _names(selectors.organisations_for_choice("kommun värmlands")) == ["Arvika kommun"]
    assert _names(selectors.organisations_for_choice("region västerbotten")) == [
        "Region Västerbotten"
    ]
    assert _names(selectors.organisations_for_choice("finns inte")) == []


def test_names_beginning_with_the_text_come_first(world):
    assert _names(selectors.organisations_for_choice("region")) == [
        "Region Västerbotten",
        "Region Örebro län",
    ]
    found = _names(selectors.organisations_for_choice("örebro"))
    assert found == ["Örebro kommun", "Region Örebro län"]


def test_at_most_twenty_are_shown_and_it_says_there_are_more(world):
    _many_municipalities(25)
    found = selectors.organisations_for_choice("testby")
    assert len(found.organisations) == 20 and found.more
    assert not selectors.organisations_for_choice("testby 01").more


def test_the_search_is_one_query_for_one_match_or_many(world, django_assert_num_queries):
    _many_municipalities(25)
    for text in ("arvika", "testby", "", "kommun testby 1"):
        with django_assert_num_queries(1):
            selectors.organisations_for_choice(text)


def test_the_endpoint_answers_with_the_matches_and_what_to_announce(world, client_for):
    client = client_for("secretariat")
    arvika = world.organisations["arvika"]
    response = client.get(_search_url(world.own, "arvika"))
    assert response.status_code == 200
    assert response.json() == {
        "results": [{"value": arvika.pk, "label": "Arvika kommun (Kommun)", "detail": ""}],
        "message": "1 träff",
    }
    assert client.get(_search_url(world.own, "kommun")).json()["message"] == "3 träffar"
    assert client.get(_search_url(world.own, "xyzzy")).json() == {
        "results": [],
        "message": "Inga träffar",
    }
    _many_municipalities(25)
    more = client.get(_search_url(world.own, "testby")).json()
    assert len(more["results"]) == 20
    assert more["message"] == "De 20 första träffarna visas. Skriv mer för att begränsa."


def test_without_a_text_it_lists_the_first_organisations_by_name(world, client_for):
    results = client_for("secretariat").get(_search_url(world.own)).json()["results"]
    assert len(results) == 6
    assert results[0]["label"] == "Arvika kommun (Kommun)"


def test_the_endpoint_runs_the_same_queries_for_one_match_or_twenty(world, client_for):
    _many_municipalities(25)
    client = client_for("secretariat")
    client.get(_search_url(world.own, "a"))  # the first request of a session writes to it
    counts = []
    for text in ("arvika", "testby", "kommun testby"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_search_url(world.own, text)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]


# The people who may open the member form, and only they, may search.
EXPECTED = {
    "anonymous": 302,
    "respondent": 403,
    "member": 403,
    "other_member": 403,
    "secretariat": 200,
    "national": 403,
    "admin": 200,
    "convenor": 403,
    "group_member": 403,
    "national_secretariat": 403,
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_only_those_who_may_open_the_member_form_may_search(world, client_for, role):
    client = client_for(role)
    own = client.get(_search_url(world.own, "arvika"))
    form = client.get(reverse("councils:member_add", kwargs={"slug": world.own.slug}))
    assert own.status_code == EXPECTED[role] == form.status_code
    if role == "anonymous":
        assert own["Location"].startswith(reverse("login"))
    # Another council's: only the admin (the secretariat runs its own council only).
    other = client.get(_search_url(world.other, "arvika"))
    assert other.status_code == {"anonymous": 302, "admin": 200}.get(role, 403)


def test_another_councils_secretariat_may_search_there_only(world, client):
    other_secretariat = world.memberships["other_secretariat"].user
    client.force_login(other_secretariat)
    assert client.get(_search_url(world.other, "arvika")).status_code == 200
    assert client.get(_search_url(world.own, "arvika")).status_code == 403


def test_an_unknown_council_is_404(world, client_for):
    url = reverse("councils:organisation_search", kwargs={"slug": "finns-inte"})
    assert client_for("admin").get(url).status_code == 404


def test_the_search_only_answers_get(world, client_for):
    assert client_for("secretariat").post(_search_url(world.own), {"q": "a"}).status_code == 405


# --- the form


def test_the_member_form_offers_the_picker_over_a_select_of_every_organisation(world, client_for):
    HealthcareRegion.objects.create(code="SODRA", name="Södra", order=3)
    response = client_for("secretariat").get(
        reverse("councils:member_add", kwargs={"slug": world.own.slug})
    )
    page = response.content.decode()
    assert f'data-combobox-url="{_search_url(world.own)}"' in page
    for name in ("person_organisation", "organisation"):
        field = response.context["form"].fields[name]
        assert isinstance(field.widget, OrganisationCombobox)
        # Without JavaScript the select is the picker: every organisation, from all of Sweden.
        assert len(field.choices) == Organisation.objects.count() + 1
        combobox = 'role="combobox" aria-autocomplete="list" aria-expanded="false"'
        assert f'{combobox} aria-controls="id_{name}_listbox"' in page
        assert f'id="id_{name}_listbox" role="listbox"' in page
    assert page.count('<select name="organisation" data-combobox') == 1
    assert "js/combobox.js" in page and "css/combobox.css" in page


def _member_data(**overrides) -> dict:
    data = {
        "email": "ny.ledamot@kommun.test",
        "full_name": "Ny Ledamot",
        "role": "ledamot",
        "party": "kommuner",
        "start_date": "2026-01-01",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("forged", ["999999", "abc", "-1", "1 OR 1=1"])
def test_a_forged_organisation_id_is_an_error_at_the_field(world, client_for, forged):
    url = reverse("councils:member_add", kwargs={"slug": world.own.slug})
    response = client_for("secretariat").post(
        url, _member_data(organisation=forged, person_organisation=forged)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    message = "Det finns ingen sådan organisation. Sök och välj en i listan."
    assert errors["organisation"] == [message] and errors["person_organisation"] == [message]
    assert message in response.content.decode()
    assert not Membership.objects.filter(user__email="ny.ledamot@kommun.test").exists()


def test_the_chosen_organisations_are_saved(world, client_for):
    url = reverse("councils:member_add", kwargs={"slug": world.own.slug})
    orebro, arvika = world.organisations["orebro"], world.organisations["arvika"]
    response = client_for("secretariat").post(
        url, _member_data(organisation=orebro.pk, person_organisation=arvika.pk)
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="ny.ledamot@kommun.test")
    assert membership.organisation == orebro and membership.user.organisation == arvika


def test_editing_a_membership_refuses_a_forged_id_and_keeps_the_organisation(world, client_for):
    membership = world.memberships["member"]
    url = reverse("councils:member_edit", kwargs={"slug": world.own.slug, "pk": membership.pk})
    data = {"role": "ledamot", "party": "regioner", "start_date": "2024-01-01",
            "organisation": "424242"}  # fmt: skip
    response = client_for("secretariat").post(url, data)
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert 'class="organisationcombobox form-select is-invalid"' in response.content.decode()
    data["organisation"] = world.organisations["umea"].pk
    assert client_for("secretariat").post(url, data).status_code == 302
    membership.refresh_from_db()
    assert membership.organisation == world.organisations["umea"]
