"""Prioritisation rounds: before a council sets its plan's colours, every member (or every
discussion group) marks each activity green, yellow or red; the spread of the marks shows the
meeting where it disagrees, and the chair's decision is what the plan keeps.

A round's `revision` grows by one with every mark and decision, under the round's row lock:
it is the ETag of every live view of the round, and its events (one per revision) are what a
screen that was at an older revision is told."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityPlan, FocusArea
from councils.models import Council
from vkr_portal import bounds


class Colour(models.TextChoices):
    """A mark: the plan's three priorities and "vet ej"."""

    GREEN = "green", _("Grön")
    YELLOW = "yellow", _("Gul")
    RED = "red", _("Röd")
    UNKNOWN = "unknown", _("Vet ej")


class DiscussionGroup(models.Model):
    """A council's discussion group (”Grupp Hans”, ”Arbetsutskottet”): a few of its members
    who discuss the draft plan together and mark it as one."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="discussion_groups",
        verbose_name=_("råd"),
    )  # fmt: skip
    name = models.CharField(_("namn"), max_length=100)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="discussion_groups", blank=True,
        verbose_name=_("medlemmar"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["council", "name"]
        verbose_name = _("diskussionsgrupp")
        verbose_name_plural = _("diskussionsgrupper")
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="discussion_group_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """One prioritisation round on a plan: who marks, what, until when."""

    class Mode(models.TextChoices):
        MEMBERS = "members", _("Alla ledamöter var för sig")
        GROUPS = "groups", _("Diskussionsgrupper, en markering per grupp")

    plan = models.ForeignKey(
        ActivityPlan, on_delete=models.CASCADE, related_name="prioritisation_rounds",
        verbose_name=_("aktivitetsplan"),
    )  # fmt: skip
    title = models.CharField(_("rubrik"), max_length=200)
    mode = models.CharField(_("deltagare"), max_length=16, choices=Mode.choices)
    # The activities in scope: those of these focus areas; none chosen is all of the plan.
    focus_areas = models.ManyToManyField(
        FocusArea, related_name="+", blank=True, verbose_name=_("fokusområden")
    )
    closes_at = models.DateTimeField(_("stänger"), validators=[bounds.date_in_range])
    closed_at = models.DateTimeField(
        _("stängd"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("öppnad av"),
    )  # fmt: skip
    opened_at = models.DateTimeField(
        _("öppnad"), default=timezone.now, validators=[bounds.date_in_range]
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    changed_at = models.DateTimeField(
        _("senast ändrad"), default=timezone.now, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["plan", "-opened_at", "-pk"]
        verbose_name = _("prioriteringsrunda")
        verbose_name_plural = _("prioriteringsrundor")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "prioritisation:round",
            kwargs={"slug": self.plan.council.slug, "year": self.plan.year, "pk": self.pk},
        )

    @property
    def ends_at(self):
        """When marking ends: closed early, or the closing time."""
        return self.closed_at or self.closes_at

    def is_open(self, now=None) -> bool:
        return self.closed_at is None and (now or timezone.now()) < self.closes_at


class Voter(models.Model):
    """Who marks in a round: a member (for themselves) or a discussion group (one mark per
    group, by any of its members). Fixed when the round opens."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="voters", verbose_name=_("runda")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("ledamot"),
    )  # fmt: skip
    group = models.ForeignKey(
        DiscussionGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="voters",
        verbose_name=_("grupp"),
    )  # fmt: skip
    name = models.CharField(_("namn"), max_length=200)
    reminded_at = models.DateTimeField(
        _("påmind"), null=True, blank=True, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["round", "name", "pk"]
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=True, group__isnull=False)
                | Q(user__isnull=False, group__isnull=True),
                name="voter_member_or_group",
            ),
            models.UniqueConstraint(
                fields=["round", "user"], condition=Q(user__isnull=False), name="voter_user_once"
            ),
            models.UniqueConstraint(
                fields=["round", "group"],
                condition=Q(group__isnull=False),
                name="voter_group_once",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.name


class Mark(models.Model):
    """One voter's mark of one activity: its colour, a comment, a suggested focus area."""

    voter = models.ForeignKey(
        Voter, on_delete=models.CASCADE, related_name="marks", verbose_name=_("deltagare")
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="round_marks",
        verbose_name=_("aktivitet"),
    )  # fmt: skip
    colour = models.CharField(_("markering"), max_length=8, choices=Colour.choices)
    comment = bounds.bounded_text(_("kommentar"), blank=True, limit=bounds.TEXT_MEDIUM)
    move_to = models.ForeignKey(
        FocusArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("flytta till fokusområde"),
    )  # fmt: skip
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("markerad av"),
    )  # fmt: skip
    marked_at = models.DateTimeField(
        _("markerad"), default=timezone.now, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["voter", "activity"]
        verbose_name = _("markering")
        verbose_name_plural = _("markeringar")
        constraints = [
            models.UniqueConstraint(fields=["voter", "activity"], name="mark_once_per_voter"),
        ]

    def __str__(self) -> str:
        return f"{self.voter}: {self.get_colour_display()}"


class Decision(models.Model):
    """The chair's (or the secretariat's) final priority for an activity in a round: what the
    plan shows. `version` grows with each change, so a decision made on an older one is
    refused."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("runda")
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="round_decisions",
        verbose_name=_("aktivitet"),
    )  # fmt: skip
    priority = models.CharField(_("prioritet"), max_length=8, choices=Activity.Priority.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("beslutad av"),
    )  # fmt: skip
    decided_at = models.DateTimeField(
        _("beslutad"), default=timezone.now, validators=[bounds.date_in_range]
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        ordering = ["round", "activity"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        constraints = [
            models.UniqueConstraint(fields=["round", "activity"], name="decision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.get_priority_display()}"


class Event(models.Model):
    """What happened at one revision of a round, for the live views' announcements."""

    class Kind(models.TextChoices):
        MARK = "mark", _("Markering")
        DECISION = "decision", _("Beslut")
        MOVE = "move", _("Flyttad")
        CLOSED = "closed", _("Stängd")

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="events", verbose_name=_("runda")
    )
    revision = models.PositiveIntegerField(_("revision"))
    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("av"),
    )  # fmt: skip
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("aktivitet"),
    )  # fmt: skip
    voter_name = models.CharField(_("deltagare"), max_length=200, blank=True)
    value = models.CharField(_("värde"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("antal"), default=1)
    created_at = models.DateTimeField(
        _("tid"), default=timezone.now, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["round", "revision"]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")
        constraints = [
            models.UniqueConstraint(fields=["round", "revision"], name="event_once_per_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.round} #{self.revision}"
