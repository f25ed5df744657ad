"""An organisation's page of addresses: saved as a whole, lower-case and once per role, with
clear errors; a double click saves once, and a save on a page someone changed since is
refused with what is saved now."""

import uuid

import pytest
from django.urls import reverse

from contacts import services
from contacts.models import Contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def arvika(world):
    return world.organisations["arvika"]


def _url(world, organisation) -> str:
    return reverse("contacts:organisation", kwargs={"slug": world.own.slug, "pk": organisation.pk})


def _data(rows, *, initial=0, version=0, key=None, **extra) -> dict:
    data = {
        "contacts-TOTAL_FORMS": str(len(rows)), "contacts-INITIAL_FORMS": str(initial),
        "version": str(version), "idempotency_key": str(key or uuid.uuid4()), **extra,
    }  # fmt: skip
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"contacts-{index}-{name}"] = value
    return data


def _kept(organisation) -> list[tuple[str, str, str]]:
    return list(
        Contact.objects.filter(organisation=organisation)
        .order_by("role", "email")
        .values_list("role", "email", "name")
    )


def test_it_adds_addresses_lower_case_with_names(world, client_for, arvika):
    rows = [{"role": "mas", "email": " Maria.MAS@Arvika.se ", "name": "Maria Mas"},
            {"role": "forvaltningschef", "email": "chef@arvika.se"}, {}]  # fmt: skip
    response = client_for("secretariat").post(_url(world, arvika), _data(rows))
    assert response.status_code == 302
    assert _kept(arvika) == [("forvaltningschef", "chef@arvika.se", ""),
                             ("mas", "maria.mas@arvika.se", "Maria Mas")]  # fmt: skip
    page = client_for("secretariat").get(_url(world, arvika)).content.decode()
    assert 'value="maria.mas@arvika.se"' in page and "Ta bort adressen" in page


def test_it_removes_an_address_ticked_for_removal(world, client_for, arvika):
    services.contacts_add(emails={arvika.pk: ["a@arvika.se", "b@arvika.se"]}, role="mas")
    rows = [{"role": "mas", "email": "a@arvika.se", "DELETE": "on"},
            {"role": "mas", "email": "b@arvika.se"}]  # fmt: skip
    response = client_for("secretariat").post(
        _url(world, arvika), _data(rows, initial=2, version=1)
    )
    assert response.status_code == 302
    assert _kept(arvika) == [("mas", "b@arvika.se", "")]


def test_the_same_address_twice_for_a_role_is_an_error_at_the_second(world, client_for, arvika):
    rows = [{"role": "mas", "email": "a@arvika.se"}, {"role": "mas", "email": "A@Arvika.se"}]
    response = client_for("secretariat").post(_url(world, arvika), _data(rows))
    assert response.status_code == 400
    assert "Adressen finns redan för rollen MAS." in response.content.decode()
    assert _kept(arvika) == []


def test_the_same_address_for_two_roles_is_kept_for_each(world, client_for, arvika):
    rows = [{"role": "mas", "email": "a@arvika.se"}, {"role": "mar", "email": "a@arvika.se"}]
    assert client_for("secretariat").post(_url(world, arvika), _data(rows)).status_code == 302
    assert [r[:2] for r in _kept(arvika)] == [("mar", "a@arvika.se"), ("mas", "a@arvika.se")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"role": "mas", "email": "inte-en-adress"}, "Fyll i en giltig e-postadress."),
        ({"email": "a@arvika.se"}, "Välj roll."),
        ({"role": "mas"}, "Ange en e-postadress."),
        ({"role": "chef", "email": "a@arvika.se"}, "Välj ett giltigt alternativ."),
    ],
)
def test_a_bad_row_says_what_is_wrong_and_saves_nothing(world, client_for, arvika, row, message):
    rows = [{"role": "mar", "email": "ok@arvika.se"}, row]
    response = client_for("secretariat").post(_url(world, arvika), _data(rows))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "Inte sparat: rätta de markerade fälten." in page
    assert _kept(arvika) == []


def test_a_double_click_saves_once(world, client_for, arvika):
    client = client_for("secretariat")
    data = _data([{"role": "mas", "email": "a@arvika.se"}], key=uuid.uuid4())
    assert client.post(_url(world, arvika), data).status_code == 302
    again = client.post(_url(world, arvika), data, follow=True)
    assert "redan sparat" in again.content.decode()
    assert _kept(arvika) == [("mas", "a@arvika.se", "")]
    assert arvika.contact_book.version == 1


def test_a_save_on_a_page_someone_changed_since_is_refused_and_shows_what_is_saved(
    world, client_for, arvika
):
    client = client_for("secretariat")
    first = _data([{"role": "mas", "email": "first@arvika.se"}], version=0)
    assert client.post(_url(world, arvika), first).status_code == 302
    # A second person opened the page at version 0 too, and saves another address.
    second = _data([{"role": "mas", "email": "second@arvika.se"}], version=0)
    response = client.post(_url(world, arvika), second)
    page = response.content.decode()
    assert response.status_code == 409
    assert "någon annan hann ändra" in page
    assert "Sparat nu" in page and "first@arvika.se" in page
    assert 'value="second@arvika.se"' in page  # what they typed is kept
    assert 'name="version" value="1"' in page  # … and saving again replaces, knowingly
    assert _kept(arvika) == [("mas", "first@arvika.se", "")]


def test_an_import_since_the_page_opened_makes_it_stale(world, client_for, arvika):
    services.contacts_add(emails={arvika.pk: ["import@arvika.se"]}, role="mas")
    data = _data([{"role": "mas", "email": "typed@arvika.se"}], version=0)
    assert client_for("secretariat").post(_url(world, arvika), data).status_code == 409
    assert _kept(arvika) == [("mas", "import@arvika.se", "")]


def test_after_saving_it_goes_back_where_it_came_from_if_that_is_ours(world, client_for, arvika):
    client = client_for("secretariat")
    back = reverse("surveys:recipients", kwargs={"slug": world.own.slug,
                                                 "pk": world.extra["own_survey"].pk})  # fmt: skip
    data = _data([{"role": "mas", "email": "a@arvika.se"}], next=back)
    assert client.post(_url(world, arvika), data)["Location"] == back
    data = _data([{"role": "mas", "email": "b@arvika.se"}], version=1,
                 next="https://elsewhere.example/")  # fmt: skip
    assert client.post(_url(world, arvika), data)["Location"] == _url(world, arvika)


def test_the_database_keeps_an_address_once_and_lower_case(world, arvika):
    from django.db import IntegrityError, transaction

    Contact.objects.create(organisation=arvika, role="mas", email="a@arvika.se")
    for email in ("a@arvika.se", "B@arvika.se"):
        with pytest.raises(IntegrityError), transaction.atomic():
            Contact.objects.create(organisation=arvika, role="mas", email=email)
