"""Activity plans: a council's yearly plan of prioritised activities per focus area."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from councils.models import Council
from vkr_portal import bounds

from . import quarters


class FocusArea(models.Model):
    """A focus area: from the national catalogue (no council) or defined by one council."""

    council = models.ForeignKey(
        Council,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="focus_areas",
        verbose_name=_("råd"),
        help_text=_("Tomt för fokusområden i den nationella katalogen."),
    )
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    description = bounds.bounded_text(_("beskrivning"), blank=True, limit=bounds.TEXT_MEDIUM)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("fokusområde")
        verbose_name_plural = _("fokusområden")
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=Q(council__isnull=True), name="focus_area_national_name"
            ),
            models.UniqueConstraint(fields=["council", "name"], name="focus_area_council_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ActivityPlan(models.Model):
    """One council's activity plan for one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Fastställd")

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="activity_plans", verbose_name=_("råd")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    intro = bounds.bounded_text(_("inledning"), blank=True, limit=bounds.TEXT_LONG)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    adopted_on = models.DateField(
        _("fastställd den"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("kopierad från"),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, through="PlanFocusArea", related_name="plans", verbose_name=_("fokusområden")
    )

    class Meta:
        ordering = ["council", "-year"]
        verbose_name = _("aktivitetsplan")
        verbose_name_plural = _("aktivitetsplaner")
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="activity_plan_council_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="activity_plan_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council.short_name} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("activities:plan", kwargs={"slug": self.council.slug, "year": self.year})


class PlanFocusArea(models.Model):
    """A focus area chosen for a plan, in the plan's order, with the plan's note on it."""

    plan = models.ForeignKey(
        ActivityPlan, on_delete=models.CASCADE, related_name="plan_focus_areas",
        verbose_name=_("aktivitetsplan"),
    )  # fmt: skip
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="plan_choices",
        verbose_name=_("fokusområde"),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    note = models.CharField(
        _("anteckning"),
        max_length=300,
        blank=True,
        help_text=_("T.ex. ”Alla jobbar med frågan” eller ”nationell arbetsgrupp 2022”."),
    )

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("fokusområde i plan")
        verbose_name_plural = _("fokusområden i plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "focus_area"], name="plan_focus_area_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.focus_area}"


