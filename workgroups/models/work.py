"""The group's goals table and its meetings."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from vkr_portal import bounds

from .groups import QUARTER_HELP, Workgroup


class Goal(models.Model):
    """A row of the group's goals table: Mål | Aktivitet | Ansvarig | Tidplan."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Ej påbörjad")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Klar")
        PAUSED = "paused", _("Pausad")

    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="goals", verbose_name=_("arbetsgrupp")
    )
    order = models.PositiveIntegerField(_("ordning"), default=0)
    goal = bounds.bounded_text(_("mål"), limit=bounds.TEXT_MEDIUM)
    activity = bounds.bounded_text(_("aktivitet"), blank=True, limit=bounds.TEXT_MEDIUM)
    responsible = models.CharField(_("ansvarig"), max_length=200, blank=True)
    timeline = models.CharField(_("tidplan"), max_length=200, blank=True)
    start_quarter = models.CharField(
        _("startkvartal"), max_length=7, blank=True, help_text=QUARTER_HELP
    )
    end_quarter = models.CharField(
        _("slutkvartal"), max_length=7, blank=True, help_text=_("T.ex. 2022Q4")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    follow_up = bounds.bounded_text(_("uppföljning"), blank=True, limit=bounds.TEXT_MEDIUM)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["order", "updated_at"])

    class Meta:
        ordering = ["workgroup", "order", "pk"]
        verbose_name = _("mål")
        verbose_name_plural = _("mål")

    def __str__(self) -> str:
        return self.goal[:80]


class Meeting(models.Model):
    """A meeting of the group, with its agenda and minutes."""

    class Form(models.TextChoices):
        DIGITAL = "digitalt", _("Digitalt")
        ON_SITE = "pa_plats", _("På plats")
        HYBRID = "hybrid", _("Hybrid")

    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("arbetsgrupp")
    )
    title = models.CharField(_("rubrik"), max_length=200)
    starts_at = models.DateTimeField(_("börjar"), validators=[bounds.date_in_range])
    ends_at = models.DateTimeField(_("slutar"), validators=[bounds.date_in_range])
    form = models.CharField(_("form"), max_length=12, choices=Form.choices, default=Form.DIGITAL)
    place = models.CharField(_("plats"), max_length=300, blank=True)
    link = models.URLField(_("länk till mötet"), max_length=500, blank=True)
    agenda = bounds.bounded_text(_("dagordning"), blank=True, limit=bounds.TEXT_LONG)
    minutes = bounds.bounded_text(_("minnesanteckningar"), blank=True, limit=bounds.TEXT_LONG)
    # The calendar event's UID: the same event in Outlook however often it is downloaded.
    uid = models.UUIDField(_("kalender-id"), default=uuid.uuid4, editable=False, unique=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["workgroup", "starts_at"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        indexes = [models.Index(fields=["workgroup", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "workgroups:meeting",
            kwargs={
                "slug": self.workgroup.council.slug,
                "pk": self.workgroup_id,
                "meeting_pk": self.pk,
            },
        )
