"""Meetings: the services' refusals, the pages per role, and the minutes written in place."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from idempotency.services import AlreadySubmitted
from workgroups.models import Meeting
from workgroups.selectors.meetings import group_meetings, next_meetings
from workgroups.services import StaleVersion
from workgroups.services import meetings as services

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(year, month, day, hour, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def _url(name: str, group, meeting=None) -> str:
    kwargs = {"slug": group.council.slug, "pk": group.pk}
    if meeting is not None:
        kwargs["meeting_pk"] = meeting.pk
    return reverse(f"workgroups:{name}", kwargs=kwargs)


def _announced(response) -> dict:
    return json.loads(response["HX-Trigger-After-Settle"])["vkr:announce"]


# ---------------------------------------------------------------- services


def test_it_refuses_a_meeting_ending_before_it_starts(world):
    group = world.extra["own_group"]
    before = Meeting.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            group=group, title="Baklänges", starts_at=_at(2030, 3, 1, 12),
            ends_at=_at(2030, 3, 1, 10),
        )  # fmt: skip
    assert set(refused.value.error_dict) == {"ends_at"}
    assert Meeting.objects.count() == before


def test_it_refuses_a_meeting_in_year_one(world):
    group = world.extra["own_group"]
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            group=group, title="Antiken", starts_at=dt.datetime(1, 1, 1, 10, tzinfo=dt.UTC),
            ends_at=dt.datetime(1, 1, 1, 12, tzinfo=dt.UTC),
        )  # fmt: skip
    assert {"starts_at", "ends_at"} <= set(refused.value.error_dict)
    assert not Meeting.objects.filter(title="Antiken").exists()


@pytest.mark.parametrize("link", ["javascript:alert(1)", "ftp://example.org/x", "file:///etc"])
def test_it_refuses_a_link_that_is_not_a_web_address(world, link):
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            group=world.extra["own_group"], title="Länk", starts_at=_at(2030, 3, 1, 10),
            ends_at=_at(2030, 3, 1, 12), link=link,
        )  # fmt: skip
    assert "link" in refused.value.error_dict


@pytest.mark.parametrize("form", ["pa_plats", "hybrid"])
def test_a_meeting_on_site_needs_a_place(world, form):
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            group=world.extra["own_group"], title="Var?", starts_at=_at(2030, 3, 1, 10),
            ends_at=_at(2030, 3, 1, 12), form=form, place="  ",
        )  # fmt: skip
    assert set(refused.value.error_dict) == {"place"}


def test_a_digital_meeting_needs_neither_place_nor_link(world):
    meeting = services.meeting_create(
        group=world.extra["own_group"], title="Digitalt", starts_at=_at(2030, 3, 1, 10),
        ends_at=_at(2030, 3, 1, 12),
    )  # fmt: skip
    assert meeting.pk and meeting.version == 1


def test_a_double_click_creates_the_meeting_once(world):
    group, key = world.extra["own_group"], uuid.uuid4()
    fields = {"group": group, "title": "En gång", "starts_at": _at(2030, 3, 1, 10),
              "ends_at": _at(2030, 3, 1, 12), "idempotency_key": key,
              "user": world.users["convenor"]}  # fmt: skip
    first = services.meeting_create(**fields)
    with pytest.raises(AlreadySubmitted) as again:
        services.meeting_create(**fields)
    assert again.value.result_url == first.get_absolute_url()
    assert Meeting.objects.filter(title="En gång").count() == 1


def test_a_stale_version_is_refused_and_nothing_is_saved(world):
    meeting = world.extra["own_meeting"]
    services.meeting_update(meeting=meeting, version=meeting.version, title="Först")
    with pytest.raises(StaleVersion) as stale:
        services.meeting_update(meeting=meeting, version=meeting.version, title="Sedan")
    assert stale.value.current.title == "Först"
    assert Meeting.objects.get(pk=meeting.pk).title == "Först"


def test_an_update_ending_before_the_start_saves_nothing(world):
    meeting = world.extra["own_meeting"]
    with pytest.raises(ValidationError) as refused:
        services.meeting_update(
            meeting=meeting, version=meeting.version, title="Nytt",
            ends_at=meeting.starts_at - dt.timedelta(hours=1),
        )  # fmt: skip
    assert set(refused.value.error_dict) == {"ends_at"}
    saved = Meeting.objects.get(pk=meeting.pk)
    assert (saved.title, saved.version) == (meeting.title, meeting.version)


def test_minutes_on_a_stale_version_are_refused(world):
    meeting = world.extra["own_meeting"]
    services.meeting_minutes_update(meeting=meeting, version=meeting.version, minutes="Ett")
    with pytest.raises(StaleVersion):
        services.meeting_minutes_update(meeting=meeting, version=meeting.version, minutes="Två")
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Ett"


def test_delete_on_a_stale_version_is_refused(world):
    meeting = world.extra["own_meeting"]
    services.meeting_update(meeting=meeting, version=meeting.version, agenda="Ny")
    with pytest.raises(StaleVersion):
        services.meeting_delete(meeting=meeting, version=meeting.version)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


# ---------------------------------------------------------------- selectors


def test_group_meetings_lists_the_next_first_then_the_past_newest_first(world):
    group = world.extra["own_group"]
    now = timezone.now()

    def make(title, days):
        start = now + dt.timedelta(days=days)
        return services.meeting_create(
            group=group, title=title, starts_at=start, ends_at=start + dt.timedelta(hours=1)
        )

    old, older, later = make("Gammalt", -10), make("Äldre", -40), make("Senare", 30)
    meetings = group_meetings(group, now=now)
    assert [m.title for m in meetings] == [
        world.extra["own_meeting"].title,
        later.title,
        old.title,
        older.title,
    ]
    assert [m.is_upcoming for m in meetings] == [True, True, False, False]


def test_next_meetings_is_one_query_for_any_number_of_groups(world, django_assert_num_queries):
    own, other = world.extra["own_group"], world.extra["other_group"]
    now = timezone.now()
    services.meeting_create(
        group=own, title="Senare", starts_at=now + dt.timedelta(days=20),
        ends_at=now + dt.timedelta(days=20, hours=1),
    )  # fmt: skip
    with django_assert_num_queries(1):
        found = next_meetings([own.pk, other.pk], now=now)
        assert found[own.pk].workgroup.council.slug == own.council.slug
    assert found[own.pk] == world.extra["own_meeting"]
    assert found[other.pk] == world.extra["other_meeting"]
    assert next_meetings([own.pk], now=now + dt.timedelta(days=365)) == {}


def test_group_meetings_is_one_query(world, django_assert_num_queries):
    group = world.extra["own_group"]
    for days in range(1, 6):
        start = timezone.now() + dt.timedelta(days=days)
        services.meeting_create(
            group=group, title=f"Möte {days}", starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
        )  # fmt: skip
    with django_assert_num_queries(1):
        meetings = group_meetings(group)
        assert [m.get_absolute_url() for m in meetings]


# ---------------------------------------------------------------- pages per role

# Reading (the meeting page) and changing (create, edit, minutes, delete) a meeting, for the
# own council's group and for the other council's (whose convenor is other_member).
READ = {
    "own": {"anonymous": 302, "respondent": 403, "member": 200, "other_member": 403,
            "secretariat": 200, "national": 200, "admin": 200, "convenor": 200,
            "group_member": 200},
    "other": {"anonymous": 302, "respondent": 403, "member": 403, "other_member": 200,
              "secretariat": 403, "national": 200, "admin": 200, "convenor": 403,
              "group_member": 403},
}  # fmt: skip
EDIT = {
    "own": {**READ["own"], "member": 403, "national": 403},
    "other": {**READ["other"], "national": 403},
}


@pytest.mark.parametrize("side", ["own", "other"])
@pytest.mark.parametrize("role", list(READ["own"]))
def test_the_meeting_pages_answer_each_role(world, client_for, side, role):
    group, meeting = world.extra[f"{side}_group"], world.extra[f"{side}_meeting"]
    client = client_for(role)
    assert client.get(_url("meeting", group, meeting)).status_code == READ[side][role]
    for name in ("meeting_edit", "meeting_minutes", "meeting_delete"):
        assert client.get(_url(name, group, meeting)).status_code == EDIT[side][role], name
    assert client.get(_url("meeting_create", group)).status_code == EDIT[side][role]


def test_another_groups_meeting_is_not_found_through_this_group(world, client_for):
    admin = client_for("admin")
    url = _url("meeting", world.extra["own_group"], world.extra["other_meeting"])
    assert admin.get(url).status_code == 404


def test_a_reader_sees_the_meeting_without_edit_buttons(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    page = client_for("member").get(_url("meeting", group, meeting)).content.decode()
    assert meeting.agenda in page
    assert _url("meeting_ics", group, meeting) in page
    assert _url("meeting_edit", group, meeting) not in page
    assert 'id="minutes-edit"' not in page


# ---------------------------------------------------------------- creating and editing


def _form_data(**overrides) -> dict:
    data = {"title": "Arbetsmöte", "date": "2030-10-14", "start_time": "09:30",
            "end_time": "15:00", "form": "pa_plats", "place": "Regionens hus, Örebro",
            "link": "", "agenda": "Genomgång av underlag"}  # fmt: skip
    data.update(overrides)
    return data


def test_the_convenor_plans_a_meeting(world, client_for):
    group = world.extra["own_group"]
    data = _form_data(idempotency_key=str(uuid.uuid4()))
    response = client_for("convenor").post(_url("meeting_create", group), data)
    meeting = Meeting.objects.get(workgroup=group, title="Arbetsmöte")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at == _at(2030, 10, 14, 9, 30)
    assert meeting.ends_at == _at(2030, 10, 14, 15)


def test_a_second_click_on_create_makes_one_meeting(world, client_for):
    group, client = world.extra["own_group"], client_for("group_member")
    data = _form_data(idempotency_key=str(uuid.uuid4()))
    first = client.post(_url("meeting_create", group), data)
    again = client.post(_url("meeting_create", group), data)
    assert Meeting.objects.filter(workgroup=group, title="Arbetsmöte").count() == 1
    assert again.status_code == 302 and again["Location"] == first["Location"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"end_time": "09:00"}, "end_time"),
        ({"date": "0001-01-01"}, "date"),
        ({"date": "2030-02-30"}, "date"),
        ({"place": ""}, "place"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_bad_input_is_refused_at_the_field(world, client_for, overrides, field):
    group = world.extra["own_group"]
    data = _form_data(idempotency_key=str(uuid.uuid4()), **overrides)
    response = client_for("convenor").post(_url("meeting_create", group), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Meeting.objects.filter(workgroup=group, title="Arbetsmöte").exists()


def test_a_forged_form_choice_is_refused(world, client_for):
    group = world.extra["own_group"]
    data = _form_data(idempotency_key=str(uuid.uuid4()), form="rymden")
    response = client_for("convenor").post(_url("meeting_create", group), data)
    assert response.status_code == 400 and "form" in response.context["form"].errors


def test_an_edit_on_a_stale_version_keeps_the_input_and_shows_the_saved(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    services.meeting_update(meeting=meeting, version=meeting.version, title="Ändrat av annan")
    data = _form_data(title="Min rubrik", version=meeting.version)
    response = client_for("convenor").post(_url("meeting_edit", group, meeting), data)
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="Min rubrik"' in page and "Ändrat av annan" in page
    assert response.context["form"]["version"].value() == meeting.version + 1
    assert Meeting.objects.get(pk=meeting.pk).title == "Ändrat av annan"


def test_an_edit_saves_and_raises_the_version(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    data = _form_data(version=meeting.version)
    response = client_for("secretariat").post(_url("meeting_edit", group, meeting), data)
    assert response.status_code == 302
    saved = Meeting.objects.get(pk=meeting.pk)
    assert (saved.title, saved.place, saved.version) == (
        "Arbetsmöte",
        "Regionens hus, Örebro",
        meeting.version + 1,
    )


def test_the_edit_form_shows_the_local_times(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    form = client_for("convenor").get(_url("meeting_edit", group, meeting)).context["form"]
    assert form["start_time"].value().strftime("%H:%M") == "10:00"
    assert form["end_time"].value().strftime("%H:%M") == "12:00"


def test_delete_removes_the_meeting_once(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    client = client_for("convenor")
    data = {"version": meeting.version}
    first = client.post(_url("meeting_delete", group, meeting), data)
    again = client.post(_url("meeting_delete", group, meeting), data)
    assert first.status_code == again.status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_delete_on_a_stale_version_is_refused_with_409(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    services.meeting_update(meeting=meeting, version=meeting.version, agenda="Ändrad")
    response = client_for("convenor").post(
        _url("meeting_delete", group, meeting), {"version": meeting.version}
    )
    assert response.status_code == 409
    assert Meeting.objects.filter(pk=meeting.pk).exists()


# ---------------------------------------------------------------- minutes in place


def test_the_minutes_form_opens_in_place(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    response = client_for("convenor").get(_url("meeting_minutes", group, meeting), **HTMX)
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert 'id="minutes"' in page and 'name="minutes"' in page
    assert f'name="version" value="{meeting.version}"' in page


def test_minutes_are_saved_in_place_and_announced(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    data = {"version": meeting.version, "minutes": "Beslut: underlaget sammanställs."}
    response = client_for("group_member").post(
        _url("meeting_minutes", group, meeting), data, **HTMX
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page and "Beslut: underlaget sammanställs." in page
    assert 'id="minutes-edit"' in page
    announced = _announced(response)
    assert announced == {"message": "Minnesanteckningarna är sparade.", "focus": "#minutes-edit"}
    saved = Meeting.objects.get(pk=meeting.pk)
    assert saved.minutes == "Beslut: underlaget sammanställs."
    assert saved.version == meeting.version + 1


def test_stale_minutes_are_refused_with_409_and_the_text_kept(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    services.meeting_minutes_update(meeting=meeting, version=meeting.version, minutes="Deras")
    data = {"version": meeting.version, "minutes": "Mina anteckningar"}
    response = client_for("convenor").post(_url("meeting_minutes", group, meeting), data, **HTMX)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mina anteckningar" in page and "Deras" in page and 'role="alert"' in page
    assert f'name="version" value="{meeting.version + 1}"' in page
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Deras"


def test_too_long_minutes_are_refused_at_the_field(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    data = {"version": meeting.version, "minutes": "x" * 4001}
    response = client_for("convenor").post(_url("meeting_minutes", group, meeting), data, **HTMX)
    assert response.status_code == 400
    assert "minutes" in response.context["minutes_form"].errors
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_minutes_without_htmx_are_a_page_and_a_redirect(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    client = client_for("convenor")
    page = client.get(_url("meeting_minutes", group, meeting))
    assert (
        page.status_code == 200 and b"<html" in page.content and b'name="minutes"' in page.content
    )
    data = {"version": meeting.version, "minutes": "Utan htmx"}
    saved = client.post(_url("meeting_minutes", group, meeting), data)
    assert saved.status_code == 302 and saved["Location"].endswith("#minutes")
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Utan htmx"


def test_cancel_swaps_back_the_minutes_as_shown(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    response = client_for("convenor").get(_url("meeting", group, meeting), **HTMX)
    page = response.content.decode()
    assert "<html" not in page and 'id="minutes-edit"' in page


def test_a_reader_cannot_write_minutes(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    data = {"version": meeting.version, "minutes": "Ledamoten skriver"}
    response = client_for("member").post(_url("meeting_minutes", group, meeting), data, **HTMX)
    assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""
