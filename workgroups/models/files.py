"""Documents attached to a group, and personal calendar subscriptions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vkr_portal import bounds

from .groups import Workgroup


def document_path(document: Document, filename: str) -> str:
    """A stored name of our own: the uploaded name is only shown, never used as a path."""
    return f"workgroups/{document.workgroup_id}/{uuid.uuid4().hex}"


class Document(models.Model):
    """A file attached to a group, downloaded only through the permission-checked view."""

    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="documents", verbose_name=_("arbetsgrupp")
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil"), upload_to=document_path, max_length=255)
    filename = models.CharField(_("filnamn"), max_length=255)
    content_type = models.CharField(_("filtyp"), max_length=120)
    size = models.PositiveBigIntegerField(_("storlek"))
    sha256 = models.CharField(_("filens SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("uppladdad av"),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(
        _("uppladdad"), default=timezone.now, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["workgroup", "-uploaded_at", "-pk"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        constraints = [
            models.UniqueConstraint(fields=["workgroup", "sha256"], name="document_once_per_group"),
        ]

    def __str__(self) -> str:
        return self.title


class CalendarFeed(models.Model):
    """A person's subscription link to a group's meetings; a new nonce revokes the old link."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("användare"),
    )  # fmt: skip
    workgroup = models.ForeignKey(
        Workgroup, on_delete=models.CASCADE, related_name="calendar_feeds",
        verbose_name=_("arbetsgrupp"),
    )  # fmt: skip
    nonce = models.CharField(_("nyckel"), max_length=64)
    created_at = models.DateTimeField(_("skapad"), auto_now=True)

    class Meta:
        verbose_name = _("kalenderprenumeration")
        verbose_name_plural = _("kalenderprenumerationer")
        constraints = [
            models.UniqueConstraint(fields=["user", "workgroup"], name="calendar_feed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.workgroup}"
