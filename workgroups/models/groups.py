"""A workgroup and the people in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, FocusArea
from councils.models import Council
from vkr_portal import bounds

QUARTER_HELP = _("T.ex. 2022Q3")


class Workgroup(models.Model):
    """A group a council sets up to carry out activities of its plan."""

    class Status(models.TextChoices):
        PLANNED = "planerad", _("Planerad")
        ACTIVE = "aktiv", _("Aktiv")
        CLOSED = "avslutad", _("Avslutad")

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="workgroups", verbose_name=_("råd")
    )
    name = models.CharField(_("namn"), max_length=200)
    mandate = bounds.bounded_text(_("uppdrag"), blank=True, limit=bounds.TEXT_MEDIUM)
    purpose = bounds.bounded_text(_("syfte"), blank=True, limit=bounds.TEXT_MEDIUM)
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="workgroups",
        verbose_name=_("fokusområde"),
    )  # fmt: skip
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="workgroups", verbose_name=_("aktiviteter i planen"),
        help_text=_("Aktiviteterna i rådets plan som gruppen genomför."),
    )  # fmt: skip
    surveys = models.ManyToManyField(
        "surveys.Survey", blank=True, related_name="workgroups", verbose_name=_("enkäter"),
        help_text=_("Rådets enkäter som gruppen arbetar med."),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    start_date = models.DateField(
        _("startdatum"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    final_report_due = models.DateField(
        _("slutrapport senast"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["council", "name"]
        verbose_name = _("arbetsgrupp")
        verbose_name_plural = _("arbetsgrupper")
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="workgroup_council_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workgroups:detail", kwargs={"slug": self.council.slug, "pk": self.pk})


class Member(models.Model):
    """A person in a workgroup: a user of the portal, or a contact without a login."""

    class Role(models.TextChoices):
        CONVENOR = "sammankallande", _("Sammankallande")
        MEMBER = "ledamot", _("Ledamot")
        COOPTED = "adjungerad", _("Adjungerad")

    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("arbetsgrupp")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="workgroup_memberships", verbose_name=_("användare"),
        help_text=_("Tomt för en kontakt utan inloggning."),
    )  # fmt: skip
    name = models.CharField(_("namn"), max_length=200, blank=True)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-postadress"), max_length=bounds.EMAIL_MAX, blank=True)
    role = models.CharField(_("roll"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(
        _("från"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    end_date = models.DateField(_("till"), null=True, blank=True, validators=[bounds.date_in_range])
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["workgroup", "pk"]
        verbose_name = _("gruppmedlem")
        verbose_name_plural = _("gruppmedlemmar")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="workgroup_member_named"
            ),
            models.UniqueConstraint(
                fields=["workgroup", "user"],
                condition=Q(user__isnull=False),
                name="workgroup_member_user_once",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="workgroup_member_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.full_name if self.user_id else self.name

    @property
    def display_title(self) -> str:
        return self.title or (self.user.title if self.user_id else "")

    @property
    def display_organisation(self) -> str:
        if self.organisation:
            return self.organisation
        if self.user_id and self.user.organisation_id:
            return self.user.organisation.name
        return ""

    @property
    def contact_email(self) -> str:
        return self.user.email if self.user_id else self.email

    def is_current(self, day=None) -> bool:
        day = day or timezone.localdate()
        started = self.start_date is None or self.start_date <= day
        return started and (self.end_date is None or self.end_date >= day)
