"""Competence-needs surveys: questions in sections, invitations by secure link, responses.

One response per organisation and survey, enforced by the database. Invitation tokens are
stored only as a SHA-256 hash: the link itself exists only in the e-mail.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.roles import ContactRole
from councils.models import Council, Organisation
from vkr_portal import bounds


class Scale(models.Model):
    """A named ordered answer scale, e.g. Akut, vi satsar gärna … Inte aktuellt."""

    name = models.CharField(_("namn"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("skala")
        verbose_name_plural = _("skalor")

    def __str__(self) -> str:
        return self.name


class ScaleStep(models.Model):
    scale = models.ForeignKey(
        Scale, on_delete=models.CASCADE, related_name="steps", verbose_name=_("skala")
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    label = models.CharField(_("text"), max_length=200)

    class Meta:
        ordering = ["scale", "order"]
        verbose_name = _("skalsteg")
        verbose_name_plural = _("skalsteg")
        constraints = [
            models.UniqueConstraint(fields=["scale", "order"], name="scale_step_order_unique"),
        ]

    def __str__(self) -> str:
        return self.label


class Audience(models.TextChoices):
    """The kinds of organisation a survey (or one of its questions) is for."""

    MUNICIPALITIES = Organisation.Kind.MUNICIPALITY.value, _("Kommuner")
    REGIONS = Organisation.Kind.REGION.value, _("Regioner")
    UNIVERSITIES = Organisation.Kind.UNIVERSITY.value, _("Lärosäten")


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        OPEN = "open", _("Öppen")
        CLOSED = "closed", _("Stängd")

    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("råd")
    )
    title = models.CharField(_("titel"), max_length=300)
    intro = bounds.bounded_text(_("inledning"), blank=True, limit=bounds.TEXT_LONG)
    audience = models.JSONField(
        _("målgrupp"), default=list, help_text=_("Organisationstyper som enkäten skickas till.")
    )
    opens_at = models.DateTimeField(
        _("öppnar"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    closes_at = models.DateTimeField(
        _("stänger"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    results_anonymous = models.BooleanField(
        _("anonyma resultat"),
        default=False,
        help_text=_(
            "Fritextsvar visas utan organisationens namn, och inget urval visar färre än "
            "tre svarande. Sekretariatet ser ändå vilka som har svarat."
        ),
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies",
        verbose_name=_("kopierad från"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    # Raised by every change to what a respondent sees of the sections, questions, options
    # and scales: the respondent's pages remember the structure per process while it stays
    # (surveys.selectors.structure).
    structure_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enkät")
        verbose_name_plural = _("enkäter")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="survey_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", kwargs={"slug": self.council.slug, "pk": self.pk})

    def accepts_answers(self, now=None) -> bool:
        """Open, and inside its opening hours."""
        now = now or timezone.now()
        return (
            self.status == self.Status.OPEN
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or now < self.closes_at)
        )


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sections", verbose_name=_("enkät")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    title = models.CharField(_("rubrik"), max_length=300)
    description = bounds.bounded_text(_("beskrivning"), blank=True, limit=bounds.TEXT_MEDIUM)

    class Meta:
        ordering = ["survey", "order", "pk"]
        verbose_name = _("avsnitt")
        verbose_name_plural = _("avsnitt")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Skalfråga")
        SINGLE = "single", _("Enkelval")
        MULTIPLE = "multiple", _("Flerval")
        YES_NO = "yes_no", _("Ja/nej")
        NUMBER = "number", _("Tal")
        TEXT = "text", _("Fritext")

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("avsnitt")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    kind = models.CharField(_("typ"), max_length=8, choices=Kind.choices)
    text = models.CharField(_("fråga"), max_length=500)
    help_text = bounds.bounded_text(_("hjälptext"), blank=True, limit=bounds.TEXT_MEDIUM)
    required = models.BooleanField(_("obligatorisk"), default=False)
    scale = models.ForeignKey(
        Scale, on_delete=models.PROTECT, null=True, blank=True, related_name="questions",
        verbose_name=_("skala"),
    )  # fmt: skip
    visible_to = models.JSONField(
        _("visas för"), default=list, blank=True,
        help_text=_("Tomt: alla svarande. Annars bara dessa organisationstyper."),
    )  # fmt: skip

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="scale", scale__isnull=False) | ~Q(kind="scale"),
                name="question_scale_has_scale",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def visible_to_labels(self) -> list[str]:
        """The organisation kinds that see the question, by name (empty: everyone)."""
        labels = dict(Audience.choices)
        return [str(labels.get(kind, kind)) for kind in self.visible_to]

    def is_visible_to(self, organisation_kind: str) -> bool:
        return not self.visible_to or organisation_kind in self.visible_to


class Option(models.Model):
    """A choice of a single- or multiple-choice question."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("fråga")
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    label = models.CharField(_("text"), max_length=300)

    class Meta:
        ordering = ["question", "order", "pk"]
        verbose_name = _("svarsalternativ")
        verbose_name_plural = _("svarsalternativ")

    def __str__(self) -> str:
        return self.label


