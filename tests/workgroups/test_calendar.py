"""Meetings as iCalendar: the files parse with `icalendar` in Europe/Stockholm, events keep
their UID and raise their SEQUENCE, and the subscription link works only while it should."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from workgroups.models import CalendarFeed, Member
from workgroups.services import calendar as feeds
from workgroups.services import meetings as services

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _url(name: str, group, meeting=None) -> str:
    kwargs = {"slug": group.council.slug, "pk": group.pk}
    if meeting is not None:
        kwargs["meeting_pk"] = meeting.pk
    return reverse(f"workgroups:{name}", kwargs=kwargs)


def _feed_url(token: str) -> str:
    return reverse("workgroups:feed", kwargs={"token": token})


def _parsed(response) -> icalendar.Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _meeting(group, title, start: dt.datetime, hours=2):
    return services.meeting_create(
        group=group, title=title, starts_at=start, ends_at=start + dt.timedelta(hours=hours),
        form="hybrid", place="Regionens hus", link="https://teams.example.org/m/1",
        agenda="Bakgrund\nInput på uppdraget",
    )  # fmt: skip


# ---------------------------------------------------------------- one meeting


def test_a_meeting_downloads_as_a_calendar_in_stockholm_time(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    response = client_for("member").get(_url("meeting_ics", group, meeting))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.ics"')
    calendar = _parsed(response)
    assert str(calendar["METHOD"]) == "PUBLISH" and "vkr-portal" in str(calendar["PRODID"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    (event,) = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert str(start.tzinfo) == "Europe/Stockholm"
    assert start == meeting.starts_at and end == meeting.ends_at
    assert start.astimezone(STOCKHOLM).hour == 10
    assert str(event["UID"]) == f"{meeting.uid}@vkr-portal"
    assert str(event["SUMMARY"]) == f"{group.name}: {meeting.title}"
    assert str(event["URL"]).endswith(meeting.get_absolute_url())
    assert str(event["URL"]).startswith("http")
    assert meeting.agenda in str(event["DESCRIPTION"])
    assert int(event["SEQUENCE"]) == meeting.version
    assert "DTSTAMP" in event


def test_winter_and_summer_meetings_keep_their_local_time(world, client_for):
    """A meeting in January is at +01:00, one in July at +02:00; both at 10:00 on the wall."""
    group = world.extra["own_group"]
    winter = _meeting(group, "Vintermöte", dt.datetime(2031, 1, 15, 10, tzinfo=STOCKHOLM))
    summer = _meeting(group, "Sommarmöte", dt.datetime(2031, 7, 15, 10, tzinfo=STOCKHOLM))
    calendar = _parsed(client_for("convenor").get(_url("group_ics", group)))
    events = _events(calendar)
    for meeting, offset in ((winter, 1), (summer, 2)):
        start = events[f"{meeting.uid}@vkr-portal"].decoded("DTSTART")
        assert str(start.tzinfo) == "Europe/Stockholm"
        assert start.utcoffset() == dt.timedelta(hours=offset)
        assert (start.hour, start.minute) == (10, 0) and start == meeting.starts_at
    # The calendar's own VTIMEZONE (what Outlook reads) says the same for both seasons.
    (vtimezone,) = calendar.walk("VTIMEZONE")
    tz = vtimezone.to_tz()
    assert dt.datetime(2031, 1, 15, 10, tzinfo=tz).utcoffset() == dt.timedelta(hours=1)
    assert dt.datetime(2031, 7, 15, 10, tzinfo=tz).utcoffset() == dt.timedelta(hours=2)


def test_the_time_zone_covers_meetings_late_in_the_century(world, client_for):
    group = world.extra["own_group"]
    meeting = _meeting(group, "Långt fram", dt.datetime(2099, 7, 1, 10, tzinfo=STOCKHOLM))
    calendar = _parsed(client_for("convenor").get(_url("meeting_ics", group, meeting)))
    tz = calendar.walk("VTIMEZONE")[0].to_tz()
    assert dt.datetime(2099, 7, 1, 10, tzinfo=tz).utcoffset() == dt.timedelta(hours=2)


def test_the_uid_is_stable_and_the_sequence_grows_on_edit(world, client_for):
    group, meeting = world.extra["own_group"], world.extra["own_meeting"]
    client = client_for("convenor")
    first = _parsed(client.get(_url("meeting_ics", group, meeting))).walk("VEVENT")[0]
    again = _parsed(client.get(_url("meeting_ics", group, meeting))).walk("VEVENT")[0]
    assert str(first["UID"]) == str(again["UID"]) == f"{meeting.uid}@vkr-portal"
    hour = dt.timedelta(hours=1)
    services.meeting_update(
        meeting=meeting, version=meeting.version, starts_at=meeting.starts_at + hour,
        ends_at=meeting.ends_at + hour,
    )  # fmt: skip
    edited = _parsed(client.get(_url("meeting_ics", group, meeting))).walk("VEVENT")[0]
    assert str(edited["UID"]) == str(first["UID"])
    assert int(edited["SEQUENCE"]) > int(first["SEQUENCE"])
    assert edited.decoded("DTSTART") == meeting.starts_at + dt.timedelta(hours=1)


def test_place_is_the_location_and_the_link_is_in_the_description(world, client_for):
    group = world.extra["own_group"]
    meeting = _meeting(group, "Hybrid", dt.datetime(2031, 3, 3, 13, tzinfo=STOCKHOLM))
    event = _parsed(client_for("convenor").get(_url("meeting_ics", group, meeting))).walk("VEVENT")[
        0
    ]
    assert str(event["LOCATION"]) == "Regionens hus"
    assert "https://teams.example.org/m/1" in str(event["DESCRIPTION"])


def test_the_groups_calendar_has_all_its_meetings_and_only_its_own(world, client_for):
    group = world.extra["own_group"]
    extra = _meeting(group, "Till", dt.datetime(2031, 3, 3, 13, tzinfo=STOCKHOLM))
    calendar = _parsed(client_for("national").get(_url("group_ics", group)))
    assert set(_events(calendar)) == {
        f"{world.extra['own_meeting'].uid}@vkr-portal",
        f"{extra.uid}@vkr-portal",
    }
    assert group.name in str(calendar["X-WR-CALNAME"])


@pytest.mark.parametrize(
    ("role", "own", "other"),
    [
        ("anonymous", 302, 302), ("respondent", 403, 403), ("member", 200, 403),
        ("other_member", 403, 200), ("secretariat", 200, 403), ("national", 200, 200),
        ("admin", 200, 200), ("convenor", 200, 403), ("group_member", 200, 403),
    ],
)  # fmt: skip
def test_the_calendar_downloads_answer_each_role(world, client_for, role, own, other):
    client = client_for(role)
    for side, expected in (("own", own), ("other", other)):
        group, meeting = world.extra[f"{side}_group"], world.extra[f"{side}_meeting"]
        assert client.get(_url("meeting_ics", group, meeting)).status_code == expected
        assert client.get(_url("group_ics", group)).status_code == expected
        assert client.get(_url("feed_subscribe", group)).status_code == expected


# ---------------------------------------------------------------- the subscription


def test_the_subscription_page_shows_a_link_that_works_logged_out(world, client_for):
    group = world.extra["own_group"]
    page = client_for("group_member").get(_url("feed_subscribe", group))
    assert page.status_code == 200
    token = feeds.feed_token(user=world.users["group_member"], group=group)
    assert _feed_url(token) in page.content.decode()
    assert "Från internet" in page.content.decode()
    response = Client().get(_feed_url(token))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert f"{world.extra['own_meeting'].uid}@vkr-portal" in _events(_parsed(response))


def test_the_link_is_the_same_until_renewed_and_then_the_old_one_is_gone(world, client_for):
    group, user = world.extra["own_group"], world.users["convenor"]
    old = feeds.feed_token(user=user, group=group)
    assert feeds.feed_token(user=user, group=group) == old
    response = client_for("convenor").post(_url("feed_subscribe", group))
    assert response.status_code == 302
    new = feeds.feed_token(user=user, group=group)
    assert new != old
    assert Client().get(_feed_url(old)).status_code == 404
    assert Client().get(_feed_url(new)).status_code == 200
    assert CalendarFeed.objects.filter(user=user, workgroup=group).count() == 1


def test_a_person_who_left_the_group_gets_404(world):
    group, user = world.extra["own_group"], world.users["group_member"]
    token = feeds.feed_token(user=user, group=group)
    assert Client().get(_feed_url(token)).status_code == 200
    Member.objects.filter(workgroup=group, user=user).update(
        end_date=dt.date.today() - dt.timedelta(days=1)
    )
    assert Client().get(_feed_url(token)).status_code == 404


def test_a_deactivated_person_gets_404(world):
    group, user = world.extra["own_group"], world.users["member"]
    token = feeds.feed_token(user=user, group=group)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert Client().get(_feed_url(token)).status_code == 404


def test_forged_links_get_404(world):
    group, user = world.extra["own_group"], world.users["member"]
    token = feeds.feed_token(user=user, group=group)
    feed = CalendarFeed.objects.get(user=user, workgroup=group)
    other = feeds.feed_token(user=world.users["other_member"], group=world.extra["other_group"])
    pk, nonce, signature = token.split(".")
    forged = [
        "nonsense",
        f"{pk}.{nonce}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        f"{other.split('.')[0]}.{nonce}.{signature}",  # someone else's feed, my signature
        f"{pk}.{'0' * 32}.{signature}",
        f"{feed.pk}.{feed.nonce}",  # unsigned
        token + "x",
    ]
    for value in forged:
        assert Client().get(_feed_url(value)).status_code == 404, value


def test_wrong_links_are_throttled_but_a_real_one_is_not(world, settings):
    settings.THROTTLE_RATES = {**settings.THROTTLE_RATES, "calendar_feed_failures": "2/m"}
    token = feeds.feed_token(user=world.users["member"], group=world.extra["own_group"])
    client = Client()
    statuses = [client.get(_feed_url(f"1.{'a' * 32}.forged")).status_code for _ in range(4)]
    assert statuses[:2] == [404, 404] and statuses[-1] == 429
    assert client.get(_feed_url(token)).status_code == 200


def test_the_feed_is_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    group = world.extra["own_group"]
    for day in range(1, 8):
        _meeting(group, f"Möte {day}", dt.datetime(2031, 3, day, 10, tzinfo=STOCKHOLM))
    token = feeds.feed_token(user=world.users["member"], group=group)
    with django_assert_max_num_queries(8):
        assert Client().get(_feed_url(token)).status_code == 200
