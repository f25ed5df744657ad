"""The secretariat's texts: plain text with paragraphs and lists, never HTML.

A blank line ends a paragraph; lines that begin with "- ", "* " or "• " make a bulleted list,
lines that begin with "1. " (any number) a numbered one. Everything is escaped by the
template that shows the blocks, so a text can contain "<img …>" and it prints as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


@dataclass
class Block:
    kind: str  # "p", "ul" or "ol"
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


def blocks(text: str) -> list[Block]:
    result: list[Block] = []
    current: Block | None = None
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            current = None
            continue
        bullet, numbered = BULLET.match(line), NUMBERED.match(line)
        kind, content = (
            ("ul", bullet[1]) if bullet else ("ol", numbered[1]) if numbered else ("p", line)
        )
        if current is not None and current.kind == kind:
            current.lines.append(content)
        elif current is not None and current.kind != "p" and kind == "p":
            # A line under a list item without a marker continues that item.
            current.lines[-1] = f"{current.lines[-1]} {content}"
        else:
            current = Block(kind, [content])
            result.append(current)
    return result
