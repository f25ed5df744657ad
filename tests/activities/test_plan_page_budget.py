"""The plan page's budget for an editing member, on the data of the `activity-plans` benchmark
scenario (80 activities over the five national focus areas, each with a note, every 5th raised
to the national council, every 3rd with a responsible person): its HTML stays within 150 KB and
its number of queries does not grow with the plan. (Its time is the benchmark's, not a test's.)
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities import services
from activities.benchmarks import plan_activities_build
from activities.models import ActivityPlan, FocusArea

HTML_BUDGET = 150_000  # bytes
YEAR = 2031  # a year the world has no plan for


def _plan_of(world, count: int, year: int = YEAR) -> ActivityPlan:
    """A plan of the member's council shaped like the benchmark's, with `count` activities."""
    member = world.users["member"]
    areas = list(FocusArea.objects.filter(council=None).order_by("order"))
    plan = services.plan_create(council=world.own, year=year, intro="Året.", focus_areas=areas)
    plan_activities_build(plan, areas, count, member)
    return plan


def _page(client, plan: ActivityPlan) -> tuple[str, int]:
    """The plan page's HTML and its number of queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(plan.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def _tables(html: str) -> list[str]:
    return re.findall(r"<tbody.*?</tbody>", html, re.S)


@pytest.fixture
def member(client_for):
    return client_for("member")


def test_the_80_activity_plan_page_of_an_editing_member_is_within_150_kb(world, member):
    plan = _plan_of(world, 80)
    html, _queries = _page(member, plan)
    rows = re.findall(r'<tr id="activity-\d+" class="activity-row"', html)
    assert len(rows) == 80
    # Every row is an editor's: a priority, a status and a menu button each.
    assert html.count('data-focus-key="actions"') == 80
    assert html.count('class="badge text-bg-info raised"') == 16
    assert len(html.encode()) <= HTML_BUDGET, len(html.encode())


def test_the_plan_page_runs_as_many_queries_for_1_activity_as_for_80(
    world, member, django_assert_max_num_queries
):
    small, large = _plan_of(world, 1), _plan_of(world, 80, year=YEAR + 1)
    member.get(small.get_absolute_url())  # the session's first use is not counted
    _html, count_small = _page(member, small)
    html, count_large = _page(member, large)
    assert html.count('data-focus-key="actions"') == 80
    assert count_small == count_large
    # The session and its user, the seat, the council and plan, the focus areas, the
    # activities and their workgroups.
    with django_assert_max_num_queries(8):
        member.get(large.get_absolute_url())


def test_the_filters_show_what_was_chosen_with_at_most_one_query_more(world, member):
    plan = _plan_of(world, 10)
    member.get(plan.get_absolute_url())
    html, plain = _page(member, plan)
    # Without filters the page makes no form: "Alla" in each list, the checkbox not ticked.
    assert html.count('<option value="" selected>Alla</option>') == 3
    assert (
        '<input type="checkbox" name="lyft" class="checkboxinput form-check-input" id="id_lyft">'
        in html
    )
    with CaptureQueriesContext(connection) as queries:
        response = member.get(plan.get_absolute_url() + "?prioritet=red&lyft=on")
    page = response.content.decode()
    assert '<option value="red" selected>Röd</option>' in page
    assert 'id="id_lyft" checked>' in page
    # The 5th (yellow) and the 10th (red) are raised.
    assert page.count('class="activity-row"') == 1
    assert len(queries) <= plain + 1  # the form's own look-up of the plan's focus areas


def test_the_rows_read_again_unchanged_come_from_the_cache_and_any_change_shows(world, member):
    """The rendered rows are cached under a digest of what they show: the second view is the
    same page, and a change to an activity, its notes or the language is on the next view."""
    plan = _plan_of(world, 10)
    first, _queries = _page(member, plan)
    again, _queries = _page(member, plan)
    # The same tables (the page around them differs by its masked CSRF token).
    assert _tables(again) == _tables(first) != []
    activity = plan.activities.order_by("order", "pk").first()
    services.activity_update(
        activity=activity, version=activity.version, title="Ny titel på aktiviteten"
    )
    changed, _queries = _page(member, plan)
    assert "Ny titel på aktiviteten" in changed and changed != first
    services.activity_note_add(activity=activity, text="Ännu en.", author=world.users["member"])
    noted, _queries = _page(member, plan)
    assert noted.count("Anteckningar (2)") == 1
    member.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english, _queries = _page(member, plan)
    assert "Notes (2)" in english and "Anteckningar (2)" not in english


def test_a_reader_who_cannot_edit_never_gets_an_editors_cached_rows(world, member, client_for):
    plan = _plan_of(world, 3)
    editor_html, _queries = _page(member, plan)
    assert 'data-focus-key="actions"' in editor_html
    reader = client_for("national")
    reader_html = reader.get(plan.get_absolute_url()).content.decode()
    assert 'class="activity-row"' in reader_html
    assert 'data-focus-key="actions"' not in reader_html
