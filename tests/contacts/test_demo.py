"""The demo's register: the addresses Mellansverige's demo surveys went to, under the role of
each survey, once however often the demo is loaded."""

import pytest

from activities import demo as activities_demo
from contacts import demo as contacts_demo
from contacts.models import Contact
from councils import demo as councils_demo
from councils.management.commands.load_demo_data import DEMO_APPS
from councils.models import Organisation
from councils.reference_data import reference_data_load
from surveys import demo as surveys_demo
from surveys.models import Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            reference_data_load()
            councils_demo.demo_load()
            activities_demo.demo_load()
            surveys_demo.demo_load()
            contacts_demo.demo_load()
            yield
            transaction.set_rollback(True)


def test_the_demo_loader_fills_the_register_after_the_surveys():
    assert DEMO_APPS.index("contacts") > DEMO_APPS.index("surveys")


def test_every_address_a_demo_survey_used_is_in_the_register(_loaded):
    used = Invitation.objects.filter(survey__council__slug="mellansverige").values_list(
        "organisation_id", "emails"
    )
    kept = set(Contact.objects.values_list("organisation_id", "email"))
    assert {(org, email) for org, emails in used for email in emails} == kept
    mas = Contact.objects.filter(role="mas")
    # 71 municipalities' addresses, and the demo respondent's in Arvika.
    assert mas.count() == 72 and {c.organisation.kind for c in mas} == {"kommun"}
    assert mas.filter(email="respondent@arvika.example.se").exists()
    assert Contact.objects.filter(role="forvaltningschef", organisation__kind="region").exists()
    assert mas.exclude(name="").exists()


def test_some_municipalities_have_no_mas_address_to_show_what_is_missing(_loaded):
    region_municipalities = Organisation.objects.filter(
        healthcare_regions__code__icontains="mellan", kind="kommun"
    )
    assert region_municipalities.exclude(contacts__role="mas").count() == 80 - 71


def test_loading_again_changes_nothing(_loaded):
    before = sorted(Contact.objects.values_list("organisation_id", "role", "email", "name"))
    contacts_demo.demo_load()
    assert sorted(Contact.objects.values_list("organisation_id", "role", "email", "name")) == before
