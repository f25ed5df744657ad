"""Log filters: a link's token opens a survey draft or a password form, so no log line shows it.

Django logs the path of every 4xx/5xx response ("Not Found: /svara/<token>/"), runserver and
gunicorn print request lines; settings.LOGGING puts this filter on those loggers and on the
handler every record ends in.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[token]"
# The survey link (surveys:link, "svara/<token>/") and Django's password reset link
# ("konto/aterstall/<uidb64>/<token>/", whose follow-up page is ".../set-password/").
_TOKEN_PATHS = [
    re.compile(r"(/svara/)[^/\s?#\"']+"),
    re.compile(r"(/konto/aterstall/[^/\s?#\"']+/)(?!set-password/)[^/\s?#\"']+(?=/)"),
]


def redact_tokens(text: str) -> str:
    """The text with the token of every link path in it replaced by a placeholder."""
    for pattern in _TOKEN_PATHS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


class RedactTokensFilter(logging.Filter):
    """Rewrites a record whose message holds a link token; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
