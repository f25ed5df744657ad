"""From gathered content to the report's HTML: the content (kept with the build) and the
document around it for WeasyPrint. The portal's HTML version wraps the same content."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ReportBuild
from .selectors.content import ReportContent


def content_html(content: ReportContent) -> str:
    return render_to_string("reports/document/content.html", {"content": content})


def _css_string(value: str) -> str:
    """A value for a CSS string in the document's <style>: no quotes, backslashes, tags."""
    cleaned = " ".join(str(value).split())
    for character in '\\"<>':
        cleaned = cleaned.replace(character, " ")
    return cleaned


def version_date(build: ReportBuild, *, final: bool) -> dt.date:
    """The day on the cover: when it was fastställd (being set as final: today), else when
    the draft was built."""
    if final:
        return timezone.localtime(build.finalised_at or timezone.now()).date()
    return timezone.localtime(build.started_at or build.requested_at or timezone.now()).date()


def document_html(build: ReportBuild, content: str, *, final: bool) -> str:
    council = build.report.council
    running = _("%(council)s · Årsrapport %(year)s") % {
        "council": council.name,
        "year": build.report.year,
    }
    if not final:
        running = f"{running} · {_('Utkast')}"
    context = {
        "build": build,
        "council": council,
        "final": final,
        "version_date": version_date(build, final=final),
        "content_html": content,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "running_title": _css_string(running),
        "page_word": _css_string(_("Sida")),
        "of_word": _css_string(_("av")),
    }
    return render_to_string("reports/document/pdf.html", context)
