"""The demo's annual report: Mellansverige 2022, with the secretariat's texts and a draft
version built at once, so a newcomer can open the PDF.

The texts are written for the demo (the seed has no annual report); every figure the report
shows comes from the demo's plan, workgroups, surveys and follow-ups. The report covers the
two 2022 surveys of the seed. Idempotent: a report that already has a version is left alone.
"""

from __future__ import annotations

from django.db import transaction

from councils.models import Council, Membership
from surveys.demo import CAREER_TITLE, COMPETENCE_TITLE
from surveys.models import Survey

from . import services
from .models import ReportBuild

YEAR = 2022
TEXTS = {
    "foreword": (
        "2022 var året då Regionalt vårdkompetensråd Mellansverige gick från att formera sig "
        "till att arbeta i full skala. Sju regioner, 80 kommuner och sex lärosäten har samlats "
        "kring en gemensam aktivitetsplan.\n\n"
        "Rådet har under året särskilt prioriterat den verksamhetsförlagda utbildningen, "
        "karriärmodeller och vård nära vård. Tack till alla ledamöter, arbetsgrupper och "
        "kommuner som har bidragit."
    ),
    "summary": (
        "Årsrapporten sammanfattar rådets arbete under 2022:\n\n"
        "- aktivitetsplanen med prioriteringar och vad som följts upp,\n"
        "- arbetsgruppernas mål och lägesrapporter,\n"
        "- resultaten av årets enkäter till kommunerna,\n"
        "- uppföljningen av Nationella vårdkompetensrådets rekommendationer.\n\n"
        "Siffrorna kommer direkt från portalen och är desamma som rådets ledamöter ser där."
    ),
    "reflections": (
        "Enkäterna visar att behoven av kompetensutveckling är stora och likartade i hela "
        "sjukvårdsregionen. Arbetsgrupperna har kommit olika långt; flera frågor har lyfts "
        "till rådet och till nationell nivå."
    ),
    "year_ahead": (
        "Under 2023 fortsätter rådet med:\n\n"
        "1. de aktiviteter som förts över till 2023 års plan,\n"
        "2. arbetsgruppernas slutrapporter,\n"
        "3. en ny inventering av kompetensbehoven."
    ),
}


def demo_load() -> ReportBuild | None:
    council = Council.objects.filter(slug="mellansverige").first()
    if council is None:
        return None
    report = services.report_for(council=council, year=YEAR)
    if report.builds.exists():
        return report.builds.order_by("-number").first()
    secretariat = (
        Membership.objects.active()
        .filter(council=council, role=Membership.Role.SECRETARIAT)
        .select_related("user")
        .first()
    )
    user = secretariat.user if secretariat else None
    with transaction.atomic():
        services.texts_save(report=report, user=user, version=None, **TEXTS)
        surveys = list(
            Survey.objects.filter(council=council, title__in=[COMPETENCE_TITLE, CAREER_TITLE])
        )
        report.refresh_from_db()
        services.options_save(
            report=report, user=user, version=None, sections=report.sections, surveys=surveys
        )
    report.refresh_from_db()
    # Built here and now, as the eager worker of `make run` would (also inside a transaction).
    build, _joined = services.build_request(report=report, user=user, enqueue=False)
    return services.report_build(build=build)
