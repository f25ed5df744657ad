"""Plain text functions on a plan's texts, without queries: copying a plan to next year moves
the years written in its introduction and focus-area notes along with it."""

from __future__ import annotations

import re

# The years a plan's texts speak of as "this year" and the years after it; years further on
# (a strategy period's end, say) are not the plan's and stay as written.
AHEAD = 10


def year_replaced(text: str, year: int) -> tuple[str, int]:
    """`text` with each whole-word year from `year` on moved one year forward, and how many
    were moved: "måste ske 2022 … bra om 2022 men ok även 2023" becomes "måste ske 2023 … bra
    om 2023 men ok även 2024", so what the texts say about this year and the next still holds.
    Earlier years ("sedan 2019"), years more than AHEAD on, and years inside other words or
    numbers ("2022Q3", "12022") stay as written."""
    pattern = re.compile(r"(?<![\w-])(\d{4})(?![\w-])")

    def moved(match: re.Match) -> str:
        written = int(match.group(1))
        return str(written + 1) if year <= written <= year + AHEAD else match.group(1)

    count = sum(1 for m in pattern.finditer(text or "") if year <= int(m.group(1)) <= year + AHEAD)
    return pattern.sub(moved, text or ""), count
