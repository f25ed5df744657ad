"""Moving a row up or down among its siblings: the one ordering rule that activities in a focus
area and questions in a section share."""

from __future__ import annotations

from django.db.models import QuerySet


def swap_with_neighbour(
    siblings: QuerySet, *, pk: int, direction: str, expected_order: int | None = None
) -> bool:
    """Swap the row `pk` with its neighbour above ("up") or below ("down") among `siblings`;
    call inside a transaction (the rows are locked). Returns whether anything moved.

    The two rows swap their order values, so a row that moves always gets a new one. A form
    that sends the order the row had when the page was shown (`expected_order`) moves it
    once however often it is sent: a double click finds the row moved already, and nothing
    happens. `.update()` writes the order, so a reorder stays out of any content history.
    """
    rows = list(siblings.select_for_update().order_by("order", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == pk)
    if expected_order is not None and rows[index].order != expected_order:
        return False
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(rows):
        return False
    saved = {row.pk: row.order for row in rows}
    if len({row.order for row in rows}) < len(rows):
        # Rows that share an order value (from older data) are numbered 1, 2, … first.
        for position, row in enumerate(rows, start=1):
            row.order = position
    first, second = rows[index], rows[other]
    first.order, second.order = second.order, first.order
    for row in rows:
        if row.order != saved[row.pk]:
            siblings.model.objects.filter(pk=row.pk).update(order=row.order)
    return True
