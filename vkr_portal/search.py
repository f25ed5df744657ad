"""Text search shared by the apps' search selectors: PostgreSQL full-text search with the
Swedish configuration (so "utbildningar" finds "utbildning"), or on a part of a word; on
SQLite (development), a case-insensitive substring match."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db import connection
from django.db.models import Q, QuerySet

CONFIG = "swedish"
QUERY_MAX = 200


def cleaned(text: str) -> str:
    """The words searched for: control characters (NUL, which PostgreSQL refuses in a text)
    dropped, whitespace collapsed, at most QUERY_MAX characters."""
    printable = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return " ".join(printable.split())[:QUERY_MAX]


def matching(queryset: QuerySet, text: str, fields: list[str]) -> QuerySet:
    """The rows of `queryset` whose `fields` match `text`: every word of it (stemmed, in the
    full-text vector) or the whole text as a part of one field."""
    text = cleaned(text)
    if not text:
        return queryset.none()
    partial = reduce(or_, (Q(**{f"{field}__icontains": text}) for field in fields))
    if connection.vendor != "postgresql":
        return queryset.filter(partial)
    from django.contrib.postgres.search import SearchQuery, SearchVector

    vector = SearchVector(*fields, config=CONFIG)
    query = SearchQuery(text, config=CONFIG, search_type="websearch")
    return queryset.annotate(_search=vector).filter(Q(_search=query) | partial)
