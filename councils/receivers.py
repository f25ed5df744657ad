"""What happens in councils when something happens elsewhere: a login."""

from __future__ import annotations

from django.utils import timezone


def login_recorded(sender, request, user, **kwargs) -> None:
    """Django's own `update_last_login`, keeping the time before it ("since my last visit")
    and the language the person used (the language of the e-mails sent to them)."""
    user.previous_login = user.last_login
    user.last_login = timezone.now()
    fields = ["previous_login", "last_login"]
    language = getattr(request, "LANGUAGE_CODE", "") if request is not None else ""
    if language and language != user.language:
        user.language = language
        fields.append("language")
    user.save(update_fields=fields)
