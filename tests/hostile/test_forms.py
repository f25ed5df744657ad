"""Every form of the project fed hostile values, on PostgreSQL: no answer of 500 or more, no
stored value shown unescaped, nothing of the other council changed.

Each form is read from the page its role is shown (so new fields are swept as they come),
filled in so that it goes through, and then sent once per hostile value of each field and
once per malformed body; see sweep.py for how each request is judged. With HOSTILE_REPORT set
to a file name, every problem and each form's count are also written there as JSON lines.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse

from tests.permission_matrix import CASES as MATRIX
from tests.permission_matrix import LOGIN, REDIRECT
from tests.test_permission_matrix import url_names
from tests.world import World

from .harness import Clients, baseline_of, cases_for, find_form, report
from .html_forms import forms_of
from .snapshot import fingerprint_of, other_council_rows
from .summary import REQUESTS, SERVER_ERRORS
from .sweep import Sweep
from .targets import NO_FORM, TARGETS, Target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("target", TARGETS, ids=lambda target: target.id)
def test_hostile_input(target: Target, hostile_world: World, record_property):
    world = hostile_world
    clients = Clients(world)
    form = find_form(target, world, clients)
    baseline = baseline_of(form, target, world, clients)
    shows = [(clients(role), page(world)) for role, page in target.shows]
    sweep = Sweep(
        name=target.id,
        form=form,
        sender=clients(target.role),
        shows=shows,
        fingerprint=fingerprint_of(other_council_rows(world)),
        clients=list(clients.by_role.values()),
    )
    tally = sweep.run(cases_for(form, baseline, world, htmx=target.htmx))
    record_property(REQUESTS, tally.requests)
    record_property(SERVER_ERRORS, tally.server_errors)
    print(f"hostile {target.id}: {tally.requests} requests, {tally.server_errors} server errors")
    report(
        [
            {
                "target": target.id,
                "requests": tally.requests,
                "read_back": tally.read_back,
                "server_errors": tally.server_errors,
            }
        ]
        + [{"problem": str(problem), **problem.__dict__} for problem in tally.problems]
    )
    if target.baseline_goes_through:
        assert sweep.baseline_accepted, f"the untouched form did not go through: {baseline}"
    problems = "\n".join(str(problem)[:400] for problem in tally.problems[:40])
    assert not tally.problems, f"{len(tally.problems)} problems:\n{problems}"


def test_every_url_pattern_has_a_target_or_no_form():
    names = {name for name in url_names() if not name.startswith("admin:")}
    covered = {target.url_name for target in TARGETS} | NO_FORM
    assert not names - covered, f"URL patterns with no hostile target: {sorted(names - covered)}"
    assert not NO_FORM - names, f"NO_FORM names no URL pattern: {sorted(NO_FORM - names)}"


def _allowed(case) -> str | None:
    return next(
        (role for role in ("secretariat", "member", "national", "admin", "respondent", "anonymous")
         if case.expect[role] in (200, 286, REDIRECT)),
        None,
    )  # fmt: skip


def test_pages_without_a_form_refuse_a_post(hostile_world: World):
    world = hostile_world
    clients = Clients(world)
    refused = {}
    for case in MATRIX:
        # With no role let in (a respondent's pages need a link), anyone must get 405.
        role = _allowed(case) or (None if case.expect["anonymous"] == LOGIN else "anonymous")
        if case.url_name in NO_FORM and case.method == "GET" and role:
            response = clients(role).post(reverse(case.url_name, kwargs=case.kwargs(world)))
            refused.setdefault(case.url_name, []).append(response.status_code)
    assert set(refused) == NO_FORM
    assert {name: codes for name, codes in refused.items() if set(codes) != {405}} == {}


def test_every_form_on_every_page_has_a_target(hostile_world: World):
    world = hostile_world
    clients = Clients(world)
    targeted = {target.url_name for target in TARGETS}
    untargeted = set()
    for case in MATRIX:
        for role in ("secretariat", "member", "national", "anonymous"):
            if case.method != "GET" or case.expect[role] != 200:
                continue
            response = clients(role).get(reverse(case.url_name, kwargs=case.kwargs(world)))
            if "html" in response.get("Content-Type", ""):
                for form in forms_of(response.content.decode(), response.request["PATH_INFO"]):
                    name = resolve(urlsplit(form.action).path).view_name
                    if name not in targeted:
                        untargeted.add(f"{form.method} {name} (on {case.url_name})")
    assert not untargeted, f"forms with no hostile target: {sorted(untargeted)}"
