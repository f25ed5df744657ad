"""A plan on paper: the plan as a landscape A4 PDF, typeset by `reports.pdf` (the one module
that imports WeasyPrint) from templates/activities/pdf/plan.html.

Typesetting takes about a second for a plan of a hundred activities (a plan holds at most a
few hundred), so it runs in the request. The PDF is kept in the cache under a hash of its HTML:
any change to what the plan shows makes a new key, and asking again for an unchanged plan
costs the three queries that build the HTML, not the typesetting.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import selectors
from .models import ActivityPlan

CACHE_SECONDS = 24 * 60 * 60


def _css_string(value: str) -> str:
    """A value for a CSS string in the document's <style>: no quotes, backslashes, tags."""
    cleaned = " ".join(str(value).split())
    for character in '\\"<>':
        cleaned = cleaned.replace(character, " ")
    return cleaned


def plan_html(plan: ActivityPlan) -> str:
    """The plan as the HTML WeasyPrint lays out: the focus areas in order, each a table."""
    running = _("%(council)s · Aktivitetsplan %(year)s") % {
        "council": plan.council.name,
        "year": plan.year,
    }
    if plan.status == ActivityPlan.Status.DRAFT:
        running = f"{running} · {_('Utkast')}"
    context = {
        "plan": plan,
        "sections": selectors.plan_sections(plan),
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "running_title": _css_string(running),
        "page_word": _css_string(_("Sida")),
        "of_word": _css_string(_("av")),
    }
    return render_to_string("activities/pdf/plan.html", context)


def plan_pdf(plan: ActivityPlan) -> bytes:
    """The plan as PDF (tagged PDF/A-3a, like the annual report), from the cache when the plan
    shows the same as when it was last typeset."""
    from reports.pdf import render_pdf

    html = plan_html(plan)
    key = "activities:plan-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_pdf(html, data_files=[], created=timezone.now()).pdf
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf
