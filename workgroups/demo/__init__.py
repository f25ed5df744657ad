"""Demo workgroups of Mellansverige: the four groups of the seed's slides with their real
content, and a current state for the career-model group so the start page and the reminders
have something to show today.

From the seed (texts verbatim; only PDF line breaks and hyphenation joined): Arbetsgrupp AT/BT
(seven members with their titles, the three goals rows, the three meetings of 2022 with their
agendas, the status report, the final report due January 2023); Förenade anställningar (six
members with titles and organisations, the status report with the work done, the conclusions
so far and the question to the council, unanswered); Intermediärvård (the status report of
17/11-22); Karriärmodeller (its purpose and its list of activities as goals rows). The names of
people are fictitious. Each group is linked to its focus area and its activities of the 2022
plan.

Added, not in the seed: the days and times of the 2022 meetings (the seed gives only the
month for two of them) and the place of the working meeting; the report dates of 17/11-22 for
the AT/BT and förenade-anställningar reports (the council meeting the intermediärvård slides
are dated); the goals' statuses; and for Karriärmodeller its members, a meeting held two weeks
ago with minutes, a meeting in the coming days and a status report due in ten days, relative
to the day the demo is loaded. Two logins: the AT/BT group's convenor, who has no seat in the
council, and a member of the AT/BT group; both also sit in the career-model group.

Idempotent: a group that already exists for the council under its name is left as it is.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from activities.models import Activity, FocusArea
from councils import services as council_services
from councils.demo import DEMO_PASSWORD, DemoLogin
from councils.models import Council, User
from surveys.demo import CAREER_TITLE
from surveys.models import Survey

from .. import services
from ..models import Report, Workgroup
from ..services.meetings import meeting_create
from .seed import (  # noqa: F401  (the tests read the seed texts from here)
    ATBT,
    ATBT_ACTIVITIES,
    ATBT_DONE,
    ATBT_GOALS,
    ATBT_MEETINGS,
    ATBT_MEMBERS,
    ATBT_NEXT,
    CONVENOR,
    CONVENOR_EMAIL,
    COUNCIL_MEETING,
    DIGITAL,
    DOMAIN,
    DONE,
    FORENADE,
    FORENADE_ACTIVITY,
    FORENADE_CONCLUSIONS,
    FORENADE_DONE,
    FORENADE_MANDATE,
    FORENADE_MEMBERS,
    FORENADE_QUESTION,
    GROUP_MEMBER_EMAIL,
    INTERMEDIAR,
    INTERMEDIAR_ACTIVITY,
    INTERMEDIAR_CONCLUSIONS,
    INTERMEDIAR_DONE,
    INTERMEDIAR_MANDATE,
    INTERMEDIAR_NEXT,
    KARRIAR,
    KARRIAR_ACTIVITY,
    KARRIAR_GOALS,
    KARRIAR_MEMBERS,
    KARRIAR_NEXT_AGENDA,
    KARRIAR_PAST_AGENDA,
    KARRIAR_PAST_MINUTES,
    KARRIAR_PURPOSE,
    MEMBER,
    NOT_STARTED,
    ON_SITE,
    ONGOING,
    STOCKHOLM,
    SURVEY_NOTE,
    Person,
)

# The 2022 reports were handed in for the council meeting of 17/11-22.
HANDED_IN = datetime.combine(COUNCIL_MEETING, time(9, 0), tzinfo=STOCKHOLM)


def _at(moment: datetime) -> datetime:
    return moment.replace(tzinfo=STOCKHOLM)


def _weekday(day: date) -> date:
    """The day, or the Monday after it when it falls on a weekend."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def _logins() -> dict[str, User]:
    """The AT/BT group's convenor and member, people without a seat in the council."""
    people = {}
    for person in ATBT_MEMBERS:
        if person.login:
            user = council_services.person_get_or_create(
                email=f"{person.login}@{DOMAIN}", full_name=person.name, title=person.title
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            people[person.login] = user
    return people


def _group(council: Council, name: str, area: str, activity_titles: list[str], **fields):
    """The group, created with its focus area and 2022 plan activities; None if it exists."""
    if Workgroup.objects.filter(council=council, name=name).exists():
        return None
    activities = Activity.objects.filter(
        plan__council=council, plan__year=2022, title__in=activity_titles
    )
    return services.workgroup_create(
        council=council,
        name=name,
        focus_area=FocusArea.objects.get(council=None, short_name=area),
        activities=list(activities),
        **fields,
    )


def _members(group: Workgroup, people: list[Person], logins: dict[str, User]) -> None:
    for person in people:
        if person.login:
            services.member_add(
                group=group, user=logins[person.login], title=person.title, role=person.role
            )
        else:
            services.member_add(
                group=group,
                name=person.name,
                title=person.title,
                organisation=person.organisation,
                role=person.role,
            )


def _atbt(council: Council, logins: dict[str, User]) -> None:
    # The group's work ended with 2022's plan: closed, so today's start page does not call
    # its final report of January 2023 years late.
    group = _group(
        council, ATBT, "AT/BT", ATBT_ACTIVITIES, final_report_due=date(2023, 1, 31),
        status=Workgroup.Status.CLOSED,
    )  # fmt: skip
    if group is None:
        return
    _members(group, ATBT_MEMBERS, logins)
    for goal, activity in ATBT_GOALS:
        services.goal_create(
            group=group,
            goal=goal,
            activity=activity,
            responsible=ATBT,
            timeline="Q3-4 2022",
            start_quarter="2022Q3",
            end_quarter="2022Q4",
            status=ONGOING,
        )
    for title, starts, ends, form, place, agenda in ATBT_MEETINGS:
        meeting_create(
            group=group, title=title, starts_at=_at(starts), ends_at=_at(ends), form=form,
            place=place, agenda=agenda,
        )  # fmt: skip
    services.report_create(
        group=group,
        kind=Report.Kind.STATUS,
        report_date=COUNCIL_MEETING,
        submitted_at=HANDED_IN,
        done=ATBT_DONE,
        next_steps=ATBT_NEXT,
        user=logins["sammankallande"],
    )


def _forenade(council: Council, logins: dict[str, User]) -> None:
    group = _group(
        council, FORENADE, "Klinisk forskning", [FORENADE_ACTIVITY], mandate=FORENADE_MANDATE
    )
    if group is None:
        return
    _members(group, FORENADE_MEMBERS, logins)
    services.report_create(
        group=group,
        kind=Report.Kind.STATUS,
        report_date=COUNCIL_MEETING,
        submitted_at=HANDED_IN,
        done=FORENADE_DONE,
        conclusions=FORENADE_CONCLUSIONS,
        question=FORENADE_QUESTION,
    )


def _intermediar(council: Council) -> None:
    group = _group(
        council, INTERMEDIAR, "Fortbildning", [INTERMEDIAR_ACTIVITY], mandate=INTERMEDIAR_MANDATE
    )
    if group is None:
        return
    services.report_create(
        group=group,
        kind=Report.Kind.STATUS,
        report_date=COUNCIL_MEETING,
        submitted_at=HANDED_IN,
        done=INTERMEDIAR_DONE,
        conclusions=INTERMEDIAR_CONCLUSIONS,
        next_steps=INTERMEDIAR_NEXT,
    )


def _karriar(council: Council, logins: dict[str, User]) -> None:
    group = _group(
        council, KARRIAR, "Fortbildning", [KARRIAR_ACTIVITY], purpose=KARRIAR_PURPOSE,
        surveys=list(Survey.objects.filter(council=council, title=CAREER_TITLE)),
    )  # fmt: skip
    if group is None:
        return
    for local, role in KARRIAR_MEMBERS:
        user = logins.get(local) or User.objects.get(email=f"{local}@{DOMAIN}")
        services.member_add(group=group, user=user, role=role)
    for goal, activity, status, follow_up in KARRIAR_GOALS:
        services.goal_create(
            group=group, goal=goal, activity=activity, status=status, follow_up=follow_up
        )
    # The current state, relative to today.
    today = timezone.localdate()
    held, coming = _weekday(today - timedelta(days=14)), _weekday(today + timedelta(days=9))
    for day, agenda, minutes in ((held, KARRIAR_PAST_AGENDA, KARRIAR_PAST_MINUTES),
                                 (coming, KARRIAR_NEXT_AGENDA, "")):  # fmt: skip
        meeting_create(
            group=group,
            title="Digitalt möte",
            starts_at=datetime.combine(day, time(13, 0), tzinfo=STOCKHOLM),
            ends_at=datetime.combine(day, time(15, 0), tzinfo=STOCKHOLM),
            form=DIGITAL,
            link="https://moten.example.se/rvkr-mellansverige/karriarmodeller",
            agenda=agenda,
            minutes=minutes,
        )
    services.report_create(
        group=group, kind=Report.Kind.STATUS, due_date=today + timedelta(days=10), submit=False
    )


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Create the demo workgroups that do not exist yet; return the two group logins."""
    council = Council.objects.get(slug="mellansverige")
    logins = _logins()
    _atbt(council, logins)
    _forenade(council, logins)
    _intermediar(council)
    _karriar(council, logins)
    return [
        DemoLogin("Sammankallande AT/BT (utan plats i rådet)", CONVENOR_EMAIL, DEMO_PASSWORD,
                  "Katarina Ljungman"),
        DemoLogin("Gruppmedlem AT/BT", GROUP_MEMBER_EMAIL, DEMO_PASSWORD, "Henrik Thorsell"),
    ]  # fmt: skip