class Activity(models.Model):
    """One row of the plan: the seed's five columns, priority, progress and national raise."""

    class Priority(models.TextChoices):
        GREEN = "green", _("Grön")
        YELLOW = "yellow", _("Gul")
        RED = "red", _("Röd")
        UNSET = "unset", _("Ej satt")

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Ej påbörjad")
        ONGOING = "ongoing", _("Pågår")
        DONE = "done", _("Klar")
        PAUSED = "paused", _("Pausad")

    plan = models.ForeignKey(
        ActivityPlan, on_delete=models.CASCADE, related_name="activities",
        verbose_name=_("aktivitetsplan"),
    )  # fmt: skip
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="activities",
        verbose_name=_("fokusområde"),
    )  # fmt: skip
    order = models.PositiveIntegerField(_("ordning"), default=0)
    title = models.CharField(_("aktivitet"), max_length=300)
    implementation = models.CharField(_("genomförande"), max_length=300, blank=True)
    # The timeline is its start and end quarter; this is only a comment shown after them.
    timeline = models.CharField(_("kommentar till tidplan"), max_length=200, blank=True)
    start_quarter = models.CharField(
        _("startkvartal"), max_length=7, blank=True, help_text=_("T.ex. 2022Q3")
    )
    end_quarter = models.CharField(
        _("slutkvartal"), max_length=7, blank=True, help_text=_("T.ex. 2022Q4")
    )
    content = bounds.bounded_text(_("innehåll"), blank=True, limit=bounds.TEXT_LONG)
    follow_up = bounds.bounded_text(_("uppföljning – när"), blank=True, limit=bounds.TEXT_MEDIUM)
    priority = models.CharField(
        _("prioritet"), max_length=8, choices=Priority.choices, default=Priority.UNSET
    )
    progress = models.CharField(
        _("status"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for",
        verbose_name=_("ansvarig"),
    )
    carried_over_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_over_to",
        verbose_name=_("överförd från"),
    )
    # Bumped by every save through the services: a form that carries an older version is stale.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["order", "updated_at"])

    class Meta:
        ordering = ["plan", "focus_area", "order", "pk"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        indexes = [models.Index(fields=["plan", "focus_area", "order"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "activities:activity",
            kwargs={"slug": self.plan.council.slug, "year": self.plan.year, "pk": self.pk},
        )

    @property
    def timeline_label(self) -> str:
        """The timeline as shown everywhere: "Q2 2022", "Q3–Q4 2022", "Q4 2022–Q1 2023"."""
        return quarters.label(self.start_quarter, self.end_quarter)

    @property
    def is_late(self) -> bool:
        """Carried into this plan from an earlier year, not done, and its end quarter has
        passed: before the plan's year began, or (in the current year's plan) before the
        quarter we are in now. Reads `plan.year`, so select the plan with the activity."""
        if not self.carried_over_from_id or self.progress == self.Progress.DONE:
            return False
        if not quarters.split(self.end_quarter):
            return False
        due = quarters.quarter(self.plan.year, 1)
        now = quarters.current_quarter()
        if quarters.split(now)[0] == self.plan.year:
            due = now
        return quarters.split(self.end_quarter) < quarters.split(due)


class ActivityNote(models.Model):
    """A remark on an activity from a discussion group or a person."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="notes", verbose_name=_("aktivitet")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity_notes",
        verbose_name=_("författare"),
    )
    group_name = models.CharField(
        _("grupp"), max_length=100, blank=True, help_text=_("T.ex. ”Grupp Maria”.")
    )
    text = bounds.bounded_text(_("anteckning"), limit=bounds.TEXT_LONG)
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)

    class Meta:
        ordering = ["activity", "created_at"]
        verbose_name = _("anteckning")
        verbose_name_plural = _("anteckningar")

    def __str__(self) -> str:
        return self.text[:60]


class NationalRaise(models.Model):
    """An activity raised to the national council, and the national council's answer."""

    class Status(models.TextChoices):
        RAISED = "raised", _("Lyft")
        RECEIVED = "received", _("Mottagen")
        IN_PROGRESS = "in_progress", _("Under behandling")
        ANSWERED = "answered", _("Besvarad")

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="national_raise",
        verbose_name=_("aktivitet"),
    )  # fmt: skip
    motivation = bounds.bounded_text(_("motivering"), limit=bounds.TEXT_LONG)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("lyft av"),
    )  # fmt: skip
    raised_at = models.DateTimeField(_("lyft den"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RAISED
    )
    answer = bounds.bounded_text(_("svar"), blank=True, limit=bounds.TEXT_ANSWER)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("besvarad av"),
    )  # fmt: skip
    answered_at = models.DateTimeField(
        _("besvarad den"), null=True, blank=True, validators=[bounds.date_in_range]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at"]
        verbose_name = _("lyft till nationell nivå")
        verbose_name_plural = _("lyft till nationell nivå")

    def __str__(self) -> str:
        return str(self.activity)


class PlanImport(models.Model):
    """A file imported into a plan, by its SHA-256: the same file twice is refused, not
    imported twice."""

    plan = models.ForeignKey(
        ActivityPlan, on_delete=models.CASCADE, related_name="imports", verbose_name=_("plan")
    )
    sha256 = models.CharField(_("filens SHA-256"), max_length=64)
    filename = models.CharField(_("filnamn"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("rader"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("importerad av"),
    )  # fmt: skip
    imported_at = models.DateTimeField(
        _("importerad"), default=timezone.now, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("import av fil")
        verbose_name_plural = _("importer av filer")
        constraints = [
            models.UniqueConstraint(fields=["plan", "sha256"], name="plan_import_file_once"),
        ]

    def __str__(self) -> str:
        return f"{self.plan}: {self.filename or self.sha256[:12]}"
