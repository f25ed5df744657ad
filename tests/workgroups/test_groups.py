"""Creating and editing a group and its members: the services, the forms and the pages."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.models import FocusArea
from councils.models import User
from workgroups import services
from workgroups.models import Member, Workgroup
from workgroups.services import StaleVersion
from workgroups.views._common import ALREADY_SAVED, STALE

pytestmark = pytest.mark.django_db

ACTIVITY_LINKS = Workgroup.activities.through
SURVEY_LINKS = Workgroup.surveys.through
# A confirmation form's POST as a browser sends it (the test client checks no CSRF token).
CONFIRM = {"csrfmiddlewaretoken": "x"}


def _url(name: str, group=None, *, slug: str = "mellansverige", **extra) -> str:
    kwargs = {"slug": group.council.slug if group else slug, **extra}
    if group is not None:
        kwargs["pk"] = group.pk
    return reverse(f"workgroups:{name}", kwargs=kwargs)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _other_focus_area(world) -> FocusArea:
    return FocusArea.objects.create(council=world.other, name="Norras eget fokusområde")


def _group_data(**overrides) -> dict:
    data = {
        "name": "Förenade anställningar",
        "mandate": "Kartlägga befintliga typer av anställningar",
        "purpose": "",
        "focus_area": "",
        "status": "aktiv",
        "start_date": "2022-09-01",
        "final_report_due": "2023-01-31",
        "idempotency_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def _edit_data(group, **overrides) -> dict:
    data = {
        "name": group.name, "mandate": group.mandate, "purpose": group.purpose,
        "focus_area": group.focus_area_id or "", "status": group.status,
        "start_date": "", "final_report_due": "", "version": group.version,
        "activities": [a.pk for a in group.activities.all()],
    }  # fmt: skip
    data.update(overrides)
    return data


def _counts() -> tuple[int, int, int]:
    return Workgroup.objects.count(), ACTIVITY_LINKS.objects.count(), SURVEY_LINKS.objects.count()


def _refused_at(response, field: str) -> list[str]:
    # A refused form is shown again (not a redirect), with the message at its field.
    assert response.status_code in (200, 400), response.status_code
    errors = response.context["form"].errors
    assert field in errors, errors
    return errors[field]


# ---------------------------------------------------------------- services


def test_it_refuses_a_focus_area_of_another_council_and_saves_nothing(world):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.workgroup_create(
            council=world.own, name="Smuggel", focus_area=_other_focus_area(world),
            activities=[world.extra["own_activity"]],
        )  # fmt: skip
    assert refused.value.message_dict == {"focus_area": ["Fokusområdet hör till ett annat råd."]}
    assert _counts() == before


def test_it_refuses_an_activity_of_another_councils_plan_and_saves_nothing(world):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.workgroup_create(
            council=world.own, name="Smuggel", activities=[world.extra["other_activity"]]
        )
    assert set(refused.value.message_dict) == {"activities"}
    assert _counts() == before


def test_it_refuses_a_survey_of_another_council_and_saves_nothing(world):
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        services.workgroup_create(
            council=world.own, name="Smuggel", surveys=[world.extra["other_survey"]]
        )
    assert set(refused.value.message_dict) == {"surveys"}
    assert _counts() == before


def test_the_service_puts_a_name_taken_at_the_name_field(world):
    with pytest.raises(ValidationError) as refused:
        services.workgroup_create(council=world.own, name=world.extra["own_group"].name)
    assert refused.value.message_dict == {
        "name": ["Rådet har redan en arbetsgrupp med det namnet."]
    }, "BUG: services/groups.py full_clean(validate_unique=False) checks the constraint first"


def test_a_national_focus_area_is_allowed(world):
    vfu = FocusArea.objects.get(council=None, short_name="VFU")
    group = services.workgroup_create(council=world.own, name="VFU-gruppen", focus_area=vfu)
    assert group.focus_area == vfu


def test_an_update_with_a_forged_activity_changes_nothing(world):
    group = world.extra["own_group"]
    with pytest.raises(ValidationError) as refused:
        services.workgroup_update(
            group=group, version=group.version, name="Nytt namn",
            activities=[world.extra["other_activity"]],
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"activities"}
    saved = Workgroup.objects.get(pk=group.pk)
    assert (saved.name, saved.version) == (group.name, group.version)
    assert list(saved.activities.all()) == [world.extra["own_activity"]]


def test_an_update_on_a_stale_version_is_refused(world):
    group = world.extra["own_group"]
    services.workgroup_update(group=group, version=group.version, mandate="Först")
    with pytest.raises(StaleVersion) as stale:
        services.workgroup_update(group=group, version=group.version, mandate="Sedan")
    assert stale.value.current.mandate == "Först"
    assert Workgroup.objects.get(pk=group.pk).mandate == "Först"


def test_a_refused_create_leaves_the_key_unused(world):
    key = uuid.uuid4()
    with pytest.raises(ValidationError):
        services.workgroup_create(
            council=world.own, name="Ny", surveys=[world.extra["other_survey"]],
            idempotency_key=key, user=world.users["secretariat"],
        )  # fmt: skip
    group = services.workgroup_create(
        council=world.own, name="Ny", idempotency_key=key, user=world.users["secretariat"]
    )
    assert group.pk


# ---------------------------------------------------------------- creating a group (page)


def test_the_secretariat_creates_a_group(world, client_for):
    activity, survey = world.extra["own_activity"], world.extra["own_survey"]
    data = _group_data(activities=[activity.pk], surveys=[survey.pk])
    response = client_for("secretariat").post(_url("create"), data)
    group = Workgroup.objects.get(council=world.own, name="Förenade anställningar")
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    assert list(group.activities.all()) == [activity]
    assert list(group.surveys.all()) == [survey]
    assert group.final_report_due == dt.date(2023, 1, 31)


@pytest.mark.parametrize("role", ["member", "convenor", "national", "other_member"])
def test_only_the_secretariat_creates_groups(world, client_for, role):
    before = _counts()
    response = client_for(role).post(_url("create"), _group_data())
    assert response.status_code == 403
    assert _counts() == before


@pytest.mark.parametrize(
    ("field", "forged"),
    [
        ("focus_area", lambda world: _other_focus_area(world).pk),
        ("activities", lambda world: [world.extra["other_activity"].pk]),
        ("surveys", lambda world: [world.extra["other_survey"].pk]),
    ],
)
def test_a_forged_id_of_another_council_is_refused_at_the_field(world, client_for, field, forged):
    before = _counts()
    data = _group_data(**{field: forged(world)})
    response = client_for("secretariat").post(_url("create"), data)
    assert _refused_at(response, field)
    assert _counts() == before


def test_a_draft_survey_is_not_offered_for_linking(world, client_for):
    data = _group_data(surveys=[world.extra["own_draft_survey"].pk])
    response = client_for("secretariat").post(_url("create"), data)
    assert _refused_at(response, "surveys")


def test_a_final_report_due_before_the_start_is_refused_at_the_field(world, client_for):
    before = _counts()
    data = _group_data(start_date="2023-01-01", final_report_due="2022-12-31")
    response = client_for("secretariat").post(_url("create"), data)
    assert _refused_at(response, "final_report_due") == [
        "Slutrapporten kan inte vara planerad före startdatumet."
    ]
    assert _counts() == before


@pytest.mark.parametrize("field", ["start_date", "final_report_due"])
@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_dates_outside_a_sane_range_are_refused_at_the_field(world, client_for, field, value):
    before = _counts()
    overrides = {field: value}
    if field == "start_date":
        overrides["final_report_due"] = ""
    response = client_for("secretariat").post(_url("create"), _group_data(**overrides))
    assert _refused_at(response, field)
    assert _counts() == before


def test_a_second_click_on_create_makes_one_group(world, client_for):
    client = client_for("secretariat")
    data = _group_data()
    first = client.post(_url("create"), data)
    again = client.post(_url("create"), data)
    group = Workgroup.objects.get(council=world.own, name="Förenade anställningar")
    assert first.status_code == 302 and first["Location"] == group.get_absolute_url()
    assert again.status_code == 302 and again["Location"] == group.get_absolute_url()
    assert str(ALREADY_SAVED) in _messages(again)


def test_the_same_name_twice_in_a_council_is_refused_at_the_name(world, client_for):
    before = _counts()
    data = _group_data(name=world.extra["own_group"].name)
    response = client_for("secretariat").post(_url("create"), data)
    assert response.context["form"].errors.get("name") == [
        "Rådet har redan en arbetsgrupp med det namnet."
    ], (
        "BUG: the name taken is refused by full_clean's UniqueConstraint check as a non-field "
        "error, before _save_name can put it at the name field (services/groups.py: "
        "full_clean(validate_unique=False) still validates constraints)"
    )
    assert _counts() == before


def test_renaming_to_a_name_taken_is_refused_at_the_name(world, client_for):
    group = world.extra["own_group"]
    services.workgroup_create(council=world.own, name="Intermediärvård")
    response = client_for("secretariat").post(
        _url("edit", group), _edit_data(group, name="Intermediärvård")
    )
    assert response.context["form"].errors.get("name") == [
        "Rådet har redan en arbetsgrupp med det namnet."
    ], "BUG: as on create, the name taken is a non-field error (services/groups.py full_clean)"
    assert Workgroup.objects.get(pk=group.pk).name == group.name


def test_the_same_name_in_another_council_is_fine(world, client_for):
    data = _group_data(name=world.extra["other_group"].name)
    response = client_for("secretariat").post(_url("create"), data)
    assert response.status_code == 302
    assert Workgroup.objects.filter(name=world.extra["other_group"].name).count() == 2


def test_a_name_too_long_is_refused_at_the_field(world, client_for):
    response = client_for("secretariat").post(_url("create"), _group_data(name="x" * 201))
    assert _refused_at(response, "name")


# ---------------------------------------------------------------- editing a group (page)


def test_the_convenor_edits_the_group(world, client_for):
    group = world.extra["own_group"]
    data = _edit_data(group, purpose="Ett tydligt syfte", start_date="2022-08-01")
    response = client_for("convenor").post(_url("edit", group), data)
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    saved = Workgroup.objects.get(pk=group.pk)
    assert (saved.purpose, saved.start_date, saved.version) == (
        "Ett tydligt syfte",
        dt.date(2022, 8, 1),
        group.version + 1,
    )


@pytest.mark.parametrize("role", ["group_member", "member", "national"])
def test_others_may_not_edit_the_groups_details(world, client_for, role):
    group = world.extra["own_group"]
    response = client_for(role).post(_url("edit", group), _edit_data(group, name="Kapat"))
    assert response.status_code == 403
    assert Workgroup.objects.get(pk=group.pk).name == group.name


def test_an_edit_on_a_stale_version_shows_the_saved_values_and_overwrites_nothing(
    world, client_for
):
    group = world.extra["own_group"]
    services.workgroup_update(
        group=group, version=group.version, name="Namn sparat av annan",
        mandate="Uppdrag sparat av annan",
    )  # fmt: skip
    data = _edit_data(group, name="Mitt namn", mandate="Mitt uppdrag")
    response = client_for("convenor").post(_url("edit", group), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert str(STALE) in page
    assert "Namn sparat av annan" in page and "Uppdrag sparat av annan" in page
    assert 'value="Mitt namn"' in page and "Mitt uppdrag" in page
    assert response.context["form"]["version"].value() == group.version + 1
    saved = Workgroup.objects.get(pk=group.pk)
    assert (saved.name, saved.mandate) == ("Namn sparat av annan", "Uppdrag sparat av annan")


def test_an_edit_with_a_forged_activity_is_refused_at_the_field(world, client_for):
    group = world.extra["own_group"]
    data = _edit_data(group, activities=[world.extra["other_activity"].pk])
    response = client_for("secretariat").post(_url("edit", group), data)
    assert _refused_at(response, "activities")
    assert list(group.activities.all()) == [world.extra["own_activity"]]


# ---------------------------------------------------------------- members


def _member_data(**overrides) -> dict:
    data = {
        "name": "Per Persson", "title": "Tf. bitr. FoU-direktör",
        "organisation": "Region Värmland", "email": "", "role": "ledamot", "start_date": "",
        "end_date": "", "idempotency_key": str(uuid.uuid4()),
    }  # fmt: skip
    data.update(overrides)
    return data


def test_the_convenor_adds_a_contact_without_login(world, client_for):
    group = world.extra["own_group"]
    response = client_for("convenor").post(_url("member_add", group), _member_data())
    member = Member.objects.get(workgroup=group, name="Per Persson")
    assert response.status_code == 302
    assert response["Location"] == f"{group.get_absolute_url()}#member-{member.pk}"
    assert member.user is None
    assert (member.title, member.organisation) == ("Tf. bitr. FoU-direktör", "Region Värmland")


def test_with_login_creates_a_user_for_a_new_address(world, client_for):
    group = world.extra["own_group"]
    data = _member_data(with_login="on", email="Per.Persson@RegionVarmland.test")
    response = client_for("secretariat").post(_url("member_add", group), data)
    assert response.status_code == 302
    user = User.objects.get(email="per.persson@regionvarmland.test")
    assert user.full_name == "Per Persson" and not user.has_usable_password()
    member = Member.objects.get(workgroup=group, user=user)
    assert (member.name, member.email) == ("", "")
    assert member.display_name == "Per Persson"


def test_with_login_links_an_existing_user_by_address(world, client_for):
    group = world.extra["own_group"]
    respondent = world.users["respondent"]
    users_before = User.objects.count()
    data = _member_data(with_login="on", name="Annat Namn", email=respondent.email.upper())
    response = client_for("convenor").post(_url("member_add", group), data)
    assert response.status_code == 302
    assert User.objects.count() == users_before
    member = Member.objects.get(workgroup=group, user=respondent)
    assert member.display_name == "Sara Svarande"  # the person's own name is kept
    detail = client_for("respondent").get(group.get_absolute_url())
    assert detail.status_code == 200  # now in the group, the respondent reads it


def test_with_login_without_an_address_is_refused_at_the_email(world, client_for):
    group = world.extra["own_group"]
    before = Member.objects.count()
    data = _member_data(with_login="on", email="")
    response = client_for("convenor").post(_url("member_add", group), data)
    assert _refused_at(response, "email") == ["En person som ska logga in behöver en e-postadress."]
    assert Member.objects.count() == before


def test_the_same_user_twice_is_refused(world, client_for):
    group = world.extra["own_group"]
    before = Member.objects.count()
    data = _member_data(with_login="on", email=world.users["group_member"].email)
    response = client_for("convenor").post(_url("member_add", group), data)
    assert response.status_code in (200, 400)
    assert "Personen är redan med i gruppen." in response.content.decode()
    assert Member.objects.count() == before


def test_the_same_user_twice_is_refused_by_the_service(world):
    with pytest.raises(ValidationError) as refused:
        services.member_add(group=world.extra["own_group"], user=world.users["convenor"])
    assert set(refused.value.message_dict) == {"email"}


def test_a_member_ending_before_starting_is_refused_at_the_end_date(world, client_for):
    group = world.extra["own_group"]
    before = Member.objects.count()
    data = _member_data(start_date="2023-01-01", end_date="2022-12-31")
    response = client_for("convenor").post(_url("member_add", group), data)
    assert _refused_at(response, "end_date")
    assert Member.objects.count() == before
    with pytest.raises(ValidationError) as refused:
        services.member_add(
            group=group, name="Baklänges", start_date=dt.date(2023, 1, 1),
            end_date=dt.date(2022, 12, 31),
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"end_date"}
    assert Member.objects.count() == before


def test_a_second_click_on_add_adds_the_person_once(world, client_for):
    group, client = world.extra["own_group"], client_for("convenor")
    data = _member_data()
    first = client.post(_url("member_add", group), data)
    again = client.post(_url("member_add", group), data)
    assert Member.objects.filter(workgroup=group, name="Per Persson").count() == 1
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert str(ALREADY_SAVED) in _messages(again)


def test_member_remove_takes_the_person_out(world, client_for):
    group, contact = world.extra["own_group"], world.extra["own_contact"]
    url = _url("member_remove", group, member_pk=contact.pk)
    assert client_for("convenor").get(url).status_code == 200
    # What the page's form sends: its CSRF token and the button.
    response = client_for("convenor").post(url, CONFIRM)
    assert response.status_code == 302
    assert response["Location"] == f"{group.get_absolute_url()}#members"
    assert not Member.objects.filter(pk=contact.pk).exists()
    # The second click of a double click: already gone, said so, nothing else removed.
    again = client_for("convenor").post(url, CONFIRM)
    assert again.status_code == 302
    assert "Personen var redan borttagen ur gruppen." in _messages(again)


def test_member_edit_changes_the_title(world, client_for):
    group, contact = world.extra["own_group"], world.extra["own_contact"]
    url = _url("member_edit", group, member_pk=contact.pk)
    data = {"name": contact.name, "title": "Utbildningschef", "organisation": "",
            "email": "", "role": "sammankallande", "start_date": "", "end_date": ""}  # fmt: skip
    assert client_for("secretariat").post(url, data).status_code == 302
    saved = Member.objects.get(pk=contact.pk)
    assert (saved.title, saved.role) == ("Utbildningschef", "sammankallande")


def test_a_group_member_may_not_add_or_remove_people(world, client_for):
    group, contact = world.extra["own_group"], world.extra["own_contact"]
    client = client_for("group_member")
    before = Member.objects.count()
    assert client.get(_url("member_add", group)).status_code == 403
    assert client.post(_url("member_add", group), _member_data()).status_code == 403
    remove = _url("member_remove", group, member_pk=contact.pk)
    assert client.post(remove, CONFIRM).status_code == 403
    assert Member.objects.count() == before


def test_a_member_of_another_group_is_not_removed_through_this_group(world, client_for):
    group, other_contact = world.extra["own_group"], world.extra["other_contact"]
    url = _url("member_remove", group, member_pk=other_contact.pk)
    assert client_for("admin").get(url).status_code == 404
    edit = _url("member_edit", group, member_pk=other_contact.pk)
    data = {"name": "Kapad", "title": "", "organisation": "", "email": "", "role": "ledamot",
            "start_date": "", "end_date": ""}  # fmt: skip
    assert client_for("admin").get(edit).status_code == 404
    assert client_for("admin").post(edit, data).status_code == 404
    assert Member.objects.get(pk=other_contact.pk).name == other_contact.name
    # A POST finds nobody of that number in this group: "already removed", nothing removed.
    assert client_for("admin").post(url, CONFIRM).status_code == 302
    assert Member.objects.filter(pk=other_contact.pk).exists()
