"""What the workgroup forms share: the portal's form helpers (vkr_portal.forms)."""

from vkr_portal.forms import (
    QUARTER_PATTERN,
    TOO_LONG,
    VERSION_MAX,
    MoveForm,
    VersionForm,
    date_input,
    helper,
    quarter_field,
    too_long_messages,
    version_field,
)

__all__ = [
    "QUARTER_PATTERN", "TOO_LONG", "VERSION_MAX", "MoveForm", "VersionForm", "date_input",
    "helper", "quarter_field", "too_long_messages", "version_field",
]  # fmt: skip
