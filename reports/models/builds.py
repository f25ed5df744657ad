"""One request to build a version of an annual report, from the queue to the finished file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .reports import AnnualReport


class ReportBuild(models.Model):
    """A version of the report: its options, its progress while it is built, and its file.

    A build in a running state belongs to one attempt (`attempt`): each step is written only
    if the build is still that attempt's, so an attempt taken over after its worker died can
    never overwrite the one that took over.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Köad")
        GATHERING = "gathering", _("Hämtar data")
        CHARTS = "charts", _("Ritar diagram")
        TYPESETTING = "typesetting", _("Sätter sidor")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")
        CANCELLED = "cancelled", _("Avbruten")

    RUNNING = (Status.GATHERING, Status.CHARTS, Status.TYPESETTING)
    UNFINISHED = (Status.QUEUED, *RUNNING)

    report = models.ForeignKey(
        AnnualReport, on_delete=models.PROTECT, related_name="builds",
        verbose_name=_("årsrapport"),
    )  # fmt: skip
    number = models.PositiveIntegerField(_("version"))
    sections = models.JSONField(_("avsnitt"))
    survey_ids = models.JSONField(_("enkäter"), default=list, blank=True)
    options_key = models.CharField(_("alternativ"), max_length=32)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("beställd av"),
    )  # fmt: skip
    requested_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    reason = models.CharField(_("skäl till ny version"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    step = models.CharField(_("steg"), max_length=100, blank=True)
    timings = models.JSONField(_("tider per steg (s)"), default=dict, blank=True)
    error = models.TextField(_("fel"), blank=True)
    attempt = models.CharField(_("försök"), max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(_("antal försök"), default=0)
    started_at = models.DateTimeField(_("påbörjad"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("senast aktiv"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    # The files, under reports/<pk>/ in the media storage (never served by URL).
    file = models.CharField(_("fil"), max_length=255, blank=True)
    content_file = models.CharField(_("innehåll (HTML)"), max_length=255, blank=True)
    data_files = models.JSONField(_("bifogade data"), default=list, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("storlek"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("sidor"), null=True, blank=True)
    # Fastställd: the final version, immutable from then on.
    finalised_at = models.DateTimeField(_("fastställd"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("fastställd av"),
    )  # fmt: skip
    # Set when "Fastställ" is asked for: the build is set again from its stored content with
    # the status "fastställd" on the cover, and only then becomes final.
    finalising = models.BooleanField(_("fastställs"), default=False)
    replaced_by = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces",
        verbose_name=_("ersatt av"),
    )  # fmt: skip

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("version av årsrapport")
        verbose_name_plural = _("versioner av årsrapporter")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_build_number"),
            # A second request for the same options while one is under way joins it.
            models.UniqueConstraint(
                fields=["report", "options_key"],
                condition=Q(status__in=["queued", "gathering", "charts", "typesetting"]),
                name="one_unfinished_build_per_options",
            ),
            models.CheckConstraint(
                condition=Q(finalised_at__isnull=True) | Q(status="done"),
                name="only_a_finished_build_is_final",
            ),
        ]

    def __str__(self) -> str:
        return _("%(report)s, version %(number)s") % {"report": self.report, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse(
            "reports:build",
            kwargs={"slug": self.report.council.slug, "year": self.report.year, "pk": self.pk},
        )

    @property
    def is_final(self) -> bool:
        return self.finalised_at is not None

    @property
    def is_unfinished(self) -> bool:
        return self.status in self.UNFINISHED

    @property
    def is_public(self) -> bool:
        return self.finalised_at is not None and bool(self.file)

    def filename(self, extension: str = "pdf") -> str:
        """arsrapport-mellansverige-2022-v2.pdf"""
        return (
            f"arsrapport-{self.report.council.slug}-{self.report.year}-v{self.number}.{extension}"
        )
