"""The portal's template filters: `{% load portal %}`."""

from django import template

from vkr_portal import formats

register = template.Library()


@register.filter
def percent(value, decimals: int = 0) -> str:
    """`{{ rate|percent }}` → "80 %" (sv) / "80%" (en); `{{ share|percent:1 }}` one decimal."""
    return formats.percent(value, int(decimals))
