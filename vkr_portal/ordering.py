"""Moving a row up or down among its siblings: the one ordering rule that activities in a focus
area and questions in a section share."""

from __future__ import annotations

from django.db.models import QuerySet


def swap_with_neighbour(siblings: QuerySet, *, pk: int, direction: str) -> None:
    """Swap the row `pk` with its neighbour above ("up") or below ("down") among `siblings`
    and number them 1, 2, … in their new order; call inside a transaction (rows are locked).

    `.update()` writes the order, so a reorder stays out of any content history.
    """
    rows = list(siblings.select_for_update().order_by("order", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for position, row in enumerate(rows, start=1):
        if row.order != position:
            siblings.model.objects.filter(pk=row.pk).update(order=position)