class Invitation(models.Model):
    """An organisation's invitation to a survey: its contacts and its secret link."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("enkät")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="survey_invitations",
        verbose_name=_("organisation"),
    )  # fmt: skip
    emails = models.JSONField(_("kontaktadresser"), default=list, blank=True)
    # SHA-256 of the token; the token itself is only ever in the e-mail.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    sent_at = models.DateTimeField(
        _("skickad"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    reminded_at = models.DateTimeField(
        _("påmind"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    revoked_at = models.DateTimeField(
        _("återkallad"), null=True, blank=True, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["survey", "organisation__name"]
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="invitation_one_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.organisation}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class InvitationEvent(models.Model):
    """Every sending of a link, reminder, resend and revocation, for the log."""

    class Kind(models.TextChoices):
        SENT = "sent", _("Skickad")
        REMINDED = "reminded", _("Påminnelse")
        RESENT = "resent", _("Ny länk skickad")
        REVOKED = "revoked", _("Länk återkallad")
        REOPENED = "reopened", _("Svar återöppnat")

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="events", verbose_name=_("inbjudan")
    )
    kind = models.CharField(_("händelse"), max_length=10, choices=Kind.choices)
    recipients = models.JSONField(_("mottagare"), default=list, blank=True)
    at = models.DateTimeField(_("tid"), default=timezone.now, validators=[bounds.date_in_range])
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("av"),
    )  # fmt: skip

    class Meta:
        ordering = ["-at"]
        verbose_name = _("utskickshändelse")
        verbose_name_plural = _("utskickslogg")

    def __str__(self) -> str:
        return f"{self.invitation}: {self.get_kind_display()}"


class Response(models.Model):
    """An organisation's answers to a survey: a draft until submitted, then read-only."""

    # The respondent's role: the roles the contact register keeps addresses for.
    Role = ContactRole

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SUBMITTED = "submitted", _("Inskickad")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("enkät")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="survey_responses",
        verbose_name=_("organisation"),
    )  # fmt: skip
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response",
        verbose_name=_("inbjudan"),
    )  # fmt: skip
    respondent_name = models.CharField(_("namn"), max_length=200, blank=True)
    respondent_role = models.CharField(_("roll"), max_length=20, choices=Role.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    started_at = models.DateTimeField(
        _("påbörjad"), default=timezone.now, validators=[bounds.date_in_range]
    )
    updated_at = models.DateTimeField(_("senast sparad"), auto_now=True)
    submitted_at = models.DateTimeField(
        _("inskickad"), null=True, blank=True, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["survey", "organisation__name"]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "organisation"], name="response_one_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} – {self.organisation}"


class Answer(models.Model):
    """One answer: a scale step, an option (one row per chosen option), a number, yes/no or
    text. Aggregation groups these rows in the database."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("svar")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("fråga")
    )
    step = models.ForeignKey(
        ScaleStep, on_delete=models.PROTECT, null=True, blank=True, related_name="answers"
    )
    option = models.ForeignKey(
        Option, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    boolean = models.BooleanField(null=True, blank=True)
    text = bounds.bounded_text(blank=True, limit=bounds.TEXT_LONG)

    class Meta:
        verbose_name = _("svar på fråga")
        verbose_name_plural = _("svar på frågor")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(option__isnull=True),
                name="answer_one_per_question",
            ),
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(option__isnull=False),
                name="answer_one_per_option",
            ),
        ]
        indexes = [
            models.Index(fields=["question", "step"]),
            models.Index(fields=["question", "option"]),
        ]

    def __str__(self) -> str:
        return f"{self.response}: {self.question}"
