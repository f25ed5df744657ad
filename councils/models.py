"""Councils, the organisations they gather, the people in them and their roles."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vkr_portal import bounds


class HealthcareRegion(models.Model):
    """A sjukvårdsregion: the geography of one regional council."""

    code = models.CharField(_("kod"), max_length=32, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("sjukvårdsregion")
        verbose_name_plural = _("sjukvårdsregioner")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A region, municipality, university or other body that councils gather."""

    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "kommun", _("Kommun")
        UNIVERSITY = "larosate", _("Lärosäte")
        NATIONAL_AUTHORITY = "myndighet", _("Nationell myndighet")
        OTHER = "ovrig", _("Övrig")

    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=100, blank=True)
    # SCB kommunkod for a municipality, länskod for a region, a slug for the others.
    code = models.CharField(_("kod"), max_length=64)
    lan_code = models.CharField(_("länskod"), max_length=2, blank=True)
    lan_name = models.CharField(_("län"), max_length=100, blank=True)
    # Most organisations lie in one healthcare region; Region Halland and Linnéuniversitetet
    # lie in two.
    healthcare_regions = models.ManyToManyField(
        HealthcareRegion,
        related_name="organisations",
        verbose_name=_("sjukvårdsregioner"),
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("region"),
        help_text=_("För en kommun: regionen i samma län."),
    )
    note = bounds.bounded_text(_("anmärkning"), blank=True, limit=bounds.TEXT_MEDIUM)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="organisation_kind_code_unique"),
        ]
        indexes = [models.Index(fields=["lan_code"])]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address."""

    email = models.EmailField(_("e-postadress"), unique=True)
    full_name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("administratör"), default=False)
    date_joined = models.DateTimeField(
        _("skapad"), default=timezone.now, validators=[bounds.date_in_range]
    )
    # The language of the e-mails the portal sends this person: the one they last chose.
    language = models.CharField(
        _("språk"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # When the person logged in before this time: "since my last visit" on the start page.
    previous_login = models.DateTimeField(
        _("föregående inloggning"), null=True, blank=True, validators=[bounds.date_in_range]
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Council(models.Model):
    """Nationella vårdkompetensrådet or one of the six regional councils."""

    class Kind(models.TextChoices):
        NATIONAL = "national", _("Nationellt råd")
        REGIONAL = "regional", _("Regionalt råd")

    kind = models.CharField(_("typ"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=100)
    slug = models.SlugField(_("kortadress"), max_length=64, unique=True)
    mission = bounds.bounded_text(_("uppdrag"), blank=True, limit=bounds.TEXT_LONG)
    healthcare_region = models.OneToOneField(
        HealthcareRegion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council",
        verbose_name=_("sjukvårdsregion"),
    )
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("råd")
        verbose_name_plural = _("råd")
        constraints = [
            # A regional council covers exactly one healthcare region, the national one none.
            models.CheckConstraint(
                condition=Q(kind="national", healthcare_region__isnull=True)
                | Q(kind="regional", healthcare_region__isnull=False),
                name="council_region_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("councils:detail", kwargs={"slug": self.slug})

    @property
    def is_national(self) -> bool:
        return self.kind == self.Kind.NATIONAL


class CouncilGoal(models.Model):
    """One of a council's overall goals, in the order the council states them."""

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="goals", verbose_name=_("råd")
    )
    order = models.PositiveSmallIntegerField(_("ordning"))
    text = bounds.bounded_text(_("mål"), limit=bounds.TEXT_MEDIUM)

    class Meta:
        ordering = ["council", "order"]
        verbose_name = _("övergripande mål")
        verbose_name_plural = _("övergripande mål")
        constraints = [
            models.UniqueConstraint(fields=["council", "order"], name="council_goal_order_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        day = on or timezone.localdate()
        return self.filter(Q(start_date__lte=day) | Q(start_date__isnull=True)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Membership(models.Model):
    """A person's seat in a council: role, the party and organisation represented, dates."""

    class Role(models.TextChoices):
        CHAIR = "ordforande", _("Ordförande")
        MEMBER = "ledamot", _("Ledamot")
        SECRETARIAT = "sekretariat", _("Sekretariat")
        COOPTED = "adjungerad", _("Adjungerad")

    class Party(models.TextChoices):
        REGIONS = "regioner", _("Regioner")
        MUNICIPALITIES = "kommuner", _("Kommuner")
        UNIVERSITIES = "larosaten", _("Lärosäten")
        OTHER = "ovriga", _("Övriga")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person")
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("råd")
    )
    role = models.CharField(_("roll"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    party = models.CharField(_("part"), max_length=16, choices=Party.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    represents = models.CharField(
        _("representerar"),
        max_length=200,
        blank=True,
        help_text=_("T.ex. ”Värmlands kommuner” när ledamoten företräder flera huvudmän."),
    )
    start_date = models.DateField(
        _("startdatum"), default=timezone.localdate, validators=[bounds.date_in_range]
    )
    end_date = models.DateField(
        _("slutdatum"), null=True, blank=True, validators=[bounds.date_in_range]
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["council", "party", "user__full_name"]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            # One open seat per person and council; an ended seat may be followed by a new one.
            models.UniqueConstraint(
                fields=["user", "council"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_per_council",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.council} ({self.get_role_display()})"

    @property
    def affiliation(self) -> str:
        """The person's title and employer as shown in member lists: "HR-direktör, Region X"."""
        organisation = self.user.organisation or self.organisation
        return ", ".join(str(part) for part in (self.user.title, organisation) if part)

    @property
    def has_ended(self) -> bool:
        return self.end_date is not None and self.end_date < timezone.localdate()


class AccessibilityReport(models.Model):
    """A problem with the portal's accessibility, reported from the accessibility statement."""

    page_url = models.CharField(_("sida"), max_length=500, blank=True)
    description = bounds.bounded_text(_("beskrivning"), limit=bounds.TEXT_LONG)
    contact_email = models.EmailField(_("e-post för svar"), blank=True)
    created_at = models.DateTimeField(_("inkommen"), auto_now_add=True)
    handled = models.BooleanField(_("hanterad"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tillgänglighetsrapport")
        verbose_name_plural = _("tillgänglighetsrapporter")

    def __str__(self) -> str:
        return self.description[:60]
