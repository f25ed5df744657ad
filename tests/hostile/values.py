"""The hostile values: what an attacker or a careless user sends to a field of each kind, and
the malformed bodies sent to every form.

A value is a `Value(label, data)`: `data` is a list of strings (one entry per time the field is
sent), MISSING (the field is left out) or raw bytes (sent undecoded, invalid UTF-8).
"""

from __future__ import annotations

from dataclasses import dataclass

from .html_forms import (
    CHECKBOX,
    CHOICE,
    DATE,
    DATETIME,
    EMAIL,
    FILE,
    HIDDEN,
    MULTIPLE,
    NUMBER,
    PASSWORD,
    SUBMIT,
    TEXT,
    TIME,
)

MISSING = object()
# A submit button that only says "send" (one value): its value carries nothing to sweep.
BUTTON = "button"

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTRIBUTE = '"><img src=x onerror=alert(1)>'
# What must never reach a page unescaped: the payloads' markup as the browser would run it.
RAW_MARKUP = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
FORMULA = '=HYPERLINK("http://x","y")'
INVALID_UTF8 = b"\xff\xfe\xc3\x28 \xed\xa0\x80"
# Larger than any bigint: the classic "integer out of range" of a query or an insert.
BEYOND_BIGINT = "9" * 20


@dataclass(frozen=True)
class Value:
    label: str
    data: object  # list[str], MISSING or bytes
    # Once stored, could it break or poison the pages that show it? Then those pages are
    # read back after a request that stored it (what is refused, or stored like any text,
    # is judged by the form's own answer and the other council's rows alone).
    read_back: bool = False


def _v(label: str, *items: str) -> Value:
    return Value(label, list(items))


def _stored(label: str, *items: str) -> Value:
    return Value(label, list(items), read_back=True)


STRINGS = [
    _stored("10k", "x" * 10_000),
    _stored("1MB", "x" * 1_000_000),
    _v("nul", "a\x00b"),
    _stored("xss-script", XSS_SCRIPT),
    _stored("xss-attribute", XSS_ATTRIBUTE),
    _v("formula", FORMULA),
    _v("empty", ""),
    _v("spaces", "  \t "),
    _v("unicode", "Åsa 🎉 \u202eRTL\u200b ﷽"),
    _v("newlines", "a\r\nb\rc\n"),
    # Control characters pass the forms, and a spreadsheet library refuses them in a cell.
    _stored("control-characters", "a\x01b\x08c\x1bd\x7f"),
]
COMMON = [
    Value("missing", MISSING),
    Value("invalid-utf8", INVALID_UTF8),
    Value("duplicated", ["a", "b"], read_back=True),
]
NUMBERS = [
    _stored("nan", "NaN"),
    _stored("infinity", "Infinity"),
    _stored("-infinity", "-Infinity"),
    _stored("1e309", "1e309"),
    _stored("400-digits", "9" * 400),
    _stored("beyond-bigint", BEYOND_BIGINT),
    _stored("-beyond-bigint", "-" + BEYOND_BIGINT),
    _stored("negative", "-1"),
    _v("zero", "0"),
    _v("fraction", "1.5"),
    _v("comma", "1,5"),
    _v("hex", "0x10"),
    _v("non-numeric", "abc"),
]
DATES = [
    _stored("year-1", "0001-01-01"),
    _stored("year-9999", "9999-12-31"),
    _stored("1999", "1999-12-31"),
    _stored("2101", "2101-01-01"),
    _v("feb-30", "2024-02-30"),
    _v("month-13", "2024-13-01"),
    _v("short", "24-1-1"),
    _v("negative-year", "-0001-01-01"),
    _v("year-99999", "99999-01-01"),
    _v("slashes", "01/02/2024"),
    _v("non-date", "abc"),
]
DATETIMES = [
    _stored("year-1", "0001-01-01T00:00"),
    _stored("year-9999", "9999-12-31T23:59"),
    _stored("year-1-space", "0001-01-01 00:00"),
    _stored("1999", "1999-12-31T23:59"),
    _stored("2101", "2101-01-01T00:00"),
    _v("feb-30", "2024-02-30T10:00"),
    _v("hour-25", "2024-01-01T25:61"),
    _v("date-only", "2024-01-01"),
    _v("non-date", "abc"),
]
TIMES = [_v("hour-25", "25:61"), _v("non-time", "abc")]
# Ids of nothing, of no kind, and of the other council's objects (added per world).
IDS = [
    _v("no-such-id", "999999999"),
    _stored("beyond-bigint", BEYOND_BIGINT),
    _stored("negative", "-1"),
    _v("non-numeric", "abc"),
    _v("fraction", "1.5"),
]
SHORT_STRINGS = [v for v in STRINGS if v.label in ("10k", "nul", "xss-script", "empty")]


def values_for(kind: str, foreign_ids: list[Value]) -> list[Value]:
    """The hostile values for a control of this kind."""
    if kind in (TEXT, PASSWORD):
        return STRINGS + COMMON
    if kind == EMAIL:
        long_local = "a" * 64 + "@" + ".".join(["b" * 63] * 3) + ".se"  # 259 characters
        return STRINGS + COMMON + [
            _v("email-255-320", long_local),
            _v("email-322", "a" * 64 + "@" + ".".join(["b" * 63] * 4) + ".s"),
            _v("email-malformed", "a@b@c"),
            _v("email-duplicated-case", "LEDAMOT@MELLAN.TEST"),
        ]  # fmt: skip
    if kind == NUMBER:
        return NUMBERS + SHORT_STRINGS + COMMON
    if kind == DATE:
        return DATES + SHORT_STRINGS + COMMON
    if kind == DATETIME:
        return DATETIMES + SHORT_STRINGS + COMMON
    if kind == TIME:
        return TIMES + SHORT_STRINGS + COMMON
    if kind in (CHOICE, MULTIPLE, HIDDEN):
        return IDS + foreign_ids + NUMBERS[:3] + SHORT_STRINGS + COMMON
    if kind == BUTTON:
        return SHORT_STRINGS + COMMON[:1]
    if kind == SUBMIT:
        return IDS + foreign_ids + NUMBERS[:3] + SHORT_STRINGS + COMMON[:2]
    if kind == CHECKBOX:
        return [_v("false", "false"), _v("zero", "0")] + SHORT_STRINGS + COMMON
    if kind == FILE:
        return FILES
    raise ValueError(f"no hostile values for a control of kind {kind!r}")


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    content_type: str = "application/octet-stream"


# Files are the upload tests' subject; these only make sure no upload field answers 500.
FILES = [
    Value("file-empty", Upload("tom.xlsx", b"")),
    Value("file-garbage-xlsx", Upload("skrap.xlsx", bytes(range(256)) * 8)),
    Value("file-garbage-csv", Upload("skrap.csv", b"\x00\xff\xfe" * 500, "text/csv")),
    Value("file-zip-not-xlsx", Upload("fel.xlsx", b"PK\x03\x04" + b"\x00" * 200)),
    Value("file-utf16-csv", Upload("utf16.csv", "kod;e-post\n1784;a@b.se\n".encode("utf-16"))),
    # What Python's csv module refuses with csv.Error: a carriage return inside an unquoted
    # field, and a field longer than its field_size_limit (131,072).
    Value("file-csv-bare-cr", Upload("cr.csv", b"kod;namn\r\n1784;a\rb;c\r\n", "text/csv")),
    Value("file-csv-huge-field", Upload("stor.csv", b"kod;" + b"x" * 140_000 + b"\n", "text/csv")),
    Value("file-as-text", ["inte en fil"]),
    Value("missing", MISSING),
]
