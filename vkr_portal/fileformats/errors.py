"""The errors an import reports: by row and column, at most MAX_ERRORS of them plus a count
of the rest, and never a whole cell quoted back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A file of 5,000 bad lines once gave an error page of 33 MB: nobody reads past the first few.
MAX_ERRORS = 20
# A value from the file quoted in a message, or a column named by the file's own header.
QUOTE_MAX = 80


def quoted(value: object) -> str:
    """A value from the file as a message quotes it: cut to QUOTE_MAX characters."""
    text = str(value)
    return text if len(text) <= QUOTE_MAX else text[: QUOTE_MAX - 1].rstrip() + "…"


@dataclass(frozen=True)
class RowError:
    """One problem in a file: its row as Excel numbers it (the header is 1) and its column."""

    row: int | None
    column: str | None
    message: str

    def __post_init__(self) -> None:
        # The column is often the file's own header text, which may be as long as any cell.
        if self.column:
            object.__setattr__(self, "column", quoted(self.column))

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("Rad %(row)s, kolumn ”%(column)s”: %(message)s") % {
                "row": self.row, "column": self.column, "message": self.message,
            }  # fmt: skip
        if self.row is not None:
            return _("Rad %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


class RowErrors:
    """The errors found in a file: the first MAX_ERRORS kept, the rest only counted.

    `len()` is the count of all of them, so "were there errors in this row" still works."""

    def __init__(self, errors: Iterable[RowError] = ()):
        self.kept: list[RowError] = []
        self.count = 0
        self.extend(errors)

    def append(self, error: RowError) -> None:
        self.count += 1
        if len(self.kept) < MAX_ERRORS:
            self.kept.append(error)

    def extend(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            self.append(error)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[RowError]:
        return iter(self.kept)

    @property
    def more(self) -> int:
        """How many errors there are besides the ones kept."""
        return self.count - len(self.kept)


class ImportFileError(Exception):
    """The file cannot be imported; `errors` lists the first problems found in it, `more`
    counts the others."""

    def __init__(self, errors: Iterable[RowError], more: int = 0):
        found = errors if isinstance(errors, RowErrors) else RowErrors(errors)
        self.errors = list(found.kept)
        self.more = found.more + more
        super().__init__("\n".join(str(error) for error in self.errors))


def file_error(message: str) -> ImportFileError:
    """An error about the whole file, not one of its rows."""
    return ImportFileError([RowError(row=None, column=None, message=message)])


def error_lines(messages: list[str]) -> list[str]:
    """The first MAX_ERRORS messages, then one line that counts the rest."""
    if len(messages) <= MAX_ERRORS:
        return list(messages)
    more = len(messages) - MAX_ERRORS
    rest = ngettext("… och %(n)s fel till.", "… och %(n)s fel till.", more) % {"n": more}
    return [*messages[:MAX_ERRORS], rest]
