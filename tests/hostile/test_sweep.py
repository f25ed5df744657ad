"""The sweep itself: fed a form that is broken in each way it looks for, it reports each."""

import pytest

from tests.world import World

from .harness import Clients, baseline_of, cases_for, find_form
from .snapshot import fingerprint_of, other_council_rows
from .sweep import Sweep
from .targets import Target

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.hostile.selftest_urls")]


def test_the_sweep_finds_server_errors_raw_markup_and_writes_to_the_other_council(
    hostile_world: World,
):
    world = hostile_world
    clients = Clients(world)
    target = Target("selftest_broken", "member", shows=(("member", lambda w: "/shown/"),))
    form = find_form(target, world, clients)
    assert set(form.controls) == {"name", "when", "plan", "submit"}
    baseline = baseline_of(form, target, world, clients)
    sweep = Sweep(
        name=target.id,
        form=form,
        sender=clients("member"),
        shows=[(clients("member"), "/shown/")],
        fingerprint=fingerprint_of(other_council_rows(world)),
        clients=list(clients.by_role.values()),
    )
    tally = sweep.run(cases_for(form, baseline, world))
    assert sweep.baseline_accepted
    found = {(problem.case, problem.detail.split(":")[0]) for problem in tally.problems}
    assert ("name=nul", "a NUL byte reached the view") in {
        (p.case, p.detail.rsplit(": ", 1)[-1]) for p in tally.problems if p.status == 500
    }
    assert ("shown after name=xss-script", "unescaped '<script>alert(1)</script>' in the page") in {
        (p.case, p.detail) for p in tally.problems
    }
    assert any(
        case.startswith("plan=foreign-") and detail == "the other council's rows changed"
        for case, detail in found
    )
    assert tally.server_errors == sum(1 for p in tally.problems if p.status >= 500)
    # Nothing a case did outlived it: the other council's plan is as it was.
    assert (
        world.extra["other_plan"].__class__.objects.get(pk=world.extra["other_plan"].pk).intro == ""
    )
