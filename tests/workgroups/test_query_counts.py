"""The group list, the group page and the start page run a fixed number of queries, whatever
the number of groups, members, meetings, goals, reports, questions and documents.

Run with -s to see the figures (printed per role and page).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.models import User
from tests.world import MINIMAL_PDF
from workgroups import services
from workgroups.models import Member
from workgroups.services.documents import document_upload
from workgroups.services.meetings import meeting_create

pytestmark = pytest.mark.django_db

# The counts per role: (group list, group page, start page), the same for the small world
# and for the one with ten more groups full of people, meetings and reports. Measured with
# the group list's groups read with their council and the group page's reports with their
# group and council (see the message in the test); without that, one query a group on the
# list and two a report on the group page.
EXPECTED = {
    "secretariat": (9, 16, 16),
    # The start page also lists the convenor's own groups ("Mina arbetsgrupper").
    "convenor": (10, 17, 10),
    "member": (9, 17, 12),
}
GROWS = (
    "BUG: the query count grows with the data. workgroups/selectors/groups.py: group_list "
    "(line ~46) reads the groups without their council, and the list's group links "
    "(Workgroup.get_absolute_url → self.council.slug) read it once a group: "
    'select_related("council", "focus_area"); group_page (line ~127) reads the reports '
    "without their group, and each report link (Report.get_absolute_url → "
    'self.workgroup.council.slug) reads group and council: select_related("submitted_by", '
    '"workgroup__council").'
)


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200, url
    return len(context.captured_queries)


def _fill(group, *, world, n: int, convenor: User | None) -> None:
    """Five members (two with a login, two contacts and, when given, the convenor), five
    meetings (two in the next fortnight), three goals, two reports with questions (one
    planned and due, one handed in with an answered and an open question) and a document."""
    today, now = timezone.localdate(), timezone.now()
    org = world.organisations["region_orebro"]
    for i in range(2):
        user = User.objects.create_user(
            email=f"person{n}-{i}@grupp.test", full_name=f"Person {n}-{i}", organisation=org
        )
        services.member_add(group=group, user=user, title="Studierektor")
    for i in range(2):
        services.member_add(group=group, name=f"Kontakt {n}-{i}", organisation="Örebro kommun")
    if convenor is not None:
        services.member_add(group=group, user=convenor, role=Member.Role.CONVENOR)
    else:
        services.member_add(group=group, name=f"Adjungerad {n}", role=Member.Role.COOPTED)
    for days in (-40, -10, 3, 10, 30):
        start = now + dt.timedelta(days=days)
        meeting_create(
            group=group, title=f"Möte {days}", starts_at=start,
            ends_at=start + dt.timedelta(hours=2), form="digitalt", agenda="Dagordning",
        )  # fmt: skip
    for i in range(3):
        goal = services.goal_create(
            group=group, goal=f"Mål {i}", activity="Kartlägga", responsible="Gruppen",
            timeline="Q3-4 2022",
        )  # fmt: skip
        services.goal_update(row=goal, version=goal.version, status="ongoing")
    services.report_create(
        group=group, submit=False, due_date=today + dt.timedelta(days=5),
        question="En fråga i den planerade rapporten",
    )  # fmt: skip
    handed_in = services.report_create(
        group=group, done="Sammanställning pågår", question="En fråga som besvaras"
    )
    services.question_add(report=handed_in, text="En fråga som väntar")
    answered = handed_in.questions.order_by("pk").first()
    services.question_answer(
        question=answered, version=answered.version, status="besvarad", answer="Svar",
        user=world.users["member"],
    )  # fmt: skip
    services.report_update(report=handed_in, version=handed_in.version, next_steps="Workshop")
    # A file of its own (the own group has the world's already, and a file is kept once).
    pdf = MINIMAL_PDF.replace(b"%%EOF", f"% fil {n}\n%%EOF".encode())
    document_upload(
        group=group,
        upload=SimpleUploadedFile("underlag.pdf", pdf, content_type="application/pdf"),
        title=f"Underlag {n}",
        user=convenor,
    )


def _measure(client, urls: dict[str, str]) -> dict[str, int]:
    return {name: _count_queries(client, url) for name, url in urls.items()}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_the_workgroup_pages_run_a_constant_number_of_queries(world, client_for, role):
    group = world.extra["own_group"]
    urls = {
        "list": reverse("workgroups:list", kwargs={"slug": group.council.slug}),
        "detail": group.get_absolute_url(),
        "home": reverse("home"),
    }
    client = client_for(role)
    # A session's first request also writes its idle stamp: not part of what is measured.
    client.get(reverse("home"))
    small = _measure(client, urls)

    convenor = world.users["convenor"]
    _fill(group, world=world, n=0, convenor=None)
    for n in range(1, 11):
        extra = services.workgroup_create(
            council=world.own, name=f"Arbetsgrupp {n}", mandate="Uppdrag",
            activities=[world.extra["own_activity"]],
            final_report_due=timezone.localdate() + dt.timedelta(days=10 * n - 30),
        )  # fmt: skip
        # The convenor convenes them all: their list, page and start page grow with them.
        _fill(extra, world=world, n=n, convenor=convenor)
    large = _measure(client, urls)

    print(f"\nquery counts for {role}: small world {small}, with 10 more full groups {large}")
    assert small == large, f"{role}: {small} → {large}. {GROWS}"
    assert tuple(large.values()) == EXPECTED[role], (role, large)
