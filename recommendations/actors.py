"""The five kinds of addressee, created where missing (a data migration loads them too, but a
transactional test empties the tables)."""

from __future__ import annotations

from .models import Actor

ORDER = [code for code, _label in Actor.Code.choices]


def actors_ensure() -> dict[str, Actor]:
    actors = {}
    for order, code in enumerate(ORDER, start=1):
        actors[code], _created = Actor.objects.get_or_create(code=code, defaults={"order": order})
    return actors
