"""Percentages are written one way everywhere: "80 %" in Swedish, "80%" in English."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from vkr_portal.formats import percent


@pytest.mark.parametrize(
    ("value", "decimals", "swedish", "english"),
    [
        (80, 0, "80\u00a0%", "80%"),
        (12.5, 0, "13\u00a0%", "13%"),  # halves round up, as the councils' reports do
        (Decimal("0.5"), 0, "1\u00a0%", "1%"),
        (12.345, 1, "12,3\u00a0%", "12.3%"),
        (0, 0, "0\u00a0%", "0%"),
        (None, 0, "–", "–"),
    ],
)
def test_percent_in_each_language(value, decimals, swedish, english):
    with translation.override("sv"):
        assert percent(value, decimals) == swedish
    with translation.override("en"):
        assert percent(value, decimals) == english


def test_the_template_filter_is_the_same_helper():
    template = Template("{% load portal %}{{ a|percent }} {{ b|percent:1 }} {{ c|percent }}")
    with translation.override("sv"):
        assert template.render(Context({"a": 79, "b": 2.25, "c": None})) == "79\u00a0% 2,3\u00a0% –"
    with translation.override("en"):
        assert template.render(Context({"a": 79, "b": 2.25, "c": None})) == "79% 2.3% –"
