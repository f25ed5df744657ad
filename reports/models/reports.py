"""A council's annual report of a year: the secretariat's texts and the chosen sections."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from councils.models import Council
from vkr_portal import bounds

from .. import sections


def default_sections() -> list[str]:
    return list(sections.SECTION_KEYS)


class AnnualReport(models.Model):
    """One per council and year; its builds are the versions of the report."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("råd")
    )
    year = models.PositiveSmallIntegerField(
        _("år"),
        validators=[MinValueValidator(bounds.YEAR_MIN), MaxValueValidator(bounds.YEAR_MAX)],
    )
    foreword = bounds.bounded_text(_("ordföranden har ordet"), blank=True, limit=bounds.TEXT_LONG)
    summary = bounds.bounded_text(_("sammanfattning"), blank=True, limit=bounds.TEXT_LONG)
    reflections = bounds.bounded_text(_("reflektioner"), blank=True, limit=bounds.TEXT_LONG)
    year_ahead = bounds.bounded_text(_("året som kommer"), blank=True, limit=bounds.TEXT_LONG)
    # The sections of the next build, in order; a section left out is switched off.
    sections = models.JSONField(_("avsnitt"), default=default_sections)
    # The surveys the report covers; until chosen, those open during the year.
    surveys = models.ManyToManyField(
        "surveys.Survey", blank=True, related_name="+", verbose_name=_("enkäter")
    )
    surveys_chosen = models.BooleanField(_("enkäter valda"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("ändrad av"),
    )  # fmt: skip

    class Meta:
        ordering = ["council", "-year"]
        verbose_name = _("årsrapport")
        verbose_name_plural = _("årsrapporter")
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="one_annual_report_a_year"),
        ]

    def __str__(self) -> str:
        return _("Årsrapport %(year)s – %(council)s") % {
            "year": self.year,
            "council": self.council.short_name,
        }

    def get_absolute_url(self) -> str:
        return reverse("reports:report", kwargs={"slug": self.council.slug, "year": self.year})

    def text_of(self, key: str) -> str:
        return getattr(self, key, "") if key in sections.TEXT_SECTIONS else ""
