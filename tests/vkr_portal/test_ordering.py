"""Moving a row among its siblings: swapped once, whatever the numbering was."""

from __future__ import annotations

import pytest

from activities import services
from activities.models import Activity
from vkr_portal.ordering import swap_with_neighbour

pytestmark = pytest.mark.django_db


def _rows(world):
    plan, first = world.extra["own_plan"], world.extra["own_activity"]
    others = [
        services.activity_create(plan=plan, focus_area=first.focus_area, title=title)
        for title in ("B", "C")
    ]
    return Activity.objects.filter(plan=plan, focus_area=first.focus_area), [first, *others]


def _titles(siblings) -> list[str]:
    return [a.title[:1] for a in siblings.order_by("order", "pk")]


def test_with_gaps_in_the_numbering_a_moved_row_still_gets_a_new_order(world):
    siblings, (a, b, c) = _rows(world)
    # Orders 2, 3, 4 (an activity above was deleted): renumbering would give A 2 again.
    for row, order in ((a, 2), (b, 3), (c, 4)):
        Activity.objects.filter(pk=row.pk).update(order=order)
    assert swap_with_neighbour(siblings, pk=a.pk, direction="down", expected_order=2)
    assert _titles(siblings) == ["B", "H", "C"]
    assert not swap_with_neighbour(siblings, pk=a.pk, direction="down", expected_order=2)
    assert _titles(siblings) == ["B", "H", "C"]


def test_rows_sharing_an_order_are_numbered_before_the_swap(world):
    siblings, (a, b, c) = _rows(world)
    siblings.update(order=1)
    assert swap_with_neighbour(siblings, pk=c.pk, direction="up")
    assert _titles(siblings) == ["H", "C", "B"]
    assert sorted(siblings.values_list("order", flat=True)) == [1, 2, 3]


def test_nothing_moves_past_the_ends(world):
    siblings, (a, _b, c) = _rows(world)
    assert not swap_with_neighbour(siblings, pk=a.pk, direction="up")
    assert not swap_with_neighbour(siblings, pk=c.pk, direction="down")
