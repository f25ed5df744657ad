"""The national council's reports with recommendations, and how each regional council and each
organisation of its area follows them up."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models import Activity
from councils.models import Council, Organisation
from vkr_portal import bounds
from workgroups.models import Workgroup


class Actor(models.Model):
    """Whom a recommendation is addressed to: regeringen, regioner, kommuner, lärosäten or the
    regional councils."""

    class Code(models.TextChoices):
        GOVERNMENT = "regeringen", _("Regeringen")
        REGIONS = "regioner", _("Regioner")
        MUNICIPALITIES = "kommuner", _("Kommuner")
        UNIVERSITIES = "larosaten", _("Universitet och högskolor")
        COUNCILS = "regionala_rad", _("Regionala vårdkompetensråd")

    # The organisations of a council's area that a recommendation to this actor concerns.
    ORGANISATION_KINDS = {
        Code.REGIONS: Organisation.Kind.REGION,
        Code.MUNICIPALITIES: Organisation.Kind.MUNICIPALITY,
        Code.UNIVERSITIES: Organisation.Kind.UNIVERSITY,
    }

    code = models.CharField(_("kod"), max_length=20, choices=Code.choices, unique=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("mottagare")
        verbose_name_plural = _("mottagare")

    def __str__(self) -> str:
        return self.get_code_display()

    @property
    def organisation_kind(self) -> str | None:
        return self.ORGANISATION_KINDS.get(self.code)


class Publication(models.Model):
    """A report of the national council."""

    key = models.SlugField(
        _("nyckel"), max_length=80, unique=True,
        help_text=_("Fast identitet för inläsning, t.ex. nvkr-2022-03-pandemin."),
    )  # fmt: skip
    number = models.CharField(
        _("nummer"), max_length=20, blank=True, help_text=_("T.ex. 2022:1. Tomt tills det är känt.")
    )
    title = models.CharField(_("titel"), max_length=300)
    published_on = models.DateField(_("publicerad"), validators=[bounds.date_in_range])
    url = models.URLField(_("länk"), max_length=500, blank=True)
    summary = bounds.bounded_text(_("sammanfattning"), blank=True, limit=bounds.TEXT_LONG)
    # Regional workgroups whose goals follow the report up (e.g. Mellansverige's AT/BT group
    # and the national AT/BT group's report 2022:1).
    workgroups = models.ManyToManyField(
        Workgroup, blank=True, related_name="publications_followed",
        verbose_name=_("arbetsgrupper som följer upp rapporten"),
    )  # fmt: skip

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("rapport från nationella rådet")
        verbose_name_plural = _("rapporter från nationella rådet")

    def __str__(self) -> str:
        return f"{self.title} ({self.number})" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("recommendations:publication", kwargs={"pk": self.pk})


class Area(models.Model):
    """An area of a report, under which its recommendations stand."""

    class Section(models.TextChoices):
        RECOMMENDATIONS = "rekommendationer", _("Rekommendationer och bedömningar")
        LESSONS = "lardomar", _("Lärdomar och åtgärdsförslag")

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="areas", verbose_name=_("rapport")
    )
    position = models.PositiveSmallIntegerField(_("nummer"))
    section = models.CharField(
        _("del"), max_length=20, choices=Section.choices, default=Section.RECOMMENDATIONS
    )
    title = models.CharField(_("rubrik"), max_length=300)

    class Meta:
        ordering = ["publication", "position"]
        verbose_name = _("område")
        verbose_name_plural = _("områden")
        constraints = [
            models.UniqueConstraint(fields=["publication", "position"], name="area_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Recommendation(models.Model):
    """One recommendation (or assessment, or proposed measure) and whom it is addressed to."""

    class Kind(models.TextChoices):
        RECOMMENDATION = "rekommendation", _("Rekommendation")
        ASSESSMENT = "bedomning", _("Bedömning")
        MEASURE = "atgardsforslag", _("Åtgärdsförslag")

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("område")
    )
    position = models.PositiveSmallIntegerField(_("nummer"))
    kind = models.CharField(
        _("typ"), max_length=20, choices=Kind.choices, default=Kind.RECOMMENDATION
    )
    text = bounds.bounded_text(_("text"), limit=bounds.TEXT_LONG)
    addressees = models.ManyToManyField(
        Actor, blank=True, related_name="recommendations", verbose_name=_("riktad till")
    )

    class Meta:
        ordering = ["area__publication", "area__position", "position"]
        verbose_name = _("rekommendation")
        verbose_name_plural = _("rekommendationer")
        constraints = [
            models.UniqueConstraint(fields=["area", "position"], name="recommendation_position"),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} {self.text[:60]}"

    @property
    def identifier(self) -> str:
        """What people cite: the area's number and the recommendation's, e.g. "4.3"."""
        return f"{self.area.position}.{self.position}"


class FollowUp(models.Model):
    """How a regional council, or one organisation of its area, has acted on a
    recommendation."""

    class Status(models.TextChoices):
        NOT_STARTED = "ej_paborjad", _("Ej påbörjad")
        PLANNED = "planerad", _("Planerad")
        ONGOING = "pagar", _("Pågår")
        DONE = "genomford", _("Genomförd")
        NOT_APPLICABLE = "ej_aktuell", _("Ej aktuell")

    class Source(models.TextChoices):
        COUNCIL = "rad", _("Registrerad av rådet")
        ROUND = "enkat", _("Svar i uppföljningsomgång")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="follow_ups",
        verbose_name=_("rekommendation"),
    )  # fmt: skip
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("råd")
    )
    # Empty: the council's own follow-up (of a recommendation to the regional councils).
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True,
        related_name="follow_ups", verbose_name=_("organisation"),
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED
    )
    done = bounds.bounded_text(_("vad som gjorts"), blank=True, limit=bounds.TEXT_LONG)
    evidence = bounds.bounded_text(_("underlag"), blank=True, limit=bounds.TEXT_MEDIUM)
    evidence_url = models.URLField(_("länk till underlag"), max_length=500, blank=True)
    recorded_on = models.DateField(
        _("datum"), default=timezone.localdate, validators=[bounds.date_in_range]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("registrerad av"),
    )  # fmt: skip
    source = models.CharField(
        _("källa"), max_length=8, choices=Source.choices, default=Source.COUNCIL
    )
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="follow_ups", verbose_name=_("aktiviteter i planen")
    )
    workgroups = models.ManyToManyField(
        Workgroup, blank=True, related_name="follow_ups", verbose_name=_("arbetsgrupper")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["recommendation", "council", "organisation"]
        verbose_name = _("uppföljning")
        verbose_name_plural = _("uppföljningar")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "council"],
                condition=Q(organisation__isnull=True),
                name="follow_up_council_once",
            ),
            models.UniqueConstraint(
                fields=["recommendation", "council", "organisation"],
                condition=Q(organisation__isnull=False),
                name="follow_up_organisation_once",
            ),
        ]

    def __str__(self) -> str:
        who = self.organisation or self.council
        return f"{self.recommendation.identifier} – {who}: {self.get_status_display()}"


class FollowUpRound(models.Model):
    """A follow-up sent to the organisations of a council's area as a survey: one question per
    recommendation; the answers become the organisations' follow-ups."""

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="follow_up_rounds", verbose_name=_("råd")
    )
    publication = models.ForeignKey(
        Publication, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("rapport")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="+", verbose_name=_("mottagare")
    )
    survey = models.OneToOneField(
        "surveys.Survey", on_delete=models.PROTECT, related_name="follow_up_round",
        verbose_name=_("enkät"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("skapad av"),
    )  # fmt: skip

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")

    def __str__(self) -> str:
        return f"{self.council.short_name}: {self.publication} ({self.actor})"


class RoundQuestion(models.Model):
    """Which survey question of a round asks about which recommendation."""

    round = models.ForeignKey(
        FollowUpRound, on_delete=models.CASCADE, related_name="questions",
        verbose_name=_("omgång"),
    )  # fmt: skip
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("rekommendation"),
    )  # fmt: skip
    status_question = models.ForeignKey(
        "surveys.Question", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("statusfråga"),
    )  # fmt: skip
    text_question = models.ForeignKey(
        "surveys.Question", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("fritextfråga"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("fråga i omgång")
        verbose_name_plural = _("frågor i omgång")
        constraints = [
            models.UniqueConstraint(fields=["round", "recommendation"], name="round_question_once")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.recommendation.identifier}"
