"""The contact register: each organisation's addresses per role, kept once.

Every survey round takes its recipients' addresses from here, and the `kod;e-post` import of a
round writes here. The secretariat of an organisation's healthcare region keeps it; the
organisation's page of addresses is saved as a whole, on the version it was opened on.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from councils.models import Organisation
from vkr_portal import bounds

from .roles import ContactRole


class Contact(models.Model):
    """One address of an organisation for one role, optionally with the person's name."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts",
        verbose_name=_("organisation"),
    )  # fmt: skip
    role = models.CharField(_("roll"), max_length=20, choices=ContactRole.choices)
    email = models.EmailField(_("e-postadress"), max_length=bounds.EMAIL_MAX)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("tillagd"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "role", "email"]
        verbose_name = _("kontaktadress")
        verbose_name_plural = _("kontaktadresser")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "role", "email"], name="contact_once_per_role"
            ),
            # Kept once means compared lower-case: the services store addresses so.
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="contact_email_lower_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.email} ({self.get_role_display()})"


class ContactBook(models.Model):
    """An organisation's page of addresses: its version, and who changed it last."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="contact_book",
        verbose_name=_("organisation"),
    )  # fmt: skip
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(
        _("senast ändrad"), null=True, blank=True, validators=[bounds.date_in_range]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("ändrad av"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("kontaktuppgifter för organisation")
        verbose_name_plural = _("kontaktuppgifter för organisationer")

    def __str__(self) -> str:
        return str(self.organisation)
