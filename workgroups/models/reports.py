"""Status and final reports, their questions to the council, and the log of reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from vkr_portal import bounds

from .groups import Workgroup


class Report(models.Model):
    """A status report (lägesrapport) or the group's one final report (slutrapport)."""

    class Kind(models.TextChoices):
        STATUS = "lagesrapport", _("Lägesrapport")
        FINAL = "slutrapport", _("Slutrapport")

    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="reports", verbose_name=_("arbetsgrupp")
    )
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices, default=Kind.STATUS)
    report_date = models.DateField(
        _("datum"), default=timezone.localdate, validators=[bounds.date_in_range]
    )
    due_date = models.DateField(
        _("ska lämnas senast"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    done = bounds.bounded_text(_("genomfört"), blank=True, limit=bounds.TEXT_LONG)
    conclusions = bounds.bounded_text(_("slutsatser hittills"), blank=True, limit=bounds.TEXT_LONG)
    next_steps = bounds.bounded_text(_("fortsatt arbete"), blank=True, limit=bounds.TEXT_LONG)
    submitted_at = models.DateTimeField(
        _("inlämnad"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("inlämnad av"),
    )  # fmt: skip
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["workgroup", "-report_date", "-pk"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["workgroup"], condition=Q(kind="slutrapport"), name="one_final_report"
            ),
        ]

    def __str__(self) -> str:
        if self.submitted_at is None and self.due_date:
            # A planned report is known by when it is due, not by when it was planned.
            return _("%(kind)s, senast %(date)s") % {
                "kind": self.get_kind_display(),
                "date": date_format(self.due_date, "j F Y"),
            }
        return f"{self.get_kind_display()} {date_format(self.report_date, 'j F Y')}"

    def get_absolute_url(self) -> str:
        return reverse(
            "workgroups:report",
            kwargs={
                "slug": self.workgroup.council.slug,
                "pk": self.workgroup_id,
                "report_pk": self.pk,
            },
        )

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Question(models.Model):
    """A question to the council (Frågeställning till RVKR) in a report, and its answer."""

    class Status(models.TextChoices):
        NEW = "ny", _("Ny")
        IN_PROGRESS = "behandlas", _("Behandlas")
        ANSWERED = "besvarad", _("Besvarad")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="questions", verbose_name=_("rapport")
    )
    text = bounds.bounded_text(_("frågeställning"), limit=bounds.TEXT_MEDIUM)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("ställd av"),
    )  # fmt: skip
    asked_at = models.DateTimeField(
        _("ställd"), default=timezone.now, validators=[bounds.date_in_range]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    answer = bounds.bounded_text(_("svar"), blank=True, limit=bounds.TEXT_ANSWER)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("besvarad av"),
    )  # fmt: skip
    answered_at = models.DateTimeField(
        _("besvarad"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("fråga till rådet")
        verbose_name_plural = _("frågor till rådet")

    def __str__(self) -> str:
        return self.text[:80]


class ReportReminder(models.Model):
    """One reminder about a due report, at one stage: its row is what makes it sent once."""

    class Stage(models.TextChoices):
        DAYS_14 = "14", _("14 dagar före")
        DAYS_3 = "3", _("3 dagar före")
        OVERDUE = "forsenad", _("Försenad")

    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("arbetsgrupp")
    )
    report_kind = models.CharField(_("rapport"), max_length=16, choices=Report.Kind.choices)
    # The planned status report reminded of (none for the final report).
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders",
        verbose_name=_("rapport"),
    )  # fmt: skip
    due_date = models.DateField(_("ska lämnas senast"), validators=[bounds.date_in_range])
    stage = models.CharField(_("skede"), max_length=8, choices=Stage.choices)
    recipients = models.TextField(_("mottagare"), blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(
        _("skickad"), null=True, blank=True, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("påminnelse om rapport")
        verbose_name_plural = _("påminnelser om rapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["workgroup", "report_kind", "due_date", "stage"],
                name="report_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workgroup}: {self.get_report_kind_display()} {self.due_date} ({self.stage})"
