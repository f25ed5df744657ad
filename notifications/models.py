"""Notifications by e-mail: one row per recipient and event, and each person's choices."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a notification is about; who gets it and the default choice are in `kinds`."""

    ACTIVITY_RAISED = "activity_raised", _("Aktivitet lyft till nationell nivå")
    RAISE_ANSWERED = "raise_answered", _("Svar på en lyft aktivitet")
    SURVEY_CLOSING = "survey_closing", _("Enkät som snart stänger")
    QUESTION_ASKED = "question_asked", _("Fråga från en arbetsgrupp")
    QUESTION_ANSWERED = "question_answered", _("Svar på en arbetsgrupps fråga")
    REPORT_REMINDER = "report_reminder", _("Påminnelse om en arbetsgrupps rapport")
    REPORT_READY = "report_ready", _("Årsrapport klar")
    ROUND_REMINDER = "round_reminder", _("Påminnelse om en prioriteringsrunda")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Direkt")
    DIGEST = "digest", _("I en daglig sammanfattning")
    NEVER = "never", _("Aldrig")


class Notification(models.Model):
    """One e-mail (or one line of a digest) to one person about one event.

    Its key (kind, object, event, recipient) is unique: an event that fires twice makes one
    row, and the row's lock and `sent_at` make it sent once however often its task runs."""

    kind = models.CharField(_("typ"), max_length=32, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("objekt"))
    # What happened to the object, when it can happen more than once (an answer's time).
    event = models.CharField(_("händelse"), max_length=64, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="notifications", verbose_name=_("mottagare"),
    )  # fmt: skip
    # A workgroup contact without a login is told by address, always at once.
    email = models.EmailField(_("e-postadress"), blank=True)
    delivery = models.CharField(
        _("leverans"), max_length=16, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("avisering")
        verbose_name_plural = _("aviseringar")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "event", "recipient"],
                condition=Q(recipient__isnull=False),
                name="notification_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["kind", "object_id", "event", "email"],
                condition=Q(recipient__isnull=True),
                name="notification_once_per_address",
            ),
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(email=""),
                name="notification_has_a_recipient",
            ),
            models.CheckConstraint(
                condition=~Q(delivery="never"), name="notification_is_delivered"
            ),
        ]
        indexes = [
            models.Index(
                fields=["delivery", "recipient"],
                condition=Q(sent_at__isnull=True),
                name="notification_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient or self.email}"


class Preference(models.Model):
    """A person's choice for one kind, stored only where it differs from the default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
        related_name="notification_preferences", verbose_name=_("person"),
    )  # fmt: skip
    kind = models.CharField(_("typ"), max_length=32, choices=Kind.choices)
    delivery = models.CharField(_("leverans"), max_length=16, choices=Delivery.choices)

    class Meta:
        ordering = ["user", "kind"]
        verbose_name = _("val för aviseringar")
        verbose_name_plural = _("val för aviseringar")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="preference_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} – {self.get_delivery_display()}"
