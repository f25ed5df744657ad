"""One-time keys of creating forms: the same form sent twice creates one thing.

Every form that creates something carries a key made when the form was shown. The service
that creates claims the key in its own transaction; the database keeps a key once, so a
double click, a resent POST or two tabs sending the same form give one row and the second
request is told where the first one's result is.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vkr_portal import bounds


class IdempotencyKey(models.Model):
    key = models.UUIDField(_("nyckel"), unique=True)
    scope = models.CharField(_("formulär"), max_length=100)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="+", verbose_name=_("användare"),
    )  # fmt: skip
    # Where the first request's result is shown: the second request is sent there.
    result_url = models.CharField(_("resultat"), max_length=500, blank=True)
    created_at = models.DateTimeField(
        _("använd"), default=timezone.now, db_index=True, validators=[bounds.date_in_range]
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("engångsnyckel")
        verbose_name_plural = _("engångsnycklar")

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
