"""How the portal writes numbers people read: one way everywhere, in the active language."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _


def percent(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """A share as people write it: "80 %" in Swedish (a no-break space before the sign), "80%"
    in English, rounded half up; "–" for no value (nothing to divide by)."""
    if value is None or value == "":
        return "–"
    step = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(step, rounding=ROUND_HALF_UP)
    number = formats.number_format(rounded, decimal_pos=decimals, use_l10n=True)
    # Translators: a percentage; Swedish puts a no-break space before the sign, English none.
    return _("%(percent)s %%") % {"percent": number}
